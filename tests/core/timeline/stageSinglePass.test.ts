// detectStage (one pass per segment, rewritten boundaries) gives the stage the original two-pass scoring gave.
import { beforeAll, describe, expect, it } from 'vitest';
import { detectStage, STAGE_PRIORITY, STAGE_WEIGHTS, type LegalStage } from '../../../core/timeline/stage.ts';
import { APPEAL_OUTCOME, LEGAL_CONTEXT, NOISE, STAGE_RULES } from '../../../core/timeline/stagePatterns.ts';
import { loadSampleItems, sampleAvailable } from './sampleItems.ts';

/** The scoring as first written, on the patterns exactly as listed: strong rules to decide, then every rule again to score. */
function twoPassStage(text: { title: string; summary: string }): LegalStage | null {
  const clean = (t: string) => NOISE.reduce((s, n) => s.replace(n, ' '), t.normalize('NFKC').replace(/\s+/g, ' ').replace(APPEAL_OUTCOME, ' appeal decided '));
  const title = clean(text.title);
  const summary = clean(text.summary);
  const m = /^.*?(?:[.!?](?=\s+["“‘'(\p{Lu}\d]|\s*$)|[。！？])/su.exec(summary);
  const [lead, rest] = m ? [m[0], summary.slice(m[0].length)] : [summary, ''];
  const stagesIn = (segment: string, legal: boolean) => {
    const found = new Set<LegalStage>();
    if (!segment.trim()) return found;
    for (const rule of STAGE_RULES) if (!found.has(rule.stage) && (legal || !rule.weak) && rule.pattern.test(segment)) found.add(rule.stage);
    return found;
  };
  const strong = [title, lead, rest].some((s) => stagesIn(s, false).size > 0);
  if (!strong && !LEGAL_CONTEXT.test(`${title} ${lead} ${rest}`)) return null;
  const scores = new Map<LegalStage, number>();
  const weights = [STAGE_WEIGHTS.title, STAGE_WEIGHTS.firstSentence, STAGE_WEIGHTS.rest];
  [title, lead, rest].forEach((s, i) => stagesIn(s, true).forEach((stage) => scores.set(stage, (scores.get(stage) ?? 0) + weights[i]!)));
  let best: LegalStage = 'other';
  for (const stage of STAGE_PRIORITY) if ((scores.get(stage) ?? 0) > (scores.get(best) ?? 0)) best = stage;
  return best;
}

/** Texts built from the patterns' own words, joined by spaces and by characters on the edge of a word. */
function generatedTexts(count: number): { title: string; summary: string }[] {
  const words = new Set<string>();
  for (const re of [APPEAL_OUTCOME, LEGAL_CONTEXT, ...NOISE, ...STAGE_RULES.map((r) => r.pattern)]) {
    for (const w of re.source.replace(/\\[a-zA-Z]|\(\?[:<!=]+|[()|?*+{}[\]^$.,0-9\\]/g, ' ').split(/\s+/)) if (w) words.add(w);
  }
  const edges = ['ſ', 'K', 'é', '_', '2nd', 'İ', 'ß', '-', '’', '.', ',', '法院', 'ｃｏｕｒｔ', 'SUED', 'Court', 'ſued'];
  const vocab = [...words, ...edges];
  let seed = 20_241_127;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff) / 0x7fffffff;
  const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const phrase = () => Array.from({ length: 2 + Math.floor(random() * 12) }, () => pick(vocab) + (random() < 0.15 ? pick(['', ...edges]) : ' ')).join('');
  return Array.from({ length: count }, () => ({ title: phrase(), summary: random() < 0.3 ? '' : `${phrase()}. ${phrase()}` }));
}

describe('detectStage agrees with the two-pass scoring', () => {
  it('on generated texts, covering every stage and the non-legal case', () => {
    const texts = generatedTexts(3_000);
    const seen = new Set<LegalStage | null>();
    for (const t of texts) {
      const expected = twoPassStage(t);
      seen.add(expected);
      expect(detectStage(t), JSON.stringify(t)).toBe(expected);
    }
    expect(seen.size).toBe(9);
  });

  describe.skipIf(!sampleAvailable)('on the labelled sample', () => {
    let items: { title: string; summary: string }[] = [];
    beforeAll(async () => {
      items = await loadSampleItems();
    });
    it('every item', () => {
      expect(items.length).toBeGreaterThan(0);
      for (const it of items) expect(detectStage(it), it.title).toBe(twoPassStage(it));
    });
  });
});
