import { describe, expect, it } from 'vitest';
import {
  assignToCluster,
  clusterStories,
  COPY_WINDOW_DAYS,
  copyEvidence,
  SUMMARY_CONTAINMENT_THRESHOLD,
  SUMMARY_JACCARD_THRESHOLD,
  isEarlier,
  parseSignature,
  signatureFor,
  SIGNATURE_VERSION,
  type ClusterSignature,
  type ClusterStory,
} from '../../../core/timeline/cluster.ts';

const at = (iso: string) => new Date(iso);
let nextId = 1;
function story(s: Partial<ClusterStory> & { title: string; summary: string; publishedAt: Date }): ClusterStory {
  return { id: nextId++, canonicalUrl: `https://example.org/${nextId}`, source: null, ...s };
}

// One fictional English case: a filing reported and republished, then an injunction, trial, ruling and appeal.
const FILING_BODY =
  'The claim says Lindqvist has since joined Corvane, a Dublin start-up that sells a rival product. Brightwater is seeking an injunction and damages of £4 million. Lindqvist’s solicitors said he denies taking any confidential material. Corvane said it had not received any Brightwater code.';
const FILING_LEAD =
  'Brightwater Analytics, a Leeds company that builds churn-prediction software for telecom operators, has sued its former lead engineer Tomas Lindqvist in the High Court in London, alleging he copied the source code of its forecasting models to a personal cloud account before resigning in January.';

const filing = story({ title: 'Brightwater Analytics sues former engineer over customer churn models', summary: `${FILING_LEAD} ${FILING_BODY}`, publishedAt: at('2024-02-12T09:00:00Z') });
const wireUpdate = story({ title: 'UPDATE 1-Brightwater Analytics sues former engineer over customer churn models', summary: `LONDON, Feb 12 (Wireline) - ${FILING_LEAD} ${FILING_BODY}`, publishedAt: at('2024-02-12T12:00:00Z') });
const rewordedLead = story({
  title: 'Brightwater Analytics sues former engineer over customer churn models - The Northern Courier',
  summary: `Leeds-based Brightwater Analytics, which makes software that predicts customer churn for telecom operators, has taken its former lead engineer Tomas Lindqvist to the High Court in London, accusing him of copying the source code of its forecasting models to a personal cloud account before he resigned in January. ${FILING_BODY}`,
  publishedAt: at('2024-02-12T14:00:00Z'),
});
const teaser = story({
  title: 'Churn-software maker takes ex-lead engineer to court over copied code | Tech Daily',
  summary:
    'Brightwater Analytics, a Leeds company that builds churn-prediction software for telecom operators, has sued its former lead engineer Tomas Lindqvist in London’s High Court, alleging he copied the source code of its forecasting models to a personal cloud account before resigning in January. The claim says Lindqvist has since joined Corvane, a Dublin start-up selling a rival product.',
  publishedAt: at('2024-02-13T08:00:00Z'),
});
const refiled = story({
  title: 'REFILE-Brightwater Analytics sues former engineer over customer churn models (Wireline)',
  summary: `${FILING_LEAD} ${FILING_BODY} (Reporting by Anna Field; Editing by Mark Jones)`,
  publishedAt: at('2024-02-12T16:00:00Z'),
});
const independentReport = story({
  title: 'Leeds software firm takes former engineer to court over code',
  summary:
    'A Leeds company that sells churn-prediction tools to mobile operators is suing a former engineer it accuses of walking off with its model code. Brightwater Analytics says Tomas Lindqvist moved the files to his own cloud storage shortly before he quit to join Corvane in Dublin. The firm wants £4 million and a court order stopping him from using the code. Lindqvist denies wrongdoing.',
  publishedAt: at('2024-02-12T15:00:00Z'),
});
const injunction = story({
  title: 'Judge bars ex-Brightwater engineer from churn work at Corvane',
  summary:
    'A High Court judge in London has granted Brightwater Analytics an interim injunction against its former lead engineer Tomas Lindqvist, barring him for nine months from working on churn-prediction models at Corvane, the Dublin start-up he joined in January. The judge said Brightwater had shown a serious issue to be tried over source code that Lindqvist copied to a personal cloud account. Lindqvist must hand his laptop to an independent forensic expert. Corvane, which is not a party to the claim, said the order would not affect its customers.',
  publishedAt: at('2024-04-03T10:00:00Z'),
});
const trial = story({
  title: 'Trial opens in Brightwater’s claim against former engineer Lindqvist',
  summary:
    'The trial of Brightwater Analytics’ claim against its former lead engineer Tomas Lindqvist opened at the High Court in London on Monday. Brightwater’s barrister told the court that forensic logs show the forecasting code was copied to a personal cloud account days before Lindqvist resigned. Lindqvist’s counsel said the files were his own notes and test scripts. The trial is expected to last two weeks.',
  publishedAt: at('2024-10-07T10:00:00Z'),
});
const ruling = story({
  title: 'High Court awards Brightwater £1.2 million from former engineer',
  summary:
    'The High Court in London has ordered Tomas Lindqvist, a former lead engineer at Brightwater Analytics, to pay the Leeds company £1.2 million, finding that he copied the source code of its churn forecasting models to a personal cloud account before resigning and used parts of it at Corvane. The judge rejected Lindqvist’s evidence that the files were his own notes. Brightwater had sought £4 million. Lindqvist’s solicitors said he would appeal.',
  publishedAt: at('2024-10-11T15:00:00Z'),
});
const appeal = story({
  title: 'Court of Appeal upholds £1.2 million award against ex-Brightwater engineer',
  summary:
    'The Court of Appeal has dismissed Tomas Lindqvist’s appeal against a High Court ruling that ordered him to pay Brightwater Analytics £1.2 million for copying the source code of its churn forecasting models. Three judges found no error in the trial judge’s assessment of the forensic evidence. Lindqvist, who now works outside the software industry, did not comment.',
  publishedAt: at('2025-06-18T09:00:00Z'),
});

// One fictional Chinese case: a filing with two lightly edited copies, then a ruling and an appeal.
const cnFiling = story({
  title: '青岚机器人起诉前工程师李文博 索赔500万元',
  summary:
    '苏州青岚机器人有限公司近日向苏州工业园区人民法院提起诉讼，指控前算法工程师李文博在离职前将公司机械臂路径规划源代码上传至个人网盘，并在入职竞争对手后使用相关代码。青岚机器人要求李文博赔偿经济损失500万元，并停止使用相关技术资料。李文博的代理律师表示，其当事人仅保存了个人工作笔记，将积极应诉。',
  publishedAt: at('2024-05-06T02:00:00Z'),
});
const cnCopy = story({
  title: '青岚机器人起诉前工程师李文博 索赔500万元_财经快讯网',
  summary:
    '苏州青岚机器人有限公司日前向苏州工业园区人民法院提起诉讼，称前算法工程师李文博在离职前将公司机械臂路径规划源代码上传至个人网盘，并在入职竞争对手后使用了相关代码。青岚机器人要求李文博赔偿经济损失500万元，并停止使用相关技术资料。李文博的代理律师表示，其当事人仅保存了个人工作笔记，将积极应诉。来源：江南商报',
  publishedAt: at('2024-05-06T06:30:00Z'),
});
const cnTagged = story({ title: '【独家】青岚机器人起诉前工程师李文博 索赔500万元', summary: cnFiling.summary, publishedAt: at('2024-05-07T01:00:00Z') });
const cnRuling = story({
  title: '苏州工业园区法院一审判决：李文博赔偿青岚机器人180万元',
  summary:
    '苏州工业园区人民法院对苏州青岚机器人有限公司诉前算法工程师李文博侵害技术秘密纠纷一案作出一审判决。法院认定，李文博在离职前上传至个人网盘的机械臂路径规划源代码构成技术秘密，判令其赔偿青岚机器人经济损失180万元。青岚机器人原诉请500万元。李文博一方表示将提起上诉。',
  publishedAt: at('2024-12-20T03:00:00Z'),
});
const cnAppeal = story({
  title: '苏州中院驳回李文博上诉 青岚机器人案维持原判',
  summary:
    '苏州市中级人民法院近日对苏州青岚机器人有限公司与李文博侵害技术秘密纠纷上诉案作出二审判决，驳回上诉，维持原判。二审法院认为，一审查明的事实清楚，代码比对报告与网盘上传记录能够相互印证。根据判决，李文博需赔偿青岚机器人180万元。该判决为终审判决。',
  publishedAt: at('2025-05-09T03:00:00Z'),
});

const ALL = [filing, wireUpdate, rewordedLead, teaser, refiled, independentReport, injunction, trial, ruling, appeal, cnFiling, cnCopy, cnTagged, cnRuling, cnAppeal];
const membersOf = (clusters: { leadId: number; memberIds: number[] }[], id: number) => clusters.find((c) => c.memberIds.includes(id))!;

describe('clusterStories: hand-written copies and developments', () => {
  const clusters = clusterStories(ALL);

  it.each([
    ['an "UPDATE 1-" copy with a dateline', wireUpdate],
    ['a " - Outlet" copy with a reworded first sentence', rewordedLead],
    ['a reworded headline over the first two sentences only', teaser],
    ['a "REFILE-" copy with "(Outlet)" and a reporting credit', refiled],
  ])('folds %s into the original filing story', (_label, copy) => {
    expect(membersOf(clusters, copy.id).leadId).toBe(filing.id);
  });

  it('folds lightly edited Chinese copies ("_网站" suffix, 【独家】 tag, a few words changed) into the original', () => {
    expect(membersOf(clusters, cnFiling.id)).toEqual({ leadId: cnFiling.id, memberIds: [cnFiling.id, cnCopy.id, cnTagged.id] });
  });

  it('folds a one-sentence teaser (reworded headline, lightly reworded lead) into a long original through containment', () => {
    const longFiling = story({
      title: filing.title,
      summary: `${filing.summary} The company said the models took five years and more than forty engineers to build, and that three of its largest customers had been approached by Corvane since the spring. It asked the court to order Lindqvist to hand over his devices for forensic inspection and to disclose any messages with Corvane about the code. Brightwater’s chief executive, Helen Marsh, said the company would defend its technology vigorously.`,
      publishedAt: at('2024-02-12T09:00:00Z'),
    });
    const oneSentence = story({
      title: 'Ex-engineer sued over churn models',
      summary:
        'Brightwater Analytics, a Leeds firm that builds churn-prediction software for telecom operators, has sued its former lead engineer Tomas Lindqvist in the High Court in London, alleging that he copied the source code of its forecasting models to a personal cloud account before resigning in January.',
      publishedAt: at('2024-02-12T18:00:00Z'),
    });
    const sig = (s: ClusterStory) => ({ ...s, sig: parseSignature(signatureFor(s)) });
    const evidence = copyEvidence(sig(longFiling), sig(oneSentence));
    expect(evidence.summaryJaccard).toBeLessThan(SUMMARY_JACCARD_THRESHOLD);
    expect(evidence.summaryContainment).toBeGreaterThanOrEqual(SUMMARY_CONTAINMENT_THRESHOLD);
    expect(clusterStories([longFiling, oneSentence])).toEqual([{ leadId: longFiling.id, memberIds: [longFiling.id, oneSentence.id] }]);
  });

  it('keeps each development of a case apart: injunction, trial, ruling four days later, appeal', () => {
    for (const s of [injunction, trial, ruling, appeal, cnRuling, cnAppeal]) expect(membersOf(clusters, s.id).memberIds).toEqual([s.id]);
  });

  it('keeps an independent report of the same filing, written in its own words, apart', () => {
    expect(membersOf(clusters, independentReport.id).memberIds).toEqual([independentReport.id]);
  });

  it('leads each cluster with the earliest-published member, listed first', () => {
    expect(membersOf(clusters, filing.id)).toEqual({ leadId: filing.id, memberIds: [filing.id, wireUpdate.id, rewordedLead.id, refiled.id, teaser.id] });
    expect(clusters).toHaveLength(9);
  });

  it('picks the earliest as lead even when the copy is stored first or given a lower id', () => {
    const early = { ...wireUpdate, id: 9001, publishedAt: at('2024-02-12T08:00:00Z') };
    const result = clusterStories([filing, early]);
    expect(result).toEqual([{ leadId: 9001, memberIds: [9001, filing.id] }]);
  });

  it('always clusters stories with the same canonical URL, however far apart and different', () => {
    const edited = { ...injunction, id: 9002, canonicalUrl: filing.canonicalUrl, publishedAt: at('2024-06-01T00:00:00Z') };
    expect(clusterStories([filing, edited])).toEqual([{ leadId: filing.id, memberIds: [filing.id, 9002] }]);
  });

  it(`outside the ${COPY_WINDOW_DAYS}-day window, clusters only a verbatim republication`, () => {
    const verbatim = { ...wireUpdate, id: 9003, publishedAt: at('2024-03-20T00:00:00Z') };
    const reworded = { ...rewordedLead, id: 9004, publishedAt: at('2024-03-20T00:00:00Z') };
    expect(clusterStories([filing, verbatim])).toHaveLength(1);
    expect(clusterStories([filing, reworded])).toHaveLength(2);
  });

  it('does not cluster stories without text on empty summaries alone', () => {
    const a = story({ title: 'Brightwater files claim', summary: '', publishedAt: at('2024-02-12T09:00:00Z') });
    const b = story({ title: 'Weather turns cold in Leeds', summary: '', publishedAt: at('2024-02-12T10:00:00Z') });
    expect(clusterStories([a, b])).toHaveLength(2);
  });
});

describe('signatureFor / assignToCluster: clustering as stories arrive', () => {
  const row = (s: ClusterStory, leadId: number | null = null): ClusterSignature => ({
    storyId: s.id,
    canonicalUrl: s.canonicalUrl,
    publishedAt: s.publishedAt,
    signature: signatureFor(s),
    leadId,
  });
  const leads = [row(filing), row(injunction), row(trial), row(cnFiling)];

  it('writes a compact, versioned text signature that reads back', () => {
    const sig = signatureFor(filing);
    expect(sig.startsWith(`${SIGNATURE_VERSION};`)).toBe(true);
    expect(sig.length).toBeLessThan(1000);
    expect(signatureFor(filing)).toBe(sig);
    expect(parseSignature(sig)?.summary.size).toBeGreaterThan(50);
    expect(parseSignature('x1;1.AAAA;1.AAAA')).toBeNull();
    expect(parseSignature('garbage')).toBeNull();
  });

  it.each([
    ['an UPDATE copy', wireUpdate, filing.id],
    ['a teaser with a new headline', teaser, filing.id],
    ['a Chinese copy', cnCopy, cnFiling.id],
    ['a ruling four days after the trial', ruling, null],
    ['an independent report', independentReport, null],
    ['the Chinese appeal', cnAppeal, null],
  ])('assigns %s', (_label, s, expected) => {
    expect(assignToCluster(leads, row(s))).toBe(expected);
    expect(assignToCluster(leads, s)).toBe(expected);
  });

  it('returns the lead of a matching member, so a copy of a copy joins the original', () => {
    const members = [row(filing), row(rewordedLead, filing.id)];
    const copyOfCopy = story({ ...rewordedLead, title: 'Brightwater sues ex-engineer [Leeds Post]', publishedAt: at('2024-02-12T20:00:00Z') });
    expect(assignToCluster(members, copyOfCopy)).toBe(filing.id);
  });

  it('falls back to canonical-URL equality when a signature is missing or from an older version', () => {
    const stored = [{ ...row(filing), signature: null }, { ...row(trial), signature: 'c0;old' }];
    expect(assignToCluster(stored, row(wireUpdate))).toBeNull();
    expect(assignToCluster(stored, { ...row(wireUpdate), canonicalUrl: trial.canonicalUrl })).toBe(trial.id);
  });

  it('never matches a story against its own stored row', () => {
    expect(assignToCluster([row(filing)], row(filing))).toBeNull();
  });

  it('orders leads by publication time, then id', () => {
    expect(isEarlier({ id: 5, publishedAt: at('2024-01-01') }, { id: 1, publishedAt: at('2024-01-02') })).toBe(true);
    expect(isEarlier({ id: 2, publishedAt: at('2024-01-01') }, { id: 1, publishedAt: at('2024-01-01') })).toBe(false);
  });
});
