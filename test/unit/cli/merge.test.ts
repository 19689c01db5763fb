import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../../src/cli/program.js';
import { renderJson } from '../../../src/report/json.js';
import { loadReport } from '../../../src/report/load-report.js';
import type { RunSummary } from '../../../src/summary/summary.js';
import { captureIo } from '../../fixtures/io.js';
import { splitRun } from '../shards/shard-fixtures.js';

/** Shard reports written from recorded calls (no run), then merged through the CLI in-process. */
async function merge(shards: readonly RunSummary[], args: readonly string[]) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-bench-merge-'));
  const files = shards.map((_, i) => `shard-${i}.json`);
  for (const [i, summary] of shards.entries()) await writeFile(path.join(dir, files[i]!), renderJson(summary));
  const io = captureIo({ cwd: dir });
  const code = await runCli(['merge', ...files, '--no-color', ...args], io);
  return { code, out: io.out(), err: io.err(), dir, files };
}

describe('merge through the CLI', () => {
  const run = splitRun(1_500, 3);

  it('3 shard reports → exit 0, the merged report written with -o, the per-shard table on stdout', async () => {
    const { code, out, err, dir } = await merge(run.shards, ['-o', 'merged.json', '-o', 'merged.md']);
    assert.equal(code, 0, err);
    const loaded = await loadReport(path.join(dir, 'merged.json'));
    assert.ok(loaded.ok, loaded.ok ? '' : loaded.message);
    assert.equal(loaded.summary.workloads[0]!.total.count, run.whole.workloads[0]!.total.count);
    assert.equal(loaded.summary.shards?.rows.length, 3);
    assert.equal(loaded.summary.shard, undefined);
    assert.match(out, /shards · 3 of 3 merged/);
    assert.match(await readFile(path.join(dir, 'merged.md'), 'utf8'), /### Shards/);
    assert.match(err, /report: merged\.json/);
  });

  it('a failing --threshold on the merged figures → exit 1', async () => {
    const { code, err } = await merge(run.shards, ['-o', 'merged.json', '--threshold', 'p50<1us']);
    assert.equal(code, 1);
    assert.match(err, /1 of 1 thresholds failed/);
  });

  it('a missing shard → exit 2, naming it, with the hint', async () => {
    const { code, err, out } = await merge([run.shards[0]!, run.shards[2]!], ['-o', 'merged.json']);
    assert.equal(code, 2);
    assert.equal(out, '');
    assert.match(err, /cannot merge 2 reports:\n {2}shard 1\/3 missing: the merged figures cover 2 of 3 shards\n {4}hint: .*--allow-partial/);
  });

  it('--allow-partial → exit 0, the report partial and saying which shard is missing', async () => {
    const { code, err, dir } = await merge([run.shards[0]!, run.shards[2]!], ['-o', 'merged.json', '--allow-partial']);
    assert.equal(code, 0, err);
    const loaded = await loadReport(path.join(dir, 'merged.json'));
    assert.ok(loaded.ok);
    assert.equal(loaded.summary.partial, true);
    assert.deepEqual(loaded.summary.shards?.missing, [1]);
    assert.match(err, /warning: shard 1\/3 missing/);
  });

  it('a file that is not a report → exit 2 naming it; a bad --expect-shards → exit 2', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-bench-merge-'));
    await writeFile(path.join(dir, 'junk.json'), '{"a": 1}');
    const io = captureIo({ cwd: dir });
    assert.equal(await runCli(['merge', 'junk.json', 'absent.json'], io), 2);
    assert.match(io.err(), /junk\.json is not an mcp-bench report/);
    assert.match(io.err(), /absent\.json: no such file/);
    const flags = await merge(run.shards, ['--expect-shards', 'three']);
    assert.equal(flags.code, 2);
    assert.match(flags.err, /--expect-shards expects a whole number of shards, at least 1; got "three"/);
  });
});
