// Reads and validates the environment once; the only module that touches process.env.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { validate as validateCron } from 'node-cron';
import { z } from 'zod';

const flag = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ['', '0', '1', 'true', 'false', 'yes', 'no', 'on', 'off'].includes(v), 'must be 1/0, true/false, yes/no or on/off')
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const httpUrl = z
  .string()
  .trim()
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL');

const envSchema = z.object({
  PORT: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0).max(65535).default(3000),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  DATABASE_PATH: z.string().trim().min(1).default('./data/casewatch.db'),
  POLL_SCHEDULE: z
    .string()
    .trim()
    .default('*/10 * * * *')
    .refine((v) => validateCron(v), 'must be a cron expression such as "*/10 * * * *"'),
  ALLOW_PRIVATE_FEEDS: flag.default(false),
  SEARCH_FEEDS: flag.default(true),
  SMTP_URL: z
    .string()
    .trim()
    .refine((v) => /^smtps?:\/\//.test(v), 'must start with smtp:// or smtps://')
    .optional(),
  OUTBOX_DIR: z.string().trim().min(1).default('./data/outbox'),
  MAIL_FROM: z.string().trim().min(3).default('casewatch <casewatch@localhost>'),
  BASE_URL: httpUrl.optional(),
  ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  ALLOW_OPEN: flag.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RETENTION_DAYS: z.coerce.number({ error: 'must be a number' }).int().min(1).default(90),
});

export interface Config {
  port: number;
  host: string;
  databasePath: string;
  pollSchedule: string;
  allowPrivateFeeds: boolean;
  searchFeeds: boolean;
  smtpUrl: string | null;
  outboxDir: string;
  mailFrom: string;
  baseUrl: string;
  /** False when BASE_URL was not given: the server then uses the address it is listening on. */
  baseUrlExplicit: boolean;
  adminPassword: string | null;
  allowOpen: boolean;
  logLevel: string;
  retentionDays: number;
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

/** Treat empty strings as unset so `PORT= npm start` means the default. */
function withoutEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const result = envSchema.safeParse(withoutEmpty(env));
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    const value = env[name];
    throw new ConfigError(`invalid ${name}${value !== undefined ? ` (${JSON.stringify(value)})` : ''}: ${issue.message}`);
  }
  const e = result.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databasePath: path.resolve(e.DATABASE_PATH),
    pollSchedule: e.POLL_SCHEDULE,
    allowPrivateFeeds: e.ALLOW_PRIVATE_FEEDS,
    searchFeeds: e.SEARCH_FEEDS,
    smtpUrl: e.SMTP_URL ?? null,
    outboxDir: path.resolve(e.OUTBOX_DIR),
    mailFrom: e.MAIL_FROM,
    baseUrl: (e.BASE_URL ?? `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`).replace(/\/+$/, ''),
    baseUrlExplicit: e.BASE_URL !== undefined,
    adminPassword: e.ADMIN_PASSWORD ?? null,
    allowOpen: e.ALLOW_OPEN,
    logLevel: e.LOG_LEVEL,
    retentionDays: e.RETENTION_DAYS,
  };
}

/** Loads ./.env (when present) under the real environment, then validates. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, envFile = '.env'): Config {
  if (existsSync(envFile)) {
    try {
      process.loadEnvFile(envFile);
    } catch (err) {
      throw new ConfigError(`could not read ${envFile}: ${(err as Error).message}`);
    }
  }
  return parseConfig(env);
}
