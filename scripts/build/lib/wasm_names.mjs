// Short names for what the module and its JS call each other: wasm-bindgen names the module's
// imports from its JS like `__wbg_hasAttribute_3f271bd99815d507`, both in the wasm's import section
// and as keys of the JS's imports object (terser keeps keys), and its exports in full (`wasm.<name>`
// in the JS). 207 imports and their exports: −4.9 KB brotli on the first visit (BENCHMARKS.md).
import { TOOLS, unexpected } from './tools.mjs';

const GLUE_MODULE = './kiubi-panel_bg.js';
// Exports the chunk and its loader find by name: the memory, the function table, wasm-split's globals.
const KEPT_EXPORTS = new Set(['memory', '__indirect_function_table']);
const kept = (name) => KEPT_EXPORTS.has(name) || name.startsWith('__wasm_split');

const uleb = (n) => {
  const out = [];
  do {
    out.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
    n >>>= 7;
  } while (n);
  return out;
};
const name = (text) => [...uleb(Buffer.byteLength(text)), ...Buffer.from(text)];

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

// The export section with short names (`$0`, `$1`…), and the renames made.
function shortExports(body) {
  const r = reader(body, 0);
  const count = r.read();
  const section = [...uleb(count)];
  const renamed = [];
  for (let i = 0; i < count; i += 1) {
    let field = r.text();
    const kind = body[r.p++];
    const index = r.read();
    if (!kept(field)) {
      const short = `$${i.toString(36)}`;
      renamed.push([field, short]);
      field = short;
    }
    section.push(...name(field), kind, ...uleb(index));
  }
  if (r.p !== body.length) throw unexpected(TOOLS.wasmBindgen, 'the export section was misread');
  return { section, renamed };
}

// The import section with the glue's imports named `_0`, `_1`…, and the glue with the same keys.
function shortImports(body, glue) {
  const r = reader(body, 0);
  const count = r.read();
  const section = [...uleb(count)];
  for (let i = 0; i < count; i += 1) {
    const module = r.text();
    let field = r.text();
    const description = r.p;
    const kind = body[r.p++];
    // A function's type; a table's element type and limits; a memory's limits; a global's type.
    if (kind === 0) r.read();
    else if (kind === 1 || kind === 2) {
      if (kind === 1) r.p += 1;
      const flags = r.read();
      r.read();
      if (flags & 1) r.read();
    } else if (kind === 3) r.p += 2;
    else throw unexpected(TOOLS.wasmBindgen, `an import of unknown kind ${kind}`);
    if (module === GLUE_MODULE) {
      const short = `_${i.toString(36)}`;
      const key = new RegExp(`\\n(\\s+)${field}: `, 'g');
      const found = (glue.match(key) ?? []).length;
      if (found !== 1) throw unexpected(TOOLS.wasmBindgen, `the JS has ${found} keys ${field}, 1 expected`);
      glue = glue.replace(key, `\n$1${short}: `);
      field = short;
    }
    section.push(...name(module), ...name(field), ...body.subarray(description, r.p));
  }
  if (r.p !== body.length) throw unexpected(TOOLS.wasmBindgen, 'the import section was misread');
  return { section, glue };
}

/** The module (a Buffer) and its glue (text) with short import and export names. */
export function shortNames(wasm, glue) {
  if (wasm.readUInt32LE(0) !== 0x6d736100 || wasm.readUInt32LE(4) !== 1) throw unexpected(TOOLS.wasmBindgen, 'not a wasm module');
  const r = reader(wasm, 8);
  const parts = [wasm.subarray(0, 8)];
  while (r.p < wasm.length) {
    const start = r.p;
    const id = wasm[r.p++];
    const end = r.read() + r.p;
    const body = wasm.subarray(r.p, end);
    r.p = end;
    let section;
    if (id === 2) {
      ({ section, glue } = shortImports(body, glue));
    } else if (id === 7) {
      let renamed;
      ({ section, renamed } = shortExports(body));
      for (const [from, to] of renamed) glue = glue.replace(new RegExp(`\\bwasm\\.${from}(?![\\w$])`, 'g'), `wasm.${to}`);
      if (/wasm\.wasm_bindgen__/.test(glue)) throw unexpected(TOOLS.wasmBindgen, 'an export of the module is still named in full in its JS');
    } else {
      parts.push(wasm.subarray(start, end));
      continue;
    }
    parts.push(Buffer.from([id, ...uleb(section.length), ...section]));
  }
  return { wasm: Buffer.concat(parts), glue };
}
