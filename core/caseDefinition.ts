// What a tracked case is, as the matcher and the timeline see it (no storage details).

export type PartyRole = 'plaintiff' | 'defendant' | 'other';

export interface PartyDefinition {
  name: string;
  role: PartyRole;
  aliases: string[];
}

export interface CaseDefinition {
  id: number;
  title: string;
  summary?: string | null;
  parties: PartyDefinition[];
  keywords: string[];
  exclude: string[];
  court?: string | null;
  caseNumber?: string | null;
}
