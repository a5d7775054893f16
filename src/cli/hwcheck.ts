/**
 * `hwcheck FILE...` — checks homework files from the command line.
 *
 *   hwcheck examples/homework1.hw           compiler-style lines and a summary
 *   hwcheck --format json a.hw b.hw         one JSON document
 *   hwcheck --fix a.hw                      applies the safe fixes in place
 *
 * Exit code: 1 if any error, 0 if none, 2 on a usage or I/O error. Only
 * `--fix` writes to a file.
 */
import * as fs from 'node:fs';
import {
  check,
  checkSource,
  declaresHomework,
  LineIndex,
  sourceFormatOfPath,
  type CheckOptions,
  type CheckResult,
  type Diagnostic,
  type SourceSummary,
  type TextEdit,
} from '../core';

const USAGE = `usage: hwcheck [--format text|json] [--fix] [--tolerance N] [--strict-orientation] [--as-homework]
               FILE...

Checks every stated result in homework files: .hw, and .md / .tex files that say they are
homework (front matter \`homework: true\`, or a first line \`<!-- homework -->\` / \`% homework\`).
  --format json          print one JSON document instead of compiler-style lines
  --as-homework          check .md and .tex files even when they do not say they are homework
  --fix                  apply every safe fix (wrong values, ?, = → ≈) in place
  --tolerance N          relative tolerance of = (default 1e-9)
  --strict-orientation   a vector written in the other orientation is a warning
  -h, --help             show this help
Exit code: 1 if any error, 0 if none, 2 on a usage or I/O error.`;

interface Arguments {
  readonly files: string[];
  readonly format: 'text' | 'json';
  readonly fix: boolean;
  readonly asHomework: boolean;
  readonly options: CheckOptions;
}

export interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly readFile: (path: string) => string;
  readonly writeFile: (path: string, text: string) => void;
  readonly color: boolean;
}

function parseArguments(argv: readonly string[]): Arguments | string {
  const files: string[] = [];
  let format: 'text' | 'json' = 'text';
  let fix = false;
  let tolerance: number | undefined;
  let strict = false;
  let asHomework = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') return 'help';
    if (a === '--fix') fix = true;
    else if (a === '--strict-orientation') strict = true;
    else if (a === '--as-homework') asHomework = true;
    else if (a === '--format' || a.startsWith('--format=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v !== 'text' && v !== 'json') return `--format takes text or json, not ${v ?? 'nothing'}`;
      format = v;
    } else if (a === '--tolerance' || a.startsWith('--tolerance=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      const n = Number(v);
      if (!(n > 0 && n < 1)) return `--tolerance takes a number between 0 and 1, not ${v ?? 'nothing'}`;
      tolerance = n;
    } else if (a.startsWith('-') && a !== '-') return `unknown option ${a}`;
    else files.push(a);
  }
  if (files.length === 0) return 'no file given';
  const options: CheckOptions = {
    ...(tolerance !== undefined ? { tolerance } : {}),
    vectorOrientation: strict ? 'strict' : 'lenient',
  };
  return { files, format, fix, asHomework, options };
}

interface FileReport {
  readonly path: string;
  readonly text: string;
  readonly result: CheckResult;
  readonly fixed: number;
  /** For a Markdown or LaTeX file: how many math blocks were checked. */
  readonly source?: SourceSummary;
}

/**
 * Applies edits; one that overlaps an edit listed before it is skipped.
 * Applied last first, so earlier offsets stay valid.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; applied: number } {
  const accepted: TextEdit[] = [];
  for (const e of edits) {
    if (accepted.some((a) => e.span.start < a.span.end && a.span.start < e.span.end)) continue;
    accepted.push(e);
  }
  accepted.sort((a, b) => b.span.start - a.span.start);
  let out = text;
  for (const e of accepted) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return { text: out, applied: accepted.length };
}

export function safeFixEdits(diagnostics: readonly Diagnostic[]): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const d of diagnostics) {
    const fix = d.fixes.find((f) => f.safe && f.isPreferred) ?? d.fixes.find((f) => f.safe);
    if (fix) edits.push(...fix.edits);
  }
  return edits;
}

export function run(argv: readonly string[], io: Io): number {
  const args = parseArguments(argv);
  if (args === 'help') {
    io.out(USAGE);
    return 0;
  }
  if (typeof args === 'string') {
    io.err(`hwcheck: ${args}\n${USAGE}`);
    return 2;
  }
  const reports: FileReport[] = [];
  let ioError = false;
  for (const path of args.files) {
    let text: string;
    try {
      text = io.readFile(path);
    } catch (e) {
      io.err(`hwcheck: cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      ioError = true;
      continue;
    }
    const format = sourceFormatOfPath(path);
    if (format && !args.asHomework && !declaresHomework(text, format)) {
      const comment = format === 'markdown' ? '<!-- homework -->' : '% homework';
      io.err(
        `hwcheck: ${path}: not checked, it does not say it is homework ` +
          `(front matter \`homework: true\`, a first line \`${comment}\`, or --as-homework)`,
      );
      continue;
    }
    let source: SourceSummary | undefined;
    const checkText = (t: string): CheckResult => {
      if (!format) return check(t, args.options);
      const r = checkSource(t, format, args.options);
      source = r.source;
      return r;
    };
    let result = checkText(text);
    let fixed = 0;
    if (args.fix) {
      // Fixes can uncover others (a corrected value makes a later step follow): repeat a few times.
      for (let round = 0; round < 5; round++) {
        const edits = safeFixEdits(result.diagnostics);
        if (edits.length === 0) break;
        const next = applyEdits(text, edits);
        text = next.text;
        fixed += next.applied;
        result = checkText(text);
      }
      if (fixed > 0) {
        try {
          io.writeFile(path, text);
        } catch (e) {
          io.err(`hwcheck: cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
          ioError = true;
        }
      }
    }
    reports.push({ path, text, result, fixed, ...(source ? { source } : {}) });
  }
  if (args.format === 'json') io.out(JSON.stringify(jsonDocument(reports), null, 2));
  else io.out(textReport(reports, io.color, args.fix));
  if (ioError) return 2;
  return reports.some((r) => r.result.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}

function jsonDocument(reports: readonly FileReport[]) {
  return {
    files: reports.map((r) => {
      const lines = new LineIndex(r.text);
      return {
        path: r.path,
        ...(r.fixed > 0 ? { fixed: r.fixed } : {}),
        summary: r.result.document.summary,
        ...(r.source ? { mathBlocks: r.source } : {}),
        diagnostics: r.result.diagnostics.map((d) => {
          const start = lines.positionAt(d.span.start);
          const end = lines.positionAt(d.span.end);
          return {
            line: start.line + 1,
            column: start.character + 1,
            endLine: end.line + 1,
            endColumn: end.character + 1,
            severity: d.severity,
            code: d.code,
            message: d.message,
            ...(d.expected !== undefined ? { expected: d.expected } : {}),
            ...(d.found !== undefined ? { found: d.found } : {}),
          };
        }),
      };
    }),
  };
}

function textReport(reports: readonly FileReport[], color: boolean, fixing: boolean): string {
  const paint = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  let right = 0;
  let checked = 0;
  for (const r of reports) {
    const lines = new LineIndex(r.text);
    for (const d of r.result.diagnostics) {
      if (d.severity === 'info') continue;
      const p = lines.positionAt(d.span.start);
      const sev = d.severity === 'error' ? paint('31;1', 'error') : paint('33;1', 'warning');
      out.push(`${r.path}:${p.line + 1}:${p.character + 1}: ${sev} ${d.code}: ${d.message}`);
      if (d.severity === 'error') errors++;
      else warnings++;
    }
    const s = r.result.document.summary;
    right += s.right;
    checked += s.checked;
    if (r.source) {
      const m = r.source;
      out.push(
        `${r.path}: ${m.mathBlocks} math block${m.mathBlocks === 1 ? '' : 's'}: ${m.checked} with a result checked, ` +
          `${m.notChecked} not checked (see the information diagnostics), ` +
          `${m.mathBlocks - m.checked - m.notChecked} without a claim`,
      );
    }
    if (fixing && r.fixed > 0) out.push(`${r.path}: applied ${r.fixed} fix${r.fixed === 1 ? '' : 'es'}`);
  }
  const files = `${reports.length} file${reports.length === 1 ? '' : 's'}`;
  out.push(
    `${files}: ${checked} result${checked === 1 ? '' : 's'} checked, ${right} right, ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`,
  );
  return out.join('\n');
}

if (require.main === module) {
  const code = run(process.argv.slice(2), {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
    readFile: (p) => fs.readFileSync(p, 'utf8'),
    writeFile: (p, t) => fs.writeFileSync(p, t, 'utf8'),
    color: process.stdout.isTTY === true && !process.env.NO_COLOR,
  });
  process.exitCode = code;
}
