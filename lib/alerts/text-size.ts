/**
 * Measuring and cutting text the way each channel counts it. Every measure is additive over
 * concatenation (so a long list is measured once, line by line), and every cut falls between
 * two code points, so a message never ends in half a character.
 */
import type { SizeUnit } from './types';

const ELLIPSIS = '…';

/** Size of `text` in `unit`. `json-bytes` leaves out the two quotes JSON.stringify adds. */
export function measure(text: string, unit: SizeUnit): number {
  switch (unit) {
    case 'bytes':
      return Buffer.byteLength(text, 'utf8');
    case 'chars': {
      let count = 0;
      for (const _ of text) count += 1;
      return count;
    }
    case 'json-bytes':
      return Buffer.byteLength(JSON.stringify(text), 'utf8') - 2;
  }
}

/** `text` itself when it fits in `max`, else its longest code-point prefix that fits with "…". */
export function cutToSize(text: string, max: number, unit: SizeUnit): string {
  if (measure(text, unit) <= max) return text;
  const budget = max - measure(ELLIPSIS, unit);
  if (budget <= 0) return '';
  let used = 0;
  let out = '';
  for (const codePoint of text) {
    const size = measure(codePoint, unit);
    if (used + size > budget) break;
    used += size;
    out += codePoint;
  }
  return out + ELLIPSIS;
}

export interface FitItem {
  text: string;
  /** How many failures this line stands for, counted in the "… and N more" line when dropped. */
  failures: number;
}

/**
 * Joins `head` and as many `items` as fit within `max`, in order. When some do not fit, the
 * last line is "… and N more failures", and its own size is reserved before the cut is made.
 */
export function fitLines(
  head: string[],
  items: FitItem[],
  max: number,
  unit: SizeUnit,
  moreLine: (failures: number) => string,
): string {
  const newline = measure('\n', unit);
  const headText = cutToSize(head.join('\n'), max, unit);
  let used = measure(headText, unit);
  const all = items.reduce((sum, item) => sum + newline + measure(item.text, unit), used);
  if (all <= max) return [headText, ...items.map((item) => item.text)].join('\n');

  // Failures in items[i..]: what the "more" line reports when the cut is made before item i.
  const remaining: number[] = new Array<number>(items.length + 1).fill(0);
  for (let i = items.length - 1; i >= 0; i -= 1)
    remaining[i] = (remaining[i + 1] ?? 0) + (items[i]?.failures ?? 0);

  const lines = [headText];
  let index = 0;
  for (; index < items.length; index += 1) {
    const item = items[index] as FitItem;
    const after = remaining[index + 1] ?? 0;
    const size = newline + measure(item.text, unit);
    const reserve = after > 0 ? newline + measure(moreLine(after), unit) : 0;
    if (used + size + reserve > max) break;
    lines.push(item.text);
    used += size;
  }
  const dropped = remaining[index] ?? 0;
  const tail = moreLine(dropped);
  if (used + newline + measure(tail, unit) <= max) lines.push(tail);
  return lines.join('\n');
}
