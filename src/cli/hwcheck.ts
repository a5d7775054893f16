/**
 * `hwcheck FILE...` — checks homework files from the command line.
 *
 *   hwcheck examples/homework1.hw           compiler-style lines and a summary
 *   hwcheck --format json a.hw b.hw         one JSON document
 *   hwcheck --fix a.hw                      applies the safe fixes in place
 *   cat a.hw | hwcheck -                    checks standard input
 *
 * Exit code: 1 if any error, 0 if none, 2 on a usage or I/O error (a file
 * that cannot be read, is not UTF-8 text, is over the size limit, or could
 * not be written). Only `--fix` writes to a file.
 */
import {
  checkSource,
  declaresHomework,
  HomeworkChecker,
  LineIndex,
  numbersCheckedFigure,
  selectSafeFixes,
  sourceFormatOfPath,
  type CheckOptions,
  type CheckResult,
  type InternalError,
  type SourceSummary,
} from '../core';
import { decodeHomework, MAX_FILE_BYTES } from './decode';
import { FileError, readBytes, writeAtomically } from './nodeIo';

const USAGE = `usage: hwcheck [--format text|json] [--fix [--follow-symlinks]] [--tolerance N] [--strict-orientation]
               [--as-homework] FILE...

Checks every stated result in homework files: .hw, and .md / .tex files that say they are
homework (front matter \`homework: true\`, or a first line \`<!-- homework -->\` / \`% homework\`).
UTF-8, at most ${MAX_FILE_BYTES} bytes; - is standard input.
  --format json          print one JSON document instead of compiler-style lines
  --as-homework          check .md and .tex files even when they do not say they are homework
  --fix                  apply every safe fix (wrong values, = → ≈) in place; never fills ?
  --follow-symlinks      with --fix, write through a symbolic link to its target
  --tolerance N          relative tolerance of = (default 1e-9)
  --strict-orientation   a vector written in the other orientation is a warning
  -h, --help             show this help
Exit code: 1 if any error, 0 if none, 2 on a usage or I/O error.`;

interface Arguments {
  readonly files: string[];
  readonly format: 'text' | 'json';
  readonly fix: boolean;
  readonly followSymlinks: boolean;
  readonly asHomework: boolean;
  readonly options: CheckOptions;
}

export interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  /** The file's bytes (`-`: standard input), at most `limit + 1`; throws `FileError` with the reason. */
  readonly readBytes: (path: string, limit: number) => Uint8Array;
  /** Replaces the file's content atomically; throws `FileError` with the reason. */
  readonly writeBytes: (path: string, bytes: Uint8Array, followSymlinks: boolean) => void;
  readonly color: boolean;
}

function parseArguments(argv: readonly string[]): Arguments | string {
  const files: string[] = [];
  let format: 'text' | 'json' = 'text';
  let fix = false;
  let followSymlinks = false;
  let tolerance: number | undefined;
  let strict = false;
  let asHomework = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') return 'help';
    if (a === '--fix') fix = true;
    else if (a === '--follow-symlinks') followSymlinks = true;
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
  if (fix && files.includes('-')) return '--fix cannot write to standard input';
  const options: CheckOptions = {
    ...(tolerance !== undefined ? { tolerance } : {}),
    vectorOrientation: strict ? 'strict' : 'lenient',
  };
  return { files, format, fix, followSymlinks, asHomework, options };
}

interface FileReport {
  readonly path: string;
  readonly text: string;
  readonly result: CheckResult;
  /** Fixes written to the file. */
  readonly fixed: number;
  /** Safe fixes left out because a re-check showed they would add an error. */
  readonly refused: number;
  /** For a Markdown or LaTeX file: how many math blocks were checked. */
  readonly source?: SourceSummary;
}

/** Rounds of `--fix`: a corrected value can turn a later step that followed from it into a fixable error. */
const FIX_ROUNDS = 5;

/** The text with every verified safe fix applied, round after round (see `selectSafeFixes`). */
function fixText(
  text: string,
  checker: FileChecker,
): { text: string; result: CheckResult; fixed: number; refused: number } {
  let result = checker.check(text);
  let fixed = 0;
  let refused = 0;
  for (let round = 0; round < FIX_ROUNDS; round++) {
    const selection = selectSafeFixes(text, result, (variant) => checker.recheck(variant));
    refused = selection.refused;
    if (selection.fixes.length === 0) break;
    fixed += selection.fixes.length;
    text = selection.text;
    result = checker.check(text);
  }
  return { text, result, fixed, refused };
}

/** How one file is checked: `.hw` through its per-problem cache, Markdown and LaTeX read whole. */
interface FileChecker {
  check(text: string): CheckResult;
  /** A variant (the text with fixes applied), checked without replacing the file's result. */
  recheck(text: string): CheckResult;
  /** For a Markdown or LaTeX file: how many math blocks the last check read. */
  source(): { source?: SourceSummary };
}

function fileChecker(format: ReturnType<typeof sourceFormatOfPath>, options: CheckOptions): FileChecker {
  if (!format) {
    const checker = new HomeworkChecker(options);
    return { check: (t) => checker.check(t), recheck: (t) => checker.checkVariant(t), source: () => ({}) };
  }
  let last: SourceSummary | undefined;
  return {
    check: (t) => {
      const r = checkSource(t, format, options);
      last = r.source;
      return r;
    },
    recheck: (t) => checkSource(t, format, options),
    source: () => (last ? { source: last } : {}),
  };
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
  const fail = (path: string, why: string) => {
    io.err(`hwcheck: ${path}: ${why}`);
    ioError = true;
  };
  for (const path of args.files) {
    let bytes: Uint8Array;
    try {
      bytes = io.readBytes(path, MAX_FILE_BYTES);
    } catch (e) {
      fail(path, e instanceof FileError ? e.message : `cannot read: ${(e as NodeJS.ErrnoException).code ?? e}`);
      continue;
    }
    const decoded = decodeHomework(bytes);
    if ('error' in decoded) {
      fail(path, decoded.error);
      continue;
    }
    const original = decoded.text;
    const format = sourceFormatOfPath(path);
    if (format && !args.asHomework && !declaresHomework(original, format)) {
      const comment = format === 'markdown' ? '<!-- homework -->' : '% homework';
      io.err(
        `hwcheck: ${path}: not checked, it does not say it is homework ` +
          `(front matter \`homework: true\`, a first line \`${comment}\`, or --as-homework)`,
      );
      continue;
    }
    // A bug the checker caught and went on from: said on stderr, so it does not pass unseen.
    const onInternalError = (e: InternalError) =>
      io.err(`hwcheck: internal error in ${path} (${e.context}): ${e.message}`);
    const options: CheckOptions = { ...args.options, onInternalError };
    const checker = fileChecker(format, options);
    // The file as it stands: no fix asked for, none possible, or none written.
    const unfixed = (): FileReport => {
      const result = checker.check(original);
      return { path, text: original, result, fixed: 0, refused: 0, ...checker.source() };
    };
    if (!args.fix) {
      reports.push(unfixed());
      continue;
    }
    if (!decoded.clean) {
      // Rewriting would turn every invalid byte, even in a comment, into U+FFFD.
      fail(path, 'not valid UTF-8; not fixed (save it as UTF-8 first)');
      reports.push(unfixed());
      continue;
    }
    const fixed = fixText(original, checker);
    if (fixed.fixed > 0) {
      const body = Buffer.from(fixed.text, 'utf8');
      const out = decoded.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
      try {
        io.writeBytes(path, out, args.followSymlinks);
      } catch (e) {
        fail(path, e instanceof FileError ? e.message : `cannot write: ${(e as NodeJS.ErrnoException).code ?? e}`);
        // Nothing was written: report the file as it stands.
        reports.push(unfixed());
        continue;
      }
    }
    reports.push({ path, ...fixed, ...checker.source() });
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
        ...(r.refused > 0 ? { refused: r.refused } : {}),
        summary: r.result.document.summary,
        ...(r.source ? { mathBlocks: r.source } : {}),
        diagnostics: r.result.diagnostics.map((d) => {
          return {
            ...oneBasedRange(lines, d.span),
            severity: d.severity,
            code: d.code,
            message: d.message,
            ...(d.expected !== undefined ? { expected: d.expected } : {}),
            ...(d.found !== undefined ? { found: d.found } : {}),
            ...(d.related.length > 0
              ? {
                  related: d.related.map((r) => ({ ...oneBasedRange(lines, r.span), message: r.message })),
                }
              : {}),
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
    const at = (offset: number) => {
      const p = lines.positionAt(offset);
      return `${r.path}:${p.line + 1}:${p.character + 1}`;
    };
    for (const d of r.result.diagnostics) {
      // Information is left out, but for a step that follows from a mistake: it says where the mistake is.
      if (d.severity === 'info' && d.code !== 'value.follows') continue;
      const sev =
        d.severity === 'error'
          ? paint('31;1', 'error')
          : d.severity === 'warning'
            ? paint('33;1', 'warning')
            : paint('36', 'info');
      const related = d.related.map((x) => `; ${x.message}: ${at(x.span.start)}`).join('');
      out.push(`${at(d.span.start)}: ${sev} ${d.code}: ${d.message}${related}`);
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
    }
    const s = r.result.document.summary;
    right += s.right;
    checked += s.checked;
    if (r.source) {
      const m = r.source;
      out.push(
        `${r.path}: ${m.mathBlocks} math block${m.mathBlocks === 1 ? '' : 's'}: ${m.checked} with a result checked, ` +
          `${m.notChecked} not checked (see the information diagnostics), ` +
          `${m.mathBlocks - m.checked - m.notChecked} without a claim; ${numbersCheckedFigure(m)}`,
      );
    }
    if (fixing && r.fixed > 0) out.push(`${r.path}: applied ${r.fixed} fix${r.fixed === 1 ? '' : 'es'}`);
    if (fixing && r.refused > 0)
      out.push(`${r.path}: left ${r.refused} fix${r.refused === 1 ? '' : 'es'} out: applied, it would add an error`);
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
    readBytes,
    writeBytes: writeAtomically,
    color: process.stdout.isTTY === true && !process.env.NO_COLOR,
  });
  process.exitCode = code;
}

/** A span as the JSON report's 1-based line and column, start and end. */
function oneBasedRange(
  lines: LineIndex,
  span: { readonly start: number; readonly end: number },
): { line: number; column: number; endLine: number; endColumn: number } {
  const start = lines.positionAt(span.start);
  const end = lines.positionAt(span.end);
  return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}
