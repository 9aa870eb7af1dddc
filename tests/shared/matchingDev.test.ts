// The matching goals on the labelled development set, through the same harness as `npm run eval`: feeds on
// loopback, cases through the API (half before the poll, half after), the real poller, timelines read back.
import { describe, expect, it } from 'vitest';
import { evaluateSet, f1, precision } from '../../eval/evaluate.ts';
import { loadLabelledSet } from '../../eval/labelledSet.ts';
import { sharedDir } from '../helpers/shared.ts';

const dev = sharedDir('fixtures/matching-dev');
const sample = sharedDir('fixtures/matching-sample');

describe.skipIf(!dev || !sample)('matching quality on the labelled sets', () => {
  it('reaches F1 0.92 and precision 0.90 on matching-dev', async () => {
    const score = await evaluateSet(await loadLabelledSet(dev!));
    expect(precision(score.total)).toBeGreaterThanOrEqual(0.9);
    expect(f1(score.total)).toBeGreaterThanOrEqual(0.92);
  });

  it('reaches F1 0.97 on matching-sample', async () => {
    const score = await evaluateSet(await loadLabelledSet(sample!));
    expect(f1(score.total)).toBeGreaterThanOrEqual(0.97);
  });
});
