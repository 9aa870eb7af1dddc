import { describe, expect, it } from 'vitest';
import { detectStage, latestStage, STAGE_LABELS, STAGE_PRIORITY, type LegalStage } from '../../../core/timeline/stage.ts';

type Row = [title: string, summary: string, expected: LegalStage | null];

const ENGLISH: Row[] = [
  ['Halcyon Genomics sues former data scientist over sequencing data', '', 'filed'],
  ['Lawsuit filed against Brightwater over churn data', '', 'filed'],
  ['Brightwater files suit against former engineer', '', 'filed'],
  ['Havørn Vind takes former engineer Søren Kjærgaard to court', '', 'filed'],
  ['Trial opens in Brightwater’s claim against former engineer', 'The trial opened at the High Court on Monday.', 'hearing'],
  ['Judge rules Raman must return downloaded files', '', 'ruling'],
  ['Shenzhen court orders former intern to pay 1.1 million yuan', 'His lawyer said he would appeal.', 'ruling'],
  ['Jury awards $5 million in trade-secret case', '', 'ruling'],
  ['Verdict in Halcyon v. Raman', 'A jury in San Diego reached its verdict after two days.', 'ruling'],
  ['Halcyon appeals injunction ruling', '', 'appeal'],
  ['Damages award upheld on appeal', 'The judgment of the High Court stands.', 'appeal'],
  ['Court dismissed the appeal by Lindqvist', '', 'appeal'],
  ['Appeals court reverses verdict against former engineer', '', 'appeal'],
  ['Halcyon and Raman settle trade-secret suit', '', 'settlement'],
  ['Brightwater reaches settlement with former engineer', 'The lawsuit in the High Court has ended.', 'settlement'],
  ['Judge dismisses lawsuit against Nordwind', '', 'dismissal'],
  ['Havørn drops suit against former engineer', '', 'dismissal'],
  ['Brightwater claim withdrawn', 'The claim was withdrawn on Friday, court records show.', 'dismissal'],
  ['Former engineer charged with stealing trade secrets', '', 'criminal'],
  ['Ex-employee indicted in data-theft case', 'Federal prosecutors said the files were worth millions.', 'criminal'],
  ['Police arrest ex-intern over map sabotage', '', 'criminal'],
  ['Explainer: why ex parte seizures remain rare', 'Judges have generally preferred temporary restraining orders and forensic imaging.', 'other'],
  // The headline decides over background in the summary.
  ['Brightwater sues former engineer', 'The court ruled last year in a related case that the code was confidential.', 'filed'],
  // Summary only: the first sentence carries the news.
  ['What the Halcyon decision means for start-ups', 'A federal judge ruled on Tuesday that Raman must not work on variant models.', 'ruling'],
];

const NEGATIVES: Row[] = [
  ['New food court opens at the airport', 'Twelve restaurants share the food court on the top floor.', null],
  ['Tennis star wins on centre court', 'She won in straight sets.', null],
  ['A suitable site for the new wind farm', 'Planners found the coastal site suitable and will pursue the project.', null],
  ['Company reports record profits in 2023', 'Revenue rose to 2.3 billion yuan.', null],
  ['Clinical trial of the new drug begins', 'The trial will enrol 300 patients.', null],
  ['Ruling party wins regional election', 'The ruling party took 54 percent of the vote.', null],
  ['Start-up appeals to young investors', 'The appeal of the app lies in its design.', null],
  ['New hearing aids connect to phones', 'People with hearing loss can stream calls.', null],
  ['Families settle in the new town', 'Most settled in the eastern districts as the dust settles on the plan.', null],
  ['Navigation app withdraws map update after lane errors', 'The company withdrew the update within days.', null],
  ['Teenage pianist takes top prize', 'The jury chair praised his tone.', null],
  ['Customers charged twice for electricity', 'The utility charged some accounts twice in March.', null],
  ['Chef makes a judgment call on the menu', '', null],
];

const CHINESE: Row[] = [
  ['星河云图起诉前实习生赵明轩 索赔260万元', '', 'filed'],
  ['青岚机器人向法院提起诉讼', '', 'filed'],
  ['法院已正式立案', '', 'filed'],
  ['前员工状告公司拖欠工资', '', 'filed'],
  ['星河云图诉赵明轩案今日开庭', '', 'hearing'],
  ['庭审持续六小时 双方激烈辩论', '', 'hearing'],
  ['南山法院一审判决：前实习生赵明轩赔偿星河云图110万元', '赵明轩一方表示将提起上诉。', 'ruling'],
  ['法院判令被告赔偿经济损失', '', 'ruling'],
  ['法院裁定冻结被告资产', '', 'ruling'],
  ['深圳中院驳回赵明轩上诉 星河云图案维持原判', '该判决为终审判决。', 'appeal'],
  ['赵明轩不服一审判决提起上诉', '', 'appeal'],
  ['二审维持原判', '', 'appeal'],
  ['双方达成和解', '', 'settlement'],
  ['法院主持调解 双方握手言和', '', 'settlement'],
  ['法院裁定驳回起诉', '', 'dismissal'],
  ['原告撤诉 案件终结', '', 'dismissal'],
  ['检察院对前员工提起公诉', '', 'criminal'],
  ['前员工因破坏计算机信息系统被逮捕', '', 'criminal'],
  ['北京互联网法院发布典型案例', '', 'other'],
  ['区青少年活动中心推出“星河夜观”暑期天文活动', '每周五晚组织青少年用望远镜观察月面。', null],
  ['消费者投诉快递延误', '', null],
  ['城市业余羽毛球联赛收官 赵明夺得男单冠军', '', null],
];

const OTHER_LANGUAGES: Row[] = [
  ['Havørn verklagt früheren Ingenieur', '', 'filed'],
  ['Gericht untersagt Nordwind Rotortechnik Nutzung von Havørn-Daten', '', 'ruling'],
  ['Nordwind geht in Berufung', 'Das Unternehmen hat Berufung eingelegt.', 'appeal'],
  ['Klage abgewiesen', 'Das Landgericht hat die Klage abgewiesen.', 'dismissal'],
  ['Une PME assigne son ancien directeur', 'Armor Gréement a assigné son ancien directeur devant le tribunal de commerce.', 'filed'],
  ['La cour d’appel confirme la condamnation', '', 'appeal'],
  ['青岚ロボットが元技術者を東京地裁に提訴', '', 'filed'],
  ['東京地裁が賠償を命じる判決', '', 'ruling'],
  ['元社員を逮捕', '', 'criminal'],
];

/** Strong and weak phrases of different stages in different places: the weights and the legal test decide. */
const MIXED: Row[] = [
  // A weak phrase in the summary does not outweigh a strong one in the headline.
  ['Acme Robotics sues former engineer Jane Roe', 'A hearing is expected next month.', 'filed'],
  // Weak phrases count once the story is legal, here through a strong phrase of another stage in the summary.
  ['Appeal hearing next week', 'The court of appeals will hear Roe on Tuesday.', 'appeal'],
  ['Hearing set in Acme dispute', 'The court will hear both sides on Monday.', 'hearing'],
  // A weak headline outscores strong background further down.
  ['Roe to settle with Acme', 'The dust settles on a long fight. A judge dismissed the lawsuit last year.', 'settlement'],
  ['Judge orders Acme to pay damages to Roe', 'The award follows a two-week trial. Both sides said a settlement remains possible.', 'ruling'],
  // Equal scores: priority decides.
  ['Prosecutors charge ex-engineer as Acme sues', '', 'criminal'],
  // Legal words without a stage; weak phrases only in a story that is not legal.
  ['Lawyers for Acme and Roe meet', 'Talks continued on Friday.', 'other'],
  ['Acme lawyer comments on dispute', 'Acme declined to say more. The hearing was adjourned.', 'hearing'],
  ['Acme and Roe settle', 'Both companies said they were pleased.', null],
  ['Acme Robotics: what next after the ruling?', 'Analysts expect an appeal. The settlement talks have stalled.', null],
  // Intentions are removed before scoring; what was decided remains.
  ['Acme says it will appeal', 'The court ruled against it on Monday.', 'ruling'],
  ['Acme wins', 'The jury found Roe liable. Roe said she would appeal the verdict.', 'ruling'],
  ['星河云图与赵明达成和解', '此前法院一审判决赵明赔偿110万元，赵明表示将提起上诉。', 'settlement'],
];

describe('detectStage', () => {
  it.each(ENGLISH)('English: %s | %s → %s', (title, summary, expected) => {
    expect(detectStage({ title, summary })).toBe(expected);
  });
  it.each(NEGATIVES)('not legal: %s | %s', (title, summary, expected) => {
    expect(detectStage({ title, summary })).toBe(expected);
  });
  it.each(CHINESE)('Chinese: %s | %s → %s', (title, summary, expected) => {
    expect(detectStage({ title, summary })).toBe(expected);
  });
  it.each(MIXED)('mixed signals: %s | %s → %s', (title, summary, expected) => {
    expect(detectStage({ title, summary })).toBe(expected);
  });
  it.each(OTHER_LANGUAGES)('German/French/Japanese: %s | %s → %s', (title, summary, expected) => {
    expect(detectStage({ title, summary })).toBe(expected);
  });
});

describe('STAGE_LABELS and STAGE_PRIORITY', () => {
  it('labels every stage for people', () => {
    expect(STAGE_LABELS).toEqual({
      filed: 'Filed',
      hearing: 'Hearing',
      ruling: 'Ruling',
      appeal: 'Appeal',
      settlement: 'Settlement',
      dismissal: 'Dismissed/withdrawn',
      criminal: 'Criminal charge',
      other: 'Other',
    });
  });
  it('ranks every stage once', () => {
    expect([...STAGE_PRIORITY].sort()).toEqual(Object.keys(STAGE_LABELS).sort());
  });
});

describe('latestStage', () => {
  const d = (iso: string) => new Date(iso);
  it.each([
    ['the most recent entry with a stage', [{ stage: 'filed', publishedAt: d('2024-01-01') }, { stage: 'ruling', publishedAt: d('2024-06-01') }, { stage: null, publishedAt: d('2024-07-01') }], 'ruling'],
    ['a specific stage over a later "other"', [{ stage: 'appeal', publishedAt: d('2024-06-01') }, { stage: 'other', publishedAt: d('2024-08-01') }], 'appeal'],
    ['"other" when nothing is more specific', [{ stage: 'other', publishedAt: d('2024-06-01') }, { stage: null, publishedAt: d('2024-08-01') }], 'other'],
    ['priority for entries published at the same moment', [{ stage: 'ruling', publishedAt: d('2024-06-01') }, { stage: 'appeal', publishedAt: d('2024-06-01') }], 'appeal'],
    ['ISO strings as well as dates, in any order', [{ stage: 'settlement', publishedAt: '2025-01-01T00:00:00Z' }, { stage: 'filed', publishedAt: '2023-01-01T00:00:00Z' }], 'settlement'],
    ['null for no entries or only unknown stages', [{ stage: 'bogus', publishedAt: d('2024-01-01') }], null],
    ['not undone by a later retrospective that recalls the filing', [{ stage: 'filed', publishedAt: d('2018-06-01') }, { stage: 'settlement', publishedAt: d('2020-12-01') }, { stage: 'filed', publishedAt: d('2024-12-10') }], 'settlement'],
    ['a ruling on appeal after the appeal', [{ stage: 'ruling', publishedAt: d('2023-01-01') }, { stage: 'appeal', publishedAt: d('2023-06-01') }, { stage: 'ruling', publishedAt: d('2024-03-01') }], 'ruling'],
    ['a hearing does not step back from a ruling', [{ stage: 'ruling', publishedAt: d('2023-01-01') }, { stage: 'hearing', publishedAt: d('2023-02-01') }], 'ruling'],
  ] as const)('%s', (_label, entries, expected) => {
    expect(latestStage(entries)).toBe(expected);
  });
});
