/**
 * Quantities: numbers with a unit (`2 min`, `3000 epoch`), on mathjs units
 * from the private instance (`math.ts`).
 *
 * A quantity is a scalar. Arithmetic keeps the units the writer used
 * (`3000 epoch × 2 min/epoch` is `6000 min`, not `360000 s`): unit lists are
 * combined by name and never handed to mathjs's automatic simplification,
 * whose choice depends on which units were parsed last. A result whose
 * dimensions cancel completely is a plain 1×1 `Matrix`.
 *
 *     declareCountUnit('epoch');
 *     const epochs = scaleQuantity(unitQuantity('epoch')!, 3000);             // 3000 epoch
 *     const rate = divQuantities(scaleQuantity(unitQuantity('min')!, 2),
 *                                unitQuantity('epoch')!);                     // 2 min/epoch
 *     mulQuantities(epochs, rate);                                            // 6000 min
 *     addQuantities(unitQuantity('min')!, unitQuantity('kg')!);               // UnitError
 *
 * Declared units live in the one mathjs instance for the life of the
 * process, so a unit one homework declared must not be seen by another:
 * `isDeclaredCountUnit` names them, and the checker accepts such a name
 * only where the homework itself declares it.
 */
import type { Unit } from 'mathjs';
import { DomainError, LimitError, UnitError } from './errors';
import { makeUnit, Units } from './math';
import { Matrix, Quantity } from './value';

/** One factor of a unit list as mathjs stores it (the published typings call `prefix` a string; it is an object). */
interface UnitFactor {
  unit: { name: string };
  prefix: { name: string };
  power: number;
}

/** Units `declareCountUnit` added to mathjs (not its own): visible only where declared. */
const declaredCountUnits = new Set<string>();

const PLAIN_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_UNIT_NAME_LENGTH = 40;

function isAcceptableName(name: string): boolean {
  // `__proto__`, `constructor`… are identifiers but name properties of every object.
  return name.length <= MAX_UNIT_NAME_LENGTH && PLAIN_IDENTIFIER.test(name) && !(name in Object.prototype);
}

function isKnownUnit(name: string): boolean {
  if (!isAcceptableName(name)) return false;
  try {
    return Units().isValuelessUnit(name);
  } catch (_notAUnit) {
    // mathjs throws a plain Error for a name it cannot read as a unit: not a unit, then.
    return false;
  }
}

/**
 * A bare unit name as the quantity `1 name`: `unitQuantity('min')` is `1 min`.
 * Undefined when mathjs knows no such unit (and for any name that is not a
 * plain identifier).
 */
export function unitQuantity(name: string): Quantity | undefined {
  if (!isKnownUnit(name)) return undefined;
  const unit = makeUnit(1, name);
  unit.skipAutomaticSimplification = true;
  return new Quantity(unit);
}

/**
 * `unit epoch`: declares a new dimensionless base unit for counts.
 * Idempotent; an existing mathjs unit name (`min`) is simply reused.
 * False for a name that is not a plain identifier.
 */
export function declareCountUnit(name: string): boolean {
  if (!isAcceptableName(name)) return false;
  if (isKnownUnit(name)) return true;
  try {
    // No definition: mathjs gives the unit a base dimension of its own.
    Units().createUnitSingle(name);
    declaredCountUnits.add(name);
    return true;
  } catch (_refused) {
    // mathjs throws a plain Error for a name it will not define: the declaration is refused,
    // and the caller reports `unit.bad-name`.
    return false;
  }
}

/** True for a unit some homework declared in this process (`unit epoch`), false for mathjs's own (`min`). */
export function isDeclaredCountUnit(name: string): boolean {
  return declaredCountUnits.has(name);
}

// ------------------------------------------------------------------ reading

function factors(unit: Unit): UnitFactor[] {
  return unit.units as unknown as UnitFactor[];
}

/** The number of a quantity in its own units: 6000 for `6000 min`. */
export function quantityNumber(q: Quantity): number {
  return q.unit.toNumber();
}

/** The unit of a quantity as `.hw` text: `min`, `min/epoch`, `kg m^2/s^2`. */
export function quantityUnitText(q: Quantity): string {
  const numerator: string[] = [];
  const denominator: string[] = [];
  for (const f of quantityUnitFactors(q)) {
    const power = Math.abs(f.power);
    (f.power > 0 ? numerator : denominator).push(power === 1 ? f.name : `${f.name}^${power}`);
  }
  let text = numerator.length > 0 ? numerator.join(' ') : '1';
  if (denominator.length === 1) text += `/${denominator[0]}`;
  else if (denominator.length > 1) text += `/(${denominator.join(' ')})`;
  return text;
}

/** True when the two quantities measure the same dimension (`min` and `h`). */
export function unitsCompatible(a: Quantity, b: Quantity): boolean {
  return a.unit.equalBase(b.unit);
}

/** `a` expressed in `b`'s units: `inUnitsOf(2 h, 30 min)` is 120. */
export function inUnitsOf(a: Quantity, b: Quantity): number {
  requireCompatible(a, b, 'compare');
  const target = b.unit.clone();
  // `to` wants a valueless target: only its unit list is read.
  (target as unknown as { value: number | null }).value = null;
  return a.unit.to(target).toNumber();
}

/**
 * Equality with a relative tolerance, after conversion to a common unit.
 * Quantities of different dimensions are never equal.
 */
export function quantityEquals(a: Quantity, b: Quantity, relTol: number): boolean {
  if (!unitsCompatible(a, b)) return false;
  const x = a.unit.value;
  const y = b.unit.value;
  if (x === y) return true;
  return Math.abs(x - y) <= relTol * Math.max(Math.abs(x), Math.abs(y));
}

/** Negative, zero or positive as `a` is less than, equal to or greater than `b`. UnitError for incompatible units. */
export function compareQuantities(a: Quantity, b: Quantity): number {
  requireCompatible(a, b, 'compare');
  return a.unit.value - b.unit.value;
}

// ------------------------------------------------------------------ arithmetic

function requireCompatible(a: Quantity, b: Quantity, verb: string): void {
  if (!a.unit.equalBase(b.unit)) {
    throw new UnitError(
      `cannot ${verb} ${quantityUnitText(a)} and ${quantityUnitText(b)}: the units measure different things`,
    );
  }
}

/** Beyond this power a unit (`g^1e29`) means nothing a homework could state. */
const MAX_UNIT_POWER = 1000;

/**
 * A quantity's value must stay a finite real number: mathjs would carry on
 * with `NaN`, `Infinity` or a `Complex`, which then reads as a value.
 */
function requireFinite(value: unknown): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new LimitError('limit.overflow', 'overflow: a quantity beyond double precision');
  }
}

/** Wraps a mathjs result: a number (dimensions cancelled) is a 1×1 matrix. */
function wrap(result: Unit | number): Quantity | Matrix {
  requireFinite(typeof result === 'number' ? result : result.value);
  if (typeof result === 'number') return Matrix.scalar(result);
  const combined = combineFactors(factors(result));
  if (combined.length === 0) return Matrix.scalar(result.value);
  (result as unknown as { units: UnitFactor[] }).units = combined;
  result.skipAutomaticSimplification = true;
  return new Quantity(result);
}

/** `epoch · min · epoch⁻¹` → `min`: equal units (same prefix) merge, zero powers drop. */
function combineFactors(list: readonly UnitFactor[]): UnitFactor[] {
  const out: UnitFactor[] = [];
  for (const f of list) {
    const same = out.find((o) => o.unit === f.unit && o.prefix === f.prefix);
    if (same) same.power += f.power;
    else out.push({ unit: f.unit, prefix: f.prefix, power: f.power });
  }
  return out.filter((f) => Math.abs(f.power) > 1e-12);
}

function withValue(q: Quantity, siValue: number): Quantity {
  requireFinite(siValue);
  const unit = q.unit.clone();
  unit.value = siValue;
  unit.skipAutomaticSimplification = true;
  return new Quantity(unit);
}

/** A quantity times a plain number: `scaleQuantity(1 epoch, 3000)` is `3000 epoch`. */
export function scaleQuantity(q: Quantity, factor: number): Quantity {
  return withValue(q, q.unit.value * factor);
}

export function addQuantities(a: Quantity, b: Quantity): Quantity {
  requireCompatible(a, b, 'add');
  return withValue(a, a.unit.value + b.unit.value);
}

export function subQuantities(a: Quantity, b: Quantity): Quantity {
  requireCompatible(a, b, 'subtract');
  return withValue(a, a.unit.value - b.unit.value);
}

export function negQuantity(a: Quantity): Quantity {
  return withValue(a, -a.unit.value);
}

export function mulQuantities(a: Quantity, b: Quantity): Quantity | Matrix {
  return wrap(a.unit.multiply(b.unit));
}

export function divQuantities(a: Quantity, b: Quantity): Quantity | Matrix {
  return wrap(a.unit.divide(b.unit));
}

/** `x / q`: a plain number over a quantity (`2 / (4 min)` is `0.5 1/min`). */
export function divNumberByQuantity(x: number, q: Quantity): Quantity | Matrix {
  const inverse = (q.unit as unknown as { pow(p: number): Unit }).pow(-1);
  inverse.value *= x;
  return wrap(inverse);
}

export function powQuantity(a: Quantity, exponent: number): Quantity | Matrix {
  if (exponent === 0) return Matrix.scalar(1);
  if (a.unit.value < 0 && !Number.isInteger(exponent)) {
    throw new DomainError(
      `a negative quantity to a fractional power is not a real number: (${quantityNumber(a)} ${quantityUnitText(a)})^${exponent}`,
    );
  }
  if (!(Math.abs(exponent) <= MAX_UNIT_POWER)) {
    throw new LimitError(
      'limit.overflow',
      `overflow: a unit to the power ${exponent} is beyond what can be represented`,
    );
  }
  return wrap((a.unit as unknown as { pow(p: number): Unit }).pow(exponent));
}

/** The unit's factors (`min/epoch` → `min^1`, `epoch^-1`), for LaTeX and other renderings. */
export function quantityUnitFactors(q: Quantity): { readonly name: string; readonly power: number }[] {
  return factors(q.unit).map((f) => ({ name: f.prefix.name + f.unit.name, power: f.power }));
}
