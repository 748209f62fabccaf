// The benchmarks' one way to start a stand-in: the binary at `binary`, serving `dist` on a new
// database in a temporary folder, on a free loopback port, with more `args` (seeded sites, latency,
// quota). Resolves with its address (no trailing slash) once it prints it, and a `stop` that ends
// it and removes its folder.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function startStandin(binary, dist, args = []) {
  const dir = mkdtempSync(join(tmpdir(), 'kiubi-bench-'));
  const child = spawn(binary, ['--listen', '127.0.0.1:0', '--db', join(dir, 'db.sqlite'), '--dist', dist, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const found = out.match(/Panel and API on (http:\/\/\S+)/);
      if (found) resolve(found[1].replace(/\/$/, ''));
    });
    child.on('exit', (code) => reject(new Error(`the stand-in stopped (${code}): ${out}`)));
  });
  return { url, stop: () => (child.kill(), rmSync(dir, { recursive: true, force: true })) };
}
