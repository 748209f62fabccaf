// Rewrites of wasm-split-cli's chunk loader (`__wasm_split.js`): the chunks under hashed names, and
// the lazy pages' chunk waiting for their stylesheet.
import { TOOLS, unexpected } from './tools.mjs';

/** The loader naming each chunk of `renames` ([`split_pages.wasm`, `split_pages-<hash>.wasm`]…) by its new name. */
export function renameChunks(loader, renames) {
  for (const [from, to] of renames) {
    const reference = `"./${from}"`;
    if (!loader.includes(reference)) throw unexpected(TOOLS.wasmSplit, `the chunk loader does not name ${from}`);
    loader = loader.replaceAll(reference, `"./${to}"`);
  }
  return loader;
}

// How wasm-split-cli fetches and instantiates one chunk (hashed name: after renameChunks).
const PAGES_FETCH =
  /(const src = fetch\(new URL\("\.\/split_pages-[0-9a-f]+\.wasm", import\.meta\.url\)\);\n)([\s\S]*?)return async \(imports\) => \(WebAssembly\.instantiateStreaming\(src, imports\)\);/;

/**
 * The loader whose `split_pages` chunk also fetches the stylesheet `href` (with its `integrity`) and
 * is linked only once it has arrived, so that no lazy page shows unstyled; on the panel's own page
 * only (`data-kiubi-panel`): an embedded panel's shadow root links every rule already. A failed
 * stylesheet fails the chunk's download, and is asked again on a retry.
 */
export function waitForStylesheet(loader, href, integrity) {
  if (!PAGES_FETCH.test(loader)) throw unexpected(TOOLS.wasmSplit, "the chunk loader's fetch of split_pages");
  return `${loader.replace(
    PAGES_FETCH,
    '$1    const style = pagesStyle();\n$2return async (imports) => (await style, WebAssembly.instantiateStreaming(src, imports));',
  )}
function pagesStyle() {
  if (!document.body?.hasAttribute('data-kiubi-panel')) return Promise.resolve();
  const href = new URL('./${href}', import.meta.url).href;
  let link = [...document.querySelectorAll('link[rel="stylesheet"]')].find((l) => l.href === href);
  if (link?.sheet) return Promise.resolve();
  if (!link) {
    link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href, integrity: '${integrity}' });
    document.head.append(link);
  }
  return new Promise((resolve, reject) => {
    link.addEventListener('load', resolve, { once: true });
    // Removed, so that a retry (the panel's Retry) asks again.
    link.addEventListener('error', () => { link.remove(); reject(new Error(\`\${href} could not be loaded\`)); }, { once: true });
  });
}
`;
}

/** The loader importing the panel's JS under its hashed name. */
export function renameGlue(loader, js) {
  const from = '"./kiubi-panel.js"';
  if (!loader.includes(from)) throw unexpected(TOOLS.wasmSplit, `the chunk loader does not import ${from}`);
  return loader.replaceAll(from, `"./${js}"`);
}
