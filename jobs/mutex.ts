// A one-slot lock: a job that is already running is not started again (node-cron's execute() ignores noOverlap).

export class JobLock {
  #running: Promise<unknown> | null = null;

  get busy(): boolean {
    return this.#running !== null;
  }

  /** Runs fn unless a run is in flight; then returns the in-flight run's promise (`joined: true`). */
  run<T>(fn: () => Promise<T>): { joined: boolean; done: Promise<T> } {
    if (this.#running) return { joined: true, done: this.#running as Promise<T> };
    const done = fn().finally(() => {
      this.#running = null;
    });
    this.#running = done;
    return { joined: false, done };
  }

  /** Resolves when nothing is running (or after timeoutMs). */
  async idle(timeoutMs: number): Promise<void> {
    const running = this.#running;
    if (!running) return;
    await Promise.race([running.catch(() => undefined), new Promise((r) => setTimeout(r, timeoutMs).unref())]);
  }
}
