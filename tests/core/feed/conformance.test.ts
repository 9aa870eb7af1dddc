import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeFeedBody } from '../../../core/feed/decode.ts';
import { parseFeed, type ParseOutcome } from '../../../core/feed/parse.ts';
import type { NormalizedStory } from '../../../core/story.ts';
import { groupOf, passes, readManifest, type CorpusEntry as ManifestEntry, type CorpusGroup as Group } from '../../helpers/feedparserCorpus.ts';
import { sharedDir } from '../../helpers/shared.ts';

// feedparser's test corpus as a conformance suite: every file must parse without throwing, and the checks on
// single-entry feeds (title, url, guid, publishedAt, summary) must mostly agree with feedparser.

const corpusDir = sharedDir('corpora/feedparser-tests') ?? '';

describe.skipIf(!corpusDir)('feedparser corpus conformance', () => {
  const outcomes = new Map<string, ParseOutcome>();
  const thrown: string[] = [];
  const tally: Record<Group, { passed: number; total: number }> = {
    sanitize: { passed: 0, total: 0 },
    encoding: { passed: 0, total: 0 },
    rest: { passed: 0, total: 0 },
  };
  const failures: string[] = [];
  let manifest: ManifestEntry[] = [];

  beforeAll(async () => {
    manifest = readManifest(corpusDir);
    for (const entry of manifest) {
      const contentType = entry.headers['content-type'] ?? null;
      try {
        const { text } = decodeFeedBody(readFileSync(path.join(corpusDir, entry.file)), contentType);
        const outcome = await parseFeed(text, { feedUrl: `http://127.0.0.1/feedparser-tests/${entry.file}`, contentType });
        outcomes.set(entry.file, outcome);
        score(entry, outcome.kind === 'ok' ? outcome.feed.stories[0] : undefined);
      } catch (error) {
        thrown.push(`${entry.file}: ${String(error)}`);
      }
    }
    const rate = (g: Group) => `${g} ${tally[g].passed}/${tally[g].total} (${((100 * tally[g].passed) / tally[g].total).toFixed(1)}%)`;
    console.log(`feedparser checks passed: ${rate('sanitize')}, ${rate('rest')}, ${rate('encoding')}`);
    if (failures.length) console.log(`failing checks:\n  ${failures.join('\n  ')}`);
  }, 120_000);

  function score(entry: ManifestEntry, story: NormalizedStory | undefined): void {
    for (const check of entry.checks) {
      const counts = tally[groupOf(entry.file)];
      counts.total += 1;
      if (story && passes(check, story)) counts.passed += 1;
      else failures.push(`${entry.file} ${check.field}: got ${JSON.stringify(story ? story[check.field] : 'no story')}`);
    }
  }

  it('decodes and parses every file without throwing', () => {
    expect(manifest.length).toBeGreaterThan(1000);
    expect(thrown).toEqual([]);
    expect(outcomes.size).toBe(manifest.length);
  });

  it('parses every well-formed feed and accounts for each of its entries', () => {
    for (const entry of manifest.filter((e) => e.wellFormed)) {
      const outcome = outcomes.get(entry.file);
      expect(outcome?.kind, entry.file).toBe('ok');
      if (outcome?.kind === 'ok') expect(outcome.feed.stories.length + outcome.feed.skipped, entry.file).toBe(entry.entries);
    }
  });

  it('agrees with feedparser on at least 95% of the sanitize checks', () => {
    expect(tally.sanitize.total).toBeGreaterThan(500);
    expect(tally.sanitize.passed / tally.sanitize.total).toBeGreaterThanOrEqual(0.95);
  });

  it('agrees with feedparser on at least 95% of the other checks', () => {
    expect(tally.rest.total).toBeGreaterThan(90);
    expect(tally.rest.passed / tally.rest.total).toBeGreaterThanOrEqual(0.95);
    expect(tally.encoding.passed / tally.encoding.total).toBeGreaterThanOrEqual(0.95);
  });

  it('leaves no script, event handler or javascript: URL in sanitize-folder summaries', () => {
    let stories = 0;
    for (const [file, outcome] of outcomes) {
      if (groupOf(file) !== 'sanitize' || outcome.kind !== 'ok') continue;
      for (const story of outcome.feed.stories) {
        stories += 1;
        expect(story.summaryHtml, file).not.toMatch(/<script|\son[a-z]+\s*=|javascript:/i);
      }
    }
    expect(stories).toBeGreaterThan(500);
  });
});
