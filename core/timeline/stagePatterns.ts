// The phrase lists behind stage tagging, per stage and language (English, Chinese, German, French, Japanese).
import type { LegalStage } from './stage.ts';

export interface StageRule {
  stage: Exclude<LegalStage, 'other'>;
  pattern: RegExp;
  /** Ambiguous outside a legal story ("settle", "hearing", "trial"): counts only when the text is legal. */
  weak?: boolean;
}

/** Words that make a text "legal" (for weak rules and for the `other` stage). Applied after NOISE is removed. */
export const LEGAL_CONTEXT =
  /\b(?:courts?|judges?|lawsuits?|litigation|lawyers?|attorneys?|plaintiffs?|defendants?|injunctions?|tribunals?|arbitration|arbitrators?|legal action|trade secrets?|damages|police|prosecutors?|magistrates?|counsel|docket|class action|statute|bankruptcy|richter|anwalt|anwälte|klage|staatsanwalt\w*|avocats?|procès|juges?|justice)\b|gericht|法院|法官|诉讼|律师|原告|被告|纠纷|仲裁|案件|法庭|判决|侵权|警方|报警|检察|裁判|弁護士|訴訟|地裁|高裁|警察/iu;

/**
 * Phrases removed before matching because they look like a stage but are not one: sports and food courts,
 * intentions ("said he would appeal", "将提起上诉"), threats to sue, and non-legal trials and hearings.
 */
export const NOISE: RegExp[] = [
  /\b(?:food|tennis|basketball|badminton|volleyball|squash|netball|futsal|centre|center|clay|grass|hard|royal) courts?\b/giu,
  /\bcourt of public opinion\b/giu,
  /\bcourt(?:s|ed|ing)? (?:investors|voters|customers|buyers|fans|controversy|disaster|trouble|attention|favou?r)\b/giu,
  /\b(?:would|will|to|may|might|could|shall|intends? to|plans? to|vow(?:s|ed)? to|consider(?:s|ed|ing)?(?: whether to| an?)?|whether to|weighing(?: an?)?|has \d+ days to|right to|likely to|expected to) appeal\b/giu,
  /\bthreat(?:en(?:s|ed)?)? to sue\b/giu,
  /\bcardiac arrest\b|\barrested development\b|\bpatent prosecution\b/giu,
  /\bdismiss(?:ed|es|ing)? (?:the |these |those |all )?(?:claims?|allegations|accusations|reports?|criticism|concerns) as\b/giu,
  /\b(?:clinical|drug|vaccine|field|pilot|shuttle|free|beta|road|sea|flight|time|test|human|phase \w+) trials?\b/giu,
  /\b(?:hearing (?:aids?|loss|impaired|tests?|protection|dogs?)|hard of hearing)\b/giu,
  /\b(?:ruling (?:party|parties|coalition|class|elite|family|junta|council|bloc)|ruled out)\b/giu,
  /\b(?:judgment call|(?:in (?:my|our|his|her|their|its) |poor |good |better |error of )judgment)\b/giu,
  /\b(?:settle(?:s|d)? (?:in|into|down|back)\b(?! court)|dust settles|(?:rejected|refused|declined|no) (?:an? |the )?settlement(?: offer)?)/giu,
  /\bim vergleich (?:zu|mit)\b|\bvergleich(?:e|en)? zu\b/giu,
  /(?:将|拟|会|准备|考虑|计划|打算|表示将|可以|可在|有权)(?:是否)?(?:依法)?(?:提起|提出)?上诉/gu,
  /控訴を検討|控訴する方針|上訴を検討/gu,
  /\b(?:envisage|compte|pourrait|va) (?:de )?faire appel\b|\bprüf(?:t|en) (?:eine )?(?:berufung|revision)\b|\bwill in (?:berufung|revision) gehen\b/giu,
];

/** "Dismissed the appeal" is an appeal outcome, not a dismissal of the case; rewritten before matching. */
export const APPEAL_OUTCOME =
  /\b(?:dismiss(?:ed|es|ing)?|reject(?:ed|s|ing)?|threw out|throws? out|denied|denies|turned down)\s+(?:(?:the|an|a|his|her|its|their|[\p{L}-]+['’]s)\s+)?(?:\w+\s+)?appeal\b/giu;

const COURT = String.raw`(?:court|judge|justice|jury|tribunal|panel|arbitrator|magistrate|bench)s?`;
/** Past-tense decisions may sit a clause away from the court ("a court in Shenzhen's Nanshan district has ordered"). */
const DECIDED = String.raw`(?:ruled|ordered|awarded|found|granted|denied|barred|blocked|rejected|declined|refused|sided with|cleared|confirmed|enjoined|issued an? (?:injunction|order))`;
/** Present-tense forms double as plural nouns ("restraining orders", "awards"), so only right after the court. */
const DECIDES = String.raw`(?:rules|orders|awards|finds|grants|denies|bars|blocks|rejects|declines|refuses|sides with|clears|confirms|enjoins|upholds|overturns)`;
const CASE_NOUN = String.raw`(?:lawsuit|suit|case|claims?|complaint|action|petition|proceedings)`;

export const STAGE_RULES: StageRule[] = [
  // filed
  { stage: 'filed', pattern: /\b(?:sues|sued|suing|countersue[sd]?)\b/iu },
  { stage: 'filed', pattern: /\bsue\b/u, weak: true },
  { stage: 'filed', pattern: new RegExp(String.raw`\b(?:fil(?:es|ed|ing)|brought|brings|lodg(?:ed|es)|launch(?:ed|es)|issu(?:ed|es)) (?:a |an |the |its |his |her |their )?(?:\w+ )?(?:${CASE_NOUN}|legal action|proceedings)\b`, 'iu') },
  { stage: 'filed', pattern: new RegExp(String.raw`\b${CASE_NOUN} (?:was |has been |were |is )?filed\b|\b(?:tak(?:es|en|ing)|took|dragg(?:ed|ing)|drags)\b.{1,60}\bto court\b|\blegal action against\b|\bcounterclaim`, 'iu') },
  { stage: 'filed', pattern: /(?<!驳回|撤回|提起公|不予)起诉|提起诉讼|提起民事诉讼|状告|告上法庭|诉至法院|诉诸法院|立案/u },
  { stage: 'filed', pattern: /索赔/u, weak: true },
  { stage: 'filed', pattern: /\bverklagt\b|\bklagt\b|\bklage (?:eingereicht|erhoben)\b|\breicht\w* klage\b|\bvor gericht gezogen\b|\bzieht vor gericht\b/iu },
  { stage: 'filed', pattern: /\ba assigné(?!\p{L})|\bassigne\b|\bpoursuit en justice\b|\bporte plainte\b|\bporté plainte\b|\battaque en justice\b|\bsaisi(?:t)? le tribunal\b/iu },
  { stage: 'filed', pattern: /提訴|訴えを起こ|訴訟を起こ|起訴(?![さしすせ])/u },
  // hearing
  { stage: 'hearing', pattern: /\btrial (?:opens|opened|begins|began|starts|started|got under ?way|is set|date|to (?:begin|start|open))\b|\b(?:goes|went|go|stands?|stood) (?:on )?trial\b|\bjury selection\b|\b(?:oral|closing|opening) (?:arguments|statements)\b|\btestif(?:y|ied|ies)\b/iu, weak: true },
  { stage: 'hearing', pattern: /\b(?:court |preliminary |evidentiary |interim |sentencing |first )?hearings?\b/iu, weak: true },
  { stage: 'hearing', pattern: /开庭|庭审|公开审理|听证会|出庭/u },
  { stage: 'hearing', pattern: /\bverhandlung\b|\bprozessauftakt\b|\bprozess beginnt\b|\baudience\b|\bprocès s['’]ouvre\b|公判|口頭弁論/iu, weak: true },
  // ruling
  { stage: 'ruling', pattern: new RegExp(String.raw`\b${COURT}\b[^.;:!?]{0,50}?\b${DECIDED}\b|\b${COURT} ${DECIDES}\b`, 'iu') },
  { stage: 'ruling', pattern: /\bordered to pay\b|\b(?:found|held) (?:not )?liable\b|\bpreliminary injunction\b|\binjunction (?:granted|against)\b|\bawarded\b[^.]{0,60}\b(?:damages|compensation|costs)\b|\b(?:wins?|won|loses?|lost) (?:the |its |his |her |their )?(?:lawsuit|suit|case)\b/iu },
  { stage: 'ruling', pattern: /\bverdicts?\b/iu },
  { stage: 'ruling', pattern: /\b(?:judgment|judgement|ruling|rulings|ruled)\b/iu, weak: true },
  { stage: 'ruling', pattern: /判决|宣判|裁定|判令|判赔|胜诉|败诉|驳回[^。，,]{0,12}诉讼请求/u },
  { stage: 'ruling', pattern: /禁令|责令/u, weak: true },
  { stage: 'ruling', pattern: /\burteil\w*\b|\bverurteilt\b|\bentschied\b|\bentschieden\b|gericht\w*\b[^.]{0,60}?\b(?:untersagt|verbietet|verboten|zugesprochen)\b|\beinstweilige verfügung\b/iu },
  { stage: 'ruling', pattern: /\bcondamné\w*\b|\bjugement\b|\ba ordonné\b|\ba débouté(?!\p{L})|\bdonne raison\b|判決|賠償を命|差し止め|棄却/iu },
  // appeal
  { stage: 'appeal', pattern: /\bappeals? court\b|\bcourt of appeals?\b|\bappellate\b|\bon appeal\b|\bappeal(?:s|ed)? (?:against|of) (?:the |a |an |its |his |her |their )?(?:[\w-]+ ){0,3}?(?:ruling|judgment|verdict|decision|conviction|sentence|order|injunction|award)\b|\b(?:file[sd]?|lodge[sd]?|los(?:t|es)|w(?:on|ins)|hear[sd]?|heard|launch(?:ed|es)?) (?:an |the |his |her |its |their )?appeal\b|\bappeal decided\b|\b(?:upheld|upholds|uphold|overturn(?:ed|s)?|revers(?:ed|es)) (?:the |a |an )?(?:\w+ ){0,3}?(?:ruling|judgment|verdict|decision|conviction|award|injunction|sentence)\b|\b(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|federal|d\.c\.) circuit\b/iu },
  { stage: 'appeal', pattern: /\bappeal(?:s|ed|ing)?\b/iu, weak: true },
  { stage: 'appeal', pattern: /上诉|二审|终审|维持原判|改判|再审|发回重审|抗诉/u },
  { stage: 'appeal', pattern: /\bberufung\w*\b|\b(?:in (?:die )?revision|revision (?:eingelegt|zugelassen))\b|\bbundesgerichtshof\b|\bfait appel\b|\binterjeté appel\b|\bcour d['’]appel\b|\ben appel\b|\bcassation\b|控訴|上告|二審|高裁/iu },
  // settlement
  { stage: 'settlement', pattern: new RegExp(String.raw`\bsettle(?:s|d)? (?:the |a |an |its |his |her |their )?(?:[\w-]+ )?(?:${CASE_NOUN}|dispute|litigation|charges)\b|\b(?:${CASE_NOUN}|dispute|litigation) (?:was |were |has been |have been )?settled\b|\bagreed to settle\b|\bout[- ]of[- ]court settlement\b`, 'iu') },
  { stage: 'settlement', pattern: /\bsettled? with\b|\bsettlement\b/iu, weak: true },
  { stage: 'settlement', pattern: /\bsettle[sd]?\b/iu, weak: true },
  { stage: 'settlement', pattern: /达成和解|庭外和解|和解协议|调解结案|调解书/u },
  { stage: 'settlement', pattern: /和解|调解|\bvergleich\w*\b|\beinig(?:t|ten|ung)\b|\baccord amiable\b|à l['’]amiable\b|\btrouvé un accord\b/iu, weak: true },
  // dismissal
  { stage: 'dismissal', pattern: new RegExp(String.raw`\b${COURT}\b[^.;:!?]{0,50}?\b(?:dismiss(?:ed|es)|threw out|throws? out|tossed)\b|\b(?:dismiss(?:ed|es|al of)|withdr(?:ew|aws|awn)|drop(?:s|ped)?|abandon(?:s|ed)?) (?:the |a |an |its |his |her |their |all )?(?:\w+ ){0,3}?(?:${CASE_NOUN}|charges)\b|\b(?:${CASE_NOUN}|charges) (?:was |were |has been |have been |is |are )?(?:withdrawn|dropped|dismissed|thrown out)\b|\bvoluntarily dismiss`, 'iu') },
  { stage: 'dismissal', pattern: /驳回起诉|撤诉|撤回起诉|撤回诉讼|撤回了?(?:对[^。]{1,20}的)?起诉|不予受理/u },
  { stage: 'dismissal', pattern: /\bklage\w* (?:wurde |wird )?(?:abgewiesen|zurückgezogen)\b|\bzieht\w* (?:die |seine |ihre )?klage zurück\b|\bverfahren (?:wurde )?eingestellt\b|\bdésistement\b|\bretir\w* (?:sa |leur )?plainte\b|\bnon-lieu\b|\bclass\w* sans suite\b|取り下げ|却下/iu },
  // criminal
  { stage: 'criminal', pattern: /\bcharged with\b|\b(?:criminal|federal|state) charges\b|\bcharges (?:against|of)\b|\bindict(?:ed|ment|s)?\b|\barrest(?:ed|s)?\b|\bprosecut(?:ors?|ed|ion)\b|\bplead(?:s|ed)? (?:not )?guilty\b|\bpled (?:not )?guilty\b|\bconvict(?:ed|ion|s)?\b|\bsentenced\b|\b(?:years|months) in prison\b|\bcriminal (?:case|investigation|complaint|probe|proceedings)\b|\bdetained\b/iu },
  { stage: 'criminal', pattern: /刑事|逮捕|公诉|检察院|拘留|有期徒刑|拘役|涉嫌[^。]{0,20}罪|立案侦查|被捕|判处/u },
  { stage: 'criminal', pattern: /\bangeklagt\b|\banklage\b|\bstaatsanwaltschaft\b|\bfestgenommen\b|\bverhaftet\b|\bhaftstrafe\b|\bmis en examen\b|\binculpé\w*\b|\ble parquet\b|\bgarde à vue\b|逮捕|起訴(?:され|した|する)|検察|書類送検|懲役/iu },
];
