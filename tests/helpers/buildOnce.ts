// vitest global setup: brings dist/ up to date once, so that the tests that start the real `casewatch` command
// run the compiled code without each rebuilding it (and printing the rebuild note) when a source changed.
import { build } from '../../bin/build.js';

export default async function setup(): Promise<void> {
  await build();
}
