/** The fuzzer's inputs: the i-th of a seed, half generated from the grammar, half mutated from the corpus. */
import { seededRandom } from '../../src/core/check/random';
import { homework } from './grammar';
import { loadCorpus, mutate } from './mutate';

export function inputs(seed: number): (i: number) => string {
  const corpus = loadCorpus();
  return (i) => {
    const random = seededRandom((seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0);
    if (random() < 0.5) return homework(random);
    const source = corpus[Math.floor(random() * corpus.length)];
    return mutate(random, source);
  };
}
