// Queries for authentication: API tokens and login sessions (both stored hashed) and the instance secret.
import { randomBytes } from 'node:crypto';
import { and, asc, eq, like, lt, sql } from 'drizzle-orm';
import type { Db } from './openDb.ts';
import { apiTokens, settings } from './schema.ts';

export type ApiTokenRow = typeof apiTokens.$inferSelect;

export function insertApiToken(db: Db, name: string, tokenHash: string, now: Date): ApiTokenRow {
  return db.insert(apiTokens).values({ name, tokenHash, createdAt: now }).returning().get();
}

export function listApiTokens(db: Db): ApiTokenRow[] {
  return db.select().from(apiTokens).orderBy(asc(apiTokens.id)).all();
}

export function deleteApiToken(db: Db, id: number): boolean {
  return db.delete(apiTokens).where(eq(apiTokens.id, id)).run().changes > 0;
}

/** Looks a token up by its hash and records its use. */
export function useApiToken(db: Db, tokenHash: string, now: Date): ApiTokenRow | null {
  const row = db.select().from(apiTokens).where(eq(apiTokens.tokenHash, tokenHash)).get();
  if (!row) return null;
  // Writing on every request would make reads contend for the write lock; once a minute is enough.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id)).run();
  return row;
}

/** The instance's random secret, created on first use; it signs session and CSRF cookies. */
export function instanceSecret(db: Db): string {
  const existing = db.select().from(settings).where(eq(settings.key, 'secret')).get();
  if (existing) return existing.value;
  db.insert(settings).values({ key: 'secret', value: randomBytes(32).toString('base64url') }).onConflictDoNothing().run();
  return db.select().from(settings).where(eq(settings.key, 'secret')).get()!.value;
}

/*
 * Login sessions live in the settings table as `session:<hash>` → expiry (epoch ms), so that logging
 * out can end a session on the server and a copied cookie stops working.
 */
const sessionKey = (idHash: string) => `session:${idHash}`;

/** Records a new session and clears out expired ones, so the table never grows past the live sessions. */
export function insertSession(db: Db, idHash: string, expires: Date, now: Date): void {
  db.delete(settings)
    .where(and(like(settings.key, 'session:%'), lt(sql`cast(${settings.value} as integer)`, now.getTime())))
    .run();
  db.insert(settings).values({ key: sessionKey(idHash), value: String(expires.getTime()) }).run();
}

export function sessionIsLive(db: Db, idHash: string, now: Date): boolean {
  const row = db.select().from(settings).where(eq(settings.key, sessionKey(idHash))).get();
  return row !== undefined && Number(row.value) > now.getTime();
}

export function deleteSession(db: Db, idHash: string): boolean {
  return db.delete(settings).where(eq(settings.key, sessionKey(idHash))).run().changes > 0;
}
