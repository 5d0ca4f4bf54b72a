/**
 * The raw bytes of an HTTP body, size first: the event's string is measured before it is decoded,
 * so a hostile multi-megabyte body costs one linear scan and a 413. Base64 is checked by a plain
 * loop over its characters: the backtracking regex this replaces overflowed the stack on a
 * ~4.3 MiB body and crashed the function before any check could answer.
 */
import type { EventBody } from './http-event';

export type BodyResult =
  | { ok: true; bytes: Buffer }
  | { ok: false; statusCode: 400 | 413; reason: 'too-large' | 'bad-event'; error: string };

const tooLarge = (bytes: number, maxBytes: number, atLeast = false): BodyResult => ({
  ok: false,
  statusCode: 413,
  reason: 'too-large',
  error: `body of ${atLeast ? 'at least ' : ''}${bytes} bytes exceeds ${maxBytes} bytes`,
});

const notBase64: BodyResult = {
  ok: false,
  statusCode: 400,
  reason: 'bad-event',
  error: 'HTTP event: "body" is flagged base64 but is not',
};

const isAlphabet = (c: number) =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
const PAD = 61; // '='

/**
 * A base64 text's data characters (counted even past an invalid one, so the size is known first)
 * and whether it is base64: whitespace allowed, as MIME wraps lines; up to two `=` at the end, or
 * none. One pass, constant stack.
 */
export function scanBase64(text: string): { data: number; valid: boolean } {
  let data = 0;
  let pad = 0;
  let valid = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) continue;
    if (c === PAD) pad++;
    else if (pad > 0 || !isAlphabet(c)) valid = false;
    else data++;
  }
  if (pad > 2 || data % 4 === 1 || (pad > 0 && (data + pad) % 4 !== 0)) valid = false;
  return { data, valid };
}

export function readBody(body: EventBody, maxBytes: number): BodyResult {
  const { text } = body;
  if (!body.base64) {
    // A UTF-16 unit is at least one UTF-8 byte: a string longer than the cap is over it unmeasured.
    if (text.length > maxBytes) return tooLarge(text.length, maxBytes, true);
    const size = Buffer.byteLength(text, 'utf8');
    return size > maxBytes ? tooLarge(size, maxBytes) : { ok: true, bytes: Buffer.from(text, 'utf8') };
  }
  const { data, valid } = scanBase64(text);
  const size = Math.floor((data * 3) / 4);
  if (size > maxBytes) return tooLarge(size, maxBytes);
  if (!valid) return notBase64;
  return { ok: true, bytes: Buffer.from(text, 'base64') };
}
