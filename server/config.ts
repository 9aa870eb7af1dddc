// Reads and validates the environment once; the only module that touches process.env.
import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
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

const commaList = (v: string) => v.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);

/** Express's named ranges, a single address, or an address with a prefix length (10.0.0.0/8, fd00::/8). */
function isProxyAddress(v: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(v) || isIP(v) !== 0) return true;
  const [ip = '', bits, ...rest] = v.split('/');
  const family = isIP(ip);
  return family !== 0 && rest.length === 0 && /^\d{1,3}$/.test(bits ?? '') && Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * How many proxies, or which ones, may tell us the client's address. "true" means one hop rather than
 * Express's trust-everything, which would let any client pick its own address (and rate-limit bucket).
 */
const trustProxy = z
  .string()
  .trim()
  .toLowerCase()
  .refine(
    (v) => /^\d{1,2}$/.test(v) || ['true', 'false', 'yes', 'no', 'on', 'off'].includes(v) || (commaList(v).length > 0 && commaList(v).every(isProxyAddress)),
    'must be off, on (one proxy), a number of proxy hops, or a comma-separated list of proxy addresses or subnets such as 10.0.0.0/8,loopback',
  )
  .transform((v): TrustProxy => {
    if (/^\d+$/.test(v)) return Number(v) === 0 ? false : Number(v);
    if (['false', 'no', 'off'].includes(v)) return false;
    if (['true', 'yes', 'on'].includes(v)) return 1;
    return commaList(v);
  });

const hostName = (v: string) => v === '*' || isIP(v.replace(/^\[(.*)\]$/, '$1')) !== 0 || /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*\.?$/.test(v);

const allowedHosts = z
  .string()
  .refine((v) => commaList(v).length > 0 && commaList(v).every(hostName), 'must be a comma-separated list of host names without scheme or port, such as casewatch.example.org,cw.lan (or * for any)')
  .transform((v) => commaList(v).map((h) => h.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '')));

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
  // Worker threads for backfills (0: on the main thread, between requests).
  BACKFILL_THREADS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must be 0 or more').max(16, 'must be 16 or fewer').optional(),
  // Article pages read at once from one site (jobs/articles).
  ARTICLES_PER_HOST: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be 1 or more').max(8, 'must be 8 or fewer').default(2),
  SMTP_URL: z
    .string()
    .trim()
    .refine((v) => /^smtps?:\/\//.test(v), 'must start with smtp:// or smtps://')
    // Checked here, at start: the mailer reads the URL only when it sends the first digest.
    .refine((v) => URL.canParse(v), 'must be a URL such as smtp://user:password@mail.example.org:587')
    .optional(),
  OUTBOX_DIR: z.string().trim().min(1).default('./data/outbox'),
  MAIL_FROM: z.string().trim().min(3).default('casewatch <casewatch@localhost>'),
  BASE_URL: httpUrl.optional(),
  ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  ALLOW_OPEN: flag.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RETENTION_DAYS: z.coerce.number({ error: 'must be a number' }).int().min(1).default(90),
  TRUST_PROXY: trustProxy.default(false),
  ALLOWED_HOSTS: allowedHosts.default([]),
});

/** What Express's `trust proxy` setting gets: off, a hop count, or the proxies' addresses and subnets. */
export type TrustProxy = false | number | string[];

export interface Config {
  port: number;
  host: string;
  databasePath: string;
  pollSchedule: string;
  allowPrivateFeeds: boolean;
  searchFeeds: boolean;
  /** Worker threads that match a case against stored stories; 0 runs that work on the main thread. */
  backfillThreads: number;
  /** Article pages fetched at once from one host. */
  articlesPerHost: number;
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
  trustProxy: TrustProxy;
  /** Extra names the Host header may carry (lower case, no port); `*` turns the Host check off. */
  allowedHosts: string[];
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
    backfillThreads: e.BACKFILL_THREADS ?? Math.min(2, Math.max(1, availableParallelism() - 1)),
    articlesPerHost: e.ARTICLES_PER_HOST,
    smtpUrl: e.SMTP_URL ?? null,
    outboxDir: path.resolve(e.OUTBOX_DIR),
    mailFrom: e.MAIL_FROM,
    baseUrl: (e.BASE_URL ?? `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`).replace(/\/+$/, ''),
    baseUrlExplicit: e.BASE_URL !== undefined,
    adminPassword: e.ADMIN_PASSWORD ?? null,
    allowOpen: e.ALLOW_OPEN,
    logLevel: e.LOG_LEVEL,
    retentionDays: e.RETENTION_DAYS,
    trustProxy: e.TRUST_PROXY,
    allowedHosts: e.ALLOWED_HOSTS,
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
