/**
 * mulberry32: a small, fast pseudo-random generator, uniform in [0, 1), the
 * same sequence for a seed on every platform. Identities are sampled with
 * it so that a verdict never flickers between checks; the tests and the
 * benchmark generator use it for reproducible random input.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
