/**
 * Reading Markdown costs little on top of checking: a 1,000-math-block
 * Markdown homework against the same statements written as `.hw`, full
 * check each, interleaved rounds, median. Target: Markdown ≤ 1.2 × `.hw`.
 * Reported, never asserted (timings on a shared machine are no pass/fail).
 *
 * Usage: npm run bench:markdown
 */
import { check } from '../src/core';
import { checkSource } from '../src/core/formats/checkSource';
import { readMarkdownOutline } from '../src/core/formats/markdownDocument';

const BLOCKS = 1000;
const PER_PROBLEM = 50;
const ROUNDS = 7;

/** `\begin{pmatrix} a \\ b \end{pmatrix}`, one row per argument. */
function pmatrix(...rows: (string | number)[]): string {
  return `\\begin{pmatrix} ${rows.join(' \\\\ ')} \\end{pmatrix}`;
}

/** The same statements twice: LaTeX math in Markdown, and `.hw`. Values computed here by plain arithmetic. */
export function generatePair(blocks: number): { markdown: string; hw: string } {
  const md: string[] = ['---', 'homework: true', '---', ''];
  const hw: string[] = [];
  for (let i = 0; i < blocks; i++) {
    if (i % PER_PROBLEM === 0) {
      const p = i / PER_PROBLEM + 1;
      md.push(`## Problem ${p}`, '');
      hw.push(`problem ${p}`);
    }
    const k = (i % 17) + 1;
    switch (i % 3) {
      case 0:
        md.push(`$$s_{${i}} = 3 \\times ${k} + \\frac{${k}}{2} = ${3 * k + k / 2}$$`, '');
        hw.push(`s_${i} = 3 × ${k} + (${k}) / 2 = ${3 * k + k / 2}`);
        break;
      case 1:
        md.push(`$$m_{${i}} = ${pmatrix('1 & 2', '3 & 4')} ${pmatrix(k, 1)} = ${pmatrix(k + 2, 3 * k + 4)}$$`, '');
        hw.push(`m_${i} = [1, 2; 3, 4] [${k}; 1] = [${k + 2}; ${3 * k + 4}]`);
        break;
      default:
        md.push(`$$r_{${i}} = \\text{ReLU}(${pmatrix(-k, k)}) = ${pmatrix(0, k)}$$`, '');
        hw.push(`r_${i} = relu([-${k}; ${k}]) = [0; ${k}]`);
    }
  }
  return { markdown: md.join('\n'), hw: hw.join('\n') + '\n' };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function main(): void {
  const { markdown, hw } = generatePair(BLOCKS);
  const hwResult = check(hw);
  const mdResult = checkSource(markdown, 'markdown');
  const problems = (r: { diagnostics: readonly { severity: string }[] }) =>
    r.diagnostics.filter((d) => d.severity !== 'info').length;
  if (
    problems(hwResult) !== 0 ||
    problems(mdResult) !== 0 ||
    hwResult.document.summary.right !== mdResult.document.summary.right
  )
    throw new Error(`the two forms disagree: .hw ${problems(hwResult)} findings, Markdown ${problems(mdResult)}`);
  const hwTimes: number[] = [];
  const mdTimes: number[] = [];
  const outlineTimes: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let t = performance.now();
    check(hw);
    hwTimes.push(performance.now() - t);
    t = performance.now();
    checkSource(markdown, 'markdown');
    mdTimes.push(performance.now() - t);
    t = performance.now();
    readMarkdownOutline(markdown);
    outlineTimes.push(performance.now() - t);
  }
  const h = median(hwTimes);
  const m = median(mdTimes);
  console.log(`math blocks                  ${BLOCKS} (${hwResult.document.summary.right} claims right in both forms)`);
  console.log(`.hw full check (median)      ${h.toFixed(1)} ms`);
  console.log(`Markdown full check (median) ${m.toFixed(1)} ms`);
  console.log(`  of which micromark (median) ${median(outlineTimes).toFixed(1)} ms (finding the math and headings)`);
  console.log(
    `Markdown / .hw               ${(m / h).toFixed(2)}  (target ≤ 1.20: ${m / h <= 1.2 ? 'met' : 'NOT met'})`,
  );
}

if (require.main === module) main();
