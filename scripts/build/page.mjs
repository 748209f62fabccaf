// Trunk's post_build hook (Trunk.toml): puts the code that scripts/build/code.sh built beside the
// page and the stylesheet Trunk wrote in its staging directory, and makes the page load it.
//
// Release (`trunk build --release`, the deployable build): every code file and stylesheet named by a
// hash of its content (the main module and its JS, the chunk loader, the lazy pages' chunk and their
// stylesheet, which the loader fetches with the chunk), the JS minified (terser), the stylesheets too
// (lightningcss: not Trunk's minification, which would rewrite index.html's `<base href>` that
// deployments edit), the module's imports and exports given short names, SRI preloads of the first
// visit's code in the page, and .br/.gz copies beside the hashed files, embed.js and the snippets, so
// static hosts serve them compressed (index.html and config.json are not: deployments edit them).
// Debug (`trunk serve`): the unsplit module as wasm-bindgen wrote it, the lazy pages' stylesheet
// linked by the page; nothing minified, renamed or compressed.
//
// Both: the stylesheet of embedded panels (`embed[-<hash>].css`, both stylesheets rewritten for a
// shadow root) and `embed.js`, the stable-named loader of the bundle (host pages import it to embed
// the panel; it exposes `mount`/`unmount`), which the page loads: no inline code, so a strict
// Content-Security-Policy holds.
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { renameFiles } from './lib/glue.mjs';
import { renameChunks, renameGlue, waitForStylesheet } from './lib/split_loader.mjs';
import { TRUNK_HASH, trunkStylesheet, withHead } from './lib/trunk_page.mjs';
import { shortNames } from './lib/wasm_names.mjs';

const root = new URL('../../', import.meta.url).pathname;
const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? 'dist';
const release = (process.env.TRUNK_PROFILE ?? 'release') === 'release';
const web = join(resolve(process.env.CARGO_TARGET_DIR ?? join(root, 'target')), 'panel-wasm', release ? 'web' : 'dev');

const hash = (...parts) => {
  const h = createHash('sha256');
  for (const part of parts) h.update(part);
  return h.digest('hex').slice(0, 16);
};
const sri = (data) => `sha384-${createHash('sha384').update(data).digest('base64')}`;
// The npm tools of the release build only: the development loop runs without them.
const { transform } = release ? await import('./node_modules/lightningcss/node/index.mjs') : {};
const { minify } = release ? await import('./node_modules/terser/main.js') : {};
const minifiedCss = (code) => (release ? transform({ filename: 'style.css', code: Buffer.from(code), minify: true }).code.toString() : code);
const minifiedJs = async (code) => (release ? (await minify(code, { module: true, compress: true, mangle: true })).code : code);
// `stem.ext`, named by its content in the release build.
const named = (stem, ext, data) => (release ? `${stem}-${hash(data)}.${ext}` : `${stem}.${ext}`);

// The stylesheet for a shadow root. The document's root rules go to the panel's own container,
// which first drops everything inherited from the host page (fonts, colours, sizes cross the shadow
// boundary; the host's rules on the element itself beat `:host`).
function shadowCss(text) {
  const own = text
    .replaceAll(':root[data-theme="light"]', ':host([data-theme="light"]) .panel-root')
    .replaceAll(':root[data-theme="dark"]', ':host([data-theme="dark"]) .panel-root')
    .replaceAll(':root', '.panel-root')
    .replaceAll('body {', '.panel-root {');
  if (own.includes(':root')) throw new Error('a :root rule is left in the shadow stylesheet');
  return `:host { display: block; }\n.panel-root { all: initial; display: block; }\n${own}`;
}

const names = readdirSync(dir);
const trunkCss = trunkStylesheet(names);
const cssSource = readFileSync(join(dir, trunkCss), 'utf8');
const pagesSource = readFileSync(join(root, 'style/pages.css'), 'utf8');
const pagesCss = minifiedCss(pagesSource);
const pagesName = named('pages', 'css', pagesCss);
writeFileSync(join(dir, pagesName), pagesCss);
const shadow = minifiedCss(shadowCss(`${cssSource}\n${pagesSource}`));
const shadowName = named('embed', 'css', shadow);
writeFileSync(join(dir, shadowName), shadow);
cpSync(join(web, 'snippets'), join(dir, 'snippets'), { recursive: true });
const snippets = readdirSync(join(dir, 'snippets'), { recursive: true })
  .filter((n) => n.endsWith('.js'))
  .map((n) => `snippets/${n.replaceAll('\\', '/')}`);

const code = release ? await splitCode() : unsplitCode();
// embed.js: its usage for host pages, then its code (minified in the release build: the first visit
// downloads it).
writeFileSync(
  join(dir, 'embed.js'),
  `// Embeds Kiubi Admin: <script type="module" src=".../embed.js"></script>, then <kiubi-admin> or
// KiubiAdmin.mount(element, options) / KiubiAdmin.unmount(handle).
${await minifiedJs(`import init, { mount, unmount, register_element } from './${code.js}';
const stylesheet = new URL('./${shadowName}', import.meta.url).href;
// Fetched while the bundle loads, for the panels' shadow roots (not on the panel's own page).
if (!document.body?.hasAttribute('data-kiubi-panel')) {
  const preload = Object.assign(document.createElement('link'), { rel: 'preload', as: 'style', href: stylesheet });
  document.head.append(preload);
} else {
  // The panel's own page shows its frame (index.html's) while the bundle loads: the signed-in one
  // for a kept session, in the theme chosen before. Storage may be refused: the sign-in page then.
  const root = document.documentElement;
  try {
    const kept = (name) => localStorage.getItem('kiubi.' + name) ?? sessionStorage.getItem('kiubi.' + name);
    root.dataset.theme = kept('theme') ?? 'system';
    root.dataset.boot = kept('token') && !/\\/sign-in(\\?|$)/.test(location.pathname + location.hash) ? 'in' : 'out';
  } catch {
    root.dataset.boot = 'out';
  }
}
await init({ module_or_path: new URL('./${code.wasm}', import.meta.url) });
register_element(stylesheet);
window.KiubiAdmin = { mount, unmount };
export { mount, unmount };
`)}
`,
);
const indexPath = join(dir, 'index.html');
writeFileSync(indexPath, withHead(readFileSync(indexPath, 'utf8'), code.head.join('\n    '), code.stylesheet));
if (release) compress();

// The debug build's code, as wasm-bindgen wrote it; the page links the lazy pages' stylesheet.
function unsplitCode() {
  for (const file of ['kiubi-panel.js', 'kiubi-panel_bg.wasm']) copyFileSync(join(web, file), join(dir, file));
  return {
    js: 'kiubi-panel.js',
    wasm: 'kiubi-panel_bg.wasm',
    head: ['<script type="module" src="./embed.js"></script>', `<link rel="stylesheet" href="./${pagesName}">`],
  };
}

// The release build's split code, hashed and minified; the page preloads the first visit's code.
async function splitCode() {
  // The chunks first: the loader names them.
  const chunks = readdirSync(web).filter((n) => /^(split_\w+|chunk_\d+)\.wasm$/.test(n));
  const renames = chunks.map((chunk) => {
    const data = readFileSync(join(web, chunk));
    const to = chunk.replace(/\.wasm$/, `-${hash(data)}.wasm`);
    writeFileSync(join(dir, to), data);
    return [chunk, to];
  });
  let splitLoader = waitForStylesheet(renameChunks(readFileSync(join(web, '__wasm_split.js'), 'utf8'), renames), pagesName, sri(pagesCss));
  const short = shortNames(readFileSync(join(web, 'kiubi-panel_bg.wasm')), readFileSync(join(web, 'kiubi-panel.js'), 'utf8'));
  // The module and its JS import each other's loader: one hash of all the code names both.
  const build = hash(short.wasm, short.glue, splitLoader);
  const wasm = `kiubi-panel-${hash(short.wasm)}_bg.wasm`;
  const js = `kiubi-panel-${build}.js`;
  const loader = `__wasm_split-${build}.js`;
  writeFileSync(join(dir, wasm), short.wasm);
  // Names of imports and exports are kept by the minifier: the module and the chunk find each other by them.
  writeFileSync(join(dir, js), await minifiedJs(renameFiles(short.glue, { loader, wasm })));
  writeFileSync(join(dir, loader), await minifiedJs(renameGlue(splitLoader, js)));
  // Trunk's stylesheet, minified and named by its new content.
  const mainCss = minifiedCss(cssSource);
  const css = named('main', 'css', mainCss);
  rmSync(join(dir, trunkCss));
  writeFileSync(join(dir, css), mainCss);
  // embed.js starts the bundle, which mounts the panel on this page; the first visit's code is fetched
  // at once, beside it (the chunk of the other pages is not: the panel fetches it when idle).
  const modules = [js, loader, ...snippets].map(
    (name) => `<link rel="modulepreload" href="./${name}" crossorigin="anonymous" integrity="${sri(readFileSync(join(dir, name)))}">`,
  );
  return {
    js,
    wasm,
    head: [
      '<script type="module" src="./embed.js"></script>',
      ...modules,
      `<link rel="preload" href="./${wasm}" crossorigin="anonymous" integrity="${sri(short.wasm)}" as="fetch" type="application/wasm">`,
    ],
    stylesheet: { from: trunkCss, to: css, integrity: sri(mainCss) },
  };
}

// .br and .gz copies of the hashed files and of the code that is not hashed (embed.js, the snippets:
// it changes only with a build).
function compress() {
  const hashed = new RegExp(`-${TRUNK_HASH}(_bg)?\\.(js|wasm|css)$`);
  for (const name of [...readdirSync(dir).filter((n) => hashed.test(n)), 'embed.js', ...snippets]) {
    const data = readFileSync(join(dir, name));
    const br = brotliCompressSync(data, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
    });
    writeFileSync(join(dir, `${name}.br`), br);
    writeFileSync(join(dir, `${name}.gz`), gzipSync(data, { level: 9 }));
    console.log(`${name}: ${data.length} bytes, brotli ${br.length}`);
  }
}
