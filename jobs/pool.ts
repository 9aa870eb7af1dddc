// Runs async work with a global concurrency limit and a per-key (per-host) limit.

export async function runPool<T>(items: T[], opts: { concurrency: number; perKey: number; key: (item: T) => string }, work: (item: T) => Promise<void>): Promise<void> {
  const pending = [...items];
  const activePerKey = new Map<string, number>();
  let active = 0;
  return new Promise((resolve) => {
    const launch = () => {
      if (pending.length === 0 && active === 0) return resolve();
      while (active < opts.concurrency) {
        const idx = pending.findIndex((it) => (activePerKey.get(opts.key(it)) ?? 0) < opts.perKey);
        if (idx < 0) break;
        const [item] = pending.splice(idx, 1) as [T];
        const k = opts.key(item);
        active += 1;
        activePerKey.set(k, (activePerKey.get(k) ?? 0) + 1);
        // work() reports its own failures; a rejection here is a bug but must not stall the pool.
        work(item)
          .catch(() => undefined)
          .finally(() => {
            active -= 1;
            activePerKey.set(k, (activePerKey.get(k) ?? 1) - 1);
            launch();
          });
      }
    };
    launch();
  });
}
