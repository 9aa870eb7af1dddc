// Test parts for the digest tests: a real SMTP server on 127.0.0.1 that can be told to fail, and a free port.
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type SmtpMode = 'accept' | 'tempfail' | 'reject' | 'drop';

export interface ReceivedMail {
  raw: string;
  parsed: ParsedMail;
}

export interface TestSmtp {
  port: number;
  url: string;
  /** Messages accepted (250). */
  received: ReceivedMail[];
  /** The Message-ID of every DATA the server saw, accepted or not. */
  attempts: string[];
  mode: SmtpMode;
  /** Milliseconds to wait before answering each message (a slow server widens the crash window in tests). */
  delayMs: number;
  close(): Promise<void>;
}

/** An SMTP server without STARTTLS or AUTH (the client must not try to upgrade), optionally on a given port. */
export async function startSmtp(port = 0): Promise<TestSmtp> {
  const sockets = new Set<Socket>();
  const state: TestSmtp = {
    port: 0,
    url: '',
    received: [],
    attempts: [],
    mode: 'accept',
    delayMs: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('error', () => undefined);
      // Cut the connection once the message body has started to arrive.
      if (state.mode === 'drop') stream.once('data', () => sockets.forEach((s) => s.destroy()));
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        if (state.delayMs) await new Promise((r) => setTimeout(r, state.delayMs));
        const raw = Buffer.concat(chunks).toString('utf8');
        const parsed = await simpleParser(raw);
        state.attempts.push(parsed.messageId ?? '');
        if (state.mode === 'tempfail') return callback(Object.assign(new Error('greylisted, try again later'), { responseCode: 451 }));
        if (state.mode === 'reject') return callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
        state.received.push({ raw, parsed });
        callback();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  server.server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  state.port = (server.server.address() as AddressInfo).port;
  state.url = `smtp://127.0.0.1:${state.port}/?ignoreTLS=true`;
  return state;
}

/** A port nothing listens on right now (the app's BASE_URL must name its real port). */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** A header's values as written, unfolded (a long header continues on indented lines). */
export function rawHeader(raw: string, name: string): string[] {
  const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  return head
    .split(/\r?\n/)
    .filter((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))
    .map((l) => l.slice(name.length + 1).trim());
}

/** Every href in an HTML part. */
export function hrefs(html: string | false | undefined): string[] {
  return html ? [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&')) : [];
}

/** An RSS document with the given items (title, link, guid, date, description). */
export function rssOf(items: { title: string; link: string; guid: string; date: string; description: string; source?: string }[], channel = 'Test Wire'): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${esc(channel)}</title><link>https://wire.example.com/</link><description>test</description>${items
    .map((i) => `<item><title>${esc(i.title)}</title><link>${esc(i.link)}</link><guid>${esc(i.guid)}</guid><pubDate>${i.date}</pubDate><description>${esc(i.description)}</description></item>`)
    .join('')}</channel></rss>`;
}

