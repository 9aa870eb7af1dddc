// The phrase tables behind readDispute: what each kind of dispute looks like, and how each language names its sides.
import type { DisputeKind } from './dispute.ts';

/**
 * Kind cues run on folded text (NFKC, lower case, Latin accents removed), Latin forms on whole words, CJK
 * forms as substrings. Words that are also ordinary business or sports vocabulary appear only inside a
 * phrase that makes them legal: "demanda" (also market demand) only as "presento una demanda", "klagt"
 * (also "complains") only as "klagt gegen", "settlement" only as "reached a settlement", "appeal" never alone.
 */
const KIND_FORMS: Record<DisputeKind, { latin: string[]; cjk: string[] }> = {
  suit: {
    latin: [
      'sues', 'sued', 'suing', 'countersue[sd]?', 'countersuing', 'lawsuits?', 'fil(?:ed|es|ing) (?:a |an |its )?(?:[\\p{L}-]+ ){0,2}?suit', 'legal action against',
      'class action', '(?:trade secrets?|patent|copyright) (?:cases|filings|suits|litigation)',
      'verklag\\p{L}*', 'klag(?:t|te|en) gegen', '\\p{L}*(?<!an)klage', 'zivilprozess', 'rechtsstreit\\p{L}*',
      'poursuites? judiciaires?', 'poursuivie? en justice', 'poursuit [\\p{L}\' ]{1,40} en justice', 'assigne(?:e|s)? (?:en justice|devant)',
      'action en justice', 'attaque(?:nt)? [\\p{L}\' ]{0,40}en justice', 'proces',
      'demando', 'demandaron', 'demandad[oa]', '(?:presento|interpuso|presenta|interpone|presentaron) una demanda', 'demanda (?:judicial|civil|contra)',
      'pleito', 'litigio',
    ],
    cjk: ['(?<![提驳撤公])起诉', '提起诉讼', '诉讼', '状告', '告上法庭', '诉至', '诉诸法院', '一审', '纠纷案', '一案', '案件', '提訴', '訴訟', '訴えを起こ', '소송', '손배소', '제소', '소를 제기'],
  },
  complaint: {
    latin: [
      'fil(?:ed|es|ing) (?:a )?(?:criminal )?complaint', 'lodged (?:a )?complaint', 'criminal complaint', 'complaint against',
      'strafanzeige', 'anzeige (?:gegen|erstattet)', 'plainte', 'presento una denuncia', 'denuncio a', 'querella', 'se querello',
    ],
    cjk: ['报案', '报警', '控告', '刑事告訴', '告訴', '告発', '被害届', '고소(?:했|하|장|를|가|당|인|\\s|$)', '고발'],
  },
  criminal: {
    latin: [
      'arrested', 'indicted', 'indictment', 'prosecutors?', 'criminal (?:charges?|investigation|probe|case|proceedings)',
      'charged with', 'police (?:raided|searched|raid|search)', 'raided by police', 'searched by police', 'pleaded guilty', 'sentenced',
      'convicted', 'staatsanwaltschaft', 'durchsuchung\\p{L}*', 'festgenommen', 'verhaftet', 'anklage', 'angeklagt',
      'ermittlungsverfahren', 'razzia', 'garde a vue', 'mise? en examen', 'perquisitions?', 'parquet de', 'interpelle', 'inculpee?',
      'detenid[oa]s?', 'detuvo', 'fiscalia', 'imputad[oa]', 'registro policial', 'investigacion penal',
    ],
    cjk: ['刑事', '逮捕', '拘留', '检察院', '公诉', '立案侦查', '涉嫌[^。，]{0,15}罪', '警方(?:已)?(?:立案|抓获|搜查|刑拘)',
      '起訴', '書類送検', '家宅捜索', '地検', '검찰', '경찰 수사', '압수수색', '구속(?!력)', '기소', '체포', '입건'],
  },
  injunction: {
    latin: [
      'injunctions?', '(?:temporary )?restraining order', 'einstweilige verfugung', 'unterlassungs\\p{L}*', 'injonction',
      'en refere', 'refere', 'medidas? cautelar(?:es)?',
    ],
    cjk: ['禁令', '禁止令', '行为保全', '差し止め', '差止', '仮処分', '가처분', '판매금지'],
  },
  ruling: {
    latin: [
      '(?:court|judge|jury|tribunal)s? (?:has |have )?(?:ruled|ordered|found|awarded|rejected|dismissed|sided)', 'ruled (?:that|in favou?r|against)',
      'ordered to pay', 'found liable', '(?:jury|guilty|court\'?s?) verdict', 'verdict (?:against|in favou?r|in the (?:case|trial))', 'judgm?ent (?:against|in favou?r|for)', '(?:court|final|first-instance) judge?ment',
      'urteil\\p{L}*', 'verurteil\\p{L}*', 'jugement', 'condamnee?s? (?:a|pour)', 'condamnation', 'a tranche', 'sentencia', 'condenad[oa]s?', 'conden[oa] a pagar', 'fallo judicial', 'absuelt[oa]',
    ],
    cjk: ['判决', '判令', '判赔', '裁定', '胜诉', '败诉', '宣判', '判決', '支払いを命じ', '賠償を命じ', '棄却', '勝訴', '敗訴', '판결', '선고', '승소', '패소'],
  },
  appeal: {
    latin: [
      'appealed', 'appeals court', 'court of appeals?', 'appellate', 'on appeal', '(?:filed|lodged|launched|lost|won) (?:an |the |its )?appeal',
      'appeal against the (?:ruling|verdict|judge?ment|decision)', 'berufung (?:eingelegt|einlegen)', 'in (?:die )?berufung', 'berufungs\\p{L}+',
      'revision eingelegt', 'fait appel', 'interjete appel', 'cour d\'appel', 'en appel', 'pourvoi en cassation', 'recurso de (?:apelacion|casacion)',
      'apelacion', 'apelo', 'recurrio',
    ],
    cjk: ['上诉', '二审', '终审', '再审', '控訴', '上告', '항소', '상고(?:심|했|를|장)'],
  },
  settlement: {
    latin: [
      'settle[sd]? (?:the |a |its |their )?(?:law)?(?:suits?|case|dispute|litigation|claims)', '(?:agreed|agree|agrees) to settle',
      '(?:reached|reach|reaches) an? (?:\\p{L}+ )?settlement', 'settlement agreement', 'out-of-court settlement', 'out of court settlement',
      'vergleich (?:geschlossen|geeinigt|abgeschlossen)', 'au(?:ss|ß)ergerichtliche[nr]? (?:vergleich|einigung)', 'rechtsstreit\\p{L}* beigelegt',
      'accord (?:amiable|transactionnel)', 'a l\'amiable', 'acuerdo extrajudicial',
    ],
    cjk: ['达成和解', '庭外和解', '和解协议', '调解结案', '和解が成立', '和解した', '和解に合意', '和解金', '화해(?:권고|가 성립|로 종결)', '조정이? 성립', '소송을 취하'],
  },
};

const LATIN_EDGE_BEFORE = '(?<![\\p{L}\\p{N}])';
const LATIN_EDGE_AFTER = '(?![\\p{L}\\p{N}])';

export interface KindRule {
  kind: DisputeKind;
  pattern: RegExp;
}

export const KIND_RULES: readonly KindRule[] = (Object.keys(KIND_FORMS) as DisputeKind[]).map((kind) => {
  const { latin, cjk } = KIND_FORMS[kind];
  const source = `${LATIN_EDGE_BEFORE}(?:${latin.join('|')})${LATIN_EDGE_AFTER}|${cjk.join('|')}`;
  return { kind, pattern: new RegExp(source, 'gu') };
});

/**
 * How one phrase names the two sides. The pattern runs on the raw text (so the names are raw substrings);
 * a side in a named group (`c` claimant, `r` respondent) is cleaned, a side outside the match is read off the
 * words next to it: the claimant before the match and the respondent after ('active'), or the reverse
 * ('passive'). A weak rule counts only in a text that already shows a dispute ("Bayern vs Dortmund").
 */
export interface LitigantRule {
  kind: DisputeKind;
  pattern: RegExp;
  voice: 'active' | 'passive';
  script: 'latin' | 'cjk';
  weak?: boolean;
}

/** A run of name characters in CJK text: no spaces, no punctuation. */
const N = String.raw`[^\s\p{P}\p{S}]`;
/** A Japanese name: like N, but the particles that end it cannot be inside. */
const JN = String.raw`[^\s\p{P}\p{S}をがはに]`;
/** A Korean word (eojeol) without its particle. */
const KW = String.raw`[\p{L}\p{N}&]`;
const AUX_EN = String.raw`(?:(?:has|have|had|is|are|also|now|then|formally|reportedly|on\s+\p{L}+day)\s+){0,3}`;
const latin = (source: string) => new RegExp(`${LATIN_EDGE_BEFORE}(?:${source})${LATIN_EDGE_AFTER}`, 'giu');
const cjk = (source: string) => new RegExp(source, 'gu');

export const LITIGANT_RULES: readonly LitigantRule[] = [
  // English
  { kind: 'suit', voice: 'active', script: 'latin', pattern: latin(String.raw`${AUX_EN}(?<!\b(?:was|were|been|being|be|get|got|is|are)\s+)(?:sued|sues|suing|countersued|countersues)(?!\s+by\b)`) },
  { kind: 'suit', voice: 'passive', script: 'latin', pattern: latin(String.raw`(?:was|were|has\s+been|have\s+been|had\s+been|is\s+being|got|is|are)\s+(?:\p{L}+\s+)?sued\s+by`) },
  // "filed a patent suit in federal court in Seattle against …", "filed a new suit, this time against …": the court or
  // a short aside may stand between the suit and its respondent.
  { kind: 'suit', voice: 'active', script: 'latin', pattern: latin(String.raw`${AUX_EN}(?:filed|files|filing|brought|brings|launched|launches|took|takes|lodged)\s+(?:a\s+|an\s+|its\s+)?(?:[\p{L}-]+\s+){0,2}?(?:suit|lawsuit|legal\s+action|action|claim|case)(?:\s*,?\s+[^.;:\n]{1,60}?,?)?\s+against`) },
  { kind: 'complaint', voice: 'active', script: 'latin', pattern: latin(String.raw`${AUX_EN}(?:filed|files|lodged|lodges)\s+(?:a\s+)?(?:criminal\s+)?complaint\s+against`) },
  // "X v. Y" is how lawyers and the legal press cite a case; "vs"/"versus" is as often a match or a debate.
  { kind: 'suit', voice: 'active', script: 'latin', pattern: /(?<=\S)\s+v\.\s+(?=\p{Lu})/gu },
  { kind: 'suit', voice: 'active', script: 'latin', weak: true, pattern: /(?<=\S)\s+(?:vs\.?|versus)\s+(?=\p{Lu})/gu },
  { kind: 'ruling', voice: 'active', script: 'latin', pattern: latin(String.raw`(?:court|judge|tribunal|jury|arbitrator)s?\s+(?:has\s+|have\s+)?order(?:s|ed)\s+(?<r>[^.,;:\n]{1,60}?)\s+to\s+pay\s+(?<c>[^.,;:\n]{1,60})`) },
  { kind: 'ruling', voice: 'passive', script: 'latin', pattern: latin(String.raw`(?:was\s+|is\s+|were\s+|are\s+)?ordered\s+to\s+pay`) },
  // German
  { kind: 'suit', voice: 'active', script: 'latin', pattern: latin(String.raw`(?:verklagt|verklagte|verklagen|klagt\s+gegen|klagte\s+gegen|klagen\s+gegen|reicht\s+(?:eine\s+)?Klage\s+gegen|reichte\s+(?:eine\s+)?Klage\s+gegen)(?!\s+(?:worden|werden|wurde))`) },
  { kind: 'suit', voice: 'active', script: 'latin', pattern: latin(String.raw`(?:hat|haben)\s+(?<r>[^.,;:\n]{1,50}?)\s+verklagt`) },
  { kind: 'suit', voice: 'passive', script: 'latin', pattern: latin(String.raw`(?:wird|wurde|werden|wurden)\s+von\s+(?<c>[^.,;:\n]{1,50}?)\s+verklagt`) },
  // French
  { kind: 'suit', voice: 'active', script: 'latin', pattern: latin(String.raw`(?:a\s+|avait\s+)?(?:assign[ée]|assigne|assignent|attaque|attaquent)(?=\s+[^.,;:\n]{1,50}?\s+(?:en\s+justice|devant))`) },
  { kind: 'suit', voice: 'active', script: 'latin', weak: true, pattern: latin(String.raw`(?:poursuit|poursuivent|assigne|assignent|a\s+assign[ée])`) },
  { kind: 'complaint', voice: 'active', script: 'latin', pattern: latin(String.raw`(?:a\s+|ont\s+)?(?:porte|porté|portent)\s+plainte\s+contre`) },
  // Spanish
  { kind: 'suit', voice: 'active', script: 'latin', pattern: latin(String.raw`(?:ha\s+|había\s+|han\s+)?(?:demanda|demandó|demandado|demandan|demandaron)\s+(?:a|al)`) },
  { kind: 'suit', voice: 'active', script: 'latin', pattern: latin(String.raw`(?:presentó|interpuso|presenta|interpone|presentaron)\s+una\s+demanda\s+contra`) },
  { kind: 'complaint', voice: 'active', script: 'latin', pattern: latin(String.raw`(?:se\s+querell(?:a|ó)\s+contra|denunci(?:a|ó)\s+(?:a|al))`), weak: true },
  // Chinese
  { kind: 'suit', voice: 'active', script: 'cjk', pattern: cjk(String.raw`原告(?<c>${N}{1,16}?)(?:起诉|诉)被告(?<r>${N}{1,24})`) },
  { kind: 'suit', voice: 'active', script: 'cjk', pattern: cjk(String.raw`(?:将|把)(?<r>${N}{1,16}?)(?:诉至|起诉至|起诉到|告上|诉诸)`) },
  { kind: 'suit', voice: 'active', script: 'cjk', pattern: cjk(String.raw`(?<![提被驳撤公不])起诉(?![讼书状至到])了?`) },
  { kind: 'suit', voice: 'active', script: 'cjk', pattern: cjk(String.raw`(?<![起上申投控胜败撤公反告被])诉(?![讼求至诸])(?<r>${N}{1,16}?)(?=侵害|侵犯|商业秘密|不正当竞争|纠纷|一案|案)`) },
  // Japanese
  { kind: 'suit', voice: 'active', script: 'cjk', pattern: cjk(String.raw`(?<=^|[\s\p{P}])(?<c>${JN}{1,20}?)(?:が|は)(?:\d{1,2}日、)?(?<r>${JN}{1,20}?)(?:を|に対し(?:て)?)(?:相手取り|相手に)?、?(?:${JN}{0,12}?(?:地裁|高裁|裁判所)に)?(?:損害賠償${JN}{0,12}?求めて?)?(?:提訴|訴訟を起こ)`) },
  { kind: 'suit', voice: 'active', script: 'cjk', pattern: cjk(String.raw`(?<=^|[\s\p{P}])(?<r>${JN}{1,16}?)(?:、|が|は)(?<c>${JN}{1,16}?)から(?:${JN}{0,10}?)?提訴`) },
  // Korean
  { kind: 'suit', voice: 'active', script: 'cjk', pattern: cjk(String.raw`(?<![\p{L}\p{N}])(?<c>${KW}+?)(?:이|가|은|는)\s+(?<r>(?:${KW}+\s){0,2}${KW}+?)(?:을|를)\s+(?:상대로\s+)?[^.\n]{0,30}?(?:소송|손배소|제소)`) },
  { kind: 'complaint', voice: 'active', script: 'cjk', pattern: cjk(String.raw`(?<![\p{L}\p{N}])(?<c>${KW}+?)(?:이|가|은|는)\s+(?<r>(?:${KW}+\s){0,2}${KW}+?)(?:을|를)\s+(?:[^.\n]{0,20}?\s)?(?:고소|고발)`) },
  { kind: 'suit', voice: 'active', script: 'cjk', pattern: cjk(String.raw`(?<![\p{L}\p{N}])(?<c>${KW}+),\s*(?<r>${KW}+?)(?:에|에게|\s*상대로)\s+[^.,\n]{0,20}?(?:손배소|소송|고소)`) },
];
