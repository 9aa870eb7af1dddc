// Worker-thread entry for backfill tasks when running from the sources: loads them through tsx, as bin/casewatch.js
// does. The compiled build has its own entry (dist/worker.js, from thread.ts), which backfillJob.ts finds in its place.
import { register } from 'tsx/esm/api';

register();
const { default: runTask } = await import('./thread.ts');

export default runTask;
