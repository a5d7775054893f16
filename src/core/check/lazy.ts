/**
 * Parts of the derivation model that only the derivations view and the
 * export read (LaTeX, formatted values, backward passes, built-ins' steps) are
 * computed on first read, not on every keystroke. The property is
 * enumerable, so `JSON.stringify` and object spread still see it.
 */
export function defineLazy<T extends object>(target: T, key: string, compute: () => unknown): void {
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = compute();
      Object.defineProperty(target, key, { value, enumerable: true, writable: false, configurable: true });
      return value;
    },
  });
}
