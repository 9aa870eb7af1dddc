// The view model of an API token, as the settings page lists it (never its secret or hash).
import type { ApiTokenRow } from '../db/auth.ts';

export interface ApiTokenView {
  id: number;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export const toTokenView = (r: ApiTokenRow): ApiTokenView => ({ id: r.id, name: r.name, createdAt: r.createdAt.toISOString(), lastUsedAt: r.lastUsedAt?.toISOString() ?? null });
