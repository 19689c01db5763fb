import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { loadPlan } from '../../../src/scenario/index.js';
import { SCENARIOS_DIR } from './helpers.js';

test('every scenario shipped in scenarios/ validates (with no environment variables set)', async () => {
  const files = (await readdir(SCENARIOS_DIR)).filter((name) => /\.(ya?ml|json)$/.test(name));
  assert.ok(files.length >= 5, `found ${files.join(', ')}`);
  for (const name of files) {
    const result = await loadPlan(path.join(SCENARIOS_DIR, name), {});
    assert.ok(result.ok, `${name}: ${JSON.stringify(!result.ok && result.issues)}`);
    assert.equal(result.plan.name, path.basename(name, path.extname(name)), 'the name matches the file name');
  }
});
