/**
 * Stable keys for the parts of the page. A key is a hash of what a part
 * shows, not of where it is, so an edit above a statement leaves the
 * statement's key (and its cached HTML) as it was.
 */

/** cyrb53: a fast 53-bit string hash, ample for the few thousand parts of one page. */
export function hashString(text: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** Fields that say where something is or which run produced it, not what it shows. */
const POSITIONAL_FIELDS = new Set(['span', 'headingSpan', 'titleSpan', 'followsFrom', 'id']);

/** JSON of a model object without its positional fields. */
export function contentFingerprint(value: unknown): string {
  return JSON.stringify(value, (field, inner: unknown) => (POSITIONAL_FIELDS.has(field) ? undefined : inner));
}

/** Hands out unique keys: the second part with the same content gets `-2`, and so on. */
export class KeyAllocator {
  private readonly seen = new Map<string, number>();

  allocate(prefix: string, content: string): string {
    const base = `${prefix}-${hashString(content)}`;
    const count = (this.seen.get(base) ?? 0) + 1;
    this.seen.set(base, count);
    return count === 1 ? base : `${base}-${count}`;
  }
}
