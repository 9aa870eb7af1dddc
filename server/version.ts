// The version in package.json, for `--version`, the health endpoint and the page footer.
import { readFileSync } from 'node:fs';
import { packagePath } from '../core/packagePath.ts';

export const VERSION: string = (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;
