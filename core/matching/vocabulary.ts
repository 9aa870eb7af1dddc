// Fixed word lists the matcher relies on: legal-action vocabulary in several languages and organisation markers.

/**
 * One legal-action concept and the surface forms that signal it. A story scores once per concept, however
 * many forms of it appear, so "sued ... lawsuit ... suing" is one signal, not three. Forms are matched like
 * any term: Latin forms on whole tokens (after diacritics are removed), CJK forms as substrings (traditional
 * characters fold to simplified, so one simplified form covers both). Order matters only for reasons.
 */
export interface LegalConcept {
  label: string;
  forms: readonly string[];
}

export const LEGAL_CONCEPTS: readonly LegalConcept[] = [
  {
    label: 'sue',
    forms: [
      'sue', 'sues', 'sued', 'suing', 'lawsuit', 'lawsuits', 'filed suit', 'legal action', 'litigation',
      'countersued', 'countersues', 'countersuit', 'counterclaim', '起诉', '诉讼', '状告', '提起诉讼', '提訴', '訴え', '訴えた', '소송', '고소',
      'klage', 'klagt', 'verklagt', 'verklagen', 'verklagte', 'poursuite', 'poursuites', 'poursuit',
      'poursuivi', 'poursuivie', 'assigne', 'plainte', 'demanda', 'demando', 'demandado', 'demandada',
      'querella', 'denuncia', 'sagsogt', 'sagsoger', 'retssag',
    ],
  },
  {
    label: 'court',
    forms: [
      'court', 'courts', 'tribunal', 'tribunals', 'tribunaux', 'arbitration', '法院', '法庭', '仲裁', '裁判所',
      '地裁', '高裁', '법원', 'gericht', 'gerichts', 'landgericht', 'amtsgericht', 'oberlandesgericht',
      'arbeitsgericht', 'handelsgericht', 'bundesgerichtshof', 'cour', 'tribunale', 'juzgado', 'retten',
    ],
  },
  {
    label: 'parties',
    forms: [
      'plaintiff', 'plaintiffs', 'defendant', 'defendants', '原告', '被告', '원고', '피고', 'klager',
      'klagerin', 'beklagte', 'beklagter', 'plaignant', 'defendeur', 'demandante',
    ],
  },
  {
    label: 'claim',
    forms: [
      'damages', 'compensation', 'complaint', 'alleges', 'alleged', 'alleging', 'accuses', 'accused',
      'accusing', 'liable',
      '索赔', '赔偿', '诉请', '侵权', '纠纷', '损害赔偿', '손해배상', 'schadensersatz', 'schadenersatz',
      'dommages', 'indemnisation', 'indemnizacion', 'danos', 'risarcimento',
    ],
  },
  {
    label: 'ruling',
    forms: [
      'ruling', 'rulings', 'ruled', 'judgment', 'judgement', 'verdict', 'sentenced', 'convicted', 'acquitted',
      'ordered to pay', 'dismissed', '判决', '裁定', '判令', '判赔', '驳回', '维持原判', '终审', '판결',
      'urteil', 'urteils', 'verurteilt', 'jugement', 'condamne', 'condamnee', 'condamnation',
      'sentencia', 'condena', 'condenado', 'sentenza',
    ],
  },
  {
    label: 'judge',
    forms: ['judge', 'judges', 'magistrate', '法官', '裁判官', 'richter', 'richterin', 'juge', 'juez', 'jueza'],
  },
  {
    label: 'appeal',
    forms: [
      'appeal', 'appeals', 'appealed', 'appealing', '上诉', '二审', '控訴', '上告', '항소', 'berufung',
      'appel', 'apelacion', 'ricorso',
    ],
  },
  {
    label: 'first instance',
    forms: ['一审', '立案', '开庭', '庭审', 'hearing', 'hearings', 'trial', 'proces', 'prozess', 'juicio'],
  },
  {
    label: 'settlement',
    forms: ['settle', 'settles', 'settled', 'settlement', 'settling', '和解', '调解', 'vergleich'],
  },
  {
    label: 'injunction',
    forms: [
      'injunction', 'restraining order', 'preliminary injunction', '禁令', '禁止令', '差し止め', '仮処分',
      'einstweilige verfugung', 'untersagt', 'injonction', 'refere', 'medida cautelar',
    ],
  },
  {
    label: 'criminal',
    forms: [
      'police', 'prosecutor', 'prosecutors', 'prosecution', 'arrested', 'indicted', 'indictment', 'criminal',
      '警方', '报警', '刑事', '检察院', '逮捕', '警察', 'polizei', 'staatsanwaltschaft', 'angeklagt',
      'anklage', 'inculpe', 'mis en examen', 'policia', 'fiscalia',
    ],
  },
  {
    // The incident behind a trade-secret dispute: reports of it belong to the case before any suit is filed.
    label: 'incident',
    forms: [
      'leak', 'leaked', 'leaks', 'stolen', 'theft', 'sabotage', 'sabotaged', 'espionage', 'raid', 'raided', 'detained',
      'detain', 'misappropriation', 'misappropriated', 'exfiltrated', '泄露', '泄密', '窃取', '盗取', '破坏', '刑拘', '搜查',
      '持ち出し', '漏えい', '流出', '家宅捜索', '유출', '빼돌린', '압수수색', 'durchsuchung', 'razzia', 'geheimnisverrat',
      'datendiebstahl', 'fuite', 'perquisition', 'saisie', 'espionnage', 'filtracion', 'robo', 'registro',
    ],
  },
  {
    label: 'lawyer',
    forms: ['lawyer', 'lawyers', 'attorney', 'attorneys', 'counsel', '律师', '弁護士', 'anwalt', 'avocat', 'abogado'],
  },
];

/**
 * Tokens that mark a name as an organisation rather than a person; such names are never tried in
 * reversed order ("Tian Keyu" / "Keyu Tian" is a person habit, not a company one).
 */
export const ORGANISATION_MARKERS: ReadonlySet<string> = new Set([
  'inc', 'ltd', 'llc', 'llp', 'plc', 'corp', 'corporation', 'co', 'company', 'group', 'holdings', 'holding',
  'gmbh', 'ag', 'sa', 'sas', 'sarl', 'spa', 'srl', 'bv', 'nv', 'ab', 'as', 'asa', 'oy', 'kk', 'limited',
  'technologies', 'technology', 'tech', 'labs', 'lab', 'systems', 'software', 'bank', 'capital', 'partners',
  'university', 'institute', 'foundation', 'association', 'agency', 'ministry', 'department', 'council',
  'motors', 'pharma', 'pharmaceuticals', 'bio', 'biotech', 'genomics', 'therapeutics', 'energy', 'media',
  'networks', 'solutions', 'industries', 'international', 'global', 'ventures', 'airlines', 'studios',
  'games', 'entertainment', 'robotics', 'ai', 'the', 'of', 'and', 'vind', 'wind', 'cloud', 'data', 'digital',
]);
