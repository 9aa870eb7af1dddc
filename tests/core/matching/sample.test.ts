import { describe, expect, it } from 'vitest';
import type { CaseDefinition } from '../../../core/caseDefinition.ts';
import { Matcher } from '../../../core/matching/matcher.ts';
import {
  SAMPLE_DIR,
  loadSampleCases,
  loadSampleItems,
  loadSampleLabels,
  sampleAvailable,
} from './sampleFeeds.ts';

const available = sampleAvailable();
if (!available) console.log(`skipping matching sample: ${SAMPLE_DIR} is absent`);

// Labelled sample: a story counts as assigned to a case when the matcher says `auto` (review does not count).
describe.skipIf(!available)('precision and recall on the labelled sample', () => {
  it('assigns stories to cases with precision and recall of at least 0.9', async () => {
    const sampleCases = loadSampleCases();
    const labels = loadSampleLabels();
    const items = await loadSampleItems();
    expect(items).toHaveLength(45);
    const defs: CaseDefinition[] = sampleCases.map((c, i) => ({
      id: i + 1,
      title: c.title,
      summary: c.summary ?? null,
      parties: c.parties,
      keywords: c.keywords,
      exclude: c.exclude,
    }));
    const matcher = Matcher.compile(defs);
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    const misses: string[] = [];
    for (const item of items) {
      const assigned = new Set(
        matcher.match(item).filter((m) => m.status === 'auto').map((m) => sampleCases[m.caseId - 1]!.key),
      );
      const wanted = new Set(labels[item.link] ?? []);
      for (const key of assigned) {
        if (wanted.has(key)) truePositives++;
        else {
          falsePositives++;
          misses.push(`false positive ${key}: ${item.title}`);
        }
      }
      for (const key of wanted) {
        if (!assigned.has(key)) {
          falseNegatives++;
          misses.push(`missed ${key}: ${item.title}`);
        }
      }
    }
    const precision = truePositives / Math.max(1, truePositives + falsePositives);
    const recall = truePositives / Math.max(1, truePositives + falseNegatives);
    console.log(`matching sample: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`, misses);
    expect(truePositives + falseNegatives).toBe(16);
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });
});
