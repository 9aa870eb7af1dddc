// Politeness per host: at most N requests at once, and none while the host has asked us to wait (Retry-After).

/** Waits `ms`, or less when the signal aborts (the caller then checks the signal). */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

interface HostState {
  active: number;
  waiting: (() => void)[];
  /** Epoch ms before which no request starts. */
  until: number;
}

export class HostGate {
  readonly #hosts = new Map<string, HostState>();

  constructor(
    readonly perHost: number,
    private readonly now: () => number = Date.now,
  ) {}

  #state(host: string): HostState {
    let s = this.#hosts.get(host);
    if (!s) this.#hosts.set(host, (s = { active: 0, waiting: [], until: 0 }));
    return s;
  }

  /** Milliseconds the host has asked us to wait from now (0 when none). */
  waitFor(host: string): number {
    return Math.max(0, (this.#hosts.get(host)?.until ?? 0) - this.now());
  }

  /** The host answered 429 or 503: nothing starts there before `untilMs`. */
  backOff(host: string, untilMs: number): void {
    const s = this.#state(host);
    s.until = Math.max(s.until, untilMs);
  }

  /** Runs `fn` once the host has a free slot and no wait pending. */
  async run<T>(host: string, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const s = this.#state(host);
    while (s.active >= this.perHost) await new Promise<void>((r) => s.waiting.push(r));
    s.active += 1;
    try {
      // Held while waiting: a host that asked for a pause gets no other request from us meanwhile.
      for (let wait = this.waitFor(host); wait > 0 && !signal?.aborted; wait = this.waitFor(host)) await pause(wait, signal);
      return await fn();
    } finally {
      s.active -= 1;
      const next = s.waiting.shift();
      if (next) next();
      else if (s.active === 0 && s.until <= this.now()) this.#hosts.delete(host);
    }
  }
}
