// Lighthouse (npm `lighthouse`, pinned to 12.2.3: the last that installs from a lock with Node 20) on
// the panel served by the stand-in, as a new user's browser would see it: the sign-in page cold, then
// with a kept session ("stay signed in") the home, the sites list, a site's overview and its
// statistics; the mobile preset (slow 4G, a 4× slower CPU, simulated) and the desktop preset.
// Prints a Markdown table of the scores and metrics; with --write FILE, puts it in FILE between
// `<!-- lighthouse:start -->` and `<!-- lighthouse:end -->`. `scripts/bench.sh` runs it.
//
//   node bench/lighthouse.mjs --standin PATH --dist DIST [--label TEXT] [--write BENCHMARKS.md]
//                             [--reports DIR (each run's whole report, JSON, for a closer look)]
//                             [--only TEXT (the pages and presets whose name holds TEXT, e.g. "overview")]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { chromium } from 'playwright-core';
import { startStandin } from './standin.mjs';

const DEMO_API_KEY = '7c1e4a9b2d8f6035e1a7c9b4d2f80e6a135b7c9d';
const DEMO_ACCOUNT = '100234';
// A site with a shop, forms and a full overview.
const SITE = 'hotel-lyon';
const PAGES = [
  { name: 'sign-in (cold)', path: '/sign-in', session: false },
  { name: 'home', path: '/', session: true },
  { name: 'sites list', path: '/sites', session: true },
  { name: "a site's overview", path: `/sites/${SITE}`, session: true },
  { name: "a site's statistics", path: `/sites/${SITE}/stats`, session: true },
];
const PRESETS = [
  { name: 'mobile', config: undefined },
  { name: 'desktop', config: desktopConfig },
];
const START = '<!-- lighthouse:start -->';
const END = '<!-- lighthouse:end -->';

const options = (() => {
  const argv = process.argv.slice(2);
  const parsed = { standin: 'target/release/kiubi-standin', dist: 'dist', label: '', write: null, reports: null, only: '' };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in parsed)) throw new Error(`unknown option ${argv[i]}`);
    parsed[key] = argv[i + 1];
  }
  return parsed;
})();


// The session the sign-in page keeps when "stay signed in" is ticked, in the profile Lighthouse
// uses; or none (`kept` false), for a cold visit. The HTTP cache emptied either way: every page is
// measured as a first load (Lighthouse keeps the cache with the storage).
async function setSession(port, origin, kept) {
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const page = await browser.contexts()[0].newPage();
  await page.goto(`${origin}/sign-in`);
  await page.evaluate(
    ([key, account, kept]) => {
      localStorage.clear();
      sessionStorage.clear();
      if (kept) {
        localStorage.setItem('kiubi.token', key);
        localStorage.setItem('kiubi.account', account);
      }
    },
    [DEMO_API_KEY, DEMO_ACCOUNT, kept],
  );
  const devtools = await page.context().newCDPSession(page);
  await devtools.send('Network.clearBrowserCache');
  await page.close();
  await browser.close();
}

const ms = (audit) => (audit?.numericValue === undefined ? '—' : `${Math.round(audit.numericValue)} ms`);
const score = (category) => (category?.score === null || category?.score === undefined ? '—' : Math.round(category.score * 100));

async function main() {
  const standin = await startStandin(options.standin, options.dist);
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  });
  const rows = [];
  try {
    for (const preset of PRESETS) {
      for (const page of PAGES) {
        if (!`${preset.name} ${page.name}`.includes(options.only)) continue;
        await setSession(chrome.port, standin.url, page.session);
        const flags = {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          // A kept session is the point of these pages: their origin's storage stays.
          disableStorageReset: page.session,
          onlyCategories: ['performance', 'accessibility', 'best-practices'],
        };
        const result = await lighthouse(`${standin.url}${page.path}`, flags, preset.config);
        const { categories, audits } = result.lhr;
        if (options.reports) {
          mkdirSync(options.reports, { recursive: true });
          const file = `${preset.name}-${page.path.replace(/\W+/g, '-').replace(/^-|-$/g, '') || 'home'}.json`;
          writeFileSync(join(options.reports, file), JSON.stringify(result.lhr));
        }
        const cls = audits['cumulative-layout-shift']?.numericValue;
        rows.push([
          page.name,
          preset.name,
          score(categories.performance),
          score(categories.accessibility),
          score(categories['best-practices']),
          ms(audits['first-contentful-paint']),
          ms(audits['largest-contentful-paint']),
          ms(audits['total-blocking-time']),
          cls === undefined ? '—' : cls.toFixed(3),
        ]);
        console.error(`${preset.name} ${page.name}: ${rows.at(-1).slice(2).join(' · ')}`);
      }
    }
  } finally {
    await chrome.kill();
    standin.stop();
  }
  const table = [
    `Lighthouse 12.2.3${options.label ? `, ${options.label}` : ''} (${new Date().toISOString().slice(0, 10)}):`,
    '',
    '| Page | Preset | Performance | Accessibility | Best practices | FCP | LCP | TBT | CLS |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
  console.log(table);
  if (options.write) {
    const text = readFileSync(options.write, 'utf8');
    const [before, rest] = text.split(START);
    if (rest === undefined || !rest.includes(END)) throw new Error(`${options.write} has no ${START} … ${END}`);
    writeFileSync(options.write, `${before}${START}\n${table}\n${END}${rest.split(END)[1]}`);
  }
}

await main();
