// Folds syndicated and rewritten copies of one story into a cluster led by the first-published copy.
import { fold, stripSummaryDecorations, stripTitleDecorations, tokens } from './copyText.ts';
import { containment, decodeSketch, encodeSketch, jaccard, sketchTokens, type Sketch } from './sketch.ts';

/*
 * Thresholds, tuned on the labelled sample and on hand-written copies (tests/core/timeline). Summary shingles
 * are runs of 3 tokens, a token being a word in alphabetic scripts and one character in CJK (so CJK text is
 * compared by character 3-grams). On the sample, copies score summary Jaccard >= 0.59; every other pair
 * scores <= 0.11 (containment <= 0.21, title Jaccard <= 0.33), including two independent reports of one
 * filing a day apart, so the thresholds sit well inside that gap.
 */

/** Summary Jaccard at or above which two stories in the window are copies (reworded lead, same body). */
export const SUMMARY_JACCARD_THRESHOLD = 0.3;
/** Share of the shorter summary found in the longer one: a copy that kept only the first sentences. */
export const SUMMARY_CONTAINMENT_THRESHOLD = 0.6;
/** Containment counts only when the shorter summary has this many shingles (about one sentence). */
export const MIN_CONTAINED_SHINGLES = 12;
/** Title Jaccard (word pairs) at or above which the headlines are the same once outlet decorations are gone. */
export const TITLE_JACCARD_THRESHOLD = 0.8;
/** With the same headline, the summaries must still share this much, unless one of them is nearly empty. */
export const TITLE_SUPPORT_SUMMARY_JACCARD = 0.15;
/** Copies appear within days of each other; later stories on a case are new developments. */
export const COPY_WINDOW_DAYS = 7;
/** Outside the window only a near-verbatim republication still counts as a copy. */
export const VERBATIM_SUMMARY_JACCARD = 0.85;

/** Shingle sizes and sketch sizes; changing any of them changes SIGNATURE_VERSION. */
const SUMMARY_SHINGLE = 3;
const TITLE_SHINGLE = 2;
const SUMMARY_K = 128;
const TITLE_K = 32;
export const SIGNATURE_VERSION = 'c1';

export interface ClusterStory {
  id: number;
  canonicalUrl: string | null;
  title: string;
  summary: string;
  publishedAt: Date;
  source: string | null;
}

export interface StoryCluster {
  /** The earliest-published member (ties: the lower id). */
  leadId: number;
  /** All members including the lead, earliest first. */
  memberIds: number[];
}

/** A stored story as the incremental API sees it: its row's columns plus the `signatureFor` text. */
export interface SignedStory {
  storyId: number;
  canonicalUrl: string | null;
  publishedAt: Date;
  /** `signatureFor(story)`; null (or an older version) leaves only canonical-URL equality. */
  signature: string | null;
}

/** A story already on the timeline; `leadId` null or absent means it leads its own cluster. */
export interface ClusterSignature extends SignedStory {
  leadId?: number | null;
}

interface ParsedSignature {
  title: Sketch;
  summary: Sketch;
}

/** Serializable near-duplicate signature of a story's text: `c1;<title sketch>;<summary sketch>`. */
export function signatureFor(story: { title: string; summary: string; source?: string | null }): string {
  const { title, summary } = sketchStory(story);
  return `${SIGNATURE_VERSION};${encodeSketch(title)};${encodeSketch(summary)}`;
}

function sketchStory(story: { title: string; summary: string; source?: string | null }): ParsedSignature {
  const titleTokens = tokens(fold(stripTitleDecorations(story.title, story.source)));
  const summaryTokens = tokens(fold(stripSummaryDecorations(story.summary)));
  return {
    title: sketchTokens(titleTokens, TITLE_SHINGLE, TITLE_K),
    summary: sketchTokens(summaryTokens, SUMMARY_SHINGLE, SUMMARY_K),
  };
}

export function parseSignature(text: string | null): ParsedSignature | null {
  if (!text) return null;
  const [version, title, summary, ...rest] = text.split(';');
  if (version !== SIGNATURE_VERSION || title === undefined || summary === undefined || rest.length) return null;
  const t = decodeSketch(title);
  const s = decodeSketch(summary);
  return t && s ? { title: t, summary: s } : null;
}

/** Evidence that two stories are copies; `score` ranks candidate clusters, 0 means "not a copy". */
export interface CopyEvidence {
  sameUrl: boolean;
  days: number;
  titleJaccard: number;
  summaryJaccard: number;
  summaryContainment: number;
  score: number;
}

/** What the decision rule needs of a story: its URL, time and parsed signature. */
export interface Comparable {
  canonicalUrl: string | null;
  publishedAt: Date;
  sig: ParsedSignature | null;
}

/** The decision rule, in one place so the batch and incremental paths cannot disagree. */
export function copyEvidence(a: Comparable, b: Comparable): CopyEvidence {
  const sameUrl = a.canonicalUrl !== null && a.canonicalUrl === b.canonicalUrl;
  const days = Math.abs(a.publishedAt.getTime() - b.publishedAt.getTime()) / 86_400_000;
  const none = { sameUrl, days, titleJaccard: 0, summaryJaccard: 0, summaryContainment: 0, score: sameUrl ? 2 : 0 };
  if (!a.sig || !b.sig) return none;
  const titleJaccard = jaccard(a.sig.title, b.sig.title);
  const summaryJaccard = jaccard(a.sig.summary, b.sig.summary);
  const summaryContainment = containment(a.sig.summary, b.sig.summary, summaryJaccard);
  const evidence = { ...none, titleJaccard, summaryJaccard, summaryContainment };
  const similarity = summaryJaccard + titleJaccard / 10;
  if (sameUrl) return evidence;
  const inWindow = days <= COPY_WINDOW_DAYS;
  const smaller = Math.min(a.sig.summary.size, b.sig.summary.size);
  const isCopy = inWindow
    ? summaryJaccard >= SUMMARY_JACCARD_THRESHOLD ||
      (smaller >= MIN_CONTAINED_SHINGLES && summaryContainment >= SUMMARY_CONTAINMENT_THRESHOLD) ||
      (titleJaccard >= TITLE_JACCARD_THRESHOLD && (summaryJaccard >= TITLE_SUPPORT_SUMMARY_JACCARD || smaller < MIN_CONTAINED_SHINGLES))
    : summaryJaccard >= VERBATIM_SUMMARY_JACCARD && titleJaccard >= TITLE_SUPPORT_SUMMARY_JACCARD;
  return { ...evidence, score: isCopy ? similarity : 0 };
}

function comparableOf(s: SignedStory): Comparable {
  return { canonicalUrl: s.canonicalUrl, publishedAt: s.publishedAt, sig: parseSignature(s.signature) };
}

function toComparable(story: ClusterStory | SignedStory): Comparable {
  return 'signature' in story ? comparableOf(story) : { canonicalUrl: story.canonicalUrl, publishedAt: story.publishedAt, sig: sketchStory(story) };
}

/**
 * A shingle found in this many of a case's stories is boilerplate ("the court said", an outlet's standard
 * line): it no longer nominates candidates. Copies share many rarer shingles as well.
 */
export const COMMON_SHINGLE_STORIES = 40;

/**
 * Candidate copies by shared sketch hashes. Every copy rule needs a shared title or summary shingle (a
 * Jaccard or containment above zero) or the same URL, so looking only at stories that share one is exact,
 * and turns clustering a case of thousands of stories from all-pairs into a few comparisons each.
 */
export class CopyIndex {
  private readonly items: (Comparable & { leadId: number })[] = [];
  /** Hash → stories holding it; null once a hash is so common (boilerplate) that it tells nothing. */
  private readonly postings = new Map<number, number[] | null>();
  private readonly byUrl = new Map<string, number[]>();

  add(item: Comparable & { leadId: number }): void {
    const index = this.items.push(item) - 1;
    if (item.canonicalUrl) this.byUrl.set(item.canonicalUrl, [...(this.byUrl.get(item.canonicalUrl) ?? []), index]);
    for (const key of postingKeys(item)) {
      const list = this.postings.get(key);
      if (list === null) continue;
      if (!list) this.postings.set(key, [index]);
      else if (list.length >= COMMON_SHINGLE_STORIES) this.postings.set(key, null);
      else list.push(index);
    }
  }

  /** The lead of the most similar indexed copy, or null when none is a copy. */
  bestLead(me: Comparable, skip?: (leadId: number) => boolean): number | null {
    const candidates = new Set<number>(me.canonicalUrl ? (this.byUrl.get(me.canonicalUrl) ?? []) : []);
    for (const key of postingKeys(me)) for (const i of this.postings.get(key) ?? []) candidates.add(i);
    let best: { leadId: number; score: number } | null = null;
    for (const i of candidates) {
      const other = this.items[i]!;
      if (skip?.(other.leadId)) continue;
      const { score } = copyEvidence(me, other);
      if (score > 0 && (!best || score > best.score)) best = { leadId: other.leadId, score };
    }
    return best?.leadId ?? null;
  }
}

/** Title and summary hashes in separate key spaces (the low bit tells them apart). */
function postingKeys(c: Comparable): number[] {
  if (!c.sig) return [];
  const keys: number[] = [];
  for (const h of c.sig.title.hashes) keys.push(h * 2);
  for (const h of c.sig.summary.hashes) keys.push(h * 2 + 1);
  return keys;
}

/**
 * The lead of the cluster a new story joins, or null when it starts its own. Pass the case's leads, or all
 * members with their `leadId` (which also catches a copy of a copy). If the newcomer was published before
 * that lead, the caller makes it the new lead (see `isEarlier`), so the lead stays the first report.
 */
export function assignToCluster(existing: readonly ClusterSignature[], story: ClusterStory | SignedStory): number | null {
  const ownId = 'id' in story ? story.id : story.storyId;
  const index = new CopyIndex();
  for (const o of existing) if (o.storyId !== ownId) index.add({ ...comparableOf(o), leadId: o.leadId ?? o.storyId });
  return index.bestLead(toComparable(story));
}

/** A stored story's comparable form, parsed once (for callers that keep a CopyIndex across many stories). */
export function comparableFromSigned(s: SignedStory): Comparable {
  return comparableOf(s);
}

/** Lead order: earlier publication first, then the lower id, so the order is total and stable. */
export function isEarlier(a: { id: number; publishedAt: Date }, b: { id: number; publishedAt: Date }): boolean {
  const d = a.publishedAt.getTime() - b.publishedAt.getTime();
  return d < 0 || (d === 0 && a.id < b.id);
}

/**
 * Clusters one case's stories. Stories are taken in publication order and each joins the cluster of its
 * most similar earlier member (the same rule as `assignToCluster` with all members), so leads come first.
 */
export function clusterStories(stories: readonly ClusterStory[]): StoryCluster[] {
  const ordered = [...stories].sort((a, b) => (isEarlier(a, b) ? -1 : isEarlier(b, a) ? 1 : 0));
  const index = new CopyIndex();
  const clusters = new Map<number, number[]>();
  for (const story of ordered) {
    const me = toComparable(story);
    const leadId = index.bestLead(me) ?? story.id;
    index.add({ ...me, leadId });
    const members = clusters.get(leadId);
    if (members) members.push(story.id);
    else clusters.set(leadId, [story.id]);
  }
  return [...clusters].map(([leadId, memberIds]) => ({ leadId, memberIds }));
}
