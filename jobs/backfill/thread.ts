// A backfill worker thread: its priority, and the task function piscina calls. Loaded by worker.js from the
// sources, or bundled as dist/worker.js by bin/build.js.
import { setPriority } from 'node:os';
import { preloadPinyin } from '../../core/matching/hanNames.ts';
import { preloadOpenCC } from '../../core/matching/scriptForms.ts';
import { runBackfillTask, type BackfillTask, type BackfillTaskResult } from './work.ts';

// Below the main thread, which answers requests: on Linux this lowers only this thread. Where the system
// refuses (or the platform sets priorities per process), the work simply runs at the normal priority.
try {
  setPriority(10);
} catch {
  /* not permitted here: keep the default */
}

// A thread is started ahead of the first save (a server keeps one): the name dictionaries, which the matcher loads at
// its first Han name, are loaded now rather than during that save.
preloadPinyin();
preloadOpenCC();

export default (task: BackfillTask): BackfillTaskResult => runBackfillTask(task);
