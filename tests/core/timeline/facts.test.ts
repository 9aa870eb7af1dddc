import { describe, expect, it } from 'vitest';
import { extractAmounts, extractCourts, parseNumber, sameAmount } from '../../../core/timeline/facts.ts';

describe('extractAmounts', () => {
  it.each([
    ['ordered to pay 8 million yuan', '8 million yuan', 8_000_000, 'CNY'],
    ['seeks RMB 8 million in damages', 'RMB 8 million', 8_000_000, 'CNY'],
    ['索赔800万元', '800万元', 8_000_000, 'CNY'],
    ['涉案金额1.1亿元', '1.1亿元', 110_000_000, 'CNY'],
    ['判令赔偿110万元人民币', '110万元人民币', 1_100_000, 'CNY'],
    ['索赔人民币800万元', '人民币800万元', 8_000_000, 'CNY'],
    ['估值¥5,000万', '¥5,000万', 50_000_000, 'CNY'],
    ['raised $1.1 million', '$1.1 million', 1_100_000, 'USD'],
    ['a US$2bn claim', 'US$2bn', 2_000_000_000, 'USD'],
    ['fined HK$5 million', 'HK$5 million', 5_000_000, 'HKD'],
    ['Schaden von €2,5 Mio. geltend', '€2,5 Mio.', 2_500_000, 'EUR'],
    ['fordert 2,5 Millionen Euro Schadensersatz', '2,5 Millionen Euro', 2_500_000, 'EUR'],
    ['Kosten von €1.500 erstattet', '€1.500', 1_500, 'EUR'],
    ['réclame 450 000 € de dommages', '450 000 €', 450_000, 'EUR'],
    ['1,5 milliard d’euros', '1,5 milliard d’euros', 1_500_000_000, 'EUR'],
    ['awarded DKK 9 million', 'DKK 9 million', 9_000_000, 'DKK'],
    ['skal betale 9 millioner kroner', '9 millioner kroner', 9_000_000, 'DKK'],
    ['damages of 24 million Danish kroner', '24 million Danish kroner', 24_000_000, 'DKK'],
    ['costs of £300,000', '£300,000', 300_000, 'GBP'],
    ['a 1.125 million dollars bond', '1.125 million dollars', 1_125_000, 'USD'],
    ['賠償金5億円', '5億円', 500_000_000, 'JPY'],
    ['a ¥300 million fine', '¥300 million', 300_000_000, 'JPY'],
    ['손해배상 10억 원', '10억 원', 1_000_000_000, 'KRW'],
    ['a 50,000 won fee', '50,000 won', 50_000, 'KRW'],
    ['damages of 18.6 million yuan', '18.6 million yuan', 18_600_000, 'CNY'],
    ['a $31.5 million verdict', '$31.5 million', 31_500_000, 'USD'],
    ['a US$31.5 mln award', 'US$31.5 mln', 31_500_000, 'USD'],
    ['賠償金2.8億円を求め', '2.8億円', 280_000_000, 'JPY'],
    ['3億5000万円の損害賠償', '3億5000万円', 350_000_000, 'JPY'],
    ['約1億2000万円', '1億2000万円', 120_000_000, 'JPY'],
    ['Schaden von 3,2 Mio. Euro', '3,2 Mio. Euro', 3_200_000, 'EUR'],
    ['fordert 3,2 Millionen Euro', '3,2 Millionen Euro', 3_200_000, 'EUR'],
    ['50억 원 규모', '50억 원', 5_000_000_000, 'KRW'],
    ['50억원 배상', '50억원', 5_000_000_000, 'KRW'],
    ['45억여 원을 청구', '45억여 원', 4_500_000_000, 'KRW'],
    ['45억 5000만 원 배상', '45억 5000만 원', 4_550_000_000, 'KRW'],
    ['una multa de 1,3 millones de euros', '1,3 millones de euros', 1_300_000, 'EUR'],
    ['reclama 2.000 millones de dólares', '2.000 millones de dólares', 2_000_000_000, 'USD'],
    ['una valoración de 1,5 mil millones de euros', '1,5 mil millones de euros', 1_500_000_000, 'EUR'],
    ['réclame 2,7 millions d’euros', '2,7 millions d’euros', 2_700_000, 'EUR'],
    ['une amende de 940 000 euros', '940 000 euros', 940_000, 'EUR'],
    ['赔偿1000万余元', '1000万余元', 10_000_000, 'CNY'],
  ])('%s → %s', (text, written, value, currency) => {
    expect(extractAmounts(text)).toEqual([{ text: written, value, currency }]);
  });

  it.each([
    ['a year', 'The dispute began in 2023 and ended in 2024.'],
    ['sizes and counts', 'She downloaded 2.3 terabytes; the 40,000-square-foot lab has 120 staff and 6.9 million customers.'],
    ['units', 'A 120-metre blade for turbines of 15 megawatts.'],
    ['Chinese dates and ages', '新法自2025年10月15日起施行，42岁的老将以2比1获胜，600余名选手参加。'],
    ['a verb that looks like a currency', 'In 2019 won the cup; he won 3 games.'],
    ['pounds of weight', 'The parcel weighed 300 pounds.'],
    ['a version number', 'Strandline reaches version 2.0.'],
  ])('finds no money in %s', (_label, text) => {
    expect(extractAmounts(text)).toEqual([]);
  });

  it('keeps the order of appearance and reports a sum once, however it is written', () => {
    const text = 'Xinghe sought RMB 8 million (800万元) but was awarded 1.1 million yuan; it had sought 8 million yuan. Costs: $50,000.';
    expect(extractAmounts(text)).toEqual([
      { text: 'RMB 8 million', value: 8_000_000, currency: 'CNY' },
      { text: '1.1 million yuan', value: 1_100_000, currency: 'CNY' },
      { text: '$50,000', value: 50_000, currency: 'USD' },
    ]);
  });

  it.each([
    ['a Japanese date after a sum', '賠償5億 2024年4月1日'],
    ['Korean ages and counts', '2024년 3월 직원 45명이 5000만 명 중'],
    ['a bare multiplier', 'Shipments reached 31.5 mln units.'],
    ['Spanish market demand', 'La demanda creció un 1,3 por ciento.'],
  ])('finds no money in %s (more languages)', (_label, text) => {
    expect(extractAmounts(text)).toEqual([]);
  });

  it('reads "¥" with a Latin multiplier as yen unless yuan is mentioned nearby or the caller says so', () => {
    expect(extractAmounts('a ¥8m claim')).toEqual([{ text: '¥8m', value: 8_000_000, currency: 'JPY' }]);
    expect(extractAmounts('a ¥8m (8 million yuan) claim')).toEqual([{ text: '¥8m', value: 8_000_000, currency: 'CNY' }]);
    expect(extractAmounts('seeks ¥8m, or 800万元')).toEqual([{ text: '¥8m', value: 8_000_000, currency: 'CNY' }]);
    expect(extractAmounts('元社員に¥8mを請求')).toEqual([{ text: '¥8m', value: 8_000_000, currency: 'JPY' }]);
    expect(extractAmounts('a ¥8m claim', { yenSign: 'CNY' })).toEqual([{ text: '¥8m', value: 8_000_000, currency: 'CNY' }]);
    expect(extractAmounts('估值¥5,000万', { yenSign: 'JPY' })).toEqual([{ text: '¥5,000万', value: 50_000_000, currency: 'JPY' }]);
  });

  it('finds one sum written four ways as the same money', () => {
    const ways = ['索赔800万元', 'seeks 8 million yuan', 'a ¥8m claim in yuan', 'RMB 8 million'].map((t) => extractAmounts(t));
    for (const found of ways) expect(found).toHaveLength(1);
    const [first, ...rest] = ways.map((found) => found[0]!);
    for (const other of rest) expect(sameAmount(first!, other)).toBe(true);
  });

  it('keeps a compound CJK sum whole and in order among other sums', () => {
    expect(extractAmounts('請求額は3億5000万円、うち$2 millionは').map((a) => a.value)).toEqual([350_000_000, 2_000_000]);
  });

  it('does not take "won" before a sum for a currency', () => {
    expect(extractAmounts('Havørn Vind won 9 million kroner in October')).toEqual([{ text: '9 million kroner', value: 9_000_000, currency: 'DKK' }]);
  });
});

describe('sameAmount', () => {
  const cny = (value: number) => ({ text: '', value, currency: 'CNY' });
  it.each([
    [cny(8_000_000), cny(8_000_000), true],
    [cny(8_000_000), cny(8_030_000), true],
    [cny(8_000_000), cny(8_100_000), false],
    [cny(8_000_000), { text: '', value: 8_000_000, currency: 'JPY' }, false],
    [cny(0), cny(0), true],
  ])('%o ~ %o → %s', (a, b, expected) => {
    expect(sameAmount(a, b)).toBe(expected);
    expect(sameAmount(b, a)).toBe(expected);
  });
});

describe('parseNumber', () => {
  it.each([
    ['300,000', undefined, 300_000],
    ['2,5', 'Mio.', 2.5],
    ['1.500', undefined, 1_500],
    ['1.125', 'million', 1.125],
    ['1.500', 'Millionen', 1_500],
    ['1,250', 'million', 1_250],
    ['1.234.567,89', undefined, 1_234_567.89],
    ['1,234,567.89', undefined, 1_234_567.89],
    ['450 000', undefined, 450_000],
  ])('%s (multiplier %s) → %d', (raw, multiplier, expected) => {
    expect(parseNumber(raw, multiplier)).toBe(expected);
  });
});

describe('extractCourts', () => {
  it.each([
    ['The Haidian District People’s Court said on Monday', ['Haidian District People’s Court']],
    ['判决由北京市海淀区人民法院作出', ['北京市海淀区人民法院']],
    ['The Maritime and Commercial High Court in Copenhagen has ordered', ['Maritime and Commercial High Court']],
    ['filed in the U.S. District Court for the Northern District of California on Monday', ['U.S. District Court for the Northern District of California']],
    ['Das Landgericht München I hat entschieden', ['Landgericht München I']],
    ['Das See- und Handelsgericht in Kopenhagen hat', ['See- und Handelsgericht']],
    ['the Shenzhen Intermediate People’s Court upheld the ruling', ['Shenzhen Intermediate People’s Court']],
    ['深圳中院驳回赵明轩上诉', ['深圳中院']],
    ['南山法院一审判决：前实习生赵明轩赔偿', ['南山法院']],
    ['公司近日向深圳市南山区人民法院提起诉讼', ['深圳市南山区人民法院']],
    ['深圳市中级人民法院近日作出二审判决', ['深圳市中级人民法院']],
    ['北京互联网法院和上海海事法院', ['北京互联网法院', '上海海事法院']],
    ['the U.S. Court of Appeals for the Ninth Circuit affirmed', ['U.S. Court of Appeals for the Ninth Circuit']],
    ['devant le tribunal de commerce, l’accusant', ['tribunal de commerce']],
    ['東京地方裁判所は請求を棄却した', ['東京地方裁判所']],
    ['The Supreme Court ruled and the Supreme Court was clear', ['Supreme Court']],
    ['수원지방법원은 지난달 판결했다', ['수원지방법원']],
    ['수원지법 형사1단독은', ['수원지법']],
    ['수원고법이 항소를 기각했고 대법원은 상고를 기각했다', ['수원고법', '대법원']],
    ['서울중앙지법 민사합의부', ['서울중앙지법']],
    ['El Juzgado de lo Mercantil n.º 3 de Madrid ha condenado', ['Juzgado de lo Mercantil n.º 3 de Madrid']],
    ['la Audiencia Provincial de Barcelona confirmó', ['Audiencia Provincial de Barcelona']],
    ['el Tribunal Supremo falló', ['Tribunal Supremo']],
  ])('%s', (text, expected) => {
    expect(extractCourts(text)).toEqual(expected);
  });

  it.each([
    ['a food court', 'Twelve stalls open in the new food court.'],
    ['a court without a name', 'A Nevada district court has declined; the court said so.'],
    ['a headline verb', 'Court bars ex-Halcyon data scientist from variant work'],
    ['generic Chinese courts', '一审法院认定事实清楚，人民法院依法审理。'],
    ['a dish', 'Ein leckeres Gericht aus Kopenhagen.'],
    ['generic Korean courts', '법원은 지방법원에서 넘어온 사건을 판결했다.'],
    ['a Korean word ending like a court', '그는 방법원칙을 설명했다.'],
    ['generic Spanish courts', 'El juzgado de Madrid y el tribunal fallaron; la audiencia fue alta.'],
  ])('finds no court in %s', (_label, text) => {
    expect(extractCourts(text)).toEqual([]);
  });

  it('does not run a name on from a headline into the next line', () => {
    expect(extractCourts('Court awards Havørn DKK 9 million - Nordic Ledger\nThe Maritime and Commercial High Court in Copenhagen')).toEqual(['Maritime and Commercial High Court']);
  });
});
