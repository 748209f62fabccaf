// The first visit's bytes, a deterministic check (run by scripts/test.sh after the build): every file
// the sign-in page and then the sites list download (the page, what it links and preloads, the
// loader embed.js and what it imports, config.json), each counted brotli-compressed as a static host
// serves it (the .br copy written by scripts/build/page.mjs, else compressed here at the same quality). The
// chunk of the other pages and their stylesheet are not part of it: the panel downloads them when
// the browser is idle after the first screen (BENCHMARKS.md). Fails when the sum is over the limit.
//
//   node scripts/first_visit.mjs [dist] [limit in bytes]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const dir = process.argv[2] ?? 'dist';
const limit = Number(process.argv[3] ?? 200_000);

const served = (name) => {
  const br = join(dir, `${name}.br`);
  if (existsSync(br)) return readFileSync(br).length;
  const data = readFileSync(join(dir, name));
  return brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
};

const index = readFileSync(join(dir, 'index.html'), 'utf8');
const linked = [...index.matchAll(/<(?:link|script)\b[^>]*\b(?:href|src)="\.\/([^"]+)"/g)].map((m) => m[1]);
const embed = readFileSync(join(dir, 'embed.js'), 'utf8');
// The files embed.js names: the panel's JS, its wasm (the embedded stylesheet is for host pages only).
const loaded = [...embed.matchAll(/["']\.\/([^"']+\.(?:js|wasm))["']/g)].map((m) => m[1]);
const files = [...new Set(['index.html', 'config.json', ...linked, ...loaded])];
if (!files.some((f) => f.endsWith('.wasm')) || !files.some((f) => /^kiubi-panel-.*\.js$/.test(f))) {
  throw new Error('the first visit names no panel code: is dist built?');
}
let total = 0;
for (const file of files) {
  const bytes = served(file);
  total += bytes;
  console.log(`${String(bytes).padStart(9)}  ${file}`);
}
console.log(`${String(total).padStart(9)}  first visit, brotli (limit ${limit})`);
for (const lazy of readdirSync(dir).filter((n) => /^((split_\w+|chunk_\d+)-[0-9a-f]+\.wasm|pages-[0-9a-f]+\.css)$/.test(n))) {
  console.log(`${String(served(lazy)).padStart(9)}  not counted: ${lazy}, downloaded when idle or when its page opens`);
}
if (total > limit) {
  console.error(`the first visit is ${total - limit} bytes over its limit of ${limit}`);
  process.exit(1);
}
