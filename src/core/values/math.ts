/**
 * The private mathjs instance. It is used only for units (and whatever
 * special function the core may one day need); the matrix path never
 * touches it.
 *
 * Homework text never reaches mathjs by name: our own evaluator calls our
 * own code. The instance is hardened anyway, as mathjs's security notes
 * recommend: once we have taken what we need, the functions that parse or
 * extend (`import`, `createUnit`, `evaluate`, `parse`, `simplify`,
 * `derivative`, `compile`, `resolve`) are replaced by ones that throw.
 * The instance itself is never exported.
 *
 * The instance holds only the unit machinery (`create({ unitDependencies })`):
 * the rest of mathjs is not bundled, which keeps the extension under 1 MB,
 * and the functions a homework must never reach (`evaluate`, `parse`, …)
 * are not even in it. It is created lazily, on the first unit a homework
 * uses.
 */
import { create, unitDependencies, type Unit } from 'mathjs';

/** The part of mathjs's `Unit` class the core uses. */
export interface UnitClass {
  new (value: number | undefined, valuelessUnit: string): Unit;
  isValuelessUnit(name: string): boolean;
  createUnitSingle(name: string, definition?: string | object): Unit;
}

const DISABLED = ['import', 'createUnit', 'evaluate', 'parse', 'simplify', 'derivative', 'compile', 'resolve'] as const;

let unitClass: UnitClass | undefined;

function loadUnitClass(): UnitClass {
  const math = create({ unitDependencies });
  const taken = math.Unit as unknown as UnitClass;
  const disabled: Record<string, () => never> = {};
  for (const name of DISABLED) {
    disabled[name] = () => {
      throw new Error(`mathjs function ${name} is disabled in the homework checker`);
    };
  }
  // `import` is itself replaced by this call, so every override goes in at once.
  math.import(disabled, { override: true });
  return taken;
}

/** mathjs's `Unit` class from the private instance. */
export function Units(): UnitClass {
  unitClass ??= loadUnitClass();
  return unitClass;
}

/** `new Unit(value, name)` from the private instance: `makeUnit(1, 'min')`. */
export function makeUnit(value: number | undefined, name: string): Unit {
  const UnitCtor = Units();
  return new UnitCtor(value, name);
}
