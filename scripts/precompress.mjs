// Writes .br and .gz copies beside the hashed assets of a build (dist/ by default), so static hosts
// (nginx's gzip_static/brotli_static, the stand-in) serve them compressed without compressing on the
// fly. index.html and config.json are left alone: deployments edit them.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const dir = process.argv[2] ?? 'dist';
const hashed = /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/;
for (const name of readdirSync(dir).filter((n) => hashed.test(n))) {
  const data = readFileSync(join(dir, name));
  const br = brotliCompressSync(data, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
  });
  writeFileSync(join(dir, `${name}.br`), br);
  writeFileSync(join(dir, `${name}.gz`), gzipSync(data, { level: 9 }));
  console.log(`${name}: ${data.length} bytes, brotli ${br.length}`);
}
