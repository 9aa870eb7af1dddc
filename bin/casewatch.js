#!/usr/bin/env node
// Entry point of the `casewatch` command: runs the compiled CLI in dist/ (rebuilt first if the sources changed),
// or the TypeScript sources through tsx when no build can be made.
import { createInterface } from 'node:readline/promises';
import { compiledCli } from './build.js';

const compiled = await compiledCli((line) => process.stderr.write(`casewatch: ${line}\n`), { noteRebuild: Boolean(process.stderr.isTTY) });
const { runCli } = compiled ? await import(compiled) : await sourceCli();

async function sourceCli() {
  const { register } = await import('tsx/esm/api');
  register();
  return import('../server/cli.ts');
}
const code = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  // Progress goes to stderr: stdout stays what a script reads.
  progress: {
    write: (text) => process.stderr.write(text),
    get isTTY() {
      return Boolean(process.stderr.isTTY);
    },
    get columns() {
      return process.stderr.columns;
    },
  },
  ...(process.stdin.isTTY
    ? {
        confirm: async (question) => {
          const rl = createInterface({ input: process.stdin, output: process.stderr });
          try {
            return /^y(es)?$/i.test((await rl.question(question)).trim());
          } finally {
            rl.close();
          }
        },
      }
    : {}),
});
process.exitCode = code;
