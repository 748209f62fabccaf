// The panel's browser benchmark: loads built panels from the stand-in in headless Chromium and
// prints what they transfer, how fast they render, which API requests each page makes, whether
// memory stays flat over route changes, the longest tasks on big data, and how long the home holds
// the main thread on a slower CPU. `scripts/bench.sh`
// builds the panels and runs it; BENCHMARKS.md says how to read the figures.
//
//   node bench/panel.mjs --standin PATH --build label=DIST [--build label=DIST …]
//                        [--runs N] [--route-changes 10,200 (when memory is sampled)]
//
// Every build is measured in the same run, so a baseline build compares on the same machine state.
import { chromium } from 'playwright-core';
import { startStandin as startStandinOf } from './standin.mjs';

const DEMO_API_KEY = '7c1e4a9b2d8f6035e1a7c9b4d2f80e6a135b7c9d';
// The demo account that key opens (the stand-in's seed).
const DEMO_ACCOUNT = '100234';
const LONG_TASK_MS = 50;
const SLOW_API_MS = 100;
// Issue 20's budget for a first visit's assets (everything but the API's replies and the chunk the
// panel downloads when idle), brotli.
const BUDGET_BYTES = 200_000;
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const options = parseArgs(process.argv.slice(2));

function parseArgs(argv) {
  const parsed = { builds: [], runs: 5, routeChanges: [10, 200], standin: 'target/release/kiubi-standin' };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--build') {
      const [label, dist] = value.split('=');
      parsed.builds.push({ label, dist });
    } else if (flag === '--runs') parsed.runs = Number(value);
    else if (flag === '--route-changes') parsed.routeChanges = value.split(',').map(Number);
    else if (flag === '--standin') parsed.standin = value;
    else throw new Error(`unknown option ${flag}`);
  }
  if (parsed.builds.length === 0) throw new Error('at least one --build label=DIST');
  return parsed;
}

// A stand-in serving `dist` with a new database of `sites` demo sites, adding `latencyMs` to every
// API reply.
function startStandin(dist, sites, latencyMs = 0, rateQuota = 5000) {
  const args = ['--seed-sites', String(sites), '--latency-ms', String(latencyMs), '--rate-quota', String(rateQuota)];
  return startStandinOf(options.standin, dist, args);
}

// Runs in every page before the panel: collects long tasks, and marks when the sites list first
// has rows (`rows`, in ms since navigation start).
function watchPage() {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  const rows = new MutationObserver(() => {
    if (document.querySelector('.sites tbody tr')) {
      performance.mark('rows');
      rows.disconnect();
    }
  });
  rows.observe(document, { subtree: true, childList: true });
}

// A session as the sign-in page leaves it (the token and the account it opens), so a cold load
// opens the sites list directly.
function signedIn({ key, account }) {
  sessionStorage.setItem('kiubi.token', key);
  sessionStorage.setItem('kiubi.account', account);
}

// What runs in the page: `act(arg)`, then the time until `ready(arg)` holds (checked on every DOM change).
function timeUntil(page, act, ready, arg) {
  return page.evaluate(
    ({ act, ready, arg }) =>
      new Promise((resolve) => {
        const isReady = eval(`(${ready})`);
        const start = performance.now();
        const observer = new MutationObserver(() => check());
        const check = () => {
          if (isReady(arg)) {
            observer.disconnect();
            resolve(performance.now() - start);
          }
        };
        observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
        eval(`(${act})`)(arg);
        check();
      }),
    { act: act.toString(), ready: ready.toString(), arg },
  );
}

// In-panel navigation, the way the back and forward buttons do it.
const openSite = (site) => {
  history.pushState(null, '', `/sites/${site.code_site}`);
  dispatchEvent(new PopStateEvent('popstate'));
};
const openPath = (path) => {
  history.pushState(null, '', path);
  dispatchEvent(new PopStateEvent('popstate'));
};
const showsOverviewOf = (site) => {
  const heading = document.querySelector('.site-head h1');
  return Boolean(heading && heading.textContent.includes(site.name) && document.querySelector('.kpis'));
};
const submitSignIn = () => document.querySelector('form button[type=submit]').click();
const hasRows = () => document.querySelectorAll('.sites tbody tr').length > 0;
const showsPlans = () => [...document.querySelectorAll('h1')].some((h) => ['Plans', 'Formules'].includes(h.textContent));
// The lazy pages' code and stylesheet (scripts/build/page.mjs: split_pages-….wasm, pages-….css).
const LAZY_FILE = /\/(split_|pages-)[^/]*$/;
const chunkFetched = () => performance.getEntriesByType('resource').some((e) => e.name.includes('/split_'));
const hasYearChart = () => document.querySelectorAll('.chart rect.bar, .chart path.line').length > 0 &&
  document.querySelectorAll('table.days tbody tr').length >= 365;

function typeOf(url) {
  if (url.includes('/v1/')) return 'API JSON';
  const path = new URL(url).pathname;
  if (LAZY_FILE.test(path)) return 'chunk (when idle)';
  if (path.endsWith('.wasm')) return 'wasm';
  if (path.endsWith('.js')) return 'JS';
  if (path.endsWith('.css')) return 'CSS';
  if (path.endsWith('.json')) return 'config.json';
  if (/\.(woff2?|ttf|otf)$/.test(path)) return 'fonts';
  return 'HTML';
}

// Every response the page received so far: URL, bytes on the wire (headers included), body bytes as
// sent (brotli), timing.
function entries(page) {
  return page.evaluate(() =>
    [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map((e) => ({
      url: e.name,
      transfer: e.transferSize,
      body: e.encodedBodySize,
      start: e.startTime,
      end: e.responseEnd,
    })),
  );
}

const longestTask = (page, since) =>
  page.evaluate(
    (since) => Math.max(0, ...window.__longTasks.filter((t) => t.start >= since).map((t) => t.duration)),
    since,
  );

async function newPage(browser, session) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(watchPage);
  if (session) await page.addInitScript(signedIn, { key: DEMO_API_KEY, account: DEMO_ACCOUNT });
  return { context, page };
}

// One cold first visit (new context: empty cache and storage): the sign-in page, signing in until
// the sites list has rows; then a cold load with a session, navigation start to rows; then route
// changes between two sites' overviews.
async function coldRun(browser, url, [first, second]) {
  let { context, page } = await newPage(browser, false);
  const encodings = new Set();
  page.on('response', (response) => {
    if (!response.url().includes('/v1/')) encodings.add(response.headers()['content-encoding'] ?? 'none');
  });
  await page.goto(`${url}/sign-in?next=/sites`);
  await page.waitForSelector('#api-key');
  const signInShown = await page.evaluate(() => performance.now());
  await page.fill('#api-key', DEMO_API_KEY);
  const signInToRows = await timeUntil(page, submitSignIn, hasRows);
  const firstVisit = await entries(page);
  await context.close();

  ({ context, page } = await newPage(browser, true));
  await page.goto(`${url}/sites`);
  await page.waitForSelector('.sites tbody tr');
  const loadToRows = await page.evaluate(() => performance.getEntriesByName('rows')[0].startTime);
  await timeUntil(page, openSite, showsOverviewOf, first);
  const changes = [];
  for (let i = 0; i < 6; i += 1) changes.push(await timeUntil(page, openSite, showsOverviewOf, i % 2 ? first : second));
  await context.close();

  // To a page in the chunk: at once after the sites list's rows (cold: the chunk is downloaded
  // during the change unless the idle prefetch already has it), then once it is there (warm).
  ({ context, page } = await newPage(browser, true));
  await page.goto(`${url}/sites`);
  await page.waitForSelector('.sites tbody tr');
  const coldHadChunk = await page.evaluate(chunkFetched);
  const lazyCold = await timeUntil(page, openPath, showsPlans, '/plans');
  await timeUntil(page, openPath, hasRows, '/sites');
  const lazyWarm = await timeUntil(page, openPath, showsPlans, '/plans');
  const chunkBytes = await page.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => /\/(split_|pages-)[^/]*$/.test(new URL(e.name).pathname)).reduce((sum, e) => sum + e.transferSize, 0));
  await context.close();
  return {
    signInShown, signInToRows, loadToRows, routeChange: median(changes), lazyCold, coldHadChunk, lazyWarm, chunkBytes,
    firstVisit, encodings,
  };
}

// The API requests of each page on a cold load with a session: how many, in how many waves (a
// request starting after one of the page's earlier requests had ended may have waited for it),
// and any URL fetched twice. The stand-in answers slowly here (`SLOW_API_MS`), as a distant API
// does, so that requests sent together are not mistaken for requests sent one after another.
async function requestsPerPage(browser, url, site) {
  const pages = [
    ['home (portfolio)', '/'],
    ['sites list', '/sites'],
    ['site overview', `/sites/${site.code_site}`],
    ['statistics', `/sites/${site.code_site}/stats`],
    ['activity', `/sites/${site.code_site}/activity`],
    ['backups', `/sites/${site.code_site}/backups`],
    ['subscription', `/sites/${site.code_site}/subscription`],
    ['plans', '/plans'],
    ['account', '/account'],
    ['new site', '/sites/new'],
  ];
  const rows = [];
  for (const [name, path] of pages) {
    const { context, page } = await newPage(browser, true);
    await page.goto(`${url}${path}`, { waitUntil: 'networkidle' });
    const all = await entries(page);
    const api = all.filter((e) => e.url.includes('/v1/')).sort((a, b) => a.start - b.start);
    // The chunk of the lazy pages: asked before the page's first API request, it adds no wave.
    const chunk = all.find((e) => e.url.includes('/split_'));
    const code = !chunk ? 'in main'
      : api.length && chunk.start <= api[0].start ? 'chunk, before the data' : 'chunk, after the data (idle prefetch)';
    const waves = [];
    let waveEnd = -Infinity;
    for (const request of api) {
      if (request.start >= waveEnd) {
        waves.push([]);
        waveEnd = Infinity;
      }
      waves.at(-1).push(new URL(request.url).pathname.replace('/v1/', ''));
      waveEnd = Math.min(waveEnd, request.end);
    }
    const seen = new Set();
    const twice = api.filter((r) => seen.has(r.url) || !seen.add(r.url)).map((r) => new URL(r.url).pathname);
    rows.push({ name, requests: api.length, waves, twice, code });
    await context.close();
  }
  return rows;
}

// JS heap, wasm memory, DOM nodes and listeners after `counts` route changes between two
// overviews (garbage collected first).
async function memoryOverRouteChanges(browser, url, [first, second], counts) {
  const { context, page } = await newPage(browser, true);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(`${url}/sites`);
  await page.waitForSelector('.sites tbody tr');
  const wasmModule = await page.evaluate(
    () => performance.getEntriesByType('resource').find((e) => /kiubi-panel-[0-9a-f]+\.js$/.test(e.name)).name,
  );
  const samples = [];
  let done = 0;
  for (const count of counts) {
    for (; done < count; done += 1) await timeUntil(page, openSite, showsOverviewOf, done % 2 ? first : second);
    await page.waitForTimeout(300);
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name) => metrics.find((m) => m.name === name).value;
    // wasm-bindgen's init returns the instance's exports once initialised.
    const wasmBytes = await page.evaluate(
      async (module) => (await (await import(module)).default()).memory.buffer.byteLength,
      wasmModule,
    );
    samples.push({ count, heap: metric('JSHeapUsedSize'), wasm: wasmBytes, nodes: metric('Nodes'), listeners: metric('JSEventListeners') });
  }
  await context.close();
  return samples;
}

// The longest task while big data renders: the first page of the 10,000-site account's list
// (cold load with a session), and the 12-month report opened from the overview.
async function bigData(browser, url, site) {
  const { context, page } = await newPage(browser, true);
  await page.goto(`${url}/sites`);
  await page.waitForSelector('.sites tbody tr');
  const listLoad = await longestTask(page, 0);
  await timeUntil(page, openSite, showsOverviewOf, site);
  await page.waitForTimeout(500);
  const before = await page.evaluate(() => performance.now());
  const listAgain = await timeUntil(page, openPath, hasRows, '/sites?sort=name');
  const listChange = await longestTask(page, before);
  const reportStart = await page.evaluate(() => performance.now());
  const reportTime = await timeUntil(page, openPath, hasYearChart, `/sites/${site.code_site}/stats?range=12m`);
  await page.waitForTimeout(300);
  const report = await longestTask(page, reportStart);
  await context.close();
  return { listLoad, listChange, listAgain, report, reportTime };
}

// The home's cold load with a session on a 4× slower CPU (DevTools' throttling, as Lighthouse's
// mobile preset): from navigation until the alerts are read and every card in the window has its
// figures, the main thread's time blocked (each long task's part over 50 ms, summed, as Lighthouse's
// total blocking time) and the longest task; null for a build whose home has no such cards (the
// baseline's).
async function homeLoad(browser, url) {
  const { context, page } = await newPage(browser, true);
  const devtools = await context.newCDPSession(page);
  await devtools.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(`${url}/`);
  const settled = await page.waitForFunction(
    () => {
      const cards = [...document.querySelectorAll('.site-card')];
      const inWindow = cards.filter((c) => c.getBoundingClientRect().top < innerHeight);
      return document.querySelector('.alert-list') && inWindow.length > 0 && inWindow.every((c) => c.dataset.state === 'ready');
    },
    null,
    { timeout: 60_000, polling: 100 },
  ).then(() => true, () => false);
  if (!settled) return (await context.close(), null);
  const tasks = await page.evaluate(() => window.__longTasks.map((t) => t.duration));
  await context.close();
  return { blocked: tasks.reduce((sum, t) => sum + t - LONG_TASK_MS, 0), longest: Math.max(0, ...tasks) };
}

// On the 10,000-site account: every site of the search `term` selected ("select all N sites"), then
// exported (the list read page by page, three reads per site, four sites at a time, a pause before
// the API quota runs out). The longest task from the export's start to its file, its duration, the
// API requests and refusals, and whether it paused.
async function exportAll(browser, url, term) {
  const { context, page } = await newPage(browser, true);
  let requests = 0;
  let refused = 0;
  page.on('response', (response) => {
    if (!response.url().includes('/v1/') || response.url().includes('/rate.json')) return;
    requests += 1;
    if (response.status() === 429) refused += 1;
  });
  await page.goto(`${url}/sites?term=${encodeURIComponent(term)}`);
  await page.waitForSelector('.sites tbody tr');
  await page.click('table.sites thead label.pick input');
  await page.click('#select-all-matching');
  const selected = await page.textContent('.selection-bar p');
  await page.click('#bulk-export');
  await page.waitForSelector('#start-export');
  requests = 0;
  const start = await page.evaluate(() => performance.now());
  await page.click('#start-export');
  let paused = false;
  const deadline = Date.now() + 10 * 60_000;
  while (!(await page.$('#download-export'))) {
    if (Date.now() > deadline) throw new Error('the export did not end within 10 minutes');
    paused ||= !!(await page.$('dialog.export .notice.paused'));
    await page.waitForTimeout(250);
  }
  const end = await page.evaluate(() => performance.now());
  const longest = await longestTask(page, start);
  const done = await page.textContent('dialog.export .export-done');
  await context.close();
  return { term, selected, done, seconds: (end - start) / 1000, longest, requests, refused, paused };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const homeMs = (result, figure) => (result.home.includes(null) ? '—' : ms(result.home.map((x) => x[figure])));
const ms = (values) => `${median(values).toFixed(0)} ms (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`;
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
const mb = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;

function table(title, header, rows) {
  console.log(`\n### ${title}\n`);
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

async function apiData(url, path) {
  const reply = await fetch(`${url}/v1${path}`, { headers: { Authorization: `token ${DEMO_API_KEY}` } });
  return (await reply.json()).data;
}

// The long-task figures mean something only if this Chromium reports long tasks: a page that
// blocks for 80 ms must show one.
async function checkLongTasksAreSeen(browser, url) {
  const { context, page } = await newPage(browser, false);
  await page.goto(`${url}/sign-in`);
  await page.waitForSelector('#api-key');
  // From the page's own timer: a task the page runs, as the panel's rendering is.
  await page.evaluate(() => {
    setTimeout(() => {
      const start = performance.now();
      while (performance.now() - start < 80);
    }, 0);
  });
  await page.waitForTimeout(200);
  const seen = await longestTask(page, 0);
  await context.close();
  if (seen < LONG_TASK_MS) throw new Error(`this Chromium does not report long tasks (saw ${seen} ms)`);
}

async function measure(browser, build) {
  const demo = await startStandin(build.dist, 52);
  const big = await startStandin(build.dist, 10000);
  const slow = await startStandin(build.dist, 52, SLOW_API_MS);
  try {
    await checkLongTasksAreSeen(browser, demo.url);
    const sites = await apiData(demo.url, '/sites.json?limit=2&sort=code_site');
    const runs = [];
    for (let run = 0; run < options.runs; run += 1) runs.push(await coldRun(browser, demo.url, sites));
    const requests = await requestsPerPage(browser, slow.url, sites[0]);
    const memory = await memoryOverRouteChanges(browser, demo.url, sites, options.routeChanges);
    const bigSite = (await apiData(big.url, '/sites.json?limit=1&sort=code_site'))[0];
    const big_data = [];
    for (let run = 0; run < options.runs; run += 1) big_data.push(await bigData(browser, big.url, bigSite));
    const home = [];
    for (let run = 0; run < options.runs; run += 1) home.push(await homeLoad(browser, demo.url));
    return { build, runs, requests, memory, big_data, home };
  } finally {
    demo.stop();
    big.stop();
    slow.stop();
  }
}

function report(results) {
  const labels = results.map((r) => r.build.label);
  const types = ['HTML', 'JS', 'wasm', 'CSS', 'config.json', 'fonts', 'API JSON'];
  const bytesOf = (run, type) => run.firstVisit.filter((e) => typeOf(e.url) === type).reduce((sum, e) => sum + e.transfer, 0);
  // The first visit: all but the chunk, which comes after the first screen when the browser is idle.
  const visit = (run) => run.firstVisit.filter((e) => !typeOf(e.url).startsWith('chunk'));
  table(
    'First visit: sign-in page, then the sites list (bytes on the wire, median of runs)',
    ['type', ...labels],
    [
      ...types.map((type) => [type, ...results.map((r) => kb(median(r.runs.map((run) => bytesOf(run, type)))))]),
      ['total', ...results.map((r) => kb(median(r.runs.map((run) => visit(run).reduce((s, e) => s + e.transfer, 0)))))],
      [
        `assets' bodies as sent (all but API JSON) vs the ${kb(BUDGET_BYTES)} budget`,
        ...results.map((r) => {
          const assets = median(r.runs.map((run) => visit(run).filter((e) => typeOf(e.url) !== 'API JSON').reduce((s, e) => s + e.body, 0)));
          return `${kb(assets)}: ${assets <= BUDGET_BYTES ? 'within' : `over by ${kb(assets - BUDGET_BYTES)}`}`;
        }),
      ],
      [
        "  and their responses' headers (the stand-in's, HTTP/1.1: not compressed)",
        ...results.map((r) => kb(median(r.runs.map((run) => visit(run).filter((e) => typeOf(e.url) !== 'API JSON').reduce((s, e) => s + e.transfer - e.body, 0))))),
      ],
      ['not counted: the chunk of the other pages, if fetched by then (it comes when idle)', ...results.map((r) => kb(median(r.runs.map((run) => bytesOf(run, 'chunk (when idle)')))))],
      ['the chunk of the other pages, once downloaded', ...results.map((r) => kb(median(r.runs.map((run) => run.chunkBytes))))],
      ['content encodings', ...results.map((r) => [...new Set(r.runs.flatMap((run) => [...run.encodings]))].join(', '))],
    ],
  );
  table(
    `Timings, median (min–max) of ${options.runs} cold runs`,
    ['measure', ...labels],
    [
      ['sign-in page shown (navigation start)', ...results.map((r) => ms(r.runs.map((x) => x.signInShown)))],
      ['sign in: submit to sites rows', ...results.map((r) => ms(r.runs.map((x) => x.signInToRows)))],
      ['cold load with a session: navigation start to sites rows', ...results.map((r) => ms(r.runs.map((x) => x.loadToRows)))],
      ['route change between two overviews', ...results.map((r) => ms(r.runs.map((x) => x.routeChange)))],
      ['sites list to plans, at once after the rows (cold)', ...results.map((r) => ms(r.runs.map((x) => x.lazyCold)))],
      ['  runs whose chunk was already there', ...results.map((r) => `${r.runs.filter((x) => x.coldHadChunk).length} of ${r.runs.length}`)],
      ['sites list to plans, chunk there (warm)', ...results.map((r) => ms(r.runs.map((x) => x.lazyWarm)))],
    ],
  );
  table(
    `API requests per page (cold load with a session, API replies delayed ${SLOW_API_MS} ms)`,
    ['page', ...labels.map((l) => `${l}: requests / waves / twice / code`)],
    results[0].requests.map((row, i) => [
      row.name,
      ...results.map((r) => {
        const page = r.requests[i];
        return `${page.requests} / ${page.waves.length} / ${page.twice.length ? page.twice.join(' ') : 'none'} / ${page.code}`;
      }),
    ]),
  );
  console.log(`\nWaves of ${labels[0]}:`);
  for (const page of results[0].requests) console.log(`- ${page.name}: ${page.waves.map((w) => w.join(', ')).join(' → ')}`);
  table(
    'Memory over route changes between two overviews (after a forced GC)',
    ['build', 'route changes', 'JS heap', 'wasm memory', 'DOM nodes', 'listeners'],
    results.flatMap((r) =>
      r.memory.map((m) => [r.build.label, m.count, mb(m.heap), mb(m.wasm), m.nodes, m.listeners]),
    ),
  );
  table(
    `Big data: longest task, median (min–max) of ${options.runs} runs (a long task is over ${LONG_TASK_MS} ms)`,
    ['measure', ...labels],
    [
      ['10,000-site list: cold load (incl. wasm start)', ...results.map((r) => ms(r.big_data.map((x) => x.listLoad)))],
      ['10,000-site list: opened from a site', ...results.map((r) => ms(r.big_data.map((x) => x.listChange)))],
      ['  its time to rows', ...results.map((r) => ms(r.big_data.map((x) => x.listAgain)))],
      ['12-month report: opened from the overview', ...results.map((r) => ms(r.big_data.map((x) => x.report)))],
      ['  its time to chart and table', ...results.map((r) => ms(r.big_data.map((x) => x.reportTime)))],
    ],
  );
  table(
    `The home's cold load on a 4× slower CPU, until the cards in the window have their figures: median (min–max) of ${options.runs} runs`,
    ['measure', ...labels],
    [
      [`main thread blocked (long tasks' time over ${LONG_TASK_MS} ms, summed)`, ...results.map((r) => homeMs(r, 'blocked'))],
      ['longest task', ...results.map((r) => homeMs(r, 'longest'))],
    ],
  );
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
try {
  const results = [];
  for (const build of options.builds) {
    console.error(`measuring ${build.label} (${build.dist})…`);
    results.push(await measure(browser, build));
  }
  report(results);
  // The bulk export, on the first build only (the builds before issue 21 have none).
  const [current] = options.builds;
  const rows = [];
  for (const [term, quota] of [['lyon', 5000], ['boulangerie lyon', 250]]) {
    console.error(`exporting "${term}" with a quota of ${quota} requests a minute…`);
    const big = await startStandin(current.dist, 10000, 0, quota);
    try {
      const run = await exportAll(browser, big.url, term);
      rows.push([`"${run.term}", quota ${quota}/min`, run.selected, run.done, `${run.seconds.toFixed(1)} s`,
        `${run.longest.toFixed(0)} ms`, run.requests, run.refused, run.paused ? 'yes' : 'no']);
    } finally {
      big.stop();
    }
  }
  table(
    `Bulk export on the 10,000-site account (${current.label}): select all the sites of a search, then export`,
    ['search, API quota', 'selected', 'exported', 'time', 'longest task', 'API requests', 'refused (429)', 'paused for the quota'],
    rows,
  );
} finally {
  await browser.close();
}
