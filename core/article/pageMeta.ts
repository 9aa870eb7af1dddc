// Reads a page's metadata that Readability does not give: its canonical URL and its language.

import type { DomDocument } from './dom.ts';

/** The content of the first `<meta>` whose `property` or `name` is one of `keys`, trimmed; null when none. */
export function metaContent(doc: DomDocument, keys: readonly string[]): string | null {
  for (const key of keys) {
    const el = doc.querySelector(`meta[property="${key}" i], meta[name="${key}" i]`);
    const value = el?.getAttribute('content')?.replace(/\s+/g, ' ').trim();
    if (value) return value;
  }
  return null;
}

function absoluteHttpUrl(href: string | null | undefined, base: string): string | null {
  const value = href?.trim();
  if (!value) return null;
  try {
    const url = URL.canParse(value) ? new URL(value) : new URL(value, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null; // relative to an unusable base
  }
}

/**
 * The page's own idea of its address: `<link rel="canonical">`, else `og:url`, resolved against the page's
 * `<base href>` or `pageUrl`. Only http(s) results count; anything else falls through to the next source.
 */
export function canonicalUrlOf(doc: DomDocument, pageUrl: string): string | null {
  const base = absoluteHttpUrl(doc.querySelector('base[href]')?.getAttribute('href'), pageUrl) ?? pageUrl;
  for (const link of Array.from(doc.querySelectorAll('link[rel][href]'))) {
    const rels = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    if (!rels.includes('canonical')) continue;
    const url = absoluteHttpUrl(link.getAttribute('href'), base);
    if (url) return url;
  }
  return absoluteHttpUrl(metaContent(doc, ['og:url']), base);
}

function languageTag(value: string | null | undefined): string | null {
  const first = value?.split(',')[0]?.trim().replace(/_/g, '-');
  if (!first) return null;
  try {
    return Intl.getCanonicalLocales(first)[0] ?? null;
  } catch {
    return null; // not a BCP 47 tag ("english", "x")
  }
}

/** The page's language as a BCP 47 tag ("en-GB", "zh-CN", "ja"): `<html lang>`, Content-Language, og:locale. */
export function langOf(doc: DomDocument): string | null {
  const contentLanguage = doc.querySelector('meta[http-equiv="content-language" i]')?.getAttribute('content');
  return (
    languageTag(doc.documentElement?.getAttribute('lang')) ??
    languageTag(doc.documentElement?.getAttribute('xml:lang')) ??
    languageTag(contentLanguage) ??
    languageTag(metaContent(doc, ['og:locale']))
  );
}
