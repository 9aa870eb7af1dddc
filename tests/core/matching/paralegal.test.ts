// The matcher's judgement, part by part and language by language: sides of a suit, spellings the user did not
// type (pinyin both ways included), anonymised reports, common words, facts across units, subject and decisions.
import { describe, expect, it } from 'vitest';
import type { CaseDefinition } from '../../../core/caseDefinition.ts';
import { amountSpecificity } from '../../../core/matching/features.ts';
import { readableTerms } from '../../../core/matching/model.ts';
import { Matcher, explainMatch, matchCase, type MatcherOptions } from '../../../core/matching/matcher.ts';
import { buildProfile, NO_STATS, topicSimilarity, topicTerms } from '../../../core/matching/profile.ts';
import { sidesOf } from '../../../core/matching/roles.ts';
import { compileCase, makeTerm } from '../../../core/matching/terms.ts';
import { courtForms } from '../../../core/matching/courtForms.ts';
import { caseCourtPlaces, courtPlacesIn } from '../../../core/matching/courtPlaces.ts';

/** Both matcher paths must agree; the explanation says what was read. */
function read(def: CaseDefinition, title: string, summary = '', opts: MatcherOptions = {}) {
  const reference = matchCase(def, { title, summary }, opts);
  expect(Matcher.compile([def], opts).match({ title, summary })).toEqual(reference ? [reference] : []);
  return explainMatch(def, { title, summary }, opts);
}

const party = (name: string, role: 'plaintiff' | 'defendant', aliases: string[] = []) => ({ name, role, aliases });

describe('which side of a suit a party stands on', () => {
  it.each([
    ['en', 'Acme Robotics', 'Acme Robotics sues former engineer Jane Doe', 'claimant'],
    ['en', 'Acme Robotics', 'A logistics firm sued Acme Robotics over broken arms', 'respondent'],
    ['en', 'Acme Robotics', 'Acme Robotics sued by customer over faulty arms', 'respondent'],
    ['en', 'Jane Doe', 'Acme Robotics v. Jane Doe goes to trial', 'respondent'],
    ['zh', '字节跳动', '字节跳动起诉前实习生田柯宇', 'claimant'],
    ['zh', '田柯宇', '字节跳动起诉前实习生田柯宇', 'respondent'],
    ['zh', '田柯宇', '田柯宇被字节跳动起诉', 'respondent'],
    ['zh', '谢嘉豪', '原告景鸿精密诉被告谢嘉豪', 'respondent'],
    ['ja', '白根工業', '白根工業、元取引先を特許侵害で提訴', 'claimant'],
    ['ja', '白根工業', '白根工業、成形機メーカーから提訴 不具合巡り', 'respondent'],
    // The title's line break ends a sentence: the summary's subject is not the object of the title's verb.
    ['ja', 'ファゾム・ロボティクス', 'ファゾム・ロボティクス、韓国メーカーを提訴\nファゾム・ロボティクスは特許侵害を主張している', 'claimant'],
    ['ko', '한결반도체', '한결반도체, 미국 업체에 특허침해 소송 당해', 'respondent'],
    ['de', 'Hellwig', 'Hellwig verklagt Zulieferer wegen fehlerhafter Teile', 'claimant'],
    ['fr', 'Ardoise Systèmes', 'Une chaîne de brasseries poursuit Ardoise Systèmes après une panne', 'respondent'],
    ['es', 'Vela Textil', 'Vela Textil demanda a su antiguo director', 'claimant'],
  ])('%s: %s in "%s" is the %s', (_lang, name, text, side) => {
    expect([...sidesOf([makeTerm(name)!], text)]).toEqual([side]);
  });

  it.each([
    ['en', 'Acme Robotics', 'Acme Robotics opens a plant; a rival sued a supplier last year.'],
    ['en', 'Acme Robotics', 'Acme Robotics shares rose. Investors sued the bank.'],
    ['zh', '字节跳动', '字节跳动发布新模型'],
    ['de', 'Hellwig', 'Doppelpack von Hellwig sichert den Heimsieg'],
  ])('%s: no side for %s in "%s"', (_lang, name, text) => {
    expect(sidesOf([makeTerm(name)!], text).size).toBe(0);
  });
});

describe('spellings the user did not type', () => {
  const cases: [label: string, def: CaseDefinition, title: string, summary: string][] = [
    ['umlaut spelled out', { id: 1, title: 'Müller case', parties: [party('Hans Müller', 'defendant'), party('Kaltwerk', 'plaintiff')], keywords: [], exclude: [] }, 'Kaltwerk verklagt Hans Mueller', 'Die Klage liegt beim Landgericht.'],
    ['Hepburn long vowel', { id: 1, title: 'Ono case', parties: [party('Kenji Ono', 'defendant'), party('Daikou', 'plaintiff')], keywords: [], exclude: [] }, 'Daikou sues Kenji Ohno', 'The suit was filed in Tokyo.'],
    ['Wade-Giles for pinyin', { id: 1, title: 'Xu case', parties: [party('Xu Zhenyu', 'defendant'), party('Yunfan Data', 'plaintiff')], keywords: [], exclude: [] }, 'Yunfan Data sues Hsu Chen-yu', 'The suit was filed in Beijing.'],
    ['hyphenated given name joined', { id: 1, title: 'Jang case', parties: [party('Jang Seung-ho', 'defendant'), party('Hangyeol', 'plaintiff')], keywords: [], exclude: [] }, 'Hangyeol sues Jang Seungho', 'The suit was filed in Suwon.'],
    ['initial and surname', { id: 1, title: 'Okafor case', parties: [party('Adaeze Okafor', 'defendant'), party('Bellwether Biologics', 'plaintiff')], keywords: [], exclude: [] }, 'Bellwether Biologics sues A. Okafor', 'The suit was filed in Durham.'],
    ['traditional characters', { id: 1, title: 'Jinghong case', parties: [party('景鸿精密', 'plaintiff'), party('谢嘉豪', 'defendant')], keywords: [], exclude: [] }, '景鴻精密起訴謝嘉豪', '法院已受理。'],
    ['Japanese character forms', { id: 1, title: 'Shirane case', parties: [party('白根工業', 'plaintiff'), party('遠藤涼太', 'defendant')], keywords: [], exclude: [] }, '白根工业起诉远藤凉太', '法院已受理。'],
    ['full-width letters', { id: 1, title: 'Fathom case', parties: [party('Fathom Robotics', 'plaintiff'), party('Kai Delgado-Reyes', 'defendant')], keywords: [], exclude: [] }, 'Ｆａｔｈｏｍ Ｒｏｂｏｔｉｃｓ、Ｋａｉ Ｄｅｌｇａｄｏ－Ｒｅｙｅｓを提訴', '訴えは連邦地裁に。'],
    ['a pinyin watch in Han characters', { id: 1, title: 'Xu case', parties: [party('Yunfan Data', 'plaintiff', ['云帆数据']), party('Xu Zhenyu', 'defendant')], keywords: [], exclude: [] }, '云帆数据起诉前副总裁许振宇', '索赔2800万元。'],
    ['a Han watch in pinyin', { id: 1, title: 'Jinghong case', parties: [party('Jinghong Precision', 'plaintiff'), party('澄芯科技', 'defendant')], keywords: [], exclude: [] }, 'Jinghong Precision sues Chengxin Technology', 'The suit was filed in Suzhou.'],
  ];

  it.each(cases)('%s: the party is found and the suit joins the timeline', (_label, def, title, summary) => {
    const e = read(def, title, summary);
    expect(e.reading.parties.every((f) => f !== null)).toBe(true);
    expect(e.status).toBe('auto');
  });

  it('a variant needs more support than the exact name: a pinyin homophone in sport news stays off', () => {
    const def: CaseDefinition = { id: 1, title: 'Xu case', parties: [party('Yunfan Data', 'plaintiff'), party('Xu Zhenyu', 'defendant')], keywords: [], exclude: [] };
    const e = read(def, '徐振宇晋级全国乒乓球锦标赛十六强', '比赛在成都举行。');
    expect(e.reading.parties[1]?.level).toBe('variant');
    expect(e.status).toBe('none');
  });

  it('does not take a longer name or another script for the party', () => {
    const def: CaseDefinition = { id: 1, title: 'Xu case', parties: [party('Yunfan Data', 'plaintiff'), party('Xu Zhenyu', 'defendant')], keywords: [], exclude: [] };
    expect(read(def, 'Yunfan Data sues Xu Zhenyuan', '').reading.parties[1]).toBeNull();
    expect(read(def, '云帆数据起诉许振', '').reading.parties[1]).toBeNull();
  });
});

describe('anonymised court reports', () => {
  const def: CaseDefinition = {
    id: 1,
    title: 'Yunfan Data v. Xu Zhenyu',
    summary: 'Yunfan Data sued its former vice-president Xu Zhenyu and Lingxi Zhisuan, claiming 28 million yuan over annotation-platform code.',
    parties: [party('Yunfan Data', 'plaintiff', ['云帆数据']), party('许振宇', 'defendant'), party('灵犀智算', 'defendant')],
    keywords: ['商业秘密'],
    exclude: [],
  };

  it('counts 许某 and 某智算公司 with the case sum in another unit', () => {
    const e = read(def, '前副总裁许某被判赔偿2800万元', '某智算公司一并承担连带责任，法院认定构成侵犯商业秘密。');
    expect(e.reading.parties.map((f) => f?.level ?? null)).toEqual([null, 'anonymised', 'anonymised']);
    expect(e.reading.factsMatched).toEqual(['2800万元 = 28 million yuan']);
    expect(e.status).toBe('auto');
  });

  it('does not count 许某 alone', () => {
    expect(read(def, '许某在比赛中夺冠', '颁奖典礼在上海举行。').status).toBe('none');
  });

  it('finds "Timo R." for Timo Rößler only with support', () => {
    const hellwig: CaseDefinition = { id: 2, title: 'Hellwig v. Rößler', parties: [party('Hellwig Antriebstechnik', 'plaintiff'), party('Timo Rößler', 'defendant')], keywords: ['Firmware'], exclude: [] };
    expect(read(hellwig, 'Ermittlungen gegen Ex-Firmware-Chef Timo R.', 'Die Staatsanwaltschaft ermittelt.').reading.parties[1]?.level).toBe('anonymised');
    expect(read(hellwig, 'Timo R. gewinnt Stadtlauf', 'Der Läufer siegte knapp.').status).toBe('none');
  });
});

describe('a Chinese court in English and in characters, and parties watched in pinyin', () => {
  it.each([
    ['Beijing Intellectual Property Court', ['~bei ~jing ~zhi ~shi ~chan ~quan ~fa ~yuan', '~bei ~jing ~zhi ~chan ~fa ~yuan']],
    ["Haidian District People's Court", ['~hai ~dian ~qu ~ren ~min ~fa ~yuan', '~hai ~dian ~fa ~yuan']],
    ["Beijing Haidian District People's Court", ['~hai ~dian ~qu ~ren ~min ~fa ~yuan', '~hai ~dian ~fa ~yuan']],
    ["Suzhou Intermediate People's Court", ['~su ~zhou ~zhong ~ji ~ren ~min ~fa ~yuan', '~su ~zhou ~shi ~zhong ~ji ~ren ~min ~fa ~yuan', '~su ~zhou ~zhong ~yuan']],
  ])('%s is looked for in characters as %j (among others)', (name, some) => {
    const keys = courtForms(name).pinyin.map((s) => s.map((x) => `~${x}`).join(' '));
    for (const k of some) expect(keys).toContain(k);
  });

  it.each([
    ['北京知识产权法院', ['Beijing Intellectual Property Court']],
    ['北京市海淀区人民法院', ["Haidian District People's Court", "Beijing Haidian District People's Court"]],
    ['苏州中院', ["Suzhou Intermediate People's Court"]],
    ['苏州市中级人民法院', ["Suzhou Intermediate People's Court"]],
    ['重庆市高级人民法院', ["Chongqing Higher People's Court"]],
    ['西安市中级人民法院', ["Xi'an Intermediate People's Court"]],
    // Look-alikes: a district or a county? A court outside China, a one-syllable place: nothing is guessed.
    ['海淀法院', []],
    ['Suwon District Court', []],
    ['Munich I Regional Court', []],
    ["Xi People's Court", []],
  ])('%s has the English names %j', (name, english) => {
    expect(courtForms(name).english).toEqual(english);
    if (english.length === 0 && !/\p{Script=Han}/u.test(name)) expect(courtForms(name).pinyin).toEqual([]);
  });

  const pinyinOnly: CaseDefinition = {
    id: 12,
    title: 'Yunfan Data v. Xu Zhenyu',
    summary: 'Yunfan Data sued its former vice-president Xu Zhenyu and Lingxi Zhisuan in the Beijing Intellectual Property Court over annotation-platform code.',
    parties: [party('Yunfan Data', 'plaintiff', ['云帆数据']), party('Xu Zhenyu', 'defendant'), party('Lingxi Zhisuan', 'defendant', ['灵犀智算'])],
    keywords: ['trade secrets'],
    exclude: [],
  };
  const report = ['北京知产法院作出行为保全裁定', '北京知识产权法院责令某智算公司停止使用涉案代码。申请人主张，其前员工许某离职前下载上述资料。'] as const;

  it('a report naming the court in characters, 许某 for a defendant watched in pinyin and 某智算公司 joins the timeline', () => {
    const e = read(pinyinOnly, ...report);
    expect(e.reading.courtsMatched).toEqual(['Beijing Intellectual Property Court']);
    expect(e.reading.parties.map((f) => f?.level ?? null)).toEqual([null, 'anonymised', 'anonymised']);
    expect(e.status).toBe('auto');
  });

  it('the same report before another court, or 许某 in other news, does not', () => {
    expect(read(pinyinOnly, report[0].replace('北京', '上海'), report[1].replaceAll('北京', '上海')).reading.courtsMatched).toEqual([]);
    expect(read(pinyinOnly, '许某在比赛中夺冠', '颁奖典礼在北京举行。').status).toBe('none');
  });

  it('a four-character company name watched in pinyin is no person: 某智算公司, and no 灵某', () => {
    const lingxi = compileCase(pinyinOnly).parties[2]!;
    expect(lingxi.anonymised.map((t) => t.display)).toEqual(['某智算公司', '某智算科技公司']);
    expect(compileCase(pinyinOnly).parties[1]!.anonymised.map((t) => t.key)).toEqual(['~xu ~某']);
  });

  it('surname + 某 needs 某 itself: 必须谋求 ("must seek", xu mou) is no 须某, and the score stays as without it', () => {
    const plain = read(pinyinOnly, 'Yunfan Data opens a Beijing lab', '云帆数据表示，公司必须谋求新的增长。');
    expect(plain.reading.parties[1]).toBeNull();
    expect(plain.reasons.join(' ')).not.toMatch(/anonymised/);
  });

  it('a pinyin name of two one-syllable words gives both readings of the surname', () => {
    const wei: CaseDefinition = { ...pinyinOnly, parties: [party('Yunfan Data', 'plaintiff'), party('Wei Zhang', 'defendant')] };
    expect(compileCase(wei).parties[1]!.anonymised.map((t) => t.key).sort()).toEqual(['~wei ~某', '~zhang ~某']);
  });

  it('reads 许某 the same whatever other cases are watched', () => {
    const han: CaseDefinition = { ...pinyinOnly, id: 20, parties: [party('Yunfan Data', 'plaintiff', ['云帆数据']), party('Xu Zhenyu', 'defendant', ['许振宇'])] };
    const other: CaseDefinition = { ...pinyinOnly, id: 21, title: 'Acme v. Li Wenjun', summary: null, parties: [party('Acme', 'plaintiff'), party('Li Wenjun', 'defendant')], keywords: [] };
    const story = { title: '北京知识产权法院审理云帆数据诉许某案', summary: '云帆数据起诉前员工许某侵犯商业秘密。' };
    const alone = Matcher.compile([han]).match(story);
    expect(alone.map((m) => m.caseId)).toEqual([20]);
    expect(Matcher.compile([han, other]).match(story)).toEqual(alone);
  });

  it.each([
    ["Chongqing Higher People's Court", '重庆市高级人民法院'],
    ["Xiamen Intermediate People's Court", '厦门中院'],
    ["Xi'an Intermediate People's Court", '西安市中级人民法院'],
  ])('%s is found as %s, though the scan reads some of its characters otherwise', (court, inCharacters) => {
    const def: CaseDefinition = { ...pinyinOnly, court, summary: null };
    expect(read(def, `${inCharacters}开庭审理`, '云帆数据诉灵犀智算商业秘密纠纷案').reading.courtsMatched).toEqual([court]);
  });

  it('a case court written in characters is found in an English story', () => {
    const cn: CaseDefinition = { ...pinyinOnly, summary: null, court: '北京知识产权法院' };
    expect(read(cn, 'Beijing Intellectual Property Court orders Lingxi Zhisuan to stop using code', 'Yunfan Data won an injunction.').reading.courtsMatched).toEqual(['北京知识产权法院']);
  });

  it('a court the case names in both scripts is one court in the reasons', () => {
    const both: CaseDefinition = { ...pinyinOnly, summary: null, court: "Haidian District People's Court, Beijing (北京市海淀区人民法院)" };
    expect(read(both, '北京市海淀区人民法院开庭审理', '云帆数据诉灵犀智算商业秘密纠纷案').reading.courtsMatched).toEqual(["Haidian District People's Court"]);
  });
});

describe('a court named in another language, by the city it sits in', () => {
  it.each([
    ['Un tribunal de Munich a condamné un ancien responsable', 'munich', 'tribunal de Munich'],
    ['the Munich I Regional Court heard the case', 'munich', 'Munich I Regional Court'],
    ['das Urteil des Landgerichts München I', 'munich', 'Landgerichts München'],
    ['vor dem Oberlandesgericht München fortgesetzt', 'munich', 'Oberlandesgericht München'],
    ['ante el Tribunal Regional Superior de Múnich', 'munich', 'Tribunal Regional Superior de Múnich'],
    ['Klage vor dem Landgericht Köln', 'cologne', 'Landgericht Köln'],
    ['la cour d\'appel de Rennes a confirmé', 'rennes', "cour d'appel de Rennes"],
    ['el Juzgado de lo Mercantil n.º 3 de Madrid', 'madrid', 'Juzgado de lo Mercantil n.º 3 de Madrid'],
    ['수원지법 형사부는 24일', 'suwon', '수원지법'],
    ['12일 수원고법에서 열렸다', 'suwon', '수원고법'],
    ['서울중앙지법은', 'seoul', '서울중앙지법'],
    ['대전지방법원 천안지원', 'cheonan', '대전지방법원 천안지원'],
    ['元設計者を東京地裁は', 'tokyo', '東京地裁'],
    ['大阪高等裁判所は', 'osaka', '大阪高等裁判所'],
    ['in the Tokyo District Court in June', 'tokyo', 'Tokyo District Court'],
    ['a suit in federal court in Seattle against a rival', 'seattle', 'court in Seattle'],
    ['a Munich court said on Friday', 'munich', 'Munich court'],
    ['A court in Munich ruled on Friday', 'munich', 'court in Munich'],
    ['before the New York Supreme Court', 'new york', 'New York Supreme Court'],
    ['a suit in a court in New Jersey', 'new jersey', 'court in New Jersey'],
    ['the San Francisco Superior Court ruled', 'san francisco', 'San Francisco Superior Court'],
    ['at The Hague District Court', 'the hague', 'Hague District Court'],
    ['il Tribunale di Milano ha condannato', 'milan', 'Tribunale di Milano'],
  ])('%s: %s', (text, place, name) => {
    expect(courtPlacesIn(text).map((c) => [c.place, c.text])).toContainEqual([place, name]);
  });

  it.each([
    ['수원지검은 15일 밝혔다', 'a prosecutors\' office is no court'],
    ['知財高裁は', 'the IP High Court names no city'],
    ['The court ruled on Friday', 'no city'],
    ['the Supreme Court and the Court of Appeal', 'kinds, not cities'],
    ['Le tribunal a condamné la société de Lyon', 'a city later in the sentence'],
  ])('%s: none (%s)', (text) => {
    expect(courtPlacesIn(text)).toEqual([]);
  });

  it('takes a city of several words whole: New York is not New Jersey, San Francisco not San Diego', () => {
    const place = (text: string) => courtPlacesIn(text).map((c) => c.place);
    expect(place('the Los Angeles County Superior Court')).toEqual(['los angeles']);
    expect(place('the Hong Kong High Court')).toEqual(['hong kong']);
    expect(place('a court in San Diego')).not.toContain('san francisco');
    expect(caseCourtPlaces(['New York Supreme Court']).map((c) => c.place)).toEqual(['new york']);
  });

  it('tells a labour, social, tax or bankruptcy court from the others', () => {
    expect(courtPlacesIn('ArbG München').map((c) => c.kind)).toEqual(['labour']);
    expect(courtPlacesIn('vor dem Sozialgericht Berlin').map((c) => c.kind)).toEqual(['social']);
    expect(courtPlacesIn('the U.S. Bankruptcy Court for the District of Delaware').map((c) => c.kind)).toEqual(['bankruptcy']);
    expect(courtPlacesIn('das Finanzgericht Köln').map((c) => [c.place, c.kind])).toEqual([['cologne', 'tax']]);
    expect(courtPlacesIn('Arbeitsgericht München').map((c) => c.kind)).toEqual(['labour']);
    expect(courtPlacesIn("le tribunal des prud'hommes de Nantes").map((c) => c.kind)).toEqual(['labour']);
    expect(courtPlacesIn('tribunal de commerce de Nantes').map((c) => c.kind)).toEqual(['general']);
    // A case before both a labour court and the regional court of a city keeps both.
    expect(caseCourtPlaces(['Arbeitsgericht München', 'Landgericht München I']).map((c) => c.kind)).toEqual(['labour', 'general']);
  });

  const hellwig: CaseDefinition = {
    id: 30,
    title: 'Hellwig Antriebstechnik v. Timo Rößler',
    summary: 'Hellwig Antriebstechnik sued Timo Rößler and Morgenrot Robotik at the Landgericht München I over firmware source code.',
    parties: [party('Hellwig Antriebstechnik', 'plaintiff', ['Hellwig']), party('Timo Rößler', 'defendant'), party('Morgenrot Robotik', 'defendant')],
    keywords: ['Firmware'],
    exclude: [],
  };
  const french = [
    'Allemagne : un ancien responsable logiciel condamné',
    "Un tribunal de Munich a condamné un ancien responsable du micrologiciel, identifié comme Timo R., à verser 2,1 millions d'euros à son ex-employeur.",
  ] as const;

  it('a French report naming "Timo R." and a court of Munich is read for the case, the court in its reasons', () => {
    const e = read(hellwig, ...french);
    expect(e.reading.parties[1]?.level).toBe('anonymised');
    expect(e.reading.courtsMatched).toEqual(['tribunal de Munich = Landgericht München I']);
    expect(e.reading.features.anonymised).toBe(1);
    expect(e.status).not.toBe('none');
    expect(e.reasons.join(' ')).toMatch(/tribunal de Munich/);
  });

  it('the same report before a court of Lyon, or a labour court of Munich, is not', () => {
    expect(read(hellwig, french[0], french[1].replace('tribunal de Munich', 'tribunal de Lyon')).status).toBe('none');
    const labour = read(hellwig, french[0], french[1].replace('Un tribunal de Munich', "L'Arbeitsgericht München"));
    expect(labour.reading.courtsMatched).toEqual([]);
    expect(labour.status).toBe('none');
  });

  const hangyeol: CaseDefinition = {
    id: 31,
    title: 'Hangyeol Semiconductor v. Jang Seung-ho',
    summary: 'Hangyeol Semiconductor sued Jang Seung-ho at the Suwon District Court over probe-card design files.',
    parties: [party('Hangyeol Semiconductor', 'plaintiff', ['한결반도체']), party('Jang Seung-ho', 'defendant', ['장승호'])],
    keywords: ['프로브카드'],
    exclude: [],
  };

  it('a Korean report of the case before 수원지법 names the case court', () => {
    const e = read(hangyeol, '한결반도체, 전 연구원 장승호 상대 손배소 승소', '수원지법은 장승호가 한결반도체에 배상해야 한다고 판결했다.');
    expect(e.reading.courtsMatched).toEqual(['수원지법 = Suwon District Court']);
    expect(e.reading.features.court).toBe(1);
  });

  it('beside a dispute of the plaintiff with someone else, the same court counts for nothing', () => {
    const e = read(hangyeol, '한결반도체, 협력업체 상대 소송 제기', '한결반도체가 협력업체를 상대로 수원지법에 납품대금 소송을 제기했다.');
    expect(e.reading.courtsMatched).toEqual(['수원지법 = Suwon District Court']);
    expect(e.reading.features.court).toBe(0);
    expect(e.reasons.join(' ')).not.toMatch(/court/);
  });

  it('a suit against the defendant named anonymised is no dispute with someone else', () => {
    const xu: CaseDefinition = { ...hangyeol, id: 33, title: 'Yunfan Data v. Xu Zhenyu', summary: null, court: null, parties: [party('Yunfan Data', 'plaintiff', ['云帆数据']), party('Xu Zhenyu', 'defendant')], keywords: [] };
    const e = read(xu, '云帆数据诉许某案开庭', '云帆数据起诉前员工许某，索赔2800万元。');
    expect(e.reading.parties[1]?.level).toBe('anonymised');
    expect(e.reading.features.otherLitigants).toBe(0);
    const other = read(xu, '云帆数据诉某物流公司案开庭', '云帆数据起诉某物流公司，索赔2800万元。');
    expect(other.reading.features.otherLitigants).toBeGreaterThan(0);
  });

  it('a Japanese report before 東京地裁 names the case court written in English', () => {
    const shirane: CaseDefinition = { ...hangyeol, id: 32, title: 'Shirane Kogyo v. Ryota Endo', summary: null, court: 'Tokyo District Court', parties: [party('Shirane Kogyo', 'plaintiff', ['白根工業']), party('Ryota Endo', 'defendant', ['遠藤涼太'])], keywords: [] };
    const e = read(shirane, '白根工業、元設計者の遠藤涼太氏を提訴', '東京地裁に損害賠償を求める訴えを起こした。');
    expect(e.reading.courtsMatched).toEqual(['東京地裁 = Tokyo District Court']);
    expect(e.reading.features.court).toBe(1);
  });
});

describe('names that are common words', () => {
  const def: CaseDefinition = { id: 1, title: 'Bellwether v. Okafor', parties: [party('Bellwether Biologics', 'plaintiff', ['Bellwether']), party('Adaeze Okafor', 'defendant')], keywords: [], exclude: [] };

  it.each([
    ['Transport stocks slide as bellwether freight carrier cuts outlook', 'Shares of the bellwether fell.', 1],
    ['Bellwether Biologics sues Adaeze Okafor', 'The suit concerns cell lines.', 0],
  ])('%s: used as a word %d', (title, summary, common) => {
    expect(read(def, title, summary).reading.features.common).toBe(common);
  });
});

describe('facts across languages and units', () => {
  it.each([
    [8_000_000, 0.5],
    [28_000_000, 1],
    [18_600_000, 1],
    [940_000, 1],
    [4_500_000_000, 1],
  ])('a sum of %d says %d', (value, weight) => {
    expect(amountSpecificity(value)).toBe(weight);
  });

  it.each([
    ['zh', '法院判决被告赔偿2800万元'],
    ['en', 'ordered to pay 28 million yuan'],
    ['en', 'ordered to pay RMB 28m'],
  ])('%s: "%s" repeats the case sum', (_lang, text) => {
    const def: CaseDefinition = { id: 1, title: 'c', summary: 'claiming 28 million yuan', parties: [party('Yunfan Data', 'plaintiff')], keywords: [], exclude: [] };
    expect(read(def, `Yunfan Data: ${text}`).reading.factsMatched).toHaveLength(1);
  });

  it('takes the case number from the case and finds it written otherwise', () => {
    const def: CaseDefinition = { id: 1, title: 'c', caseNumber: '（2024）京73民初1187号', parties: [party('Yunfan Data', 'plaintiff')], keywords: [], exclude: [] };
    const e = read(def, '北京知产法院审理(2024)京73民初1187号案', '某智算公司称将上诉。');
    expect(e.reading.factsMatched).toEqual(['2024京73民初1187号']);
    expect(e.status).not.toBe('none');
  });
});

describe("the case's subject", () => {
  it.each([
    [['实习', '习生', 'intern'], ['实习生', 'intern']],
    [['模型', '训练', '型训'], ['模型训练']],
    [['商业', '秘密'], ['商业', '秘密']],
    [['code', 'leak'], ['code', 'leak']],
  ])('shows %j as %j', (terms, shown) => {
    expect(readableTerms(terms)).toEqual(shown);
  });

  it('weighs the stories that share the most of the case summary', () => {
    const profile = buildProfile(['Fathom Robotics sued intern Kai over leaked autonomy source code on GitHub'], NO_STATS, new Set(['fathom', 'robotics', 'kai']));
    const onTopic = topicSimilarity(profile, topicTerms('Autonomy source code surfaces on public GitHub repository'));
    const offTopic = topicSimilarity(profile, topicTerms('Fathom Robotics raises money for underwater drones'));
    expect(onTopic.value).toBeGreaterThan(0.5);
    expect(onTopic.terms).toEqual(expect.arrayContaining(['autonomy', 'github']));
    expect(offTopic.value).toBe(0);
  });
});

describe('learning from decisions', () => {
  const def: CaseDefinition = {
    id: 4,
    title: 'Hellwig v. Rößler',
    summary: 'Hellwig Antriebstechnik sued its former firmware chief Timo Rößler over servo firmware taken to Morgenrot Robotik.',
    parties: [party('Hellwig Antriebstechnik', 'plaintiff', ['Hellwig']), party('Timo Rößler', 'defendant')],
    keywords: ['Firmware'],
    exclude: [],
  };
  const later = { title: 'Hellwig trifft doppelt: Schwaben gewinnt Derby', summary: 'Der Stürmer Hellwig erzielte zwei Tore im Derby gegen Ulm vor 8.000 Zuschauern.' };

  it('scores a story like a rejected one lower, and says so', () => {
    const before = read(def, later.title, later.summary);
    const decisions = new Map([[4, { confirmed: [], rejected: [{ title: 'Hellwig trifft erneut im Derby', summary: 'Der Stürmer Hellwig erzielte zwei Tore für Schwaben vor 7.000 Zuschauern.' }] }]]);
    const after = read(def, later.title, later.summary, { decisions });
    expect(after.score).toBeLessThan(before.score);
    expect(after.reasons).toContain('like 1 story you rejected (−)');
  });

  it('relearns one case after a decision the same as a fresh compile with it', () => {
    const decisions = { confirmed: [], rejected: [{ title: 'Hellwig trifft erneut im Derby', summary: 'Der Stürmer Hellwig erzielte zwei Tore für Schwaben vor 7.000 Zuschauern.' }] };
    const relearned = Matcher.compile([def]);
    relearned.relearn(4, decisions);
    expect(relearned.match(later)).toEqual(Matcher.compile([def], { decisions: new Map([[4, decisions]]) }).match(later));
    relearned.relearn(4, undefined);
    expect(relearned.match(later)).toEqual(Matcher.compile([def]).match(later));
  });

  it("a confirmed story's many rare words do not push the case's own subject out: a story on it stays as much on topic", () => {
    const story = { title: 'Hellwig: Anhörung zur Servo-Firmware', summary: 'Hellwig Antriebstechnik und Timo Rößler streiten um die Firmware, die bei Morgenrot Robotik gelandet sein soll.' };
    const confirmed = {
      title: 'Ex-Firmwarechef angeklagt',
      summary: 'Staatsanwälte werfen dem früheren Entwicklungsleiter vor, Quellcode, Schaltpläne, Prüfprotokolle, Kalibrierdaten, Lieferantenlisten, Preiskalkulationen und Kundenverträge kopiert zu haben; Gutachter werteten Protokolle, Sicherungskopien und Speicherkarten aus.',
    };
    const before = read(def, story.title, story.summary).reading.features.topic;
    const after = read(def, story.title, story.summary, { decisions: new Map([[4, { confirmed: [confirmed], rejected: [] }]]) }).reading.features.topic;
    expect(before).toBeGreaterThan(0);
    expect(after).toBeGreaterThanOrEqual(before);
  });

  it('scores a story like a confirmed one higher', () => {
    const story = { title: 'Morgenrot muss Servo-Quellcode löschen', summary: 'Hellwig setzte vor dem Landgericht durch, dass Morgenrot den Servo-Quellcode löscht.' };
    const decisions = new Map([[4, { confirmed: [{ title: 'Hellwig: Servo-Quellcode bei Morgenrot gefunden', summary: 'Gutachter fanden den Servo-Quellcode auf Rechnern von Morgenrot.' }], rejected: [] }]]);
    expect(read(def, story.title, story.summary, { decisions }).score).toBeGreaterThan(read(def, story.title, story.summary).score);
  });
});

describe("a case's correction learned from decisions", () => {
  const def: CaseDefinition = {
    id: 5,
    title: 'Bellwether Biologics v. Adaeze Okafor',
    summary: 'Bellwether Biologics sued former senior scientist Adaeze Okafor and Corvane Bio over cell-line records.',
    parties: [party('Bellwether Biologics', 'plaintiff', ['Bellwether']), party('Adaeze Okafor', 'defendant'), party('Corvane Bio', 'defendant')],
    keywords: ['cell line'],
    exclude: [],
  };
  // The plaintiff's other lawsuits, each worded differently: resemblance alone does not tie them together.
  const otherSuits = [
    { title: 'Bellwether Biologics sues landlord over lab lease', summary: 'The company says the landlord failed to repair the ventilation of its Durham building.' },
    { title: 'Bellwether Biologics files suit against packaging supplier', summary: 'The lawsuit claims cracked vials cost the company a quarter of its shipments.' },
    { title: 'Bellwether Biologics takes insurer to court over flood claim', summary: 'The complaint says the insurer refused to pay for equipment lost in a storm.' },
  ];
  const next = { title: 'Bellwether Biologics sues former quality manager over batch records', summary: 'The complaint accuses the manager of altering release records before leaving.' };
  const opts = (rejected: typeof otherSuits, correctionPenalty?: number): MatcherOptions => ({ decisions: new Map([[5, { confirmed: [], rejected }]]), correctionPenalty });

  it('after three rejected lawsuits naming only the plaintiff, the next one scores lower, and the reason says why', () => {
    const before = read(def, next.title, next.summary);
    const after = read(def, next.title, next.summary, opts(otherSuits, 2));
    expect(after.score).toBeLessThan(before.score);
    expect(after.reasons.some((r) => r.startsWith('stories like this on this case, from your 3 decisions (−)'))).toBe(true);
  });

  it('a story naming both sides is not pulled down by it', () => {
    const both = { title: 'Bellwether Biologics and Adaeze Okafor meet in court', summary: 'The trial over the cell line records began on Monday.' };
    const before = read(def, both.title, both.summary);
    const after = read(def, both.title, both.summary, opts(otherSuits, 2));
    expect(before.score - after.score).toBeLessThan(before.score - read(def, next.title, next.summary, opts(otherSuits, 2)).score);
  });

  it('is off with a penalty of 0, and stronger the more decisions agree', () => {
    expect(read(def, next.title, next.summary, opts(otherSuits, 0)).reasons.some((r) => r.includes('from your'))).toBe(false);
    const one = read(def, next.title, next.summary, opts(otherSuits.slice(0, 1), 2)).score;
    const three = read(def, next.title, next.summary, opts(otherSuits, 2)).score;
    expect(three).toBeLessThan(one);
  });
});

describe('review findings', () => {
  it('agrees on a sum just inside the tolerance on both paths, and a round sum in the story is no candidate', () => {
    const def: CaseDefinition = { id: 1, title: 'c', summary: 'The suit claims 1,005,020 yuan.', parties: [party('Kestrel Labs', 'plaintiff')], keywords: [], exclude: [] };
    const e = read(def, 'Court orders a former engineer to pay 1,000,000 yuan in trade secrets lawsuit', '');
    expect(e.reading.factsMatched).toHaveLength(1);
    expect(e.status).toBe('none');
  });

  it('reads a summary with a long run of line breaks and a story with a long run of stops', () => {
    // With the backtracking these inputs once caused (cubic in the run), this would outlast the test timeout.
    const def: CaseDefinition = { id: 1, title: 'c', summary: `Affaire RG${'\n'.repeat(20_000)}23/01234`, parties: [party('Kestrel Labs', 'plaintiff')], keywords: [], exclude: [] };
    const e = read(def, `Kestrel Labs sues${'.'.repeat(20_000)}`, 'RG 23/01234');
    expect(e.reading.factsMatched).toEqual(['rg 23/01234']);
  });
});

describe('reports that name no party: two of the case keywords and a dispute', () => {
  const probe: CaseDefinition = {
    id: 9,
    title: 'Hangyeol Semiconductor v. Jang Seung-ho',
    summary: 'Hangyeol Semiconductor sued former engineer Jang Seung-ho and Daon Micro over probe-card design files.',
    parties: [party('Hangyeol Semiconductor', 'plaintiff', ['한결반도체']), party('Jang Seung-ho', 'defendant', ['장승호'])],
    keywords: ['probe card', '프로브카드', '기술 유출', 'trade secrets', 'Geschäftsgeheimnis', 'secret des affaires', '商业秘密', '技术秘密'],
    exclude: [],
  };
  const reports: [lang: string, title: string, summary: string][] = [
    ['ko', '프로브카드 기술 유출 전 연구원 구속기소', '검찰은 B사 전 수석연구원을 산업기술 유출 혐의로 기소했다.'],
    ['en', 'Former engineer charged over probe card trade secrets', 'Prosecutors say the engineer, who was not named, took the files to a rival.'],
    ['de', 'Geschäftsgeheimnis: Ex-Ingenieur wegen Probe-Card-Daten verklagt', 'Die Klage richtet sich gegen einen früheren Mitarbeiter.'],
    ['fr', 'Secret des affaires : un ancien ingénieur poursuivi pour des plans de probe card', 'Le tribunal a été saisi par son ancien employeur.'],
    ['zh', '前员工涉嫌泄露技术秘密被起诉', '某半导体公司指控其前员工窃取商业秘密，法院已受理。'],
  ];

  it.each(reports)('%s: waits in review, saying why', (_lang, title, summary) => {
    const e = read(probe, title, summary);
    expect(e.reading.parties.every((f) => f === null)).toBe(true);
    expect(e.reading.keywords.length).toBeGreaterThanOrEqual(2);
    expect(e.status).toBe('review');
    expect(e.reasons.at(-1)).toBe('no party named, only keywords and a dispute: held for review');
  });

  it.each([
    ['one keyword and a dispute', 'Prosecutors charge engineer over probe card designs', 'The engineer was not named.'],
    ['two keywords and no dispute', 'Probe card makers guard their trade secrets', 'Chipmakers tighten access to design files.'],
  ])('no candidate with %s', (_label, title, summary) => {
    expect(read(probe, title, summary).status).toBe('none');
  });

  it('goes to the timeline once the user confirmed a report like it, and not after rejecting one like it', () => {
    const earlier = { title: '프로브카드 기술 유출 전 연구원 구속기소', summary: '수원지검은 B사 전 수석연구원을 산업기술 유출 혐의로 구속기소했다. 설계 파일 약 2700개를 경쟁사로 옮긴 혐의다.' };
    const later = { title: '프로브카드 기술 유출 손배소 항소심', summary: '수원고법에서 B사와 전 수석연구원의 항소심이 열렸다. 설계 파일 약 2700개의 개발비가 쟁점이다.' };
    expect(read(probe, later.title, later.summary).status).toBe('review');
    const confirmed = read(probe, later.title, later.summary, { decisions: new Map([[9, { confirmed: [earlier], rejected: [] }]]) });
    expect(confirmed.status).toBe('auto');
    expect(confirmed.reasons.some((r) => r.startsWith('like 1 story you confirmed'))).toBe(true);
    const rejected = read(probe, later.title, later.summary, { decisions: new Map([[9, { confirmed: [], rejected: [earlier] }]]) });
    expect(rejected.status).not.toBe('auto');
  });

  it('after the user confirmed such a report, one keyword and a dispute will do for a report like it, and only for one like it', () => {
    const earlier = { title: '반도체 검사부품 핵심기술 빼돌린 전 수석연구원 구속기소', summary: '수원지검은 프로브카드 설계 자료를 빼돌린 혐의로 B사 전 수석연구원을 구속기소했다. 그는 설계 파일 약 2700개를 개인 클라우드에 올린 뒤 경쟁사 C사로 옮겼다.' };
    const later = { title: "'프로브카드 설계도 유출' 전 연구원 1심 징역 2년", summary: '수원지법 형사부는 프로브카드 설계 자료를 빼돌려 경쟁사 C사 제품 개발에 사용한 혐의로 기소된 B사 전 수석연구원에게 징역 2년을 선고했다.' };
    const unlike = { title: '프로브카드 업체 특허 소송 패소', summary: '미국 장비업체가 국내 프로브카드 업체를 상대로 낸 특허 침해 소송에서 법원은 원고 패소 판결을 내렸다. 업체는 수출 확대를 계획하고 있다.' };
    const confirmedNameless = { decisions: new Map([[9, { confirmed: [earlier], rejected: [] }]]) };
    expect(read(probe, later.title, later.summary).status).toBe('none');
    const after = read(probe, later.title, later.summary, confirmedNameless);
    expect(after.reading.keywords.map((k) => k.display)).toEqual(['프로브카드']);
    expect(after.status).toBe('auto');
    expect(after.reasons).toContain('like 1 story you confirmed (+)');
    expect(read(probe, unlike.title, unlike.summary, confirmedNameless).status).toBe('none');
    // A confirmed story that names a party says nothing about how the case is reported without names.
    const named = { title: 'Hangyeol Semiconductor sues former engineer', summary: earlier.summary };
    expect(read(probe, later.title, later.summary, { decisions: new Map([[9, { confirmed: [named], rejected: [] }]]) }).status).toBe('none');
    // The same for the compiled matcher after a decision (`relearn`), and the backfill reads one keyword.
    const m = Matcher.compile([probe]);
    expect(m.readsOneKeyword(9)).toBe(false);
    m.relearn(9, { confirmed: [earlier], rejected: [] });
    expect(m.readsOneKeyword(9)).toBe(true);
    expect(m.match(later).map((r) => r.status)).toEqual(['auto']);
  });

  it('a keyword shared by more cases than the limit makes no candidate in the compiled matcher', async () => {
    const { KEYWORD_CANDIDATE_MAX_CASES } = await import('../../../core/matching/matcher.ts');
    const many = Array.from({ length: KEYWORD_CANDIDATE_MAX_CASES + 1 }, (_, i) => ({ ...probe, id: 100 + i, keywords: ['trade secrets', `widget ${i}`] }));
    const story = { title: 'Former engineer sued over widget 3 trade secrets', summary: 'The engineer was not named.' };
    expect(Matcher.compile(many).match(story)).toEqual([]);
    expect(Matcher.compile(many.slice(0, 10)).match(story).map((m) => m.caseId)).toEqual([103]);
  });
});

describe('a defendant named only by a letter after their role (Korean and Japanese court reports)', () => {
  const probe: CaseDefinition = {
    id: 9,
    title: 'Hangyeol Semiconductor v. Jang Seung-ho',
    summary: 'Hangyeol Semiconductor sued former principal research engineer Jang Seung-ho and his new employer Daon Micro at the Suwon District Court over probe-card design files.',
    parties: [party('Hangyeol Semiconductor', 'plaintiff', ['한결반도체', 'ハンギョル半導体']), party('Jang Seung-ho', 'defendant', ['장승호'])],
    keywords: ['probe card', '프로브카드', '기술 유출', 'プローブカード'],
    exclude: [],
  };

  it.each([
    ['ko, with the case court', "'프로브카드 설계도 유출' 전 연구원 1심 징역 2년", '수원지법 형사부는 프로브카드 설계 자료를 빼돌린 혐의로 기소된 B사 전 수석연구원 A씨에게 징역 2년을 선고했다.', 'B사 전 수석연구원 A씨'],
    ['ja, with the plaintiff named', 'プローブカード設計流出でハンギョル半導体の元研究員に有罪', '裁判所は、元研究員のA氏に懲役2年を言い渡した。', '元研究員の A氏'],
    ['ja, a full-width letter', 'プローブカード設計流出でハンギョル半導体の元研究員に有罪', '裁判所は、元研究員のＡ氏に懲役2年を言い渡した。', '元研究員の A氏'],
  ])('%s: the role fits the case\'s defendant: anonymised, with support', (_lang, title, summary, display) => {
    const e = read(probe, title, summary);
    expect(e.reading.parties[1]).toMatchObject({ level: 'anonymised', term: { display } });
    expect(e.reading.features.anonymised).toBe(1);
    expect(e.reasons.some((r) => r.startsWith(`anonymised party (${display}) with the case's facts or other side`))).toBe(true);
    expect(e.status).toBe('auto');
  });

  it('the letter may stand in the article behind a teaser', () => {
    const story = { title: '프로브카드 설계 유출 1심', summary: '수원지법 형사부 판결.', article: '수원지법 형사부는 B사 전 수석연구원 A씨에게 징역 2년을 선고했다.' };
    const e = explainMatch(probe, story);
    expect(e.reading.parties[1]).toMatchObject({ level: 'anonymised', term: { display: 'B사 전 수석연구원 A씨' } });
    expect(Matcher.compile([probe]).match(story)).toEqual([matchCase(probe, story)]);
  });

  it.each([
    ['a role that does not fit (a salesman)', '프로브카드 영업 비리 1심', '수원지법은 B사 전 영업사원 A씨에게 징역 1년을 선고했다.'],
    ['a letter without a role', '프로브카드 기술 유출 1심', '수원지법은 A씨에게 징역 1년을 선고했다.'],
    ['no keyword of the case', '반도체 설계도 유출 1심', '수원지법은 B사 전 수석연구원 A씨에게 징역 2년을 선고했다.'],
    ['a keyword alone: no court, fact or plaintiff of the case', '프로브카드 기술 유출 1심', '서울중앙지법은 OLED 기술을 넘긴 혐의로 기소된 전 책임연구원 A씨에게 징역형을 선고했다.'],
    ['a witness', '프로브카드 기술 유출 재판', '수원지법에서 열린 재판에 증인으로 나온 E사 연구원 A씨는 진술했다.'],
    ['the role belongs to someone else in the sentence', '프로브카드 기술 유출', '수원지법은 연구원을 폭행한 A씨에게 징역형을 선고했다.'],
    ['a lawyer who was a researcher', '프로브카드 기술 유출', '수원지법에서 연구원 출신 변호사 A씨가 변론했다.'],
    ['a letter inside a product name', '프로브카드 기술 유출 수원지법 연구원 HBM3E씨', '판결이 나왔다.'],
    ['the letter at the end of the title, the honorific in the summary', '프로브카드 유출 수원지법 전 수석연구원 A', '씨는 항소했다.'],
  ])('not our defendant: %s', (_why, title, summary) => {
    const e = read(probe, title, summary);
    expect(e.reading.parties[1]).toBeNull();
  });
});
