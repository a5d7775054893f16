/**
 * Growing the typed arrays of a token table (the `.hw` scanner's and the
 * LaTeX reader's keep kinds, offsets and flags in parallel arrays).
 *
 * Example: `grown(new Uint8Array([1, 2]), 4)` is `Uint8Array [1, 2, 0, 0]`.
 */
export function grown<T extends Uint8Array | Uint32Array>(array: T, capacity: number): T {
  const larger = new (array.constructor as new (length: number) => T)(capacity);
  larger.set(array);
  return larger;
}
