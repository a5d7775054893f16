/**
 * A core diagnostic as the data of an editor diagnostic: the range, the
 * severity, the code with the link to its documentation, and related
 * information. The `vscode` adapter (`../diagnostics.ts`) only wraps this.
 */
import { diagnosticDocsAnchor, type Diagnostic, type DiagnosticCode, type LineIndex, type Severity } from '../../core';
import { spanToLineRange, type LineRange } from './ranges';

/** Where every diagnostic code is documented (an anchor per code, GitHub style: `diagnosticDocsAnchor`). */
const LANGUAGE_DOCS_URL = 'https://github.com/homework-checker/homework-checker/blob/main/docs/language.md';

export const DIAGNOSTIC_SOURCE = 'homework';

export interface DiagnosticData {
  readonly range: LineRange;
  readonly severity: Severity;
  readonly message: string;
  readonly code: { readonly value: string; readonly target: string };
  readonly related: readonly { readonly range: LineRange; readonly message: string }[];
}

export function codeDocumentationUrl(code: DiagnosticCode): string {
  return `${LANGUAGE_DOCS_URL}#${diagnosticDocsAnchor(code)}`;
}

export function toDiagnosticData(diagnostic: Diagnostic, lines: LineIndex): DiagnosticData {
  return {
    range: spanToLineRange(lines, diagnostic.span),
    severity: diagnostic.severity,
    message: diagnostic.message,
    code: { value: diagnostic.code, target: codeDocumentationUrl(diagnostic.code) },
    related: diagnostic.related.map((related) => ({
      range: spanToLineRange(lines, related.span),
      message: related.message,
    })),
  };
}
