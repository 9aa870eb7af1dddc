// The view models of pages and page parts that app/ builds and views/ renders (besides CaseView, FeedView, StoryView,
// SubscriptionView and ApiTokenView, which have modules of their own with their mappers): plain data, dates as ISO
// strings; the only HTML in them is what a sanitizer let through, and says so.
import type { SubscriptionView } from './subscriptionView.ts';

// Rendered by views/caseGlance.ts.
export interface GlanceStepView {
  /** "Filed" */
  label: string;
  /** The first report of the step; null while no story reports it. */
  first: {
    /** ISO moment; the track shows its UTC day, as the timeline's day headings do. */
    publishedAt: string;
    /** The entry on the timeline: "#story-12" on this page, or the page it is on. */
    href: string;
    /** The matcher's finer tag when it differs from the step ("criminal charge" for Filed). */
    tag: string | null;
  } | null;
  /** The step of the case's latest stage. */
  current: boolean;
}

export interface GlanceFactView {
  value: string;
  /** Stories that state it (of `read`); 0 for the case's own field. */
  stories: number;
  fromCase: boolean;
}

export interface CaseGlanceView {
  steps: GlanceStepView[];
  parties: { name: string; role: string; aliases: string[] }[];
  court: GlanceFactView | null;
  amount: GlanceFactView | null;
  caseNumber: GlanceFactView | null;
  /** Stories the facts were read from, and whether that is a sample of the newest (the case has more). */
  read: number;
  sampled: boolean;
}

// Rendered by views/caseSources.ts.
export interface FeedProblemView {
  /** The feed's title or host. */
  name: string;
  /** What happened, as a sentence ("Could not look up news.google.com (DNS)."). */
  what: string;
  advice: string;
}

export interface CaseSourcesView {
  caseId: number;
  /** Feeds polled for every case plus this case's news-search feeds, paused ones left out. */
  feeds: number;
  healthy: number;
  failing: number;
  /** Never fetched yet. */
  waiting: number;
  /** "2 healthy, 1 failing: DNS lookup failed for 1 host" */
  headline: string;
  /** The failing feeds, this case's own first. */
  problems: FeedProblemView[];
  /** Stories stored in all, which every case is matched against. */
  storiesStored: number;
  /** The soonest next fetch of an active feed; null without active feeds. */
  nextPollAt: string | null;
  /** When the page was built: a next poll before it is due now. */
  now: string;
  searchFeeds: { id: number; name: string; state: 'healthy' | 'failing' | 'paused' | 'new'; what: string | null }[];
}

// Rendered by views/jobProgress.ts.
export interface JobProgressView {
  id: number;
  kind: string;
  state: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  done: number;
  total: number | null;
  phrase: string;
  error: string | null;
  cancelRequested: boolean;
  createdAt: string;
  finishedAt: string | null;
  caseId: number | null;
  caseTitle?: string | null;
}

// Rendered by views/pages/caseDelete.ts.
export interface CaseDeleteView {
  caseId: number;
  title: string;
  /** Stories on the timeline (copies included). */
  stories: number;
  review: number;
  confirmed: number;
  rejected: number;
  /** Names of the case's news-search feeds (removed with it). */
  searchFeeds: string[];
  /** Digest subscriptions to this case alone (removed with it). */
  subscriptions: number;
}

// Rendered by views/pages/subscriptions.ts.
export type PreviewProps =
  /** `html` went through the email allowlist sanitizer (core/emailHtml.ts safeEmailHtml). */
  | { subscription: SubscriptionView; retry: boolean; channel: 'email'; subject: string; text: string; html: string }
  | { subscription: SubscriptionView; retry: boolean; channel: 'webhook'; subject: string; json: string }
  | { subscription: SubscriptionView; retry: false; channel: null };
