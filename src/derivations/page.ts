/**
 * Whole pages: the webview's shell (the parts arrive by message) and the
 * self-contained HTML export. Pure string building; the panel adapter
 * supplies the URIs, the nonce and the file contents.
 */
import type { DocumentModel } from '../core';
import { escapeHtml } from './escape';
import { renderDocument } from './render';

/**
 * The webview's Content Security Policy.
 *
 * - `default-src 'none'`: nothing loads unless listed below (no network,
 *   no frames, no connections).
 * - `script-src 'nonce-…'`: only the one `<script>` the extension writes.
 * - `style-src ${cspSource}`: the two stylesheets (KaTeX's, ours), loaded
 *   from the extension's folders; no `<style>` elements.
 * - `style-src-attr 'unsafe-inline'`: what KaTeX truly needs. Its HTML
 *   output positions every glyph with inline `style` attributes (heights,
 *   vertical-align, margins of fractions, matrices, sub- and superscripts);
 *   CSS alone cannot replace them. Measured in Chromium 156 on the seed
 *   (`HW_CSP_EXPERIMENT=1 npm run test:browser`): without this directive
 *   all 28,494 style attributes of the page are refused (28,494
 *   `securitypolicyviolation` reports, `style-src-attr`), the rows of every
 *   matrix collapse onto one line, fractions lose their bars' spacing and
 *   the page shrinks from 11,258 to 10,095 px; with it, no violation.
 *   `style-src-attr` grants inline *attributes* only, never `<style>`
 *   elements (those still need `cspSource`), and the homework cannot write
 *   attributes: its text is escaped and `\htmlStyle` is refused by KaTeX's
 *   `trust` setting. (Webviews run a current Chromium, which has supported
 *   `style-src-attr` since version 75.)
 * - `font-src ${cspSource}`: KaTeX's fonts, bundled under `dist/katex/`.
 * - `img-src ${cspSource} data:`: KaTeX draws some large delimiters as
 *   inline SVG (allowed anyway); `data:` keeps any icon a theme inlines.
 */
export function derivationsCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    "style-src-attr 'unsafe-inline'",
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
  ].join('; ');
}

export interface ShellOptions {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  /** Fresh per page, from `crypto.randomBytes(16)`. */
  readonly nonce: string;
  /** `webview.asWebviewUri(…)` of `dist/webview.js`, `dist/katex/katex.css`, `media/derivations.css`. */
  readonly scriptUri: string;
  readonly katexCssUri: string;
  readonly stylesheetUri: string;
}

/** The webview page: header, an empty list of parts, and the script that fills it by message. */
export function webviewShellHtml(options: ShellOptions): string {
  const attribute = escapeHtml;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attribute(derivationsCsp(options.cspSource, options.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attribute(options.katexCssUri)}">
<link rel="stylesheet" href="${attribute(options.stylesheetUri)}">
<title>Derivations</title>
</head>
<body>
<header class="hw-header" id="hw-header">
<span class="hw-document-name" id="hw-document-name"></span>
<div class="hw-header-summary" id="hw-summary" role="status"></div>
</header>
<main class="hw-parts" id="hw-parts" aria-label="Derivations"></main>
<p class="hw-empty" id="hw-empty">Open a homework (.hw) file to see its derivations.</p>
<script nonce="${attribute(options.nonce)}" src="${attribute(options.scriptUri)}"></script>
</body>
</html>
`;
}

/**
 * Replaces `url(…)` of fonts in a stylesheet by `data:` URLs, so that the
 * stylesheet needs no folder beside it. Only `woff2` sources are kept (every
 * browser that runs KaTeX reads them; the `woff`/`ttf` fallbacks would
 * triple the size).
 *
 * @param readFontBase64 a font's bytes in base64, by the URL written in the CSS
 *   (relative to the stylesheet); undefined when missing (the source is dropped).
 *   The caller encodes: this layer has no `Buffer` (it runs outside Node too).
 */
export function inlineCssFonts(css: string, readFontBase64: (relativeUrl: string) => string | undefined): string {
  return css.replace(/src:([^;}]*)/g, (_whole, sources: string) => {
    const inlined: string[] = [];
    for (const source of sources.split(',')) {
      const match = /url\(\s*["']?([^"')]+)["']?\s*\)\s*format\(\s*["']?([\w-]+)["']?\s*\)/.exec(source);
      if (!match || match[2] !== 'woff2') continue;
      const base64 = readFontBase64(match[1]);
      if (!base64) continue;
      inlined.push(`url(data:font/woff2;base64,${base64}) format("woff2")`);
    }
    return `src:${inlined.join(',')}`;
  });
}

/**
 * Default values of the VS Code theme variables the stylesheet uses, for
 * the export (outside VS Code none are defined): light, and dark when the
 * reader's system prefers it.
 */
const EXPORT_THEME = `
:root {
  --vscode-font-family: system-ui, -apple-system, "Segoe UI", sans-serif;
  --vscode-font-size: 14px;
  --vscode-editor-background: #ffffff;
  --vscode-editor-foreground: #1f1f1f;
  --vscode-descriptionForeground: #616161;
  --vscode-testing-iconPassed: #388a34;
  --vscode-errorForeground: #c72e0f;
  --vscode-editorWarning-foreground: #895503;
  --vscode-editorInfo-foreground: #1a85ff;
  --vscode-textLink-foreground: #006ab1;
  --vscode-focusBorder: #005fb8;
  --vscode-panel-border: #e5e5e5;
  --vscode-editor-selectionHighlightBackground: #add6ff80;
  --vscode-diffEditor-removedTextBackground: #ff000033;
  --vscode-textCodeBlock-background: #f3f3f3;
}
@media (prefers-color-scheme: dark) {
  :root {
    --vscode-editor-background: #1f1f1f;
    --vscode-editor-foreground: #cccccc;
    --vscode-descriptionForeground: #9d9d9d;
    --vscode-testing-iconPassed: #73c991;
    --vscode-errorForeground: #f85149;
    --vscode-editorWarning-foreground: #cca700;
    --vscode-editorInfo-foreground: #3794ff;
    --vscode-textLink-foreground: #4daafc;
    --vscode-focusBorder: #0078d4;
    --vscode-panel-border: #2b2b2b;
    --vscode-editor-selectionHighlightBackground: #add6ff26;
    --vscode-diffEditor-removedTextBackground: #ff000033;
    --vscode-textCodeBlock-background: #2b2b2b;
  }
}
`;

export interface ExportOptions {
  /** KaTeX's stylesheet with its fonts already inlined (`inlineCssFonts`). */
  readonly katexCss: string;
  /** `media/derivations.css`. */
  readonly stylesheet: string;
  /** The homework's file name, for the page title when the homework has none. */
  readonly documentName: string;
}

/**
 * A self-contained HTML page: math pre-rendered, styles and fonts inlined,
 * no script at all (the `<details>` open and close natively). Its own CSP
 * forbids loading anything from anywhere.
 */
export function exportHtml(model: DocumentModel, options: ExportOptions): string {
  const rendered = renderDocument(model, { includeDocumentSummary: true });
  const title = model.title ?? options.documentName;
  // The stylesheets are ours and KaTeX's, not homework text; `</style` cannot occur in them, but make sure.
  const safeCss = (css: string): string => css.replace(/<\/style/gi, '<\\/style');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="generator" content="Homework Checker">
<title>${escapeHtml(title)} — derivations</title>
<style>${safeCss(options.katexCss)}</style>
<style>${EXPORT_THEME}${safeCss(options.stylesheet)}</style>
</head>
<body class="hw-export">
<header class="hw-header"><span class="hw-document-name">${escapeHtml(options.documentName)}</span></header>
<main class="hw-parts">
${rendered.parts.map((part) => part.html).join('\n')}
</main>
</body>
</html>
`;
}
