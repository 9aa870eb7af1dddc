// Seeded, realistic test data: company and person names (Latin and CJK), legal cases, news stories.
import type { CaseDefinition, PartyDefinition, PartyRole } from '../../core/caseDefinition.ts';
import { rng, type Rng } from '../../tests/helpers/rng.ts';

export { rng, type Rng };

export const pick = <T>(r: Rng, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
export const int = (r: Rng, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

const HEADS = `Halcyon Nordwind Aurelia Brightwater Cobalt Meridian Vantage Solstice Kestrel Juniper Granite Lumen Orbital
Pioneer Redwood Sterling Tidewater Vertex Zephyr Altamira Bluestem Cedarline Driftwood Ember Falcon Glacier Harbor Ironclad
Jadeport Keystone Lakeshore Monarch Northgate Oakridge Pinnacle Quarry Riverton Sapphire Thornbury Umber Valiant Westfield
Yellowtail Zenith Arcadia Borealis Calder Dunmore Everly Foxglove Greystone Highmark Islay Jarrow Kingsley Larkspur Marlow
Norrland Ostara Pemberton Quill Rosslyn Saltmarsh Trelawny Ulster Verity Wexford Yarrow Astoria Bellweather Corvid Delphi
Elmstead Fairhaven Gallant Hollis Inverness Juno Kilbride Lockhart Mistral Nimbus Orion Paragon Quantum Radiant Silverline
Tamarind Unity Vesper Whitlock Xanadu Yorke Zircon Havørn Søndergaard Müllerhaus Årdal Björk Citadel Dorado Equinox Fjord`.split(/\s+/);
const SECTORS = `Genomics Energy Shipping Capital Robotics Foods Pharma Logistics Semiconductor Media Analytics Mining Aerospace
Textiles Insurance Biolabs Software Motors Networks Materials Holdings Therapeutics Batteries Foundry Retail Telecom Devices
Chemicals Airlines Securities`.split(/\s+/);
const SUFFIXES = ['Inc.', 'Ltd', 'AG', 'GmbH', 'S.A.', 'plc', 'A/S', 'Corp.', 'LLC', 'B.V.', 'SE', 'Oy', 'AB', 'ASA', 'K.K.'];
const FIRST = `Martin Priya Lars Sofia Ahmed Elena Jonas Chloe Mateo Ingrid Rafael Amara Tobias Lucia Kenji Freya Omar Clara
Viktor Nadia Henrik Aisha Pablo Greta Dmitri Leila Anders Beatriz Ravi Maren Felix Yara Emil Noor Tomas Ines Sven Mira
Hugo Zofia Arjun Saskia Nikolai Fatima Bruno Astrid Kofi Helena Diego Linnea`.split(/\s+/);
const LAST = `Tripp Raman Haugland Keller Okafor Lindqvist Moreau Castellano Nakamura Brennan Petrov Schultz Varga Iyer
Delacroix Oyelaran Sandoval Eriksen Whitaker Kowalski Marchetti Fitzgerald Abernathy Holmqvist Santoro Dubois Gallagher
Achterberg Rasmussen Vasquez Lindgren Obuya Kristiansen Albrecht Takahashi Bianchi Halvorsen Novak Ferreira Lundberg
Ramaswamy Okonkwo Mendelsohn Thorsen Carvalho Szabo Hendricks Pellegrini Nieminen Quinlan`.split(/\s+/);
const CJK_HEADS = ['星河', '云图', '华锐', '天宇', '金桥', '恒达', '东方', '瑞丰', '鸿远', '新元', '海澜', '博通', '中科', '凯盛',
  '联合', '远景', '明德', '丰华', '宏图', '嘉禾', '盛世', '安泰', '长城', '北辰', '南山', '青松', '银河', '飞鸿'];
const CJK_SECTORS = ['科技', '网络', '生物', '能源', '传媒', '物流', '半导体', '控股', '汽车', '医药', '电子', '智能'];
const CJK_SURNAMES = ['赵', '钱', '孙', '李', '周', '吴', '郑', '王', '冯', '陈', '田', '张', '刘', '杨', '黄', '林', '高', '罗'];
const CJK_GIVEN: Record<string, string> = { 明轩: 'Mingxuan', 柯宇: 'Keyu', 子涵: 'Zihan', 浩然: 'Haoran', 雨桐: 'Yutong', 思远: 'Siyuan',
  嘉怡: 'Jiayi', 俊杰: 'Junjie', 文博: 'Wenbo', 一诺: 'Yinuo', 志强: 'Zhiqiang', 晓燕: 'Xiaoyan', 建国: 'Jianguo', 丽华: 'Lihua',
  国栋: 'Guodong', 佳琪: 'Jiaqi', 宇航: 'Yuhang', 欣怡: 'Xinyi', 梓轩: 'Zixuan', 诗涵: 'Shihan', 天佑: 'Tianyou', 若曦: 'Ruoxi',
  振华: 'Zhenhua', 海峰: 'Haifeng', 静怡: 'Jingyi', 博文: 'Bowen', 家豪: 'Jiahao', 雅婷: 'Yating', 春生: 'Chunsheng', 凯文: 'Kaiwen' };
const PINYIN: Record<string, string> = { 赵: 'Zhao', 钱: 'Qian', 孙: 'Sun', 李: 'Li', 周: 'Zhou', 吴: 'Wu', 郑: 'Zheng', 王: 'Wang',
  冯: 'Feng', 陈: 'Chen', 田: 'Tian', 张: 'Zhang', 刘: 'Liu', 杨: 'Yang', 黄: 'Huang', 林: 'Lin', 高: 'Gao', 罗: 'Luo' };
const JP_HEADS = ['アオバ', 'ミドリ', 'サクラ', 'ヒカリ', 'ツバサ', 'ホクト', 'ミライ', 'アサヒ', 'カエデ', 'スバル'];
const JP_SECTORS = ['電機', '製薬', '化学', '商事', '重工'];
const KR_HEADS = ['한빛', '새론', '미래', '다온', '가람', '누리', '하늘', '바다'];
const KR_SECTORS = ['전자', '화학', '제약', '물산'];

export const LEGAL_KEYWORDS = ['patent', 'trade secrets', 'antitrust', 'breach of contract', 'defamation', 'copyright', 'fraud'];

/** A party as a user would type it: a display name plus the aliases the press uses. */
export function companyParty(r: Rng, role: PartyRole): PartyDefinition {
  const head = pick(r, HEADS);
  const sector = pick(r, SECTORS);
  const full = `${head} ${sector} ${pick(r, SUFFIXES)}`;
  const aliases = [`${head} ${sector}`];
  if (r() < 0.5) aliases.push(`${head} ${sector} Group`);
  return { name: full, role, aliases };
}

export function personParty(r: Rng, role: PartyRole): PartyDefinition {
  const first = pick(r, FIRST);
  const last = pick(r, LAST);
  return { name: `${first} ${last}`, role, aliases: [`${first[0]}. ${last}`] };
}

export function cjkCompanyParty(r: Rng, role: PartyRole): PartyDefinition {
  const head = pick(r, CJK_HEADS) + pick(r, CJK_HEADS);
  const sector = pick(r, CJK_SECTORS);
  return { name: `${head}${sector}有限公司`, role, aliases: [`${head}${sector}`, `${head}`] };
}

export function cjkPersonParty(r: Rng, role: PartyRole): PartyDefinition {
  const surname = pick(r, CJK_SURNAMES);
  const given = pick(r, Object.keys(CJK_GIVEN));
  return { name: `${surname}${given}`, role, aliases: [`${PINYIN[surname]} ${CJK_GIVEN[given]}`] };
}

export function japaneseOrKoreanParty(r: Rng, role: PartyRole): PartyDefinition {
  const name = r() < 0.5 ? pick(r, JP_HEADS) + pick(r, JP_SECTORS) : pick(r, KR_HEADS) + pick(r, KR_SECTORS);
  return { name, role, aliases: [] };
}

/** About five names and aliases per case; one in five is Chinese, a few are Japanese or Korean. */
export function makeCase(r: Rng, id: number): CaseDefinition {
  const kind = r();
  let parties: PartyDefinition[];
  if (kind < 0.2) parties = [cjkCompanyParty(r, 'plaintiff'), cjkPersonParty(r, 'defendant')];
  else if (kind < 0.25) parties = [japaneseOrKoreanParty(r, 'plaintiff'), companyParty(r, 'defendant')];
  else if (kind < 0.6) parties = [companyParty(r, 'plaintiff'), personParty(r, 'defendant')];
  else parties = [companyParty(r, 'plaintiff'), companyParty(r, 'defendant')];
  const keywords = r() < 0.5 ? [pick(r, LEGAL_KEYWORDS)] : [];
  const exclude = r() < 0.1 ? ['quarterly earnings'] : [];
  return { id, title: `${parties[0]!.name} v. ${parties[1]!.name}`, parties, keywords, exclude };
}

export function makeCases(count: number, seed = 42): CaseDefinition[] {
  const r = rng(seed);
  return Array.from({ length: count }, (_, i) => makeCase(r, i + 1));
}

// ---- stories ----

const OUTLETS = ['Reuters', 'Financial Times', 'Bloomberg Law', 'Law360', 'Handelsblatt', 'Le Monde', '财新', 'Nikkei Asia', 'The Register', 'Børsen'];
const EN_FILLER = [
  (n: string) => `${n} reported quarterly revenue of $${int2()} million, up ${int2() % 30}% from a year earlier, and kept its full-year outlook unchanged.`,
  (n: string) => `Analysts said the results at ${n} were helped by lower input costs and a stronger order book in Europe and Asia.`,
  (n: string) => `${n} plans to open a new research centre next spring and expects to hire about ${int2()} engineers over two years.`,
  () => `The company declined to comment beyond its statement, citing a quiet period ahead of its annual shareholder meeting.`,
  () => `Shares closed ${int2() % 9}.${int2() % 10}% higher on Tuesday in heavy trading, outperforming the broader market index.`,
  (n: string) => `A spokesperson for ${n} said the partnership would let both firms share manufacturing capacity and distribution networks.`,
  () => `Regulators in several countries are reviewing how supply contracts in the sector are negotiated and priced.`,
  () => `Industry groups have warned that rising energy prices could squeeze margins for smaller suppliers through the winter.`,
];
const EN_LEGAL = [
  (a: string, b: string) => `${a} filed a lawsuit against ${b} in federal court, alleging misappropriation of trade secrets and breach of contract.`,
  (a: string, b: string) => `The judge scheduled a hearing for next month on ${a}'s request for a preliminary injunction against ${b}.`,
  (a: string, b: string) => `Lawyers for ${b} said the claims brought by ${a} were without merit and that they would appeal any adverse ruling.`,
  (a: string, b: string) => `${a} is seeking damages of $${int2()} million from ${b}, according to the complaint filed with the court.`,
];
const ZH_FILLER = [
  (n: string) => `${n}周二表示，公司第三季度营收同比增长${int2() % 40}%，主要受益于海外市场需求回暖。`,
  (n: string) => `分析人士认为，${n}今年在研发上的投入明显增加，新产品线预计将在明年上市。`,
  () => `业内人士指出，原材料价格波动仍是行业面临的主要挑战之一，中小企业压力较大。`,
  () => `该公司股价当日收涨${int2() % 9}%，成交量较前一交易日明显放大。`,
];
const ZH_LEGAL = [
  (a: string, b: string) => `${a}已向法院起诉${b}，指控其侵犯商业秘密，并索赔${int2()}万元。`,
  (a: string, b: string) => `法院已受理${a}诉${b}一案，将于下月开庭审理。`,
];
let counter = 7;
// Varies numbers without threading the rng through every template.
function int2(): number {
  counter = (counter * 1103515245 + 12345) & 0x7fffffff;
  return 10 + (counter % 890);
}

// Business names that share a word with case parties ("Halcyon Industries" vs "Halcyon Genomics") but are none.
const OTHER_SECTORS = ['Industries', 'Systems', 'Partners', 'Brands', 'Technologies', 'Resources', 'Solutions', 'Ventures'];
const CJK_OTHER_SECTORS = ['集团', '股份', '实业', '投资'];
const OTHER_LAST = ['Morgan', 'Schmidt', 'Rossi', 'Jansen', 'Andersson', 'Silva', 'Tanaka', 'Murphy', 'Novotny', 'Weber'];
const otherCompany = (r: Rng): string => `${pick(r, HEADS)} ${pick(r, OTHER_SECTORS)}`;

/** A business story naming a tracked party without any legal context (a candidate that should not match). */
export function mentionStory(r: Rng, def: CaseDefinition, chars: number): StoryText {
  const name = def.parties[0]!.name;
  if (/\p{Script=Han}/u.test(name)) return { title: `${name}发布新产品`, summary: padTo(r, [], ZH_FILLER, [name], chars / 3, ''), source: pick(r, OUTLETS) };
  return { title: `${name} expands into new markets`, summary: padTo(r, [], EN_FILLER, [name, otherCompany(r)], chars, ' '), source: pick(r, OUTLETS) };
}

export interface StoryText {
  title: string;
  summary: string;
  source: string;
}

function padTo(r: Rng, parts: string[], filler: readonly ((n: string) => string)[], names: string[], minChars: number, sep: string): string {
  let text = parts.join(sep);
  while (text.length < minChars) text += sep + pick(r, filler)(pick(r, names));
  return text;
}

/** A business story that mentions companies but no case (most of the news). `chars` is the summary length. */
export function plainStory(r: Rng, chars: number, cjk = false): StoryText {
  if (cjk) {
    const name = `${pick(r, CJK_HEADS)}${pick(r, CJK_OTHER_SECTORS)}`;
    return { title: `${name}第三季度营收增长，海外业务表现亮眼`, summary: padTo(r, [], ZH_FILLER, [name, `${pick(r, CJK_HEADS)}${pick(r, CJK_OTHER_SECTORS)}`], chars / 3, ''), source: pick(r, OUTLETS) };
  }
  const names = [otherCompany(r), otherCompany(r), `${pick(r, FIRST)} ${pick(r, OTHER_LAST)}`];
  return { title: `${names[0]} lifts outlook as orders from Asia recover`, summary: padTo(r, [], EN_FILLER, names, chars, ' '), source: pick(r, OUTLETS) };
}

/** A story about the case: both parties named, in legal context (a real hit). */
export function caseStory(r: Rng, def: CaseDefinition, chars: number): StoryText {
  const names = def.parties.map((p) => (p.aliases.length && r() < 0.4 ? pick(r, p.aliases) : p.name));
  const [a, b] = [names[0]!, names[1] ?? names[0]!];
  const cjk = /\p{Script=Han}/u.test(a + b) && r() < 0.8;
  if (cjk) {
    const lead = pick(r, ZH_LEGAL)(a, b);
    return { title: `${a}起诉${b}侵犯商业秘密`, summary: padTo(r, [lead], ZH_FILLER, [a], chars / 3, ''), source: pick(r, OUTLETS) };
  }
  const lead = pick(r, EN_LEGAL)(a, b);
  const second = pick(r, EN_LEGAL)(a, b);
  return { title: `${a} sues ${b} in trade secrets dispute`, summary: padTo(r, [lead, second], EN_FILLER, [a, b], chars, ' '), source: pick(r, OUTLETS) };
}
