// Worker-thread entry for backfill tasks: loads the TypeScript sources through tsx, as bin/casewatch.js does.
import { setPriority } from 'node:os';
import { register } from 'tsx/esm/api';

// Below the main thread, which answers requests: on Linux this lowers only this thread. Where the system
// refuses (or the platform sets priorities per process), the work simply runs at the normal priority.
try {
  setPriority(10);
} catch {
  /* not permitted here: keep the default */
}

register();
const { runBackfillTask } = await import('./work.ts');

export default (task) => runBackfillTask(task);
