import { describe, expect, it } from 'vitest';
import { extractAmounts, extractCourts, parseNumber } from '../../../core/timeline/facts.ts';

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

  it('does not take "won" before a sum for a currency', () => {
    expect(extractAmounts('Havørn Vind won 9 million kroner in October')).toEqual([{ text: '9 million kroner', value: 9_000_000, currency: 'DKK' }]);
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
  ])('%s', (text, expected) => {
    expect(extractCourts(text)).toEqual(expected);
  });

  it.each([
    ['a food court', 'Twelve stalls open in the new food court.'],
    ['a court without a name', 'A Nevada district court has declined; the court said so.'],
    ['a headline verb', 'Court bars ex-Halcyon data scientist from variant work'],
    ['generic Chinese courts', '一审法院认定事实清楚，人民法院依法审理。'],
    ['a dish', 'Ein leckeres Gericht aus Kopenhagen.'],
  ])('finds no court in %s', (_label, text) => {
    expect(extractCourts(text)).toEqual([]);
  });

  it('does not run a name on from a headline into the next line', () => {
    expect(extractCourts('Court awards Havørn DKK 9 million - Nordic Ledger\nThe Maritime and Commercial High Court in Copenhagen')).toEqual(['Maritime and Commercial High Court']);
  });
});
