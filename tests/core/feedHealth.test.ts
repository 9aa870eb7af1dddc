// Feed failures in plain words (one voice: what happened, why, what to do) and the health summary of /feeds.
import { describe, expect, it } from 'vitest';
import { describeFeedProblem, summarizeFeedHealth, type FeedHealthInput } from '../../core/feedHealth.ts';

const URL_ = 'https://news.example.com/rss.xml';

describe('describeFeedProblem', () => {
  // Each stored message exactly as the fetcher (jobs/fetch) or the parser (core/feed) writes it.
  it.each([
    ['DNS lookup failed for news.example.com', 'dns', 'DNS lookup', 'Could not look up news.example.com (DNS).', "Check the address, or this computer's network connection."],
    ['connection refused by news.example.com', 'refused', 'refused', 'news.example.com refused the connection.', /site may be down/],
    ['connection reset by news.example.com', 'reset', 'cut off', 'news.example.com closed the connection before answering.', /tries again later/],
    ['news.example.com is unreachable', 'unreachable', 'unreachable', 'Could not reach news.example.com: there is no network route to it.', /network connection/],
    ['timed out connecting to news.example.com after 10 s', 'timeout', 'timed out', 'news.example.com did not accept a connection within 10 s.', /tries again later/],
    ['timed out after 30 s', 'timeout', 'timed out', 'The feed took longer than 30 s to download.', /tries again later/],
    ['TLS error with news.example.com: certificate has expired', 'tls', 'TLS', 'The secure connection to news.example.com failed (certificate has expired).', /certificate/],
    ['HTTP 404 Not Found', 'http', 'HTTP 404', 'There is no feed at this address (HTTP 404 Not Found).', /Check the address/],
    ['HTTP 503 Service Unavailable', 'http', 'HTTP 503', 'news.example.com had a server error (HTTP 503 Service Unavailable).', /usually brief/],
    ['HTTP 410 Gone: the feed is gone, so it was paused', 'gone', 'gone', 'The site removed this feed (HTTP 410 Gone), so casewatch paused it.', /Remove it/],
    ['refused: 10.0.0.5 is a private address; set ALLOW_PRIVATE_FEEDS=1 to allow', 'blocked', 'private IP', '10.0.0.5 is on a private network, which casewatch does not fetch by default.', 'To read feeds on your own network, set ALLOW_PRIVATE_FEEDS=1.'],
    ['the XML is not well-formed: unclosed root tag (line 5)', 'malformed', 'broken feed', 'The feed is not valid XML (line 5): unclosed root tag.', /broken feed/],
    ['not a feed: got an HTML page', 'notAFeed', 'not a feed', 'The address is a web page, not a feed.', /feed address instead/],
    ['larger than 10 MB', 'tooLarge', 'too large', 'The feed is larger than 10 MB, the most casewatch reads.', /smaller feed/],
    ['news.example.com: socket hang up', 'network', 'network', 'Could not fetch from news.example.com: socket hang up.', /network connection/],
    ['something nobody foresaw', 'other', 'error', 'Something nobody foresaw.', /tries again later/],
  ])('%s', (message, kind, short, what, advice) => {
    const p = describeFeedProblem(message, URL_);
    expect(p).toMatchObject({ kind, short, what });
    expect(p.advice).toEqual(typeof advice === 'string' ? advice : expect.stringMatching(advice));
    // One voice: whole sentences, never the doubled "failing DNS lookup failed" or a bare "(1 in a row)".
    expect(p.what).toMatch(/\.$/);
    expect(`${p.what} ${p.advice}`).not.toMatch(/in a row|failing/i);
  });
});

describe('summarizeFeedHealth', () => {
  const ok = (host: string): FeedHealthInput => ({ url: `https://${host}/rss`, paused: false, lastStatus: 'ok', lastError: null });
  const failing = (host: string, message: string): FeedHealthInput => ({ url: `https://${host}/rss`, paused: false, lastStatus: 'error', lastError: message });

  it('counts by state and groups failures by cause in words', () => {
    const feeds = [
      ...Array.from({ length: 26 }, (_, i) => ok(`ok${i}.example.com`)),
      failing('a.example.com', 'DNS lookup failed for a.example.com'),
      failing('b.example.com', 'DNS lookup failed for b.example.com'),
      { url: 'https://p.example.com/rss', paused: true, lastStatus: 'ok', lastError: null },
      { url: 'https://n.example.com/rss', paused: false, lastStatus: null, lastError: null },
    ];
    const s = summarizeFeedHealth(feeds);
    expect(s).toMatchObject({ total: 30, healthy: 26, failing: 2, paused: 1, waiting: 1, offline: false });
    expect(s.headline).toBe('26 healthy, 2 failing: DNS lookup failed for 2 hosts. 1 paused, 1 not fetched yet');
    expect(s.groups[0]!.hosts).toEqual(['a.example.com', 'b.example.com']);
  });

  it('says plainly that the network looks unreachable when every fetched feed failed to connect', () => {
    const feeds = Array.from({ length: 28 }, (_, i) => failing(`h${i}.example.com`, `DNS lookup failed for h${i}.example.com`));
    const s = summarizeFeedHealth(feeds);
    expect(s.offline).toBe(true);
    expect(s.headline).toBe('The network looks unreachable: all 28 feeds failed to connect (DNS lookup failed for 28 hosts)');
  });

  it('does not call one unreachable host an outage, nor HTTP errors a network problem', () => {
    expect(summarizeFeedHealth([failing('typo.example.com', 'DNS lookup failed for typo.example.com')]).offline).toBe(false);
    const http = summarizeFeedHealth([failing('a.example.com', 'HTTP 404 Not Found'), failing('b.example.com', 'HTTP 404 Not Found')]);
    expect(http.offline).toBe(false);
    expect(http.headline).toBe('0 healthy, 2 failing: HTTP 404 from 2 feeds');
  });

  it('counts a feed its site removed (paused by the poller) as failing, one the reader paused as paused', () => {
    const s = summarizeFeedHealth([
      { url: 'https://gone.example.com/rss', paused: true, lastStatus: 'gone', lastError: 'HTTP 410 Gone: the feed is gone, so it was paused' },
      { url: 'https://quiet.example.com/rss', paused: true, lastStatus: 'error', lastError: 'HTTP 500 Internal Server Error' },
    ]);
    expect(s).toMatchObject({ failing: 1, paused: 1 });
    expect(s.headline).toBe('0 healthy, 1 failing: 1 feed removed by its site. 1 paused');
  });

  it('reads "All … healthy" when nothing is wrong', () => {
    expect(summarizeFeedHealth([ok('a.example.com'), ok('b.example.com')]).headline).toBe('All 2 feeds healthy');
  });
});
