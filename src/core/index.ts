/**
 * The checker core's public surface. Pure TypeScript: nothing under
 * `src/core` imports `vscode`; the CLI, the extension and the webview are
 * adapters over these functions and the types in `model.ts`.
 */
export * from './model';
export * from './diagnosticCodes';
export { check, HomeworkChecker, solveWithSteps } from './check/checker';
export { problemSymbols, symbolsReaching } from './check/problemSymbols';
export { runSteps, type CancellationSignal, type Steps } from './check/steps';
export { EMPTY_SUMMARY, isInvitation } from './check/summaries';
export { BUILTINS } from './solvers/registry';
export type { Builtin } from './solvers/builtin';
export { DISPLAY_DIGITS, formatNumber, formatNumberLatex } from './values/numberFormat';
export { channelLines } from './values/format';
export { LineIndex } from './text/lineIndex';
export type { Span } from './text/span';
export * from './fixes';
export {
  checkSource,
  checkSourceInSteps,
  declaresHomework,
  numbersCheckedFigure,
  readSource,
  sourceFormatOfPath,
  type SourceCheckResult,
  type SourceFormat,
  type SourceSummary,
} from './formats/checkSource';
export {
  cellResult,
  checkNotebookCells,
  checkNotebookCellsInSteps,
  NotebookCheckMemo,
  type NotebookCheck,
} from './formats/notebookCells';
export { solveWithStepsInSource } from './formats/sourceSteps';
