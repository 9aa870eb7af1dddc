// Wires the poll job to node-cron. Created stopped; nothing runs on import.
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from './logger.ts';

export interface ScheduledJob {
  name: string;
  schedule: string;
  run: () => Promise<unknown>;
}

export interface Scheduler {
  start(): void;
  stop(): Promise<void>;
}

export function createScheduler(jobs: ScheduledJob[], log: Logger): Scheduler {
  const tasks: ScheduledTask[] = jobs.map((job) =>
    cron.createTask(
      job.schedule,
      async () => {
        try {
          await job.run();
        } catch (err) {
          log.error({ err, job: job.name }, 'scheduled job failed');
        }
      },
      { name: job.name, noOverlap: true },
    ),
  );
  return {
    start: () => tasks.forEach((t) => t.start()),
    stop: async () => {
      for (const t of tasks) {
        await t.stop();
        await t.destroy();
      }
    },
  };
}
