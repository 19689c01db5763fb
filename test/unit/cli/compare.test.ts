import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../../src/cli/program.js';
import { renderJson } from '../../../src/report/json.js';
import type { RunSummary } from '../../../src/summary/summary.js';
import { captureIo } from '../../fixtures/io.js';
import { fixtureSummary } from '../../fixtures/summary.js';

/** Saved reports written from the fixed fixture (no run), then compared through the CLI in-process. */
async function compare(reports: Record<string, RunSummary>) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-bench-compare-'));
  for (const [name, summary] of Object.entries(reports)) await writeFile(path.join(dir, name), renderJson(summary));
  const io = captureIo({ cwd: dir });
  const code = await runCli(['compare', ...Object.keys(reports), '--no-color'], io);
  return { code, out: io.out(), err: io.err() };
}

const renamed = (summary: RunSummary, suffix: string): RunSummary => ({
  ...summary,
  workloads: summary.workloads.map((w) => ({ ...w, name: `${w.name}${suffix}` })),
});

describe('compare through the CLI', () => {
  it('two reports of the same scenario compare (exit 0)', async () => {
    const { code, out, err } = await compare({ 'a.json': fixtureSummary(), 'b.json': fixtureSummary() });
    assert.equal(code, 0, err);
    assert.match(out, /vs a/);
  });

  it('reports with no workload in common: "nothing to compare", exit 2, not "no significant difference" (issue 11)', async () => {
    const { code, out, err } = await compare({ 'a.json': fixtureSummary(), 'b.json': renamed(fixtureSummary(), '-2') });
    assert.equal(code, 2);
    assert.equal(out, '');
    assert.match(err, /nothing to compare: b has no workload in common with a \(a: echo-seq, mixed, after-crash, never; b: echo-seq-2, mixed-2, after-crash-2, never-2\)/);
    assert.match(err, /hint: compare reports of the same scenario/);
    assert.doesNotMatch(err + out, /no significant difference/);
  });
});
