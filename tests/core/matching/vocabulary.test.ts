import { describe, expect, it } from 'vitest';
import type { CaseDefinition } from '../../../core/caseDefinition.ts';
import { explainMatch } from '../../../core/matching/matcher.ts';
import { tokenize } from '../../../core/matching/normalize.ts';
import { LEGAL_CONCEPTS } from '../../../core/matching/vocabulary.ts';

const probe: CaseDefinition = {
  id: 1,
  title: 'probe',
  parties: [{ name: 'Acme Robotics', role: 'plaintiff', aliases: [] }],
  keywords: [],
  exclude: [],
};

function legalReason(title: string): string | undefined {
  const words = explainMatch(probe, { title: `Acme Robotics ${title}`, summary: '' }).legalWords;
  return words.length ? words.join(', ') : undefined;
}

describe('legal-action vocabulary', () => {
  it.each([
    'sue', 'sued', 'sues', 'suing', 'lawsuit', 'court', 'damages', 'ruling', 'judge', 'appeal', 'settle',
    'settlement', 'injunction', 'verdict', 'trial', 'plaintiff', 'defendant', 'countersues',
    '起诉', '诉讼', '法院', '索赔', '判决', '上诉', '赔偿', '一审', '二审', '起訴', '訴訟', '判決', '賠償',
    '提訴', '裁判所', 'Klage', 'verklagt', 'Gericht', 'Urteil', 'poursuite', 'poursuit', 'tribunal', 'procès',
    'demanda', 'demandó', 'sentencia', '소송',
  ])('recognizes %s', (word) => {
    expect(legalReason(word)).toBeDefined();
  });

  it.each(['suite', 'courtyard', 'judgemental', 'Klagenfurt', 'Suez', 'Tribunalesque'])(
    'does not take %s for legal action',
    (word) => {
      expect(legalReason(word)).toBeUndefined();
    },
  );

  it('lists every form once across all concepts', () => {
    const seen = new Map<string, string>();
    for (const concept of LEGAL_CONCEPTS) {
      for (const form of concept.forms) {
        const key = tokenize(form).join(' ');
        expect(seen.get(key), `${form} is listed under ${seen.get(key)} and ${concept.label}`).toBeUndefined();
        seen.set(key, concept.label);
      }
    }
  });
});
