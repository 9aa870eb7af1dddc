// Keeps each case's syndication clusters up to date as stories join its timeline.
import { clusterStories, comparableFromSigned, COPY_WINDOW_DAYS, CopyIndex, isEarlier } from '../core/timeline/cluster.ts';
import { caseMatchesStamp, clusterMembers, clusterMembersBetween, hasCopies, moveCopies, setLeads } from '../db/matches.ts';
import type { Db } from '../db/openDb.ts';

/** Re-clusters a whole case (after creation or an edit, when many stories change at once). */
export function reclusterCase(db: Db, caseId: number): void {
  setLeads(db, caseId, new Map(caseLeadChanges(db, caseId)));
}

/**
 * The lead changes that re-clustering the whole case makes, with a stamp of the case's matches they were
 * computed from. It only reads, so a worker thread can compute it (20,000 timeline stories take ~0.7 s);
 * `applyLeadChanges` writes them when the case's matches have not changed since.
 */
export function caseLeadChangesStamped(db: Db, caseId: number): { stamp: string; changes: [number, number | null][] } {
  return db.$client.transaction(() => ({ stamp: caseMatchesStamp(db, caseId), changes: caseLeadChanges(db, caseId) }))();
}

/** Writes lead changes computed elsewhere; if the case's matches changed meanwhile, re-clusters here instead. */
export function applyLeadChanges(db: Db, caseId: number, computed: { stamp: string; changes: [number, number | null][] }): void {
  if (caseMatchesStamp(db, caseId) === computed.stamp) setLeads(db, caseId, new Map(computed.changes));
  else reclusterCase(db, caseId);
}

function caseLeadChanges(db: Db, caseId: number): [number, number | null][] {
  const members = clusterMembers(db, caseId);
  const clusters = clusterStories(members.map((m) => ({ id: m.storyId, canonicalUrl: m.canonicalUrl, title: m.title, summary: m.summary, publishedAt: m.publishedAt, source: m.source })));
  const leads = new Map<number, number | null>();
  for (const c of clusters) for (const id of c.memberIds) leads.set(id, id === c.leadId ? null : c.leadId);
  const stored = new Map(members.map((m) => [m.storyId, m.leadId]));
  return [...leads].filter(([id, lead]) => stored.get(id) !== lead);
}

/**
 * Places newly matched stories into the case's existing clusters. A newcomer published before the lead
 * of the cluster it joins becomes that cluster's lead, so an entry always shows the first report.
 */
export function clusterNewStories(db: Db, caseId: number, newStoryIds: Set<number>, newDates: Date[]): void {
  if (newDates.length === 0) return;
  const times = newDates.map((d) => d.getTime());
  // Copies appear within days of each other; a near-verbatim republication from further away joins its
  // original when the case is next re-clustered as a whole (on an edit).
  const window = COPY_WINDOW_DAYS * 86_400_000;
  const members = clusterMembersBetween(db, caseId, new Date(Math.min(...times) - window), new Date(Math.max(...times) + window), [...newStoryIds]);
  // The lead of a copy in the window can sit outside it (a long-running cluster): load those leads too.
  const known = new Set(members.map((m) => m.storyId));
  const outside = [...new Set(members.flatMap((m) => (m.leadId !== null && !known.has(m.leadId) ? [m.leadId] : [])))];
  // (An empty date range: only the listed stories.)
  if (outside.length) members.push(...clusterMembersBetween(db, caseId, new Date(1), new Date(0), outside));
  const byId = new Map(members.map((m) => [m.storyId, m]));
  const leads = new Map<number, number | null>();
  // A copy whose lead left the timeline (rejected, or no longer matching) leads its own entry again.
  for (const m of members) {
    if (m.leadId !== null && !byId.has(m.leadId)) {
      m.leadId = null;
      leads.set(m.storyId, null);
    }
  }
  const index = new CopyIndex();
  // A lead that a newcomer displaces: its old id now points at the newcomer.
  const redirected = new Map<number, number>();
  const leadOf = (id: number): number => {
    let lead = id;
    while (redirected.has(lead)) lead = redirected.get(lead)!;
    return lead;
  };
  for (const m of members) if (!newStoryIds.has(m.storyId)) index.add({ ...comparableFromSigned(m), leadId: m.leadId ?? m.storyId });
  for (const story of members.filter((m) => newStoryIds.has(m.storyId))) {
    const me = comparableFromSigned(story);
    const found = index.bestLead(me);
    // An edited lead finds its own copies: it stays their lead rather than pointing at itself.
    const leadId = found === null || leadOf(found) === story.storyId ? null : leadOf(found);
    const lead = leadId === null ? undefined : byId.get(leadId);
    if (lead && isEarlier({ id: story.storyId, publishedAt: story.publishedAt }, { id: lead.storyId, publishedAt: lead.publishedAt })) {
      // The newcomer is the first report: it leads, and the old cluster follows it.
      for (const m of members) if (m.storyId === lead.storyId || (m.leadId !== null && leadOf(m.leadId) === lead.storyId)) (m.leadId = story.storyId), leads.set(m.storyId, story.storyId);
      redirected.set(lead.storyId, story.storyId);
      story.leadId = null;
    } else story.leadId = lead ? lead.storyId : null;
    leads.set(story.storyId, story.leadId);
    index.add({ ...me, leadId: story.leadId ?? story.storyId });
  }
  setLeads(db, caseId, leads);
  // Copies outside the window still point at a story that just became a copy itself: move them along.
  for (const [storyId, lead] of leads) if (lead !== null) moveCopies(db, caseId, storyId, lead);
}

/**
 * Keeps clusters right after a user's decision: a confirmed review story joins its copies, and the
 * copies of a rejected lead are regrouped without it.
 */
export function reclusterAfterDecision(db: Db, caseId: number, decision: { storyId: number; previous: string; now: string; publishedAt: Date | null; twinsRejected: number }): void {
  const { storyId, previous, now, publishedAt } = decision;
  if (now === 'confirmed' && (previous === 'review' || previous === 'rejected') && publishedAt) clusterNewStories(db, caseId, new Set([storyId]), [publishedAt]);
  else if (now === 'rejected' && (decision.twinsRejected > 0 || hasCopies(db, caseId, storyId))) reclusterCase(db, caseId);
}

const onTimeline = (status: string) => status === 'auto' || status === 'confirmed';

interface StatusChange {
  storyId: number;
  previous: string;
  now: string;
  publishedAt: Date | null;
}

/**
 * Keeps clusters right after an undo, which may move several stories (the story and the copies its rejection had
 * rejected) onto or off the timeline at once: stories that come back join their copies; when a story that led
 * copies leaves, the case is clustered again as a whole (as after a rejection).
 */
export function reclusterAfterStatusChanges(db: Db, caseId: number, changes: StatusChange[]): void {
  const leaving = changes.filter((c) => onTimeline(c.previous) && !onTimeline(c.now));
  if (leaving.some((c) => hasCopies(db, caseId, c.storyId))) return reclusterCase(db, caseId);
  const entering = changes.filter((c) => !onTimeline(c.previous) && onTimeline(c.now) && c.publishedAt);
  if (entering.length === 0) return;
  clusterNewStories(db, caseId, new Set(entering.map((c) => c.storyId)), entering.map((c) => c.publishedAt!));
}
