// After `trunk build` (the page, the stylesheet, config.json) and `build_wasm` (scripts/setup.sh: the
// wasm-bindgen output of the split build): copies the code into dist under names that carry a hash
// of their content (the main module and its JS, the loader of the chunks, the chunk of the other
// pages), minifies the stylesheets (the first visit's `main-<hash>.css`; the lazy pages' `pages-<hash>.css`,
// which the chunk's loader fetches with the chunk), writes the stylesheet of embedded panels
// (`embed-<hash>.css`: both, rewritten for a shadow root) and `embed.js`, the stable-named loader of the bundle (host pages import it to embed
// the panel; it exposes `mount`/`unmount`), makes index.html load it (no inline code, so a strict
// Content-Security-Policy holds) with the first visit's code preloaded, then writes .br and .gz copies
// beside the hashed assets, embed.js and the snippets, so static hosts (nginx's gzip_static and
// brotli_static, the stand-in) serve them compressed. index.html and config.json are not compressed:
// deployments edit them.
import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { transform } from './build-tools/node_modules/lightningcss/node/index.mjs';
import { minify } from './build-tools/node_modules/terser/main.js';

const dir = process.argv[2] ?? 'dist';
const web = process.argv[3] ?? 'target/panel-wasm/web';
const hash = (...parts) => {
  const h = createHash('sha256');
  for (const part of parts) h.update(part);
  return h.digest('hex').slice(0, 16);
};
const sri = (data) => `sha384-${createHash('sha384').update(data).digest('base64')}`;

// Minified here (lightningcss, the minifier Trunk would use), not by Trunk, whose minification would
// rewrite index.html too: deployments edit its `<base href="/" />`.
const minifiedCss = (code) => transform({ filename: 'style.css', code: Buffer.from(code), minify: true }).code;

// The lazy pages' rules (style/pages.css), named by their content; the chunk's loader fetches them.
const pagesSource = readFileSync(new URL('../style/pages.css', import.meta.url), 'utf8');
const pagesCss = minifiedCss(pagesSource);
const pagesName = `pages-${hash(pagesCss)}.css`;
writeFileSync(join(dir, pagesName), pagesCss);

// The chunks first: the loader names them.
let splitLoader = readFileSync(join(web, '__wasm_split.js'), 'utf8');
const chunks = readdirSync(web).filter((n) => /^split_\w+\.wasm$/.test(n));
for (const chunk of chunks) {
  const data = readFileSync(join(web, chunk));
  const named = chunk.replace(/\.wasm$/, `-${hash(data)}.wasm`);
  writeFileSync(join(dir, named), data);
  const reference = `"./${chunk}"`;
  if (!splitLoader.includes(reference)) throw new Error(`the chunk loader does not name ${chunk}`);
  splitLoader = splitLoader.replaceAll(reference, `"./${named}"`);
}
// The chunk of the lazy pages waits for their stylesheet too, so that no page shows unstyled; on the
// panel's own page only: an embedded panel's shadow root links every rule (embed-<hash>.css).
const pagesFetch = /(const src = fetch\(new URL\("\.\/split_pages-[0-9a-f]+\.wasm", import\.meta\.url\)\);\n)([\s\S]*?)return async \(imports\) => \(WebAssembly\.instantiateStreaming\(src, imports\)\);/;
if (!pagesFetch.test(splitLoader)) throw new Error("the chunk loader's fetch of split_pages is not as expected");
splitLoader = `${splitLoader.replace(
  pagesFetch,
  '$1    const style = pagesStyle();\n$2return async (imports) => (await style, WebAssembly.instantiateStreaming(src, imports));',
)}
function pagesStyle() {
  if (!document.body?.hasAttribute('data-kiubi-panel')) return Promise.resolve();
  const href = new URL('./${pagesName}', import.meta.url).href;
  let link = [...document.querySelectorAll('link[rel="stylesheet"]')].find((l) => l.href === href);
  if (link?.sheet) return Promise.resolve();
  if (!link) {
    link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href, integrity: '${sri(pagesCss)}' });
    document.head.append(link);
  }
  return new Promise((resolve, reject) => {
    link.addEventListener('load', resolve, { once: true });
    // Removed, so that a retry (the panel's Retry) asks again.
    link.addEventListener('error', () => { link.remove(); reject(new Error(\`\${href} could not be loaded\`)); }, { once: true });
  });
}
`;
// The module's imports from its JS are named by wasm-bindgen like `__wbg_hasAttribute_3f271bd99815d507`,
// both in the wasm and as keys in the JS (terser keeps keys): 207 of them, short names here instead
// (−4.8 KB brotli on the first visit, BENCHMARKS.md).
const GLUE_MODULE = './kiubi-panel_bg.js';
const uleb = (n) => {
  const out = [];
  do {
    out.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
    n >>>= 7;
  } while (n);
  return out;
};
// Reads `bytes` from `at` on: LEB128 numbers and length-prefixed names; `p` is where it stands.
function reader(bytes, at) {
  const r = {
    p: at,
    read() {
      let value = 0;
      let shift = 0;
      let byte;
      do {
        byte = bytes[r.p++];
        value |= (byte & 0x7f) << shift;
        shift += 7;
      } while (byte & 0x80);
      return value >>> 0;
    },
    text() {
      const length = r.read();
      r.p += length;
      return bytes.subarray(r.p - length, r.p).toString('utf8');
    },
  };
  return r;
}
// The module's exports get short names too (`$0`, `$1`…; its JS calls them `wasm.<name>`), but for
// those the chunk and its loader find by name: the memory, the function table, the shared globals.
const KEPT_EXPORTS = new Set(['memory', '__indirect_function_table']);
function shortExports(body) {
  const r = reader(body, 0);
  const count = r.read();
  const section = [...uleb(count)];
  const renamed = [];
  for (let i = 0; i < count; i += 1) {
    let name = r.text();
    const kind = body[r.p++];
    const index = r.read();
    if (!KEPT_EXPORTS.has(name) && !name.startsWith('__wasm_split')) {
      const short = `$${i.toString(36)}`;
      renamed.push([name, short]);
      name = short;
    }
    section.push(...uleb(Buffer.byteLength(name)), ...Buffer.from(name), kind, ...uleb(index));
  }
  if (r.p !== body.length) throw new Error('the export section was misread');
  return { section, renamed };
}

function shortNames(wasm, glue) {
  const r = reader(wasm, 8);
  const { read, text } = r;
  const parts = [wasm.subarray(0, 8)];
  while (r.p < wasm.length) {
    const start = r.p;
    const id = wasm[r.p++];
    const end = read() + r.p;
    if (id === 7) {
      const { section, renamed } = shortExports(wasm.subarray(r.p, end));
      for (const [from, to] of renamed) glue = glue.replace(new RegExp(`\\bwasm\\.${from}(?![\\w$])`, 'g'), `wasm.${to}`);
      if (/wasm\.wasm_bindgen__/.test(glue)) throw new Error('an export of the module is still named in full in its JS');
      parts.push(Buffer.from([7, ...uleb(section.length), ...section]));
      r.p = end;
      continue;
    }
    if (id !== 2) {
      r.p = end;
      parts.push(wasm.subarray(start, end));
      continue;
    }
    const count = read();
    const section = [...uleb(count)];
    for (let i = 0; i < count; i += 1) {
      const module = text();
      let field = text();
      const description = r.p;
      const kind = wasm[r.p++];
      // A function's type; a table's element type and limits; a memory's limits; a global's type.
      if (kind === 0) read();
      else if (kind === 1 || kind === 2) {
        if (kind === 1) r.p += 1;
        const flags = read();
        read();
        if (flags & 1) read();
      } else if (kind === 3) r.p += 2;
      else throw new Error(`unknown import kind ${kind}`);
      if (module === GLUE_MODULE) {
        const short = `_${i.toString(36)}`;
        const key = new RegExp(`\\n(\\s+)${field}: `, 'g');
        if ((glue.match(key) ?? []).length !== 1) throw new Error(`the JS has not one key ${field}`);
        glue = glue.replace(key, `\n$1${short}: `);
        field = short;
      }
      for (const name of [module, field]) section.push(...uleb(Buffer.byteLength(name)), ...Buffer.from(name));
      section.push(...wasm.subarray(description, r.p));
    }
    if (r.p !== end) throw new Error('the import section was misread');
    parts.push(Buffer.from([2, ...uleb(section.length), ...section]));
  }
  return { wasm: Buffer.concat(parts), glue };
}

// wasm-streams' classes, whose exports build_wasm removed from the module (scripts/setup.sh): their JS
// goes too. Each found exactly once, so a wasm-bindgen that writes them otherwise stops the build.
function withoutStreamClasses(glue) {
  const classes = /^export class (IntoUnderlying\w+) \{\n[\s\S]*?^\}\nif \(Symbol\.dispose\) \1\.prototype\[Symbol\.dispose\] = \1\.prototype\.free;\n/gm;
  const registries = /^const IntoUnderlying\w+Finalization = [^;]*;\n/gm;
  for (const pattern of [classes, registries]) {
    const found = glue.match(pattern) ?? [];
    if (found.length !== 3) throw new Error(`wasm-streams' JS classes: ${found.length} of ${pattern}, 3 expected`);
    glue = glue.replace(pattern, '');
  }
  if (/intounderlying/i.test(glue)) throw new Error("wasm-streams' JS classes are still named in the JS");
  return glue;
}

// The module and its JS import each other's loader: one hash of all the code names both.
const short = shortNames(
  readFileSync(join(web, 'kiubi-panel_bg.wasm')),
  withoutStreamClasses(readFileSync(join(web, 'kiubi-panel.js'), 'utf8')),
);
const wasmData = short.wasm;
let glue = short.glue;
const build = hash(wasmData, glue, splitLoader);
const wasm = `kiubi-panel-${hash(wasmData)}_bg.wasm`;
const js = `kiubi-panel-${build}.js`;
const loader = `__wasm_split-${build}.js`;
writeFileSync(join(dir, wasm), wasmData);
for (const [text, from, to] of [
  [splitLoader, '"./kiubi-panel.js"', `"./${js}"`],
  [glue, 'from "./__wasm_split.js"', `from "./${loader}"`],
]) {
  if (!text.includes(from)) throw new Error(`no ${from} to rename in the built code`);
}
splitLoader = splitLoader.replaceAll('"./kiubi-panel.js"', `"./${js}"`);
// Only the import statement: the same string is also the name of the wasm's import module.
glue = glue.replaceAll('from "./__wasm_split.js"', `from "./${loader}"`).replaceAll("'kiubi-panel_bg.wasm'", `'${wasm}'`);
// Minified (the glue is 63 KB as wasm-bindgen writes it): names of imports and exports are kept, as
// the module and the chunk find each other by them.
const minified = async (code) => (await minify(code, { module: true, compress: true, mangle: true })).code;
writeFileSync(join(dir, js), await minified(glue));
writeFileSync(join(dir, loader), await minified(splitLoader));
cpSync(join(web, 'snippets'), join(dir, 'snippets'), { recursive: true });
const snippets = readdirSync(join(dir, 'snippets'), { recursive: true })
  .filter((n) => n.endsWith('.js'))
  .map((n) => `snippets/${n.replaceAll('\\', '/')}`);

const names = readdirSync(dir);
// Trunk's content hash of the stylesheet: a 64-bit number in hex, leading zeros dropped.
const HASH = '[0-9a-f]{8,16}';
const trunkCss = names.find((n) => new RegExp(`^main-${HASH}\\.css$`).test(n));
if (!trunkCss) throw new Error(`no built stylesheet in ${dir}`);
const cssSource = readFileSync(join(dir, trunkCss), 'utf8');
// Minified (see minifiedCss) and named by its new content.
const mainCss = minifiedCss(cssSource);
const css = `main-${hash(mainCss)}.css`;
rmSync(join(dir, trunkCss));
writeFileSync(join(dir, css), mainCss);
names.splice(names.indexOf(trunkCss), 1, css);

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
const shadow = minifiedCss(shadowCss(`${cssSource}\n${pagesSource}`));
const shadowName = `embed-${createHash('sha256').update(shadow).digest('hex').slice(0, 16)}.css`;
writeFileSync(join(dir, shadowName), shadow);
names.push(shadowName);

writeFileSync(
  join(dir, 'embed.js'),
  `// Embeds Kiubi Admin: <script type="module" src=".../embed.js"></script>, then <kiubi-admin> or
// KiubiAdmin.mount(element, options) / KiubiAdmin.unmount(handle).
import init, { mount, unmount, register_element } from './${js}';
const stylesheet = new URL('./${shadowName}', import.meta.url).href;
// Fetched while the bundle loads, for the panels' shadow roots (not on the panel's own page).
if (!document.body?.hasAttribute('data-kiubi-panel')) {
  const preload = Object.assign(document.createElement('link'), { rel: 'preload', as: 'style', href: stylesheet });
  document.head.append(preload);
}
await init({ module_or_path: new URL('./${wasm}', import.meta.url) });
register_element(stylesheet);
window.KiubiAdmin = { mount, unmount };
export { mount, unmount };
`,
);

// embed.js starts the bundle, which mounts the panel on this page; the first visit's code is fetched
// at once, beside it (the chunk of the other pages is not: the panel fetches it when idle).
const indexPath = join(dir, 'index.html');
const index = readFileSync(indexPath, 'utf8');
const modules = [js, loader, ...snippets].map(
  (name) => `<link rel="modulepreload" href="./${name}" crossorigin="anonymous" integrity="${sri(readFileSync(join(dir, name)))}">`,
);
const preloads = [
  '<script type="module" src="./embed.js"></script>',
  ...modules,
  `<link rel="preload" href="./${wasm}" crossorigin="anonymous" integrity="${sri(wasmData)}" as="fetch" type="application/wasm">`,
].join('\n    ');
// Trunk leaves the placeholder of the code it did not build (index.html explains it).
const placeholder = /\n\s*<!-- The code is built[^\n]*\n\s*<link data-trunk rel="rust"[^>]*>/;
const stylesheetLink = new RegExp(`<link rel="stylesheet" href="\\./${trunkCss}" integrity="[^"]*"/>`);
if (!placeholder.test(index) || !stylesheetLink.test(index) || !index.includes('</head>')) {
  throw new Error('index.html is not as Trunk writes it');
}
writeFileSync(
  indexPath,
  index
    .replace(placeholder, '')
    .replace(stylesheetLink, `<link rel="stylesheet" href="./${css}" integrity="${sri(mainCss)}"/>`)
    .replace('</head>', `  ${preloads}\n  </head>`),
);

const hashed = new RegExp(`-${HASH}(_bg)?\\.(js|wasm|css)$`);
// The code that is not hashed (embed.js, the snippets) is compressed too: it changes only with a build.
for (const name of [...names.filter((n) => hashed.test(n)), 'embed.js', ...snippets]) {
  const data = readFileSync(join(dir, name));
  const br = brotliCompressSync(data, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
  });
  writeFileSync(join(dir, `${name}.br`), br);
  writeFileSync(join(dir, `${name}.gz`), gzipSync(data, { level: 9 }));
  console.log(`${name}: ${data.length} bytes, brotli ${br.length}`);
}
