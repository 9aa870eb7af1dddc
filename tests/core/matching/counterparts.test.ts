// Whom our plaintiff is against when a story does not name them, compared with the case's own description of
// its defendant: "a former quality manager" is not "its former director", a rival is not the intern.
import { describe, expect, it } from 'vitest';
import type { CaseDefinition } from '../../../core/caseDefinition.ts';
import { caseCounterpart, describedCounterparts, judgeCounterpart, rolesIn, separateCaseCue } from '../../../core/matching/counterparts.ts';
import { explainMatch } from '../../../core/matching/matcher.ts';
import { sentences } from '../../../core/matching/roles.ts';
import { compileCase, makeTerm } from '../../../core/matching/terms.ts';
import { tokenize } from '../../../core/matching/normalize.ts';
import { readDispute } from '../../../core/matching/dispute.ts';

const terms = (...names: string[]) => names.map((n) => makeTerm(n)!);
const ids = (found: readonly { id: string }[]) => found.map((f) => f.id).sort();

describe('whom a story says the party sues, and who sues it', () => {
  it.each([
    ['en', 'Bellwether Biologics', 'Bellwether Biologics sues former quality manager over batch records', ['manager'], []],
    ['en', 'Fathom Robotics', 'Fathom Robotics accuses rival of copying hull-crawler patent', ['competitor'], []],
    ['en', 'Fathom', 'Fathom has filed a patent suit in federal court in Seattle against a Norwegian competitor.', ['competitor'], []],
    ['en', 'Acme', 'Acme was sued by a former supplier over unpaid invoices.', [], ['supplier']],
    ['en', 'Acme', 'Acme ordered to pay $2m to a former salesman, jury finds', [], ['salesperson']],
    ['de', 'Hellwig', 'Hellwig verklagt Zulieferer wegen fehlerhafter Leistungshalbleiter', ['supplier'], []],
    ['de', 'Hellwig Antriebstechnik GmbH', 'Die Hellwig Antriebstechnik GmbH ist vor dem Landgericht Düsseldorf von einem italienischen Hersteller wegen Patentverletzung verklagt worden.', [], ['company']],
    ['fr', 'Ardoise Systèmes', "Prud'hommes : Ardoise Systèmes condamnée à indemniser une ancienne commerciale", [], ['salesperson']],
    ['fr', 'Ardoise', 'Ardoise poursuit un ancien stagiaire pour vol de code', ['intern'], []],
    ['es', 'Tecnova', 'Tecnova demanda a un antiguo ingeniero por revelar secretos', ['engineer'], []],
    ['es', 'Tecnova', 'Tecnova fue demandada por un proveedor alemán', [], ['supplier']],
    ['zh', '字节跳动', '字节跳动起诉前实习生田某，索赔800万元', ['intern'], []],
    ['zh', '字节跳动', '字节跳动被供应商起诉', [], ['supplier']],
    ['ja', '白根工業', '白根工業、元取引先を特許侵害で提訴', ['customer'], []],
    ['ja', '白根工業', '白根工業が元社員を提訴', ['employee'], []],
    ['ja', '白根工業', '白根工業が競合メーカーに提訴された', [], ['competitor']],
    ['de', 'Hellwig', 'Hellwig wird von einem Wettbewerber verklagt', [], ['competitor']],
    ['ja', '白根工業', '白根工業、成形機メーカーから提訴', [], ['company']],
    ['ko', '한결반도체', '한결반도체, 협력업체와 납품대금 소송', ['supplier'], []],
    ['ko', '한결반도체', '한결반도체가 전 연구원을 고소했다', ['researcher'], []],
  ])('%s: %s in "%s"', (_lang, name, text, sues, suedBy) => {
    const d = describedCounterparts(terms(name), text);
    expect(ids(d.sues)).toEqual([...sues].sort());
    expect(ids(d.suedBy)).toEqual([...suedBy].sort());
  });

  it.each([
    ['a role word that describes no one on the other side', 'Acme', "Acme sued Zenith. Acme's former engineer spoke at a conference about code review."],
    ['a role in the next sentence', '字节跳动', '字节跳动起诉。一名实习生表示很期待。'],
    ['someone else sues, not the party', 'Acme', 'A former engineer of Zenith sued Zenith; Acme declined to comment.'],
    ['no description, only a name', 'Acme', 'Acme sues Zenith Corp over patents'],
    ['trade secrets are no salesperson (営業秘密)', '白根工業', '白根工業、営業秘密の持ち出しで提訴'],
    ['trade secrets are no salesperson (영업비밀)', '한결반도체', '한결반도체, 영업비밀 유출 혐의로 소송 제기'],
    ["the party's own company suffix", '字节跳动', '字节跳动公司就破坏训练一事起诉'],
    ["the party's own company suffix (株式会社)", '白根工業', '白根工業株式会社が提訴した'],
    ['a board (이사회) is no director', '한결반도체', '한결반도체 이사회가 소송을 결정'],
    ['告诉 is "to tell"', '字节跳动', '字节跳动相关负责人告诉记者，公司已报警'],
    ['起诉当天 is "the day of the suit", no passive', '字节跳动', '字节跳动起诉当天发布声明'],
    ['a German relative clause with "von", then an active verb', 'Hellwig', 'Hellwig, die 2019 von einem Hersteller übernommen wurde, verklagt nun Zenith'],
    ['"von" in a clause of its own', 'Hellwig', 'Hellwig wurde von Mitarbeitern gegründet und hat Zenith verklagt'],
    ['a time before "by" is no description', 'Acme', 'Acme was sued on Tuesday by Zenith'],
    ['"accused of" names no accuser', 'Bellwether', 'Bellwether accused of firing whistleblower employee'],
  ])('nothing described: %s', (_why, name, text) => {
    const d = describedCounterparts(terms(name), text);
    expect(d.sues).toEqual([]);
    expect(d.suedBy).toEqual([]);
  });

  it('a Spanish "demanda por" is a noun and a reason: the suit is against the engineer', () => {
    const d = describedCounterparts(terms('Tecnova'), 'Tecnova presentó una demanda por competencia desleal contra un antiguo ingeniero');
    expect(ids(d.sues)).toEqual(['engineer']);
    expect(d.suedBy).toEqual([]);
  });

  it('a longer role word is read whole: 협력업체 is a supplier, not also a company (업체)', () => {
    expect(ids(rolesIn(tokenize('협력업체와')))).toEqual(['supplier']);
    expect(ids(rolesIn(tokenize('부품 업체')))).toEqual(['company']);
  });
});

describe("the case's own description of its defendants", () => {
  it('reads what the summary says the plaintiff sued, and the words before a defendant', () => {
    const c = caseCounterpart(
      'Durham cell-line developer Bellwether Biologics sued its former director of cell-line development, Adaeze Okafor, and her new employer Corvane Bio in April 2021.',
      [terms('Bellwether Biologics')],
      [
        { terms: terms('Adaeze Okafor'), kind: 'person' },
        { terms: terms('Corvane Bio'), kind: 'organisation' },
      ],
    );
    // "developer" describes the plaintiff, not a defendant: it is not read.
    expect(ids(c.roles)).toEqual(['director', 'employer']);
    expect(c.excludedKinds).toEqual([]);
  });

  it('knows a case against a person alone cannot be against a company', () => {
    const c = caseCounterpart('Fathom Robotics sued former summer intern Kai Delgado-Reyes in December 2022.', [terms('Fathom Robotics')], [{ terms: terms('Kai Delgado-Reyes'), kind: 'person' }]);
    expect(ids(c.roles)).toEqual(['intern']);
    expect(c.excludedKinds).toEqual(['organisation']);
  });

  it('compiles the kind of each party from its name', () => {
    const def: CaseDefinition = {
      id: 1,
      title: 't',
      parties: [
        { name: 'Fathom Robotics', role: 'plaintiff', aliases: [] },
        { name: 'Kai Delgado-Reyes', role: 'defendant', aliases: [] },
        { name: '田柯宇', role: 'defendant', aliases: [] },
        { name: 'Zenith', role: 'defendant', aliases: [] },
      ],
      keywords: [],
      exclude: [],
    };
    expect(compileCase(def).parties.map((p) => p.kind)).toEqual(['organisation', 'person', 'person', null]);
  });
});

describe('judging the described side against the case', () => {
  const bellwether = { roles: [{ id: 'director', words: 'director' }, { id: 'employer', words: 'employer' }], excludedKinds: [] as const };
  const fathom = { roles: [{ id: 'intern', words: 'intern' }], excludedKinds: ['organisation' as const] };
  const bare = { roles: [], excludedKinds: [] as const };
  const sues = (...r: string[]) => ({ sues: r.map((id) => ({ id, words: id })), suedBy: [] });
  const suedBy = (...r: string[]) => ({ sues: [], suedBy: r.map((id) => ({ id, words: id })) });

  it.each([
    ['a quality manager is not the director', bellwether, sues('manager'), 'other'],
    ['an executive may be the director', bellwether, sues('executive'), 'ours'],
    ['a former employee may be the director', bellwether, sues('employee'), 'ours'],
    ['a rival may be the new employer', bellwether, sues('competitor'), 'ours'],
    ['a supplier is not the new employer', bellwether, sues('supplier'), 'other'],
    ['a rival company is not the intern, and the case has no company defendant', fathom, sues('competitor'), 'other'],
    ['the intern described', fathom, sues('intern'), 'ours'],
    ['an engineer is not the intern', fathom, sues('engineer'), 'other'],
    ['a case that describes no one cannot tell a person', bare, sues('engineer'), 'unknown'],
    ['nothing described', bellwether, sues(), 'unknown'],
    ['sued by a manufacturer: someone else', bellwether, suedBy('company'), 'other'],
    ['sued by the intern: a counter-suit in this case', fathom, suedBy('intern'), 'ours'],
    ['sued by a supplier, on a case that describes no one', bare, suedBy('supplier'), 'other'],
  ])('%s', (_why, c, described, verdict) => {
    expect(judgeCounterpart(c, described)).toBe(verdict);
  });
});

describe('a story that says it is another dispute', () => {
  it.each([
    ['en', "The case is unrelated to Bellwether's earlier dispute over cell-line files.", 'unrelated to'],
    ['fr', 'Cette procédure est sans lien avec le litige de 2023.', 'sans lien avec'],
    ['es', 'La demanda no guarda relación con el caso del ingeniero.', 'no guarda relación'],
    ['zh', '该案与此前的商业秘密案另案处理。', '另案'],
    ['ja', '今回の訴訟は元社員の事件とは別件だ。', '別件'],
    ['ko', '이번 소송은 기존 사건과 별건이다.', '별건'],
  ])('%s', (_lang, text, cue) => {
    expect(separateCaseCue(sentences(text))).toBe(cue);
  });

  it.each([
    ['"related" alone', 'The suit is related to the earlier dispute.'],
    ['negated', 'The suit is not unrelated to the earlier dispute.'],
    ['in a sentence about something other than a suit', 'ByteDance said the sabotage was unrelated to its commercial models.'],
    ['a routine "separately" (이와 별개로)', '이와 별개로 회사는 신제품을 발표했다.'],
    ['"regardless of" (unabhängig von)', 'Das Verfahren läuft unabhängig von der Übernahme weiter.'],
  ])('no such cue: %s', (_why, text) => {
    expect(separateCaseCue(sentences(text))).toBeNull();
  });
});

describe('the matcher: the same plaintiff against someone else, described not named', () => {
  const bellwether: CaseDefinition = {
    id: 1,
    title: 'Bellwether Biologics v. Adaeze Okafor',
    summary: 'Bellwether Biologics sued its former director of cell-line development, Adaeze Okafor, and her new employer Corvane Bio, alleging she took 11,000 files on CHO cell lines.',
    parties: [
      { name: 'Bellwether Biologics', role: 'plaintiff', aliases: ['Bellwether'] },
      { name: 'Adaeze Okafor', role: 'defendant', aliases: [] },
      { name: 'Corvane Bio', role: 'defendant', aliases: [] },
    ],
    keywords: ['cell line', 'trade secrets'],
    exclude: [],
  };
  const bytedance: CaseDefinition = {
    id: 2,
    title: 'ByteDance v. Tian Keyu',
    summary: 'ByteDance sued its former intern Tian Keyu in the Haidian District People’s Court for 8 million yuan over sabotage of model training.',
    parties: [
      { name: 'ByteDance', role: 'plaintiff', aliases: ['字节跳动'] },
      { name: 'Tian Keyu', role: 'defendant', aliases: ['田柯宇'] },
    ],
    keywords: ['sabotage', '实习生'],
    exclude: [],
  };

  it('a suit against a former quality manager says why it is another case', () => {
    const e = explainMatch(bellwether, {
      title: 'Bellwether Biologics sues former quality manager over batch records',
      summary: 'Bellwether filed a trade-secret suit against a former quality-assurance manager.',
    });
    expect(e.reasons).toContain("a dispute with someone else (manager; the case's defendant: director, employer): another case (−)");
    expect(e.reading.features.otherLitigants).toBe(1);
  });

  it('a suit against the former intern, in Chinese, is the case: no "someone else"', () => {
    const intern = explainMatch(bytedance, { title: '字节跳动起诉前实习生', summary: '字节跳动称其破坏模型训练，索赔800万元。' });
    const supplier = explainMatch(bytedance, { title: '字节跳动起诉供应商', summary: '字节跳动称供应商延迟交付服务器，索赔800万元。' });
    expect(intern.reading.features.otherLitigants).toBe(0);
    expect(supplier.reading.features.otherLitigants).toBe(1);
    expect(intern.score).toBeGreaterThan(supplier.score);
    expect(intern.status).toBe('auto');
    expect(supplier.status).not.toBe('auto');
  });

  it('a generic word ("a company") does not make the one sued ours', () => {
    const e = explainMatch(bellwether, { title: 'Bellwether sues biotech company Genentech over cell-line patents', summary: 'The trade secrets suit was filed in Delaware.' });
    // As without the description: our plaintiff suing someone not named as ours (½).
    expect(e.reading.features.otherLitigants).toBe(0.5);
  });

  it('the plaintiff sued by someone the story describes is another case', () => {
    const e = explainMatch(bytedance, { title: 'ByteDance sued by a former supplier over unpaid invoices', summary: 'The lawsuit was filed in Beijing.' });
    expect(e.reasons).toContain('the plaintiff sued by someone else (supplier): another case (−)');
    expect(e.reading.features.otherLitigants).toBe(1);
  });

  it('a story that says its dispute is unrelated says so', () => {
    const e = explainMatch(bellwether, {
      title: 'Bellwether Biologics files new lawsuit',
      summary: 'Bellwether sued a contract manufacturer in Virginia. The case is unrelated to its dispute over cell-line files.',
    });
    expect(e.reasons).toContain('the story says it is another dispute ("unrelated to") (−)');
  });
});

describe('a rumoured suit is not a reported one', () => {
  it.each([
    ['字节跳动回应诉讼传闻', false],
    ['ByteDance denies rumoured lawsuit by former intern', false],
    ['Gerüchte über eine Klage gegen Hellwig', false],
    ['ByteDance sues former intern Tian Keyu', true],
    // A rumour elsewhere in the sentence or in the next one leaves the suit reported.
    ['ByteDance sues intern Tian Keyu after rumours of sabotage', true],
    ['Hellwig verklagt Zulieferer. Gerüchte über Stellenabbau dementiert.', true],
  ])('%s', (text, reported) => {
    expect(readDispute(text).reported).toBe(reported);
  });
});
