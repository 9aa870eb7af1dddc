// Keeps each case's syndication clusters up to date as stories join its timeline.
import { clusterStories, comparableFromSigned, COPY_WINDOW_DAYS, CopyIndex, isEarlier } from '../core/timeline/cluster.ts';
import { clusterMembers, clusterMembersBetween, setLeads } from '../db/matches.ts';
import type { Db } from '../db/openDb.ts';

/** Re-clusters a whole case (after creation or an edit, when many stories change at once). */
export function reclusterCase(db: Db, caseId: number): void {
  const members = clusterMembers(db, caseId);
  const clusters = clusterStories(members.map((m) => ({ id: m.storyId, canonicalUrl: m.canonicalUrl, title: m.title, summary: m.summary, publishedAt: m.publishedAt, source: m.source })));
  const leads = new Map<number, number | null>();
  for (const c of clusters) for (const id of c.memberIds) leads.set(id, id === c.leadId ? null : c.leadId);
  const stored = new Map(members.map((m) => [m.storyId, m.leadId]));
  const changed = new Map([...leads].filter(([id, lead]) => stored.get(id) !== lead));
  setLeads(db, caseId, changed);
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
  const byId = new Map(members.map((m) => [m.storyId, m]));
  const index = new CopyIndex();
  // A lead that a newcomer displaces: its old id now points at the newcomer.
  const redirected = new Map<number, number>();
  const leadOf = (id: number): number => {
    let lead = id;
    while (redirected.has(lead)) lead = redirected.get(lead)!;
    return lead;
  };
  for (const m of members) if (!newStoryIds.has(m.storyId)) index.add({ ...comparableFromSigned(m), leadId: m.leadId ?? m.storyId });
  const leads = new Map<number, number | null>();
  for (const story of members.filter((m) => newStoryIds.has(m.storyId))) {
    const me = comparableFromSigned(story);
    const found = index.bestLead(me);
    const leadId = found === null ? null : leadOf(found);
    if (leadId !== null && isEarlier({ id: story.storyId, publishedAt: story.publishedAt }, { id: leadId, publishedAt: byId.get(leadId)!.publishedAt })) {
      // The newcomer is the first report: it leads, and the old cluster follows it.
      for (const m of members) if (m.storyId === leadId || (m.leadId !== null && leadOf(m.leadId) === leadId)) (m.leadId = story.storyId), leads.set(m.storyId, story.storyId);
      redirected.set(leadId, story.storyId);
      story.leadId = null;
    } else story.leadId = leadId;
    leads.set(story.storyId, story.leadId);
    index.add({ ...me, leadId: story.leadId ?? story.storyId });
  }
  setLeads(db, caseId, leads);
}
