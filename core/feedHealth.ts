// A feed's stored health in plain words: what each failure means and what to do, and a summary of all feeds.
//
// The fetcher and the parser store one message per failing feed (feeds.last_error, an API field too). Those
// messages stay as they are; this module reads them, so rows stored by any version get the same words.

/** What went wrong, by cause; the first six are the network's, not the site's. */
export type ProblemKind =
  | 'dns'
  | 'refused'
  | 'reset'
  | 'unreachable'
  | 'timeout'
  | 'network'
  | 'tls'
  | 'badResponse'
  | 'http'
  | 'gone'
  | 'blocked'
  | 'redirect'
  | 'tooLarge'
  | 'notAFeed'
  | 'malformed'
  | 'internal'
  | 'other';

const NETWORK_KINDS = new Set<ProblemKind>(['dns', 'refused', 'reset', 'unreachable', 'timeout', 'network']);
export const isNetworkProblem = (kind: ProblemKind) => NETWORK_KINDS.has(kind);

export interface FeedProblem {
  kind: ProblemKind;
  /** The host the message names, else the feed's own host. */
  host: string;
  /** A few words for a table cell: "DNS lookup", "HTTP 404". */
  short: string;
  /** What happened and why, as a sentence. */
  what: string;
  /** What the reader can do, as a sentence. */
  advice: string;
  /** HTTP status for kind "http", so failures group by status. */
  status?: number;
}

/** The health fields a summary needs (FeedView has them all). */
export interface FeedHealthInput {
  url: string;
  paused: boolean;
  lastStatus: string | null;
  lastError: string | null;
}

export function hostOfUrl(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

/** Ends with one full stop. Host names and "casewatch" start sentences in lower case, as they are written. */
const sentence = (s: string) => {
  const t = s.trim().replace(/[.:;,\s]+$/, '');
  return t ? `${t}.` : '';
};
const capitalized = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;

const RETRIES = 'casewatch tries again later on its own.';
const CHECK_NETWORK = "Check the address, or this computer's network connection.";
const SLOW = `The site or the network may be slow or down; ${RETRIES}`;
const BROKEN = `The site publishes a broken feed; ${RETRIES}`;
const NOT_A_FEED = "Add the site's feed address instead (a page that links to its feed works too).";
const REDIRECT = 'Open the address in a browser and add the address it ends at instead.';

/** `host` is the number of the group that names the host; `what` builds the sentence from the groups. */
interface Rule {
  re: RegExp;
  kind: ProblemKind;
  short: string;
  host?: number;
  what: (m: string[]) => string;
  advice: string | ((m: string[]) => string);
}

/** One rule per message the fetcher (jobs/fetch) and the parser (core/feed) write; the first match wins. */
const RULES: Rule[] = [
  { re: /^DNS lookup failed for (\S+)$/, kind: 'dns', short: 'DNS lookup', host: 1,
    what: ([, h]) => `Could not look up ${h} (DNS).`, advice: CHECK_NETWORK },
  { re: /^connection refused by (\S+)$/, kind: 'refused', short: 'refused', host: 1,
    what: ([, h]) => `${h} refused the connection.`, advice: `The site may be down; ${RETRIES}` },
  { re: /^connection reset by (\S+)$/, kind: 'reset', short: 'cut off', host: 1,
    what: ([, h]) => `${h} closed the connection before answering.`, advice: `This is often brief; ${RETRIES}` },
  { re: /^(\S+) is unreachable$/, kind: 'unreachable', short: 'unreachable', host: 1,
    what: ([, h]) => `Could not reach ${h}: there is no network route to it.`,
    advice: "Check this computer's network connection." },
  { re: /^timed out connecting to (\S+) after (.+)$/, kind: 'timeout', short: 'timed out', host: 1,
    what: ([, h, t]) => `${h} did not accept a connection within ${t}.`, advice: SLOW },
  { re: /^timed out waiting for (\S+)$/, kind: 'timeout', short: 'timed out', host: 1,
    what: ([, h]) => `${h} stopped answering before the feed arrived.`, advice: SLOW },
  { re: /^timed out after (.+)$/, kind: 'timeout', short: 'timed out',
    what: ([, t]) => `The feed took longer than ${t} to download.`, advice: SLOW },
  { re: /^TLS error with (\S+): (.*)$/, kind: 'tls', short: 'TLS', host: 1,
    what: ([, h, why]) => `The secure connection to ${h} failed (${why}).`,
    advice: "The site's certificate may be expired or issued for another name; check the address." },
  { re: /^(\S+) sent an invalid HTTP response$/, kind: 'badResponse', short: 'bad response', host: 1,
    what: ([, h]) => `${h} sent an answer that is not valid HTTP.`,
    advice: 'Check that the address points at a web server.' },
  { re: /^refused: (\S+) (?:resolves to a private address \((.+?)\)|is a private address); (.*)$/, kind: 'blocked',
    short: 'private IP', host: 1,
    what: ([, h, ip]) => `${h} is on a private network${ip ? ` (${ip})` : ''}, which casewatch does not fetch by default.`,
    advice: ([, , , hint]) => sentence(`To read feeds on your own network, ${hint!.replace(/ to allow$/, '')}`) },
  { re: /^only http and https feeds are supported$/, kind: 'blocked', short: 'not http(s)',
    what: () => 'Only http:// and https:// feeds can be fetched.', advice: "Use the feed's web address." },
  { re: /^not a valid URL: /, kind: 'blocked', short: 'bad address',
    what: () => 'The feed address is not a valid URL.', advice: 'Remove the feed and add it again with its full address.' },
  { re: /^(\S+) redirected to an invalid address$/, kind: 'redirect', short: 'redirects', host: 1,
    what: ([, h]) => `${h} redirected to an address that is not valid.`, advice: REDIRECT },
  { re: /^redirect loop$/, kind: 'redirect', short: 'redirects',
    what: () => 'The address redirects in a loop.', advice: REDIRECT },
  { re: /^more than (\d+) redirects$/, kind: 'redirect', short: 'redirects',
    what: ([, count]) => `The address redirects more than ${count} times.`, advice: REDIRECT },
  { re: /^larger than (.+)$/, kind: 'tooLarge', short: 'too large',
    what: ([, size]) => `The feed is larger than ${size}, the most casewatch reads.`,
    advice: 'Look for a smaller feed from the same site, such as one per section.' },
  { re: /^the XML is not well-formed: (.*?)(?: \(line (\d+)\))?$/, kind: 'malformed', short: 'broken feed',
    what: ([, why, line]) => `The feed is not valid XML${line ? ` (line ${line})` : ''}: ${why}.`, advice: BROKEN },
  { re: /^the feed could not be read: (.*)$/, kind: 'malformed', short: 'broken feed',
    what: ([, why]) => `The feed could not be read: ${why}.`, advice: BROKEN },
  { re: /^the JSON is not valid \((.*)\)$/, kind: 'malformed', short: 'broken feed',
    what: ([, why]) => `The feed is not valid JSON: ${why}.`, advice: BROKEN },
  { re: /^the document is empty$/, kind: 'malformed', short: 'broken feed',
    what: () => 'The feed was empty.', advice: BROKEN },
  { re: /^the XML document has no root element$/, kind: 'malformed', short: 'broken feed',
    what: () => 'The feed is XML without any content.', advice: BROKEN },
  { re: /^the feed has an unexpected structure$/, kind: 'malformed', short: 'broken feed',
    what: () => 'The feed is laid out in a way casewatch cannot read.', advice: BROKEN },
  { re: /^not a feed: got an HTML page$/, kind: 'notAFeed', short: 'not a feed',
    what: () => 'The address is a web page, not a feed.', advice: NOT_A_FEED },
  { re: /^not a feed: the XML document's root element is (<[^>]+>)/, kind: 'notAFeed', short: 'not a feed',
    what: ([, root]) => `The address is an XML document (${root}), not a feed.`, advice: NOT_A_FEED },
  { re: /^not a feed: got JSON that is not a JSON Feed$/, kind: 'notAFeed', short: 'not a feed',
    what: () => 'The address is JSON data, not a JSON Feed.', advice: NOT_A_FEED },
  { re: /^not a feed: (.*)$/, kind: 'notAFeed', short: 'not a feed', what: ([, why]) => `The address is not a feed: ${why}`,
    advice: NOT_A_FEED },
  { re: /^internal error: (.*)$/, kind: 'internal', short: 'internal',
    what: ([, why]) => `casewatch failed while reading this feed (${why}).`,
    advice: 'Retry; if it keeps failing, report it with the server log.' },
  // Any other connection error is written as "host: what the system said".
  { re: /^([a-z0-9.-]+\.[a-z]{2,}|\[[0-9a-f:.]+\]|\d+\.\d+\.\d+\.\d+): (.+)$/i, kind: 'network', short: 'network', host: 1,
    what: ([, h, why]) => `Could not fetch from ${h}: ${why}`, advice: CHECK_NETWORK },
];

function httpProblem(status: number, reason: string, host: string): FeedProblem {
  const code = `HTTP ${status}${reason ? ` ${reason}` : ''}`;
  const say = (what: string, advice: string): FeedProblem => ({ kind: 'http', host, short: `HTTP ${status}`, what, advice,
    status });
  if (status === 404) {
    return say(`There is no feed at this address (${code}).`, 'Check the address; the site may have moved its feed.');
  }
  if (status === 401 || status === 403) {
    return say(`${host} refused to hand out the feed (${code}).`, 'The feed may need a login, or the site may block readers.');
  }
  if (status === 429) {
    return say(`${host} asked casewatch to slow down (${code}).`, 'casewatch waits as asked and tries again.');
  }
  if (status >= 500) return say(`${host} had a server error (${code}).`, `This is usually brief; ${RETRIES}`);
  return say(`${host} answered ${code} instead of the feed.`, 'Check the address.');
}

const GONE_SUFFIX = ': the feed is gone, so it was paused';

/** The words for a stored failure message; `feedUrl` names the host when the message does not. */
export function describeFeedProblem(message: string, feedUrl: string): FeedProblem {
  const feedHost = hostOfUrl(feedUrl);
  if (message.endsWith(GONE_SUFFIX)) {
    const what = `The site removed this feed (${message.slice(0, -GONE_SUFFIX.length)}), so casewatch paused it.`;
    const advice = 'Remove it, or resume it if the site brings it back.';
    return { kind: 'gone', host: feedHost, short: 'gone', what, advice };
  }
  const http = /^HTTP (\d{3})(?: (.+))?$/.exec(message);
  if (http) return httpProblem(Number(http[1]), http[2] ?? '', feedHost);
  for (const rule of RULES) {
    const m = rule.re.exec(message);
    if (!m) continue;
    const groups = [...m].map((g) => g ?? '');
    const advice = typeof rule.advice === 'string' ? rule.advice : rule.advice(groups);
    const host = rule.host === undefined ? feedHost : groups[rule.host]!;
    return { kind: rule.kind, host, short: rule.short, what: sentence(rule.what(groups)), advice };
  }
  const what = sentence(capitalized(message || 'unknown error'));
  return { kind: 'other', host: feedHost, short: 'error', what, advice: capitalized(RETRIES) };
}

export type FeedState = 'healthy' | 'failing' | 'paused' | 'new';

/** A feed the site removed (HTTP 410) is paused by the poller, but it is a failure the reader must act on. */
export function feedState(f: FeedHealthInput): FeedState {
  if (f.lastStatus === 'gone' || (f.lastStatus === 'error' && !f.paused)) return 'failing';
  if (f.paused) return 'paused';
  return f.lastStatus === null ? 'new' : 'healthy';
}

export interface FeedHealth {
  state: FeedState;
  /** The last failure in words; kept while a feed is paused, gone once a fetch succeeds. */
  problem: FeedProblem | null;
}

export function feedHealth(f: FeedHealthInput): FeedHealth {
  return { state: feedState(f), problem: f.lastError ? describeFeedProblem(f.lastError, f.url) : null };
}

export interface ProblemGroup {
  kind: ProblemKind;
  status?: number;
  /** "DNS lookup failed for 2 hosts" */
  label: string;
  feeds: number;
  hosts: string[];
  advice: string;
}

export interface HealthSummary {
  total: number;
  healthy: number;
  failing: number;
  paused: number;
  waiting: number;
  groups: ProblemGroup[];
  /** Every fetched feed failed with a network error: the machine is most likely offline. */
  offline: boolean;
  /** One line: "26 healthy, 2 failing: DNS lookup failed for 2 hosts". */
  headline: string;
}

const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** A group's words from its feed count, distinct host count and HTTP status. */
const GROUP_LABELS: Record<ProblemKind, (feeds: number, hosts: number, status?: number) => string> = {
  dns: (_, hosts) => `DNS lookup failed for ${n(hosts, 'host')}`,
  refused: (_, hosts) => `connection refused by ${n(hosts, 'host')}`,
  reset: (_, hosts) => `connection cut off by ${n(hosts, 'host')}`,
  unreachable: (_, hosts) => `${n(hosts, 'host')} unreachable`,
  timeout: (feeds) => `${n(feeds, 'feed')} timed out`,
  network: (_, hosts) => `network errors with ${n(hosts, 'host')}`,
  tls: (_, hosts) => `secure connection failed with ${n(hosts, 'host')}`,
  badResponse: (_, hosts) => `invalid answers from ${n(hosts, 'host')}`,
  http: (feeds, _, status) => `HTTP ${status} from ${n(feeds, 'feed')}`,
  gone: (feeds) => `${n(feeds, 'feed')} removed by ${feeds === 1 ? 'its site' : 'their sites'}`,
  blocked: (feeds) => `${n(feeds, 'feed')} on a private network`,
  redirect: (feeds) => `redirect problems with ${n(feeds, 'feed')}`,
  tooLarge: (feeds) => `${n(feeds, 'feed')} too large`,
  notAFeed: (feeds) => `${n(feeds, 'address', 'addresses')} that ${feeds === 1 ? 'is' : 'are'} not a feed`,
  malformed: (feeds) => n(feeds, 'broken feed'),
  internal: (feeds) => `internal errors on ${n(feeds, 'feed')}`,
  other: (feeds) => `other errors on ${n(feeds, 'feed')}`,
};

interface Group {
  kind: ProblemKind;
  status?: number;
  feeds: number;
  hosts: Set<string>;
  advice: string;
}

/** Counts by state and groups the failures by cause, largest group first. */
export function summarizeFeedHealth(feeds: FeedHealthInput[]): HealthSummary {
  const counts = { healthy: 0, failing: 0, paused: 0, new: 0 };
  const groups = new Map<string, Group>();
  for (const f of feeds) {
    const state = feedState(f);
    counts[state] += 1;
    if (state !== 'failing') continue;
    const p = describeFeedProblem(f.lastError ?? '', f.url);
    const key = p.kind === 'http' ? `http:${p.status}` : p.kind;
    const g = groups.get(key) ?? { kind: p.kind, status: p.status, feeds: 0, hosts: new Set<string>(), advice: p.advice };
    g.feeds += 1;
    g.hosts.add(p.host);
    groups.set(key, g);
  }
  const list: ProblemGroup[] = [...groups.values()]
    .sort((a, b) => b.feeds - a.feeds)
    .map((g) => ({ ...g, label: GROUP_LABELS[g.kind](g.feeds, g.hosts.size, g.status), hosts: [...g.hosts].sort() }));
  const hosts = new Set(list.flatMap((g) => g.hosts));
  // One unreachable host is more likely a typo than an outage: only several, and no success, read as offline.
  const allNetwork = list.every((g) => isNetworkProblem(g.kind));
  const offline = counts.failing > 1 && hosts.size > 1 && counts.healthy === 0 && allNetwork;
  const { healthy, failing, paused } = counts;
  const summary = { total: feeds.length, healthy, failing, paused, waiting: counts.new, groups: list, offline };
  return { ...summary, headline: healthHeadline(summary) };
}

function healthHeadline(s: Omit<HealthSummary, 'headline'>): string {
  const causes = s.groups.map((g) => g.label).join('; ');
  if (s.offline) return `The network looks unreachable: all ${n(s.failing, 'feed')} failed to connect (${causes})`;
  const others = [s.paused ? `${s.paused} paused` : '', s.waiting ? `${s.waiting} not fetched yet` : '']
    .filter(Boolean)
    .join(', ');
  if (s.failing) return `${s.healthy} healthy, ${s.failing} failing: ${causes}${others ? `. ${others}` : ''}`;
  if (s.healthy === s.total) return `All ${n(s.total, 'feed')} healthy`;
  return [s.healthy ? `${s.healthy} healthy` : '', others].filter(Boolean).join(', ');
}
