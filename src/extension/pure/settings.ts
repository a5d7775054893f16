/**
 * The `homework.*` settings, validated, and the core options they give.
 * Whatever a settings file holds, the core receives sane values.
 */
import type { CheckOptions, VectorOrientation } from '../../core';

export type CheckTrigger = 'type' | 'save';

export interface HomeworkSettings {
  readonly tolerance: number;
  readonly checkOn: CheckTrigger;
  readonly vectorOrientation: VectorOrientation;
  readonly inlayValues: boolean;
  /** How long the text must be idle before the statement being typed is judged; 0 judges at once. */
  readonly quietWhileTypingMs: number;
}

const DEFAULT_SETTINGS: HomeworkSettings = {
  tolerance: 1e-9,
  checkOn: 'type',
  vectorOrientation: 'lenient',
  inlayValues: true,
  quietWhileTypingMs: 1000,
};

/** `read(key)` returns the raw configured value of `homework.<key>` or undefined. */
export function readSettings(read: (key: keyof HomeworkSettings) => unknown): HomeworkSettings {
  const tolerance = read('tolerance');
  const checkOn = read('checkOn');
  const vectorOrientation = read('vectorOrientation');
  const inlayValues = read('inlayValues');
  const quietMs = read('quietWhileTypingMs');
  return {
    tolerance:
      typeof tolerance === 'number' && Number.isFinite(tolerance) && tolerance >= 0
        ? tolerance
        : DEFAULT_SETTINGS.tolerance,
    checkOn: checkOn === 'save' || checkOn === 'type' ? checkOn : DEFAULT_SETTINGS.checkOn,
    vectorOrientation:
      vectorOrientation === 'strict' || vectorOrientation === 'lenient'
        ? vectorOrientation
        : DEFAULT_SETTINGS.vectorOrientation,
    inlayValues: typeof inlayValues === 'boolean' ? inlayValues : DEFAULT_SETTINGS.inlayValues,
    quietWhileTypingMs:
      typeof quietMs === 'number' && Number.isFinite(quietMs) && quietMs >= 0
        ? Math.min(quietMs, 10_000)
        : DEFAULT_SETTINGS.quietWhileTypingMs,
  };
}

export function checkOptions(settings: HomeworkSettings): CheckOptions {
  return { tolerance: settings.tolerance, vectorOrientation: settings.vectorOrientation };
}
