/**
 * The derivations view's pure half: the core's derivation model → HTML
 * parts, Markdown, and whole pages (the webview's shell, the HTML export).
 * No `vscode`, no DOM: everything here runs under plain node tests.
 */
export { escapeHtml, escapeMarkdown, splitInlineMath } from './escape';
export { hashString, contentFingerprint } from './keys';
export { renderMath, clearMathCache, WRONG_ENTRY_CLASS } from './math';
export { markedMatrixLatex, numberLatex, nameLatex, gradientLatex, relationLatex } from './viewLatex';
export {
  backwardTable,
  entryLabel,
  layoutDocument,
  layoutDocumentInSteps,
  LayoutCache,
  partAt,
  PartCache,
  placements,
  renderDocument,
  renderProseText,
  renderStatement,
  renderSummary,
  statementLatex,
  statementVerdict,
  summaryText,
  VERDICT_PRESENTATION,
} from './render';
export type { DocumentPart, LaidOutPart, RenderedDocument, RenderOptions, StatementContext } from './render';
export { renderMarkdown } from './markdown';
export { renderHeaderSummary } from './header';
export type { HeaderCounts } from './header';
export { derivationsCsp, webviewShellHtml, exportHtml, inlineCssFonts } from './page';
export { changedRange, DerivationsSession, movedRange } from './session';
export type { PageUpdate } from './session';
