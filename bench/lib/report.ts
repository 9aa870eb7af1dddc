// Timing helpers and the table every section prints: figure, baseline, ratio, goal, PASS/MISS.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type Verdict = 'PASS' | 'MISS' | '';

export interface Row {
  figure: string;
  value: string;
  baseline?: string;
  ratio?: string;
  goal?: string;
  verdict?: Verdict;
}

export interface SectionReport {
  name: string;
  title: string;
  rows: Row[];
  notes: string[];
}

export const nowMs = (): number => performance.now();

/** Milliseconds taken by fn (sync or async). */
export async function timed<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const start = nowMs();
  const value = await fn();
  return { ms: nowMs() - start, value };
}

export function timedSync<T>(fn: () => T): { ms: number; value: T } {
  const start = nowMs();
  const value = fn();
  return { ms: nowMs() - start, value };
}

/** Nearest-rank percentile of samples (not sorted in place). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** 12345.6 → "12,346"; small numbers keep up to `digits` significant decimals. */
export function num(n: number, digits = 3): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  if (abs >= 100) return Math.round(n).toLocaleString('en-US');
  return Number(n.toPrecision(digits)).toLocaleString('en-US', { maximumFractionDigits: 6 });
}

export const ms = (n: number): string => `${num(n)} ms`;
export const us = (n: number): string => `${num(n)} µs`;
export const ratio = (n: number): string => `${num(n)}×`;

export function verdict(ok: boolean): Verdict {
  return ok ? 'PASS' : 'MISS';
}

const COLUMNS: { key: keyof Row; head: string }[] = [
  { key: 'figure', head: 'figure' },
  { key: 'value', head: 'value' },
  { key: 'baseline', head: 'baseline' },
  { key: 'ratio', head: 'ratio' },
  { key: 'goal', head: 'goal' },
  { key: 'verdict', head: '' },
];

/** A Markdown table, readable in a terminal and pasteable into bench/README.md. */
export function formatSection(report: SectionReport): string {
  const cells = report.rows.map((r) => COLUMNS.map((c) => r[c.key] ?? ''));
  const widths = COLUMNS.map((c, i) => Math.max(c.head.length, ...cells.map((row) => [...row[i]!].length)));
  const line = (vals: string[]) => `| ${vals.map((v, i) => v + ' '.repeat(widths[i]! - [...v].length)).join(' | ')} |`;
  const out = [`\n## ${report.name}: ${report.title}\n`, line(COLUMNS.map((c) => c.head)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)];
  if (report.notes.length) out.push('', ...report.notes.map((n) => `- ${n}`));
  return out.join('\n');
}

const liveScratch = new Set<string>();

/** A temp folder under os.tmpdir() and the function that removes it. */
export function scratchDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `casewatch-bench-${prefix}-`));
  liveScratch.add(dir);
  return {
    dir,
    remove: () => {
      rmSync(dir, { recursive: true, force: true });
      liveScratch.delete(dir);
    },
  };
}

/** For an interrupted run: `finally` blocks do not run on SIGINT, so the folders still in use are removed here. */
export function removeAllScratch(): void {
  for (const dir of liveScratch) rmSync(dir, { recursive: true, force: true });
  liveScratch.clear();
}

/** Lets a progress line through without polluting the tables (stderr). */
export function progress(message: string): void {
  process.stderr.write(`  … ${message}\n`);
}
