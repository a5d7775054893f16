/**
 * Reading Markdown and LaTeX costs little on top of checking: a 1,000-math-block
 * homework in Markdown, and in LaTeX, against the same statements written as
 * `.hw`, a full check each. Target: each form ≤ 1.2 × `.hw`.
 *
 * Each form is timed in a process of its own (warmed up, then timed run after
 * run), and the forms' processes take turns, several rounds; the figure is the
 * median over all timed runs. In one process the forms shared a heap: a run
 * paid for collecting what the run before it, of another form, left behind
 * (LaTeX's document level alone leaves about 50 ms of garbage a run), so a
 * ratio moved by ±0.5 from one order of the forms to another.
 * Times are CPU time; the ratios are the figures to compare (the machine's load
 * moves the milliseconds, and moves all forms alike).
 * Reported, never asserted (timings on a shared machine are no pass/fail).
 *
 * Usage: npm run bench:markdown [-- runs-per-process [rounds]]
 */
import { spawnSync } from 'node:child_process';
import { check } from '../src/core';
import { checkSource, type SourceFormat } from '../src/core/formats/checkSource';
import { readLatexOutline } from '../src/core/formats/latexDocument';
import { readMarkdownOutline } from '../src/core/formats/markdownDocument';

const BLOCKS = 1000;
const PER_PROBLEM = 50;

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

/** What a form's process times: the full check, or the document-level parser alone. */
type Timed = 'hw' | 'markdown' | 'latex' | 'markdown-outline' | 'latex-outline';
const TIMED: readonly Timed[] = ['hw', 'markdown', 'latex', 'markdown-outline', 'latex-outline'];
const WARM_UP = 10;

/** In a process of its own: `runs` timed runs of one form after the warm-up, printed as JSON. */
function timeOneForm(form: Timed, runs: number): void {
  const { markdown, latex, hw } = generatePair(BLOCKS);
  const run: Record<Timed, () => unknown> = {
    hw: () => check(hw),
    markdown: () => checkSource(markdown, 'markdown'),
    latex: () => checkSource(latex, 'latex'),
    'markdown-outline': () => readMarkdownOutline(markdown),
    'latex-outline': () => readLatexOutline(latex),
  };
  for (let i = 0; i < WARM_UP; i++) run[form]();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(timed(run[form]));
  process.stdout.write(JSON.stringify(times));
}

/** The forms agree: no finding in any, and as many claims right. */
function checkAgreement(): number {
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
  return hwResult.document.summary.right;
}

function main(): void {
  const runs = Number(process.argv[2]) || 20;
  const rounds = Number(process.argv[3]) || 7;
  const right = checkAgreement();
  const times = Object.fromEntries(TIMED.map((form) => [form, [] as number[]])) as Record<Timed, number[]>;
  for (let round = 0; round < rounds; round++) {
    // Each round starts with another form, so no form always runs on a machine just warmed by the same one.
    for (let k = 0; k < TIMED.length; k++) {
      const form = TIMED[(round + k) % TIMED.length];
      const child = spawnSync(process.execPath, [__filename, '--time', form, String(runs)], { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`timing ${form} failed: ${child.stderr}`);
      times[form].push(...(JSON.parse(child.stdout) as number[]));
    }
  }
  const h = median(times.hw);
  console.log(`math blocks ${BLOCKS} (${right} claims right in every form), ${rounds} rounds of ${runs} runs a form`);
  console.log(`.hw full check (median) ${h.toFixed(1)} ms CPU`);
  for (const format of ['markdown', 'latex'] as const) {
    const m = median(times[format]);
    const name = format === 'markdown' ? 'Markdown' : 'LaTeX';
    const d = median(times[`${format}-outline`]);
    // The document-level parser alone (markdown-it, latex-utensils) is the floor the ratio cannot go below.
    console.log(
      `${name.padEnd(8)} / .hw ${(m / h).toFixed(2)}  (${m.toFixed(1)} ms; document level alone ${d.toFixed(1)} ms ` +
        `= ${(d / h).toFixed(2)} × .hw; target ≤ 1.20: ${m / h <= 1.2 ? 'met' : 'NOT met'})`,
    );
  }
}

if (require.main === module) {
  if (process.argv[2] === '--time') timeOneForm(process.argv[3] as Timed, Number(process.argv[4]));
  else main();
}
