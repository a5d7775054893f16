/**
 * Bytes of a file → homework text, or the reason it is not one. A homework
 * is UTF-8 text; a UTF-8 byte-order mark is dropped (so columns count from
 * the first character) and put back when the file is rewritten.
 *
 *   decodeHomework(Buffer.from('\u{feff}x = 1'))  // { text: 'x = 1', bom: true, clean: true }
 *   decodeHomework(Buffer.from([0xff, 0xfe, 0x78, 0x00]))  // { error: 'not a text file (UTF-16) …' }
 */

/** Files over this size are refused: see "hwcheck" in docs/language.md. */
export const MAX_FILE_BYTES = 1024 * 1024;

export type Decoded =
  | {
      readonly text: string;
      /** The file started with a UTF-8 byte-order mark. */
      readonly bom: boolean;
      /** Every byte was valid UTF-8; false when some were read as U+FFFD (the file must then not be rewritten). */
      readonly clean: boolean;
    }
  | { readonly error: string };

export function decodeHomework(bytes: Uint8Array): Decoded {
  if (bytes.length > MAX_FILE_BYTES) return { error: tooLarge(bytes.length) };
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]))
    return { error: 'not a text file (UTF-16); save it as UTF-8' };
  // NUL never occurs in text; UTF-16 without a mark is full of them.
  if (bytes.includes(0)) return { error: 'not a text file (it contains NUL bytes)' };
  const bom = startsWith(bytes, [0xef, 0xbb, 0xbf]);
  const body = bom ? bytes.subarray(3) : bytes;
  let clean = true;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    clean = false;
    text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(body);
  }
  return { text, bom, clean };
}

export function tooLarge(size: number): string {
  return `too large (${size} bytes; the limit is ${MAX_FILE_BYTES} bytes)`;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}
