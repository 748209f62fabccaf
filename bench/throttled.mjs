// Each page as a person on a phone waits for it: loaded cold (a new browser context: empty cache, a
// kept session) under DevTools throttling like Lighthouse's mobile preset (562.5 ms latency,
// 1,474 kbps down, 675 kbps up, CPU 4× slower), then again warm (the same context: its cache kept).
// Prints, per page, the median over the runs of the time until its heading shows and until it is
// settled (its content drawn, no request under way), and the wasm it fetched before its heading
// showed (brotli bytes, the first visit's module included; what is prefetched after is not counted).
//
//   node bench/throttled.mjs --standin PATH --dist DIST [--runs N] [--only TEXT]
//
// `scripts/bench.sh` runs it on the release build; BENCHMARKS.md keeps its table.
import { chromium } from 'playwright-core';
import { startStandin } from './standin.mjs';

const DEMO_API_KEY = '7c1e4a9b2d8f6035e1a7c9b4d2f80e6a135b7c9d';
const DEMO_ACCOUNT = '100234';
// A site of the seed with a shop, forms, backups and activity: every widget has something to show.
const SITE = 'hotel-lyon';
// Lighthouse's mobile preset (its "devtools" throttling).
const THROTTLING = {
  network: { offline: false, latency: 562.5, downloadThroughput: (1474.56 * 1000) / 8, uploadThroughput: (675 * 1000) / 8 },
  cpu: 4,
};
// Every page, and what shows it has its content (as the end-to-end tests' `every_page` says).
const PAGES = [
  ['the home', '/', '.site-card[data-state=ready] .sparkline'],
  ['the sites list', '/sites', 'table.sites tbody tr'],
  ['a new site', '/sites/new', "#f-plan_id option[value='2']"],
  ["a site's overview", `/sites/${SITE}`, '.usage .space:not(.placeholder) .stack'],
  ["a site's statistics", `/sites/${SITE}/stats`, '.chart rect.bar, .chart path.line'],
  ["a site's activity", `/sites/${SITE}/activity`, '.feed'],
  ["a site's backups", `/sites/${SITE}/backups`, 'ul.backups'],
  ["a site's subscription", `/sites/${SITE}/subscription`, '.subscription'],
  ['the plans', '/plans', '.plans'],
  ['the account', '/account', '.contact-view'],
  ['a client report', `/reports?site=${SITE}`, '.client-report .report-figure'],
];
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

const options = parseArgs(process.argv.slice(2));

function parseArgs(argv) {
  const parsed = { runs: 5, standin: 'target/release/kiubi-standin', dist: 'dist', only: '' };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--runs') parsed.runs = Number(value);
    else if (flag === '--standin') parsed.standin = value;
    else if (flag === '--dist') parsed.dist = value;
    else if (flag === '--only') parsed.only = value;
    else throw new Error(`unknown option ${flag}`);
  }
  return parsed;
}


// Runs in the page before the panel: a kept session (as the sign-in page leaves it), and the times,
// since navigation start, when a heading first shows and when `ready` holds with no request under way.
function watch({ key, account, ready }) {
  sessionStorage.setItem('kiubi.token', key);
  sessionStorage.setItem('kiubi.account', account);
  window.__times = {};
  const check = () => {
    const now = performance.now();
    const heading = document.querySelector('.shell main h1, .shell .site-head h1');
    if (heading && window.__times.heading === undefined) window.__times.heading = now;
    if (document.querySelector(ready) && !document.querySelector('.progress-bar') && window.__times.settled === undefined) {
      window.__times.settled = now;
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
}

async function throttle(context, page) {
  const devtools = await context.newCDPSession(page);
  await devtools.send('Network.enable');
  await devtools.send('Network.emulateNetworkConditions', THROTTLING.network);
  await devtools.send('Emulation.setCPUThrottlingRate', { rate: THROTTLING.cpu });
}

// One load of `path` in `page`: its heading and settled times, and the wasm fetched before its heading.
async function load(page, url, path) {
  await page.goto(`${url}${path}`, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__times && window.__times.settled !== undefined, null, { timeout: 120_000, polling: 100 });
  return page.evaluate(() => {
    const { heading, settled } = window.__times;
    const wasm = performance.getEntriesByType('resource')
      .filter((e) => e.name.endsWith('.wasm') && e.responseEnd <= heading)
      .reduce((sum, e) => sum + e.encodedBodySize, 0);
    return { heading, settled, wasm };
  });
}

// Cold, then warm in the same context (its cache kept; the panel's page loaded anew).
async function measure(browser, url, [, path, ready]) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(watch, { key: DEMO_API_KEY, account: DEMO_ACCOUNT, ready });
  await throttle(context, page);
  const cold = await load(page, url, path);
  const warm = await load(page, url, path);
  await context.close();
  return { cold, warm };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const seconds = (values) => `${(median(values) / 1000).toFixed(2)} s`;

// The 52 demo sites.
const standin = await startStandin(options.standin, options.dist);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
try {
  console.log(`Each page cold then warm, ${options.runs} runs, median; throttled: 562.5 ms, 1,474 kbps, CPU 4×\n`);
  console.log('| page | wasm before its heading (cold) | heading, cold | settled, cold | heading, warm | settled, warm |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const page of PAGES.filter(([name]) => name.includes(options.only))) {
    const runs = [];
    for (let run = 0; run < options.runs; run += 1) runs.push(await measure(browser, standin.url, page));
    const of = (when, figure) => runs.map((r) => r[when][figure]);
    const wasm = `${Math.round(median(of('cold', 'wasm'))).toLocaleString('en')} B`;
    console.log(`| ${page[0]} | ${wasm} | ${seconds(of('cold', 'heading'))} | ${seconds(of('cold', 'settled'))} | ` +
      `${seconds(of('warm', 'heading'))} | ${seconds(of('warm', 'settled'))} |`);
  }
} finally {
  await browser.close();
  standin.stop();
}
