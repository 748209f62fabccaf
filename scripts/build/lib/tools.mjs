// The versions of the tools whose output the build rewrites: a step that meets output it does not
// know fails with a message naming the version it was written for, not with a blank page later.
import { readFileSync } from 'node:fs';

const root = new URL('../../../', import.meta.url);
const env = readFileSync(new URL('scripts/tool-versions.env', root), 'utf8');
const setting = (name) => env.match(new RegExp(`^${name}=(\\S+)$`, 'm'))?.[1] ?? 'unknown';
const lock = readFileSync(new URL('Cargo.lock', root), 'utf8');

export const TOOLS = {
  trunk: `Trunk ${setting('TRUNK_VERSION')}`,
  wasmSplit: `wasm-split-cli ${setting('WASM_SPLIT_VERSION')}`,
  wasmBindgen: `wasm-bindgen ${lock.match(/name = "wasm-bindgen"\nversion = "([^"]+)"/)?.[1] ?? 'unknown'}`,
};

/** The error of a step that found `what` not as `tool` writes it. */
export function unexpected(tool, what) {
  return new Error(`${what}: the build knows the output of ${tool}; the installed one writes otherwise (scripts/build/lib)`);
}
