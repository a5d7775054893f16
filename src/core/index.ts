/**
 * The solver core's public surface. Pure TypeScript: nothing under
 * `src/core` imports `vscode`; the CLI, the extension and the webview are
 * adapters over these functions and the types in `model.ts`.
 */
export * from './model';
export { check, HomeworkChecker, solveWithSteps } from './check/checker';
export type { Insertion } from './check/checker';
export { LineIndex } from './text/lineIndex';
export type { Span } from './text/span';
export {
  checkSource,
  declaresHomework,
  readSource,
  sourceFormatOfPath,
  type SourceCheckResult,
  type SourceFormat,
  type SourceSummary,
} from './formats/checkSource';
