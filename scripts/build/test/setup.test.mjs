// scripts/setup.sh's `at_once`, which the run and test commands use for their installs and builds:
// every job runs, a failed one fails the whole and shows its log, and success says each job's end.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

const setup = new URL('../../setup.sh', import.meta.url).pathname;
const run = (script) => spawnSync('bash', ['-c', `source ${setup}\n${script}`], { encoding: 'utf8' });

test('at_once: every job runs to its end, and a failed one fails the whole with its log', () => {
  const failing = run(`
    marker="$(mktemp)"
    slow() { sleep 0.2; echo slow >>"$marker"; }
    broken() { echo "the reason it broke"; return 3; }
    fine() { echo fine >>"$marker"; }
    trap 'sort "$marker"; rm -f "$marker"' EXIT
    at_once slow broken fine
    echo "went on"`);
  // As the run and test commands call it: under \`set -e\`, a failure stops the script.
  assert.doesNotMatch(failing.stdout, /went on/);
  assert.notEqual(failing.status, 0);
  assert.doesNotMatch(failing.stdout, /done: broken/);
  assert.match(failing.stdout, /--- broken failed[^\n]*\nthe reason it broke/);
  // The others ran to their end, the slow one too.
  assert.match(failing.stdout, /fine\nslow/);
  assert.match(failing.stdout, /done: fine/);
  assert.match(failing.stdout, /done: slow/);
});

test('at_once: all fine is a success, each end said', () => {
  const fine = run('one() { true; }\ntwo() { true; }\nat_once one two && echo "went on"');
  assert.equal(fine.status, 0, fine.stderr);
  assert.match(fine.stdout, /done: one/);
  assert.match(fine.stdout, /done: two/);
  assert.match(fine.stdout, /went on/);
});
