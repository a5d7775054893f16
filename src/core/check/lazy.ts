/**
 * Parts of the derivation model that only the derivations view and the
 * export read (LaTeX, formatted values, backward passes, built-ins' steps) are
 * computed on first read, not on every keystroke. The property is
 * enumerable, so `JSON.stringify` and object spread still see it.
 *
 * Every object shares one getter per key, and each object keeps its
 * computations under a symbol: V8 stores an accessor in the object's
 * hidden class, so a getter closure per object gave each model its own
 * class and turned it into a hash table (about 1 KB a statement). For the
 * same reason, define a lazy property as a new key, not over a placeholder.
 */
const COMPUTE = Symbol('lazy parts');

type Holder = { [COMPUTE]?: Record<string, () => unknown> };

const getters = new Map<string, (this: Holder) => unknown>();

function sharedGetter(key: string): (this: Holder) => unknown {
  let getter = getters.get(key);
  if (!getter) {
    getter = function (this: Holder) {
      const parts = this[COMPUTE]!;
      const value = parts[key]();
      // Read once: let go of the computation and all it holds (a gradient's tape, the calls of a statement).
      delete parts[key];
      Object.defineProperty(this, key, { value, enumerable: true, writable: false, configurable: true });
      return value;
    };
    getters.set(key, getter);
  }
  return getter;
}

export function defineLazy<T extends object>(target: T, key: string, compute: () => unknown): void {
  const holder = target as Holder;
  let parts = holder[COMPUTE];
  if (!parts) {
    parts = {};
    Object.defineProperty(holder, COMPUTE, { value: parts, enumerable: false, writable: false, configurable: true });
  }
  parts[key] = compute;
  Object.defineProperty(target, key, { enumerable: true, configurable: true, get: sharedGetter(key) });
}
