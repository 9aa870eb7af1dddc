// Worker-thread entry for backfill tasks: loads the TypeScript sources through tsx, as bin/casewatch.js does.
import { register } from 'tsx/esm/api';

register();
const { runBackfillTask } = await import('./work.ts');

export default (task) => runBackfillTask(task);
