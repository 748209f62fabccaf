// The build's rewrites of other tools' output (scripts/build/lib), on fixtures of each tool's output:
// what each step makes of it, and that input it does not know stops the build with a message naming
// the tool version it was written for. `node --test scripts/build/test` (scripts/test.sh runs it).
// fixtures/: trunk-index.html (Trunk 0.21.14's page), wasm-split-loader.js (wasm-split-cli 0.2.4's
// __wasm_split.js for the panel), module.wat/.wasm and glue.js (a module with a wasm-bindgen 0.2.130
// module's kinds of imports and exports, and the JS that goes with it).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { renameFiles } from '../lib/glue.mjs';
import { renameChunks, renameGlue, waitForStylesheet } from '../lib/split_loader.mjs';
import { trunkStylesheet, withHead } from '../lib/trunk_page.mjs';
import { shortNames } from '../lib/wasm_names.mjs';

const fixture = (name) => readFileSync(new URL(`fixtures/${name}`, import.meta.url));
const text = (name) => fixture(name).toString('utf8');
// A module's sections: [id, body as hex].
function sections(bytes) {
  const out = [];
  for (let p = 8; p < bytes.length; ) {
    const id = bytes[p++];
    let size = 0;
    for (let shift = 0, byte = 0x80; byte & 0x80; shift += 7) {
      byte = bytes[p++];
      size |= (byte & 0x7f) << shift;
    }
    out.push([id, Buffer.from(bytes.subarray(p, p + size)).toString('hex')]);
    p += size;
  }
  return out;
}
const names = (list) => list.map((entry) => `${entry.module ? `${entry.module} ` : ''}${entry.name}`);

test('wasm_names: the JS imports and the exports get short names, in the module and in its JS alike', () => {
  const { wasm, glue } = shortNames(fixture('module.wasm'), text('glue.js'));
  const module = new WebAssembly.Module(wasm);
  // Imports are numbered among all imports; only the JS's are renamed.
  assert.deepEqual(names(WebAssembly.Module.imports(module)), [
    'env mem', 'env table', 'env g', './kiubi-panel_bg.js _3', './__wasm_split.js __wasm_split_load_pages', './kiubi-panel_bg.js _5',
  ]);
  // What the chunk and its loader find by name keeps it.
  assert.deepEqual(names(WebAssembly.Module.exports(module)), ['__wasm_split_00pages00_global', '$1', '$2', '$3', 'memory', '__indirect_function_table']);
  assert.match(glue, /\n {8}_3: function\(arg0\) \{\n {12}return wasm\.\$2\(arg0\);/);
  assert.match(glue, /\n {8}_5: function/);
  assert.match(glue, /const ret = wasm\.\$1\(arg0\);\n {4}wasm\.\$3\(\);/);
  assert.match(glue, /wasm\.memory\.buffer/);
  assert.doesNotMatch(glue, /__wbg_hasAttribute|__wbindgen_cast|wasm\.mount|__wbindgen_malloc/);
  // Every other section is as it was, in the same order.
  const others = (bytes) => sections(bytes).map(([id, body]) => (id === 2 || id === 7 ? id : `${id}:${body}`));
  assert.deepEqual(others(wasm), others(fixture('module.wasm')));
});

test('wasm_names: a JS that does not name an import once, or still names an export in full, stops the build', () => {
  const glue = text('glue.js');
  for (const broken of [
    glue.replace('__wbg_hasAttribute_3f271bd99815d507:', 'hasAttribute:'),
    glue.replace('return { "./kiubi', '    __wbindgen_cast_0000000000000001: null,\n    return { "./kiubi'),
    glue.replace('wasm.mount(arg0)', 'wasm.mount(arg0) + wasm.wasm_bindgen__convert__closures__other(arg0)'),
  ]) {
    assert.throws(() => shortNames(fixture('module.wasm'), broken), /wasm-bindgen 0\.2\.130/);
  }
  assert.throws(() => shortNames(Buffer.from('not a module'), glue), /not a wasm module.*wasm-bindgen 0\.2\.130/);
});

test('glue: the chunk loader and the module under their hashed names', () => {
  const glue = renameFiles(text('glue.js'), { loader: '__wasm_split-00aa.js', wasm: 'kiubi-panel-11bb_bg.wasm' });
  assert.match(glue, /from "\.\/__wasm_split-00aa\.js";/);
  assert.match(glue, /new URL\('kiubi-panel-11bb_bg\.wasm', import\.meta\.url\)/);
  // The import module's name in the imports object is the wasm's, not a file: left alone.
  assert.match(glue, /"\.\/__wasm_split\.js": \{ __wasm_split_load_pages \}/);
  assert.throws(() => renameFiles(glue, { loader: 'a.js', wasm: 'b.wasm' }), /no from "\.\/__wasm_split\.js".*wasm-bindgen 0\.2\.130/);
});

// The loader's chunks: two split points' and the one they share.
const CHUNKS = [
  ['split_pages.wasm', 'split_pages-0123abcd.wasm'],
  ['split_reports.wasm', 'split_reports-4567cdef.wasm'],
  ['chunk_3.wasm', 'chunk_3-89ab0123.wasm'],
];

test("split_loader: the chunks under their hashed names, the split points' waiting for the lazy pages' stylesheet", () => {
  const source = text('wasm-split-loader.js');
  const loader = renameGlue(waitForStylesheet(renameChunks(source, CHUNKS), 'pages-4567.css', 'sha384-xyz'), 'kiubi-panel-89ef.js');
  for (const [from, to] of CHUNKS) assert.ok(!loader.includes(`"./${from}"`) && loader.includes(`"./${to}"`), to);
  // Both split points' chunks wait for the stylesheet; the shared one needs not (it comes with either).
  assert.equal(loader.match(/return async \(imports\) => \(await style, WebAssembly\.instantiateStreaming\(src, imports\)\);/g).length, 2);
  assert.match(loader, /chunk_3-89ab0123\.wasm", import\.meta\.url\)\);\n {4}src\.catch\(\(\) => \{\}\);\n {4}return async \(imports\) => \(WebAssembly/);
  assert.ok(!loader.includes('"./kiubi-panel.js"') && loader.includes('"./kiubi-panel-89ef.js"'));
  assert.match(loader, /const style = pagesStyle\(\);[\s\S]*return async \(imports\) => \(await style, WebAssembly\.instantiateStreaming\(src, imports\)\);/);
  assert.match(loader, /new URL\('\.\/pages-4567\.css', import\.meta\.url\)/);
  assert.match(loader, /integrity: 'sha384-xyz'/);
  // It is still a module that parses.
  const dir = mkdtempSync(join(tmpdir(), 'kiubi-build-'));
  writeFileSync(join(dir, 'loader.mjs'), loader);
  const check = spawnSync(process.execPath, ['--check', join(dir, 'loader.mjs')], { encoding: 'utf8' });
  rmSync(dir, { recursive: true });
  assert.equal(check.status, 0, check.stderr);
});

test('split_loader: a loader that does not name the chunk or fetches it otherwise stops the build', () => {
  const source = text('wasm-split-loader.js');
  assert.throws(() => renameChunks(source, [['split_other.wasm', 'x.wasm']]), /does not name split_other\.wasm.*wasm-split-cli 0\.2\.4/);
  const otherwise = renameChunks(source, CHUNKS).replaceAll('instantiateStreaming(src, imports)', 'instantiate(src, imports)');
  assert.throws(() => waitForStylesheet(otherwise, 'p.css', 'i'), /fetch of split_pages.*wasm-split-cli 0\.2\.4/);
  const oneOtherwise = renameChunks(source, CHUNKS).replace(/(split_reports[\s\S]*?)instantiateStreaming/, '$1instantiate');
  assert.throws(() => waitForStylesheet(oneOtherwise, 'p.css', 'i'), /other split points' chunks/);
  assert.throws(() => renameGlue('export {}', 'k.js'), /wasm-split-cli 0\.2\.4/);
});

test("trunk_page: the code's placeholder out, the stylesheet renamed, the head's links in", () => {
  const source = text('trunk-index.html');
  const css = trunkStylesheet(['config.json', 'index.html', 'main-e29ab3b0f7063571.css']);
  assert.equal(css, 'main-e29ab3b0f7063571.css');
  const page = withHead(source, '<script type="module" src="./embed.js"></script>', { from: css, to: 'main-42.css', integrity: 'sha384-abc' });
  assert.doesNotMatch(page, /data-trunk|The code/);
  assert.match(page, /<link rel="stylesheet" href="\.\/main-42\.css" integrity="sha384-abc"\/>/);
  assert.match(page, /<script type="module" src="\.\/embed\.js"><\/script>\n {2}<\/head>/);
  // The rest as Trunk wrote it: the base that deployments edit, the body the panel mounts on.
  for (const kept of ['<base href="/" />', '<body data-kiubi-panel></body>', '<link rel="icon"']) assert.ok(page.includes(kept), kept);
  // Without a stylesheet to rename (the debug build), Trunk's link stays.
  assert.ok(withHead(source, '', undefined).includes(`href="./${css}"`));
});

test('trunk_page: a page or a file list that is not as Trunk writes them stops the build', () => {
  const source = text('trunk-index.html');
  assert.throws(() => trunkStylesheet(['index.html', 'style.css']), /no main-<hash>\.css.*Trunk 0\.21\.14/);
  assert.throws(() => withHead(source.replace(/<link data-trunk[^>]*>/, ''), ''), /placeholder.*Trunk 0\.21\.14/);
  assert.throws(() => withHead(source, '', { from: 'main-0.css', to: 'x', integrity: 'y' }), /link to main-0\.css.*Trunk 0\.21\.14/);
});
