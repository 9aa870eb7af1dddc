// Keeps each case's syndication clusters up to date as stories join its timeline.
import { assignToCluster, clusterStories, isEarlier } from '../core/timeline/cluster.ts';
import { clusterMembers, setLeads, type ClusterMember } from '../db/matches.ts';
import type { Db } from '../db/openDb.ts';

/** Re-clusters a whole case (after creation or an edit, when many stories change at once). */
export function reclusterCase(db: Db, caseId: number): void {
  const members = clusterMembers(db, caseId);
  const clusters = clusterStories(members.map((m) => ({ id: m.storyId, canonicalUrl: m.canonicalUrl, title: m.title, summary: m.summary, publishedAt: m.publishedAt, source: m.source })));
  const leads = new Map<number, number | null>();
  for (const c of clusters) for (const id of c.memberIds) leads.set(id, id === c.leadId ? null : c.leadId);
  const changed = new Map([...leads].filter(([id, lead]) => members.find((m) => m.storyId === id)?.leadId !== lead));
  setLeads(db, caseId, changed);
}

/**
 * Places newly matched stories into the case's existing clusters. A newcomer published before the lead
 * of the cluster it joins becomes that cluster's lead, so an entry always shows the first report.
 */
export function clusterNewStories(db: Db, caseId: number, newStoryIds: Set<number>): void {
  const members = clusterMembers(db, caseId);
  const placed: ClusterMember[] = members.filter((m) => !newStoryIds.has(m.storyId));
  const leads = new Map<number, number | null>();
  for (const story of members.filter((m) => newStoryIds.has(m.storyId))) {
    const leadId = assignToCluster(
      placed.map((m) => ({ ...m, leadId: m.leadId })),
      story,
    );
    if (leadId === null) {
      story.leadId = null;
    } else {
      const lead = members.find((m) => m.storyId === leadId)!;
      if (isEarlier({ id: story.storyId, publishedAt: story.publishedAt }, { id: lead.storyId, publishedAt: lead.publishedAt })) {
        for (const m of placed) if (m.storyId === leadId || m.leadId === leadId) (m.leadId = story.storyId), leads.set(m.storyId, story.storyId);
        story.leadId = null;
      } else story.leadId = leadId;
    }
    leads.set(story.storyId, story.leadId);
    placed.push(story);
  }
  setLeads(db, caseId, leads);
}
