// The `casewatch` command line: serve, poll, feeds, cases, digest, demo.
import { readFileSync, writeFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { listCases } from '../db/cases.ts';
import { closeDb, openDb } from '../db/openDb.ts';
import { listFeedViews } from '../app/feedView.ts';
import { toCaseView } from '../app/caseView.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import type { AppContext } from '../app/context.ts';
import { AppError, parseOr400 } from '../app/errors.ts';
import { caseInputSchema, feedInputSchema, idSchema } from '../app/schemas.ts';
import { jobById, type JobRow } from '../db/jobs.ts';
import { cliProgress, type ProgressStream } from './cliProgress.ts';
import { describeFeedProblem } from '../core/feedHealth.ts';
import { VERSION } from './version.ts';

// A command imports the modules it runs (`await import(...)` in its action) when it runs: a listing must not
// wait for the web server, the poller and the matcher to load (see `npm run bench -- everyday`).

export interface CliIO {
  /** Asks a yes/no question on a terminal; absent when input is not a terminal (commands then need --yes). */
  confirm?: (question: string) => Promise<boolean>;
  /** Where long commands draw their progress (stderr); absent: no progress shown. */
  progress?: ProgressStream;
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

const positiveId = (v: string) => {
  const r = idSchema.safeParse(v);
  if (!r.success) throw new AppError('VALIDATION', `the id must be a positive whole number (got ${JSON.stringify(v)})`);
  return r.data;
};
const collect = (v: string, prev: string[]) => [...prev, v];

/** Runs fn with a context on the configured database and always closes it. */
async function withContext<T>(config: Config, fn: (ctx: AppContext) => Promise<T> | T): Promise<T> {
  const [{ buildContext, closeContext }, { createLogger }] = await Promise.all([import('./main.ts'), import('../jobs/logger.ts')]);
  const ctx = buildContext(config, { log: createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, process.stderr) });
  try {
    return await fn(ctx);
  } finally {
    await closeContext(ctx);
  }
}

/** Runs fn on the configured database alone, for commands that only read it (no jobs, mailer or logger). */
async function withDb<T>(config: Config, fn: (db: AppContext['db']) => T): Promise<T> {
  const db = openDb(config.databasePath);
  try {
    return fn(db);
  } finally {
    closeDb(db);
  }
}

/** Shows a background job's progress until it ends, and returns its final row. */
async function followJob(ctx: AppContext, io: CliIO, jobId: number, label: string): Promise<JobRow> {
  const bar = cliProgress(io.progress, label);
  const timer = setInterval(() => {
    const j = jobById(ctx.db, jobId);
    if (j && (j.state === 'queued' || j.state === 'running')) bar.update(j.done, j.total, j.phrase);
  }, 150);
  try {
    const job = await ctx.jobs.wait(jobId);
    if (job.total !== null) bar.update(job.done, job.total, job.state === 'done' ? 'Done' : job.phrase);
    bar.end(job.phrase);
    return job;
  } finally {
    clearInterval(timer);
  }
}

function partyArg(role: 'plaintiff' | 'defendant' | 'other') {
  return (v: string, prev: { name: string; role: string; aliases: string[] }[]) => {
    const [name = '', ...aliases] = v.split('|').map((s) => s.trim());
    return [...prev, { name, role, aliases: aliases.filter(Boolean) }];
  };
}

export function buildCli(io: CliIO): Command {
  const print = (v: unknown) => io.out(typeof v === 'string' ? v : JSON.stringify(v, null, 2));
  const config = () => loadConfig(io.env);
  const program = new Command('casewatch')
    .description('Track news about legal cases: poll feeds, match stories to cases, keep each case\'s timeline.')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .exitOverride();

  program
    .command('serve')
    .description('run the web app and the feed poller (what `npm start` does)')
    .action(async () => {
      const cfg = config();
      const [{ serve }, { createLogger }] = await Promise.all([import('./main.ts'), import('../jobs/logger.ts')]);
      const log = createLogger(cfg.logLevel);
      const running = await serve(cfg, { log });
      log.info({ url: running.url }, `casewatch ${VERSION} listening on ${running.url}`);
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          log.info({ signal }, 'shutting down');
          const force = setTimeout(() => process.exit(1), 9500);
          force.unref();
          void running.stop().then(resolve);
        };
        process.once('SIGTERM', () => stop('SIGTERM'));
        process.once('SIGINT', () => stop('SIGINT'));
      });
    });

  program
    .command('poll')
    .description('poll every active feed once, store and match new stories, then exit')
    .action(() =>
      withContext(config(), async (ctx) => {
        const { startPoll } = await import('../app/feeds.ts');
        const job = await followJob(ctx, io, startPoll(ctx).id, 'polling');
        print(job.result ?? { error: job.error });
      }),
    );

  const feeds = program.command('feeds').description('manage news feeds');
  feeds
    .command('add <url>')
    .description('add a feed (or a site that advertises one); it is fetched once to check it')
    .option('--title <title>', 'a title to show instead of the feed\'s own')
    .action((url: string, o: { title?: string }) =>
      withContext(config(), async (ctx) => {
        const { addFeed } = await import('../app/feeds.ts');
        print(await addFeed(ctx, parseOr400(feedInputSchema, { url, title: o.title }, 'feed')));
      }),
    );
  feeds
    .command('list')
    .description('list feeds with their health')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) =>
      withDb(config(), (db) => {
        const list = listFeedViews(db);
        if (o.json) return print({ feeds: list });
        if (!list.length) return print('no feeds yet: add one with `casewatch feeds add <url>`');
        // A failure in words, as the feeds page says it: what happened and what to do.
        const why = (f: (typeof list)[number]) => (f.lastError ? describeFeedProblem(f.lastError, f.url) : null);
        for (const f of list) print(`${f.id}\t${f.lastStatus ?? 'new'}\t${f.storyCount} stories\t${f.url}${why(f) ? `\t${why(f)!.what} ${why(f)!.advice}` : ''}`);
      }),
    );
  feeds
    .command('remove <id>')
    .description('remove a feed (its stories stay on the timelines they are on)')
    .action((id: string) =>
      withContext(config(), async (ctx) => {
        const { removeFeed } = await import('../app/feeds.ts');
        removeFeed(ctx, positiveId(id));
        print(`removed feed ${id}`);
      }),
    );

  feeds
    .command('import <file>')
    .description('add every feed of an OPML file (Feedly, Inoreader and most readers export one)')
    .action((file: string) =>
      withContext(config(), async (ctx) => {
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch (err) {
          throw new AppError('VALIDATION', `cannot read ${file}: ${(err as Error).message}`);
        }
        const { importOpml } = await import('../app/feeds.ts');
        const r = importOpml(ctx, text);
        print(`imported ${r.added} feeds (${r.existing} already there, ${r.invalid.length} skipped)`);
        for (const i of r.invalid) print(`  skipped ${i.url}: ${i.reason}`);
        if (r.job) print((await followJob(ctx, io, r.job.id, 'fetching the new feeds')).phrase);
      }),
    );
  feeds
    .command('export [file]')
    .description('write all feeds as OPML 2.0 to a file, or to standard output')
    .action((file: string | undefined) =>
      withContext(config(), async (ctx) => {
        const { exportOpml } = await import('../app/feeds.ts');
        const opml = exportOpml(ctx);
        if (!file) return io.out(opml.trimEnd());
        writeFileSync(file, opml);
        print(`wrote ${file}`);
      }),
    );

  const cases = program.command('cases').description('manage tracked cases');
  cases
    .command('add')
    .description('add a case from flags or from a JSON file (the body of POST /api/cases)')
    .option('--file <path>', 'JSON file with the case')
    .option('--title <title>', 'case title, e.g. "ByteDance v. Tian Keyu"')
    .option('--summary <text>', 'short description')
    .option('--plaintiff <name|alias|...>', 'a plaintiff, with aliases after | (repeatable)', partyArg('plaintiff'), [])
    .option('--defendant <name|alias|...>', 'a defendant, with aliases after | (repeatable)', partyArg('defendant'), [])
    .option('--party <name|alias|...>', 'another party, with aliases after | (repeatable)', partyArg('other'), [])
    .option('--keyword <term>', 'a case-specific keyword (repeatable)', collect, [])
    .option('--exclude <term>', 'a term that vetoes a match (repeatable)', collect, [])
    .action((o: Record<string, unknown>) =>
      withContext(config(), async (ctx) => {
        let raw: unknown;
        if (typeof o.file === 'string') {
          try {
            raw = JSON.parse(readFileSync(o.file, 'utf8'));
          } catch (err) {
            throw new AppError('VALIDATION', `cannot read ${o.file}: ${(err as Error).message}`);
          }
        } else {
          raw = {
            title: o.title,
            summary: o.summary,
            parties: [...(o.plaintiff as []), ...(o.defendant as []), ...(o.party as [])],
            keywords: o.keyword,
            exclude: o.exclude,
          };
        }
        const { caseTimeline, createCase, getCase } = await import('../app/cases.ts');
        const saved = createCase(ctx, parseOr400(caseInputSchema, raw, 'case'), { fetchSearchFeeds: false });
        const job = await followJob(ctx, io, saved.job.id, 'matching stored stories');
        if (job.state !== 'done') throw new AppError('CONFLICT', `case ${saved.case.id} was added, but matching the stored stories ${job.state === 'failed' ? `failed: ${job.error}` : 'was cancelled'}; run \`casewatch cases rematch ${saved.case.id}\``);
        const created = getCase(ctx, saved.case.id);
        const t = caseTimeline(ctx, created.id);
        print(`added case ${created.id}: ${created.title} (${t.entries.length} timeline entries, ${t.review.length} to review)`);
      }),
    );
  cases
    .command('list')
    .description('list tracked cases')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) =>
      withDb(config(), (db) => {
        const list = listCases(db);
        if (o.json) return print({ cases: list.map(toCaseView) });
        if (!list.length) return print('no cases yet: add one with `casewatch cases add --title ... --plaintiff ... --defendant ...`');
        for (const c of list) print(`${c.id}\t${c.title}\t${c.parties.map((p) => `${p.role}: ${p.name}`).join('; ')}`);
      }),
    );
  cases
    .command('show <id>')
    .description('show a case and its timeline')
    .option('--json', 'print JSON (same as GET /api/cases/:id/timeline)')
    .action((id: string, o: { json?: boolean }) =>
      withContext(config(), async (ctx) => {
        const { caseTimeline } = await import('../app/cases.ts');
        const t = caseTimeline(ctx, positiveId(id));
        if (o.json) return print(t);
        print(`${t.case.title}\n${t.case.parties.map((p) => `  ${p.role}: ${p.name}${p.aliases.length ? ` (${p.aliases.join(', ')})` : ''}`).join('\n')}`);
        print(`\n${t.entries.length} timeline entries, ${t.review.length} to review`);
        for (const e of t.entries) print(`${e.publishedAt.slice(0, 10)}  ${e.title}  [${e.source ?? ''}]${e.stage ? ` (${e.stage})` : ''}\n            ${e.url ?? ''}\n            why: ${e.reasons.join('; ')}`);
        for (const e of t.review) print(`review  ${e.publishedAt.slice(0, 10)}  ${e.title}  (story ${e.storyId})`);
      }),
    );
  cases
    .command('rematch <id>')
    .description('match the case against every stored story again (after a cancelled or failed backfill)')
    .action((id: string) =>
      withContext(config(), async (ctx) => {
        const [{ getCase }, { startBackfill }] = await Promise.all([import('../app/cases.ts'), import('../app/jobs.ts')]);
        const caseId = getCase(ctx, positiveId(id)).id;
        const job = await followJob(ctx, io, startBackfill(ctx, caseId).id, 'matching stored stories');
        print(job.state === 'done' ? job.phrase : `matching case ${caseId} ${job.state}: ${job.error ?? job.phrase}`);
      }),
    );
  cases
    .command('remove <id>')
    .description('delete a case with its timeline, decisions and news-search feeds (stories stay stored)')
    .option('--yes', 'do not ask for confirmation (needed when input is not a terminal)')
    .action((id: string, o: { yes?: boolean }) =>
      withContext(config(), async (ctx) => {
        const { getCase, removeCase } = await import('../app/cases.ts');
        const c = getCase(ctx, positiveId(id));
        if (!o.yes) {
          if (!io.confirm) throw new AppError('VALIDATION', `removing case ${c.id} ("${c.title}") cannot be undone; add --yes to confirm`);
          if (!(await io.confirm(`Remove case ${c.id} "${c.title}" with its timeline and decisions? This cannot be undone. [y/N] `))) return print('nothing removed');
        }
        removeCase(ctx, c.id);
        print(`removed case ${c.id}: ${c.title}`);
      }),
    );
  cases
    .command('test <id>')
    .description('score a piece of text against a case and print why it would or would not match')
    .requiredOption('--text <text>', 'the text to test (title first line, then summary)')
    .action((id: string, o: { text: string }) =>
      withContext(config(), async (ctx) => {
        const [{ getCase }, { explainText }] = await Promise.all([import('../app/cases.ts'), import('../app/explain.ts')]);
        const c = getCase(ctx, positiveId(id));
        print(explainText(ctx.db, c, o.text));
      }),
    );

  program
    .command('digest')
    .description('new-story digests')
    .command('run')
    .description('send every pending digest now and print {sent, failed}')
    .action(() =>
      withContext(config(), async (ctx) => {
        const { runDigestsNow } = await import('../app/subscriptions.ts');
        print(await runDigestsNow(ctx));
      }),
    );

  program
    .command('backup <file>')
    .description('write a consistent copy of the database to a new file (safe while casewatch runs)')
    .action((file: string) =>
      withContext(config(), async (ctx) => {
        const { backup } = await import('../app/maintenance.ts');
        const bar = cliProgress(io.progress, 'backup');
        const r = await backup(ctx, file, (done, total) => bar.update(done, total, 'Copying the database (pages)'));
        bar.end('Checking the copy: done');
        print(`backed up ${r.cases} cases and ${r.stories} stories to ${file}`);
      }),
    );
  program
    .command('restore <file>')
    .description('replace the database with a backup (stop casewatch first)')
    .action(async (file: string) => {
      const cfg = config();
      const { restore } = await import('../app/maintenance.ts');
      const r = await restore(cfg.databasePath, file);
      print(`restored ${r.cases} cases and ${r.stories} stories from ${file} into ${cfg.databasePath}`);
    });
  const dbCommand = program.command('db').description('the database itself');
  dbCommand
    .command('copy')
    .description('copy an install from its SQLite file into an empty PostgreSQL database, checked, in one transaction')
    .requiredOption('--from <file>', 'the SQLite file (DATABASE_PATH)')
    .requiredOption('--to <url>', 'the PostgreSQL database, postgres://user:password@host/name')
    .action(async (o: { from: string; to: string }) => {
      const { copyDatabase } = await import('../app/maintenance.ts');
      const bar = cliProgress(io.progress, 'copy');
      const r = await copyDatabase(o.from, o.to, (table, done, total) => bar.update(done, total, `Copying ${table}`));
      bar.end('Checking the copy: done');
      const n = (t: string) => (r.rows[t] ?? 0).toLocaleString('en-US');
      print(`copied ${n('cases')} cases, ${n('feeds')} feeds, ${n('stories')} stories and ${n('matches')} matches; row counts and timeline counts agree`);
    });

  program
    .command('prune')
    .description('delete stories older than RETENTION_DAYS that match no case (timelines are never touched)')
    .option('--days <n>', 'age in days instead of RETENTION_DAYS')
    .action((o: { days?: string }) =>
      withContext(config(), async (ctx) => {
        const days = o.days === undefined ? undefined : positiveId(o.days);
        const { pruneNow } = await import('../app/maintenance.ts');
        const bar = cliProgress(io.progress, 'prune');
        const removed = await pruneNow(ctx, days, (done, total) => bar.update(done, total, 'Removing old stories that match no case'));
        bar.end();
        print(`removed ${removed} stories`);
      }),
    );

  program
    .command('demo')
    .description('offline tour: serve bundled sample feeds, add example cases, poll, and print a timeline URL')
    .option('--port <port>', 'port for the web app (default: a free one)')
    .action(async (o: { port?: string }) => {
      const { runDemo } = await import('./demo.ts');
      await runDemo({ io, port: o.port ? positiveId(o.port) : 0 });
    });

  return program;
}

/** Runs the CLI; returns the exit code. Expected failures print one line, never a stack trace. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const program = buildCli(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof ConfigError) {
      io.err(`casewatch: ${err.message}`);
      return 2;
    }
    if (err instanceof AppError) {
      io.err(`casewatch: ${err.message}`);
      // The message already states the first problem (parseOr400 builds it from it): list only the others.
      const others = (err.details ?? []).filter((d) => !err.message.endsWith(d.message));
      for (const d of others) io.err(`  ${d.path}: ${d.message}`);
      return 1;
    }
    io.err(`casewatch: ${(err as Error)?.message ?? String(err)}`);
    return 1;
  }
}
