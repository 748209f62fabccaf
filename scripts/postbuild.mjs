// After `trunk build`: writes the stylesheet of embedded panels (`embed-<hash>.css`: the panel's own,
// rewritten for a shadow root) and `embed.js`, the stable-named loader of the bundle (host pages
// import it to embed the panel; it exposes `mount`/`unmount`), makes index.html load it in place of Trunk's
// inline script (so a strict Content-Security-Policy needs no inline code), then .br and .gz copies beside
// the hashed assets, so static hosts (nginx's gzip_static/brotli_static, the stand-in) serve them
// compressed. index.html and config.json are not compressed: deployments edit them.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const dir = process.argv[2] ?? 'dist';
const names = readdirSync(dir);
// Trunk's content hash: a 64-bit number in hex, leading zeros dropped.
const HASH = '[0-9a-f]{8,16}';
const js = names.find((n) => new RegExp(`^kiubi-panel-${HASH}\\.js$`).test(n));
const wasm = names.find((n) => new RegExp(`^kiubi-panel-${HASH}_bg\\.wasm$`).test(n));
const css = names.find((n) => new RegExp(`^main-${HASH}\\.css$`).test(n));
if (!js || !wasm || !css) throw new Error(`no built panel in ${dir}`);

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
const shadow = shadowCss(readFileSync(join(dir, css), 'utf8'));
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

// Trunk's inline loader goes; embed.js starts the bundle, which mounts the panel on this page.
const indexPath = join(dir, 'index.html');
const index = readFileSync(indexPath, 'utf8');
const withoutInline = index.replace(/<script type="module">[\s\S]*?<\/script>/, '<script type="module" src="./embed.js"></script>');
if (!withoutInline.includes('src="./embed.js"')) throw new Error('no Trunk loader found in index.html');
writeFileSync(indexPath, withoutInline);

const hashed = new RegExp(`-${HASH}(_bg)?\\.(js|wasm|css)$`);
for (const name of names.filter((n) => hashed.test(n))) {
  const data = readFileSync(join(dir, name));
  const br = brotliCompressSync(data, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
  });
  writeFileSync(join(dir, `${name}.br`), br);
  writeFileSync(join(dir, `${name}.gz`), gzipSync(data, { level: 9 }));
  console.log(`${name}: ${data.length} bytes, brotli ${br.length}`);
}
