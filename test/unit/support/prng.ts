/** Seeded randomness for generated test cases: the same seed gives the same cases on every run. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Gen {
  random: () => number;
  int(min: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  string(alphabet: readonly string[], minLength: number, maxLength: number): string;
}

export function gen(seed: number): Gen {
  const random = mulberry32(seed);
  const int = (min: number, maxInclusive: number): number =>
    min + Math.floor(random() * (maxInclusive - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;
  return {
    random,
    int,
    pick,
    chance: (probability) => random() < probability,
    string: (alphabet, minLength, maxLength) =>
      Array.from({ length: int(minLength, maxLength) }, () => pick(alphabet)).join(''),
  };
}

/** Splits a string into characters (code points), so surrogate pairs stay whole. */
export function chars(text: string): string[] {
  return Array.from(text);
}
