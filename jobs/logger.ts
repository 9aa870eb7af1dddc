// The application logger (pino): structured JSON lines with feedId / caseId fields.
import { pino } from 'pino';

export type Logger = pino.Logger;

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return destination ? pino({ level, base: undefined }, destination) : pino({ level, base: undefined });
}

/** A logger that drops everything (tests and the CLI's quiet paths). */
export const silentLogger: Logger = pino({ level: 'silent' });
