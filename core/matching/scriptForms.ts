// Chinese and Japanese character forms of a Han name (渡边 / 渡辺, 锺 / 鍾) that normalizeText keeps apart.

import { createRequire } from 'node:module';
import type { ConverterFunction } from 'opencc-js/core';
import { normalizeText } from './normalize.ts';

interface Conversions {
  /** Simplified to Taiwan and Hong Kong traditional, and simplified to Japanese shinjitai. */
  fromChinese: ConverterFunction[];
  /** Shinjitai to traditional and to simplified. */
  fromJapanese: ConverterFunction[];
}

/**
 * Held weakly: the converters' tables take about 30 MB and are needed only while a name's script forms are worked
 * out (a case compiled, aliases suggested), so a long poll or server does not keep them between those; after a
 * collection, the next such call builds them again (about 90 ms). A caller holds them for as long as it runs.
 */
let conversions: WeakRef<Conversions> | null = null;

/** OpenCC and its dictionaries, loaded at the first need, not with the matcher (about 50 ms of a start). */
function openCC(): { ConverterBuilder: typeof import('opencc-js/core').ConverterBuilder; preset: typeof import('opencc-js/preset') } {
  const load = createRequire(import.meta.url);
  return { ConverterBuilder: (load('opencc-js/core') as typeof import('opencc-js/core')).ConverterBuilder, preset: load('opencc-js/preset') as typeof import('opencc-js/preset') };
}

/** Loads OpenCC's modules now (the converters are still built at their first use): for a thread kept ready to match. */
export function preloadOpenCC(): void {
  openCC();
}

/**
 * Built on first use. Simplified to traditional is built once and reused for Taiwan, Hong Kong and
 * shinjitai: its phrase table is what takes the time (about 90 ms; the rest take a few).
 */
function allConversions(): Conversions {
  const held = conversions?.deref();
  if (held) return held;
  const { ConverterBuilder, preset } = openCC();
  const build = ConverterBuilder(preset);
  const cnToT = build({ from: 'cn', to: 't' });
  const tToTw = build({ from: 't', to: 'tw' });
  const tToHk = build({ from: 't', to: 'hk' });
  const tToJp = build({ from: 't', to: 'jp' });
  const jpToT = build({ from: 'jp', to: 't' });
  const tToCn = build({ from: 't', to: 'cn' });
  const built: Conversions = {
    fromChinese: [(s) => tToTw(cnToT(s)), (s) => tToHk(cnToT(s)), (s) => tToJp(cnToT(s))],
    fromJapanese: [jpToT, (s) => tToCn(jpToT(s))],
  };
  conversions = new WeakRef(built);
  return built;
}

const HAN = /\p{Script=Han}/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
/**
 * Ordinary simplified Chinese characters (in GB2312) that OpenCC's experimental shinjitai table still
 * rewrites (芸 -> 藝, 郎 -> 郞, 欠 -> 缺): in a Chinese name they are not Japanese.
 */
const CHINESE_TOO = new Set('予叙弁慎晃概欠沪浜瓶研糸缶翻芸萌褒郎');
const CONVERTIBLE = 1;
const JAPANESE_ONLY = 2;
/** Per character: does some conversion give a form normalizeText keeps apart; is it a shinjitai-only form? */
const charInfo = new Map<string, number>();

function infoOf(ch: string): number {
  let info = charInfo.get(ch);
  if (info === undefined) {
    info = 0;
    if (HAN.test(ch)) {
      const folded = normalizeText(ch);
      const { fromChinese, fromJapanese } = allConversions();
      const changes = (convert: ConverterFunction) => normalizeText(convert(ch)) !== folded;
      const japanese = !CHINESE_TOO.has(ch) && fromJapanese.some(changes);
      if (japanese || fromChinese.some(changes)) info |= CONVERTIBLE;
      if (japanese) info |= JAPANESE_ONLY;
    }
    charInfo.set(ch, info);
  }
  return info;
}

function infoOfAll(name: string): number {
  let info = 0;
  for (const ch of name) info |= infoOf(ch);
  return info;
}

/** Kana, or a character only Japanese writes this way (辺, 沢, 広): the name is not read in pinyin. */
export function looksJapanese(name: string): boolean {
  return KANA.test(name) || (infoOfAll(name) & JAPANESE_ONLY) !== 0;
}

/**
 * Forms of `name` in other Chinese or Japanese scripts whose normalized text differs from the name's own
 * ("渡边" -> "渡辺", "沢田" -> "泽田"). Traditional forms that normalizeText folds back ("景鴻精密") are left
 * out: stories written that way already match. Shinjitai is read back only in Japanese-looking names.
 * Whole-name conversion keeps OpenCC's phrase choices.
 */
export function scriptForms(name: string): string[] {
  const info = infoOfAll(name);
  if ((info & CONVERTIBLE) === 0) return [];
  const { fromChinese, fromJapanese } = allConversions();
  const japanese = KANA.test(name) || (info & JAPANESE_ONLY) !== 0;
  const candidates = japanese ? [...fromChinese, ...fromJapanese] : fromChinese;
  const seen = new Set([normalizeText(name)]);
  const out: string[] = [];
  for (const convert of candidates) {
    const form = convert(name);
    const folded = normalizeText(form);
    if (seen.has(folded)) continue;
    seen.add(folded);
    out.push(form);
  }
  return out;
}
