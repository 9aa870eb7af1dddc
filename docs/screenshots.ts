// `npm run screenshots`: the README's pictures, taken from `npm run demo`'s data in Debian's Chromium, so they stay current.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { setUpDemo } from '../server/demo.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');

async function main(): Promise<number> {
  if (!existsSync(CHROMIUM)) {
    console.error(`screenshots need Chromium at ${CHROMIUM} (apt-get install chromium fonts-noto-cjk), or set CHROMIUM_PATH`);
    return 1;
  }
  mkdirSync(OUT, { recursive: true });
  const demo = await setUpDemo(0);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light', locale: 'en-GB', timezoneId: 'UTC' });
    const page = await context.newPage();
    // Nothing beyond the demo's own server: a stray external request would make the pictures depend on the network.
    await page.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
    const shots: [string, string][] = [
      ['case-list.png', `${demo.running.url}/`],
      ['case-timeline.png', demo.timelineUrl],
    ];
    for (const [file, url] of shots) {
      await page.goto(url, { waitUntil: 'networkidle' });
      await page.screenshot({ path: path.join(OUT, file) });
      console.log(`wrote ${path.relative(process.cwd(), path.join(OUT, file))} (${url.replace(demo.running.url, '') || '/'})`);
    }
  } finally {
    await browser.close();
    await demo.cleanup();
  }
  return 0;
}

process.exitCode = await main();
