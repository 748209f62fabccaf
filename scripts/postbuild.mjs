// After `trunk build`: writes `embed.js`, the stable-named loader of the bundle (host pages import it
// to embed the panel; it exposes `mount`/`unmount`), makes index.html load it in place of Trunk's
// inline script (so a strict Content-Security-Policy needs no inline code), then .br and .gz copies beside
// the hashed assets, so static hosts (nginx's gzip_static/brotli_static, the stand-in) serve them
// compressed. index.html and config.json are not compressed: deployments edit them.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const dir = process.argv[2] ?? 'dist';
const names = readdirSync(dir);
// Trunk's content hash: a 64-bit number in hex, leading zeros dropped.
const HASH = '[0-9a-f]{8,16}';
const js = names.find((n) => new RegExp(`^kiubi-panel-${HASH}\\.js$`).test(n));
const wasm = names.find((n) => new RegExp(`^kiubi-panel-${HASH}_bg\\.wasm$`).test(n));
if (!js || !wasm) throw new Error(`no built panel in ${dir}`);
writeFileSync(
  join(dir, 'embed.js'),
  `// Embeds Kiubi Admin: <script type="module" src=".../embed.js"></script>, then <kiubi-admin> or
// KiubiAdmin.mount(element, options) / KiubiAdmin.unmount(handle).
import init, { mount, unmount } from './${js}';
await init({ module_or_path: new URL('./${wasm}', import.meta.url) });
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
