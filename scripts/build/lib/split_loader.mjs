// Rewrites of wasm-split-cli's chunk loader (`__wasm_split.js`): the chunks under hashed names, and
// the chunks of split points (the lazy pages', the client reports') waiting for their stylesheet.
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

// How wasm-split-cli fetches and instantiates the chunk of a split point (hashed name: after
// renameChunks); a chunk the split points share (`chunk_<n>`) is fetched beside theirs.
const SPLIT_FETCH =
  /(const src = fetch\(new URL\("\.\/split_\w+-[0-9a-f]+\.wasm", import\.meta\.url\)\);\n)([\s\S]*?)return async \(imports\) => \(WebAssembly\.instantiateStreaming\(src, imports\)\);/g;

/**
 * The loader whose split points' chunks (`split_pages`, `split_reports`) also fetch the stylesheet
 * `href` (with its `integrity`) and are linked only once it has arrived, so that no lazy page shows
 * unstyled; on the panel's own page only (`data-kiubi-panel`): an embedded panel's shadow root links
 * every rule already. A failed stylesheet fails the chunk's download, and is asked again on a retry.
 */
export function waitForStylesheet(loader, href, integrity) {
  const splits = loader.split('fetch(new URL("./split_').length - 1;
  const known = loader.match(SPLIT_FETCH)?.length ?? 0;
  if (!loader.includes('fetch(new URL("./split_pages-') || known !== splits) {
    throw unexpected(TOOLS.wasmSplit, "the chunk loader's fetch of split_pages and the other split points' chunks");
  }
  return `${loader.replace(
    SPLIT_FETCH,
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
