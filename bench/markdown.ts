/**
 * Reading Markdown and LaTeX costs little on top of checking: a 1,000-math-block
 * homework in Markdown, and in LaTeX, against the same statements written as
 * `.hw`, full check each, interleaved rounds in one process, median per form.
 * Target: each form ≤ 1.2 × `.hw`. Times are CPU time; the ratios are the
 * figures to compare (the machine's load moves the milliseconds, and moves all forms alike).
 * Reported, never asserted (timings on a shared machine are no pass/fail).
 *
 * Usage: npm run bench:markdown [-- rounds]
 */
import { check } from '../src/core';
import { checkSource, type SourceFormat } from '../src/core/formats/checkSource';
import { readLatexOutline } from '../src/core/formats/latexDocument';
import { readMarkdownOutline } from '../src/core/formats/markdownDocument';

const BLOCKS = 1000;
const PER_PROBLEM = 50;
const ROUNDS = Number(process.argv[2]) || 9;

/** `\begin{pmatrix} a \\ b \end{pmatrix}`, one row per argument. */
function pmatrix(...rows: (string | number)[]): string {
  return `\\begin{pmatrix} ${rows.join(' \\\\ ')} \\end{pmatrix}`;
}

/** The same statements three times: LaTeX math in Markdown, a LaTeX document, and `.hw`. Values by plain arithmetic. */
export function generatePair(blocks: number): { markdown: string; latex: string; hw: string } {
  const md: string[] = ['---', 'homework: true', '---', ''];
  const tex: string[] = ['% homework', '\\documentclass{article}', '\\begin{document}', ''];
  const hw: string[] = [];
  for (let i = 0; i < blocks; i++) {
    if (i % PER_PROBLEM === 0) {
      const p = i / PER_PROBLEM + 1;
      md.push(`## Problem ${p}`, '');
      tex.push(`\\section{Problem ${p}}`, '');
      hw.push(`problem ${p}`);
    }
    const k = (i % 17) + 1;
    let math: string;
    switch (i % 3) {
      case 0:
        math = `s_{${i}} = 3 \\times ${k} + \\frac{${k}}{2} = ${3 * k + k / 2}`;
        hw.push(`s_${i} = 3 × ${k} + (${k}) / 2 = ${3 * k + k / 2}`);
        break;
      case 1:
        math = `m_{${i}} = ${pmatrix('1 & 2', '3 & 4')} ${pmatrix(k, 1)} = ${pmatrix(k + 2, 3 * k + 4)}`;
        hw.push(`m_${i} = [1, 2; 3, 4] [${k}; 1] = [${k + 2}; ${3 * k + 4}]`);
        break;
      default:
        math = `r_{${i}} = \\text{ReLU}(${pmatrix(-k, k)}) = ${pmatrix(0, k)}`;
        hw.push(`r_${i} = relu([-${k}; ${k}]) = [0; ${k}]`);
    }
    md.push(`$$${math}$$`, '');
    tex.push(`\\[ ${math} \\]`, '');
  }
  tex.push('\\end{document}');
  return { markdown: md.join('\n'), latex: tex.join('\n') + '\n', hw: hw.join('\n') + '\n' };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Milliseconds of this process's CPU time: on a loaded machine, wall time mostly measures the other processes. */
function timed(f: () => unknown): number {
  const t = process.cpuUsage();
  f();
  const { user, system } = process.cpuUsage(t);
  return (user + system) / 1000;
}

function main(): void {
  const { markdown, latex, hw } = generatePair(BLOCKS);
  const texts: Record<SourceFormat, string> = { markdown, latex };
  const hwResult = check(hw);
  const problems = (r: { diagnostics: readonly { severity: string }[] }) =>
    r.diagnostics.filter((d) => d.severity !== 'info').length;
  if (problems(hwResult) !== 0) throw new Error(`the .hw form has ${problems(hwResult)} findings`);
  for (const format of ['markdown', 'latex'] as const) {
    const result = checkSource(texts[format], format);
    if (problems(result) !== 0 || result.document.summary.right !== hwResult.document.summary.right)
      throw new Error(`the forms disagree: ${format} has ${problems(result)} findings`);
  }
  const times = { hw: [] as number[], markdown: [] as number[], latex: [] as number[] };
  const outline = { markdown: [] as number[], latex: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    times.hw.push(timed(() => check(hw)));
    times.markdown.push(timed(() => checkSource(markdown, 'markdown')));
    times.latex.push(timed(() => checkSource(latex, 'latex')));
    outline.markdown.push(timed(() => readMarkdownOutline(markdown)));
    outline.latex.push(timed(() => readLatexOutline(latex)));
  }
  const h = median(times.hw);
  console.log(
    `math blocks ${BLOCKS} (${hwResult.document.summary.right} claims right in every form), ${ROUNDS} rounds`,
  );
  console.log(`.hw full check (median) ${h.toFixed(1)} ms CPU`);
  for (const format of ['markdown', 'latex'] as const) {
    const m = median(times[format]);
    const name = format === 'markdown' ? 'Markdown' : 'LaTeX';
    const d = median(outline[format]);
    // The document-level parser alone (markdown-it, latex-utensils) is the floor the ratio cannot go below.
    console.log(
      `${name.padEnd(8)} / .hw ${(m / h).toFixed(2)}  (${m.toFixed(1)} ms; document level alone ${d.toFixed(1)} ms ` +
        `= ${(d / h).toFixed(2)} × .hw; target ≤ 1.20: ${m / h <= 1.2 ? 'met' : 'NOT met'})`,
    );
  }
}

if (require.main === module) main();
