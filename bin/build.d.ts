// Types of bin/build.js for the TypeScript that imports it (tests).
export const ROOT: string;
export const DIST: string;
export type BuildState = { fresh: true; entry: string } | { fresh: false; reason: string };
export function buildState(root?: string, outdir?: string): BuildState;
export function build(root?: string, outdir?: string): Promise<{ ms: number; files: number }>;
export function compiledCli(note: (line: string) => void, opts?: { root?: string; noteRebuild?: boolean }): Promise<string | null>;
