import { describe, expect, it } from 'vitest';
import { readDispute, type DisputeKind } from '../../../core/matching/dispute.ts';

type Row = [text: string, kind: DisputeKind, claimant: string, respondent: string];

/** Invented companies and people; one row per way of saying "X against Y". */
const WITH_LITIGANTS: Record<string, Row[]> = {
  English: [
    ['On Monday, Nimbus Robotics sued former intern Tian Keyu for $8 million over leaked source code.', 'suit', 'Nimbus Robotics', 'former intern Tian Keyu'],
    ['Kestrel Labs Sues Orrin Systems Over Battery Patents', 'suit', 'Kestrel Labs', 'Orrin Systems'],
    ['Orrin Systems was sued by Kestrel Labs in Delaware.', 'suit', 'Kestrel Labs', 'Orrin Systems'],
    ['Kestrel Labs filed suit against Orrin Systems Inc. on Tuesday.', 'suit', 'Kestrel Labs', 'Orrin Systems Inc.'],
    // The court, or a short aside, between the suit and its respondent.
    ['Kestrel Labs has filed a patent-infringement suit in federal court in Seattle against Orrin Systems.', 'suit', 'Kestrel Labs', 'Orrin Systems'],
    ['Kestrel Labs filed a new trade-secret lawsuit, this time against Orrin Systems.', 'suit', 'Kestrel Labs', 'Orrin Systems'],
    ['In Kestrel Labs Inc. v. Orrin Systems Ltd., the judge granted an injunction.', 'suit', 'Kestrel Labs Inc.', 'Orrin Systems Ltd.'],
    ['A Shenzhen court ordered Orrin Systems to pay Kestrel Labs 8 million yuan.', 'ruling', 'Kestrel Labs', 'Orrin Systems'],
  ],
  Chinese: [
    ['星河科技起诉前员工赵明轩窃取商业秘密', 'suit', '星河科技', '前员工赵明轩'],
    ['据报道，星河科技近日将前员工赵明轩诉至法院。', 'suit', '星河科技', '前员工赵明轩'],
    ['原告星河科技有限公司诉被告赵某侵害商业秘密纠纷一案今日开庭', 'suit', '星河科技有限公司', '赵某'],
    ['星河科技诉赵明轩商业秘密纠纷案二审宣判', 'suit', '星河科技', '赵明轩'],
  ],
  Japanese: [
    ['星野電機が元社員の田中氏を東京地裁に提訴した。', 'suit', '星野電機', '元社員の田中氏'],
    ['田中氏、星野電機から提訴', 'suit', '星野電機', '田中氏'],
    ['青葉化学は白石工業を提訴した。', 'suit', '青葉化学', '白石工業'],
  ],
  Korean: [
    ['알파전자가 전 직원 김모씨를 고소했다.', 'complaint', '알파전자', '전 직원 김모씨'],
    ['알파전자, 베타텍에 50억 손배소', 'suit', '알파전자', '베타텍'],
    ['알파전자는 베타텍을 상대로 특허침해 소송을 제기했다.', 'suit', '알파전자', '베타텍'],
  ],
  German: [
    ['Die Kestrel GmbH verklagt den Konkurrenten Orrin wegen Geschäftsgeheimnissen.', 'suit', 'Kestrel GmbH', 'Konkurrenten Orrin'],
    ['Kestrel hat Orrin verklagt.', 'suit', 'Kestrel', 'Orrin'],
    ['Kestrel klagt gegen Orrin Systems auf Schadensersatz', 'suit', 'Kestrel', 'Orrin Systems'],
  ],
  French: [
    ['Kestrel poursuit Orrin en justice pour concurrence déloyale.', 'suit', 'Kestrel', 'Orrin'],
    ["Kestrel a assigné l'ancien salarié Dupont devant le tribunal de commerce.", 'suit', 'Kestrel', 'ancien salarié Dupont'],
    ['Kestrel porte plainte contre Orrin pour vol de secrets.', 'complaint', 'Kestrel', 'Orrin'],
  ],
  Spanish: [
    ['Kestrel demanda a Orrin Sistemas por secretos comerciales.', 'suit', 'Kestrel', 'Orrin Sistemas'],
    ['Kestrel presentó una demanda contra Orrin ante el Juzgado de lo Mercantil.', 'suit', 'Kestrel', 'Orrin'],
    ['La empresa Vela Textil ha demandado a Lumen Moda por copiar diseños.', 'suit', 'Vela Textil', 'Lumen Moda'],
  ],
};

/** Disputes without a "who against whom" phrase: reported, with the kind, and no guessed sides. */
const WITHOUT_LITIGANTS: Record<string, [string, DisputeKind][]> = {
  English: [
    ['Police searched the home of a former Kestrel engineer suspected of stealing trade secrets.', 'criminal'],
    ['Trade secret lawsuits rose 20% last year, a report found.', 'suit'],
    ['Kestrel Labs has sued its former engineer.', 'suit'],
    ['Kestrel Labs has filed a patent-infringement suit in federal court against a Norwegian competitor.', 'suit'],
    ['Orrin said it appealed the ruling.', 'appeal'],
    ['Kestrel and Orrin reached a settlement on Friday.', 'settlement'],
  ],
  Chinese: [
    ['星河科技向南山法院提起诉讼', 'suit'],
    ['警方已立案侦查，涉嫌侵犯商业秘密罪的赵某被刑事拘留。', 'criminal'],
    ['法院发出诉前禁令。', 'injunction'],
  ],
  Japanese: [
    ['星野電機は3日、元社員を相手取り損害賠償を求めて提訴した。', 'suit'],
    ['営業秘密を持ち出した疑いで元社員が逮捕された。', 'criminal'],
    ['東京高裁は控訴を棄却した。', 'appeal'],
  ],
  Korean: [
    ['검찰은 기술 유출 혐의로 전 직원을 구속 기소했다.', 'criminal'],
    ['법원은 판매금지 가처분 신청을 받아들였다.', 'injunction'],
    ['2심 재판부는 항소를 기각했다.', 'appeal'],
  ],
  German: [
    ['Die Staatsanwaltschaft ließ die Büros durchsuchen.', 'criminal'],
    ['Das Landgericht erließ eine einstweilige Verfügung.', 'injunction'],
    ['Orrin hat Berufung eingelegt.', 'appeal'],
  ],
  French: [
    ['Le parquet de Paris a ouvert une enquête ; deux cadres ont été mis en examen.', 'criminal'],
    ["Orrin a fait appel du jugement.", 'appeal'],
    ["Les deux sociétés ont conclu un accord transactionnel.", 'settlement'],
  ],
  Spanish: [
    ['La Fiscalía investiga la filtración de secretos.', 'criminal'],
    ['El juez dictó medidas cautelares.', 'injunction'],
    ['Las partes firmaron un acuerdo extrajudicial.', 'settlement'],
  ],
};

/** Business, sports and culture news that co-mentions names or uses a legal word in another sense. */
const NOT_DISPUTES: Record<string, string[]> = {
  English: [
    'Kestrel Labs and Orrin Systems announce partnership; quarterly results beat estimates.',
    'Bayern vs Dortmund: Müller scores twice as Bayern won the title',
    'Orrin follows suit and raises prices; the phone has broad appeal among teenagers.',
    'Kestrel agrees to acquire Orrin for $2 billion; the market’s verdict was swift.',
    'The ruling party won the election; payment settlement times fell.',
  ],
  Chinese: [
    '星河科技与云帆集团发布第三季度财报，双方宣布战略合作。',
    '星河队2比1战胜云帆队，夺得联赛冠军。',
    '星河科技完成B轮融资，估值达10亿元。',
  ],
  Japanese: [
    '箱根駅伝で青山大学の選手が区間賞を獲得した。',
    '星野電機は白石工業を買収すると発表した。',
    '星野電機と白石工業が業務提携、決算は増収増益。',
  ],
  Korean: [
    '알파전자가 리그에서 우승했다.',
    '알파전자와 베타텍이 전략적 제휴를 맺었다.',
    '알파전자, 3분기 영업이익 2조 원… 고소득층 수요 증가',
  ],
  German: [
    'Müller erzielte einen Doppelpack gegen Dortmund.',
    'Die Händler klagen über hohe Kosten.',
    'Kestrel übernimmt Orrin; im Vergleich zum Vorjahr stieg der Umsatz.',
  ],
  French: [
    'Renault poursuit sa croissance au troisième trimestre.',
    'Kestrel et Orrin annoncent un partenariat au salon VivaTech.',
    'Le PSG bat Lyon et remporte le titre.',
  ],
  Spanish: [
    'La demanda de chips creció un 20% en el trimestre.',
    'Kestrel adquiere Orrin por 300 millones de euros.',
    'El Madrid venció al Barcelona y ganó la liga.',
  ],
};

describe('readDispute: who against whom', () => {
  const rows = Object.entries(WITH_LITIGANTS).flatMap(([lang, list]) => list.map((r) => [lang, ...r] as const));
  it.each(rows)('%s: %s', (_lang, text, kind, claimant, respondent) => {
    const reading = readDispute(text);
    expect(reading.reported).toBe(true);
    expect(reading.kinds).toContain(kind);
    expect(reading.litigants).toEqual([{ claimant, respondent, kind }]);
    expect(reading.cues.length).toBeGreaterThan(0);
  });
});

describe('readDispute: a dispute without named sides', () => {
  const rows = Object.entries(WITHOUT_LITIGANTS).flatMap(([lang, list]) => list.map((r) => [lang, ...r] as const));
  it.each(rows)('%s: %s', (_lang, text, kind) => {
    const reading = readDispute(text);
    expect(reading.reported).toBe(true);
    expect(reading.kinds).toContain(kind);
    expect(reading.litigants).toEqual([]);
  });
});

describe('readDispute: not a dispute', () => {
  const rows = Object.entries(NOT_DISPUTES).flatMap(([lang, list]) => list.map((t) => [lang, t] as const));
  it.each(rows)('%s: %s', (_lang, text) => {
    expect(readDispute(text)).toEqual({ reported: false, kinds: [], litigants: [], cues: [] });
  });
});

describe('readDispute', () => {
  it('lists kinds in a fixed order and each cue once', () => {
    const reading = readDispute('Orrin appealed. Kestrel sued Orrin; Kestrel sued again after the court ruled that Orrin must pay.');
    expect(reading.kinds).toEqual(['suit', 'ruling', 'appeal']);
    expect(reading.cues.filter((c) => c === 'sued')).toHaveLength(1);
  });

  it('reads accented and full-width text', () => {
    expect(readDispute('ＫＥＳＴＲＥＬ ha apelado: recurso de apelación').kinds).toEqual(['appeal']);
    expect(readDispute('Kestrel a interjeté appel').kinds).toEqual(['appeal']);
  });

  it('takes no court or police for a side', () => {
    expect(readDispute('The Court sued nobody; Police v. Kestrel is a drama series about the verdict in the trial.').litigants).toEqual([]);
  });
});
