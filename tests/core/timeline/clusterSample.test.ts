import { beforeAll, describe, expect, it } from 'vitest';
import { assignToCluster, clusterStories, copyEvidence, parseSignature, signatureFor, SUMMARY_JACCARD_THRESHOLD, type ClusterSignature, type ClusterStory } from '../../../core/timeline/cluster.ts';
import { loadSampleItems, loadSampleLabels, sampleAvailable, SAMPLE_DIR } from './sampleItems.ts';

if (!sampleAvailable) console.log(`skipping the labelled clustering sample: ${SAMPLE_DIR} is absent`);

/** The multi-member clusters as sorted lists of links, for comparison with the labels. */
function asLinkSets(clusters: { memberIds: number[] }[], linkOf: (id: number) => string): string[][] {
  return clusters
    .filter((c) => c.memberIds.length > 1)
    .map((c) => c.memberIds.map(linkOf).sort())
    .sort((a, b) => a[0]!.localeCompare(b[0]!));
}

describe.skipIf(!sampleAvailable)('clustering the labelled sample (45 items, 6 feeds)', () => {
  let stories: ClusterStory[] = [];
  let labelled: string[][] = [];
  const linkOf = (id: number) => stories[id - 1]!.canonicalUrl!;

  beforeAll(async () => {
    const items = await loadSampleItems();
    stories = items.map((it, i) => ({ id: i + 1, canonicalUrl: it.link, title: it.title, summary: it.summary, publishedAt: it.publishedAt, source: it.source }));
    labelled = loadSampleLabels().clusters;
  });

  it('reads all 45 items, the GBK and windows-1252 feeds decoded', () => {
    expect(stories).toHaveLength(45);
    expect(stories.some((s) => s.title.includes('星河云图起诉前实习生赵明轩'))).toBe(true);
    expect(stories.some((s) => s.summary.includes('Kjærgaard’s lawyer'))).toBe(true);
  });

  it('turns each labelled cluster into exactly one cluster and clusters nothing else', () => {
    const clusters = clusterStories(stories);
    expect(asLinkSets(clusters, linkOf)).toEqual(labelled.map((c) => [...c].sort()).sort((a, b) => a[0]!.localeCompare(b[0]!)));
    expect(clusters.reduce((n, c) => n + c.memberIds.length, 0)).toBe(45);
  });

  it('makes the original (first reported) the lead of each cluster', () => {
    const clusters = clusterStories(stories);
    for (const [original, ...copies] of labelled) {
      const cluster = clusters.find((c) => c.memberIds.some((id) => linkOf(id) === original))!;
      expect(linkOf(cluster.leadId)).toBe(original);
      expect(cluster.memberIds.map(linkOf).slice(1).sort()).toEqual([...copies].sort());
    }
  });

  it('gives the same clusters whatever order the stories come in', () => {
    const reversed = clusterStories([...stories].reverse());
    expect(asLinkSets(reversed, linkOf)).toEqual(asLinkSets(clusterStories(stories), linkOf));
  });

  it('gives the same clusters incrementally, from stored signature strings, as stories arrive', () => {
    const stored: ClusterSignature[] = [];
    const byArrival = [...stories].sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime());
    for (const s of byArrival) {
      const row = { storyId: s.id, canonicalUrl: s.canonicalUrl, publishedAt: s.publishedAt, signature: signatureFor(s) };
      const leadId = assignToCluster(stored, row);
      stored.push({ ...row, leadId });
    }
    const groups = new Map<number, number[]>();
    for (const r of stored) groups.set(r.leadId ?? r.storyId, [...(groups.get(r.leadId ?? r.storyId) ?? []), r.storyId]);
    const incremental = [...groups.values()].map((memberIds) => ({ memberIds }));
    expect(asLinkSets(incremental, linkOf)).toEqual(asLinkSets(clusterStories(stories), linkOf));
  });

  it('keeps a wide margin: labelled copies score far above the threshold, other pairs far below', () => {
    const sigs = stories.map((s) => ({ ...s, sig: parseSignature(signatureFor(s)) }));
    const copyPairs = new Set(labelled.flatMap(([a, ...rest]) => rest.map((b) => [a, b].sort().join(' '))));
    let lowestCopy = 1;
    let highestOther = 0;
    for (let i = 0; i < sigs.length; i++) {
      for (let j = i + 1; j < sigs.length; j++) {
        const { summaryJaccard } = copyEvidence(sigs[i]!, sigs[j]!);
        if (copyPairs.has([linkOf(i + 1), linkOf(j + 1)].sort().join(' '))) lowestCopy = Math.min(lowestCopy, summaryJaccard);
        else highestOther = Math.max(highestOther, summaryJaccard);
      }
    }
    expect(lowestCopy).toBeGreaterThan(SUMMARY_JACCARD_THRESHOLD + 0.15);
    expect(highestOther).toBeLessThan(SUMMARY_JACCARD_THRESHOLD - 0.1);
  });
});
