// Rewrites of wasm-bindgen's JS (`kiubi-panel.js`, the glue of the split build).
import { TOOLS, unexpected } from './tools.mjs';

/** The glue importing the chunk loader as `loader` and fetching the module as `wasm` (hashed names). */
export function renameFiles(glue, { loader, wasm }) {
  // Only the import statement: the same string is also the name of the wasm's import module.
  const loaderImport = 'from "./__wasm_split.js"';
  const wasmName = "'kiubi-panel_bg.wasm'";
  for (const from of [loaderImport, wasmName]) {
    if (!glue.includes(from)) throw unexpected(TOOLS.wasmBindgen, `no ${from} to rename in the JS`);
  }
  return glue.replaceAll(loaderImport, `from "./${loader}"`).replaceAll(wasmName, `'${wasm}'`);
}
