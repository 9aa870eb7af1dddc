import { describe, expect, it } from 'vitest';
import { extractCaseNumbers } from '../../../core/timeline/caseNumbers.ts';

describe('extractCaseNumbers', () => {
  it.each([
    ['Chinese, full-width brackets', '案号为（2024）京0108民初123号', '2024京0108民初123号'],
    ['Chinese, half-width brackets and spaces', '(2024) 京0108 民初 123 号判决', '2024京0108民初123号'],
    ['Chinese, full-width digits', '（２０２３）最高法知民终１２３号', '2023最高法知民终123号'],
    ['US, lower case', 'Case No. 1:24-cv-01234 in N.D. Cal.', '1:24-cv-01234'],
    ['US, upper case and short serial', 'No. 1:24-CV-1234', '1:24-cv-01234'],
    ['US, judge initials', 'United States v. Li, 3:23-cr-00123-JD', '3:23-cr-00123'],
    ['German, Az.', 'Az. 2-06 O 123/24', '2-06 o 123/24'],
    ['German, Aktenzeichen', 'unter dem Aktenzeichen 7 O 4182/23', '7 o 4182/23'],
    ['German, bracketed civil register', 'Landgericht München I (7 O 4182/23)', '7 o 4182/23'],
    ['German, BGH', 'BGH, Az.: I ZR 12/21', 'i zr 12/21'],
    ['Japanese', '令和5年(ワ)第1234号', '令和5年(ワ)第1234号'],
    ['Japanese, full-width', '令和５年（ワ）第１２３４号事件', '令和5年(ワ)第1234号'],
    ['Japanese, first year of an era', '令和元年(ネ)第12号', '令和1年(ネ)第12号'],
    ['Korean, civil collegiate', '수원지법 2024가합12345 사건', '2024가합12345'],
    ['Korean, appeal', '서울고법 2024나5678', '2024나5678'],
    ['Korean, Supreme Court', '대법원 2023다 98765 판결', '2023다98765'],
    ['French', 'RG n° 23/01234', 'rg 23/01234'],
    ['French, short serial', 'dossier RG 23/1234', 'rg 23/01234'],
    ['French, numéro', 'RG numéro 22/00456', 'rg 22/00456'],
  ])('%s', (_label, text, key) => {
    expect(extractCaseNumbers(text)).toEqual([key]);
  });

  it.each([
    ['a date', 'Hearing on 2024/03/01 and 01/03/2024.'],
    ['a phone number', 'Call +49 30 1234/56 or 030-1234-5678.'],
    ['pieces', 'They sold 123/24 pieces.'],
    ['a time', 'From 10:30-11:45 at 1:24 pm.'],
    ['a Korean date', '2024년 3월 1일, 2024 나 5678명'],
    ['a bracketed year', '(2024)年度报告第3号'],
    ['a Japanese date', '令和5年4月1日'],
    ['a ratio', 'Acme won 24-7 and 2-06 on points'],
  ])('finds no case number in %s', (_label, text) => {
    expect(extractCaseNumbers(text)).toEqual([]);
  });

  it('reports each number once, in order of appearance, however written', () => {
    const text = 'No. 1:24-CV-1234 (later 1:24-cv-01234); in China （2024）京0108民初123号 and (2024)京0108民初123号.';
    expect(extractCaseNumbers(text)).toEqual(['1:24-cv-01234', '2024京0108民初123号']);
  });
});
