import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { planOutputs, reportWanted } from '../../../src/cli/outputs.js';

const NOW = new Date('2024-01-02T03:04:05Z');

// planOutputs only looks at the folder (is it writable?); nothing is written in it.
let dir = '';
before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-bench-outputs-'));
});
after(() => rm(dir, { recursive: true, force: true }));

describe('planOutputs', () => {
  it('takes --format by name or by another name for it, beside the JSON report', async () => {
    const planned = await planOutputs({ out: ['run.json'], format: ['md', 'TXT', 'junit', 'markdown'] }, dir, 's', NOW);
    assert.ok(planned.ok, JSON.stringify(planned));
    assert.deepEqual(
      planned.plan.files.map((file) => [file.format, path.basename(file.path)]),
      [
        ['json', 'run.json'],
        ['markdown', 'run.md'],
        ['table', 'run.txt'],
        ['junit', 'run.xml'],
      ],
    );
  });

  it('names every extension it knows when -o has another, and every format when --format names none', async () => {
    const byExtension = await planOutputs({ out: ['x.pdf'] }, dir, 's', NOW);
    assert.deepEqual(byExtension, {
      ok: false,
      error: '-o x.pdf: cannot tell the report format from the extension .pdf; use .txt (table), .json, .md, .xml (JUnit), .html or .csv',
    });
    const byName = await planOutputs({ format: ['pdf'] }, dir, 's', NOW);
    assert.deepEqual(byName, { ok: false, error: '--format "pdf": unknown format; use one of table (txt, text), json, markdown (md), junit (xml), html (htm), csv' });
    const misspelt = await planOutputs({ format: ['markdwn'] }, dir, 's', NOW);
    assert.deepEqual(misspelt, { ok: false, error: '--format "markdwn": unknown format; did you mean "markdown"? use one of table (txt, text), json, markdown (md), junit (xml), html (htm), csv' });
  });

  it('--no-report plans no default report, still writes what -o names, and refuses --format with nothing beside', async () => {
    const none = await planOutputs({ report: false }, dir, 's', NOW);
    assert.deepEqual(none, { ok: true, plan: { jsonPath: null, files: [] } });
    const named = await planOutputs({ report: false, out: ['r.md'] }, dir, 's', NOW);
    assert.ok(named.ok);
    assert.equal(named.plan.jsonPath, null);
    assert.deepEqual(named.plan.files.map((file) => file.format), ['markdown']);
    const beside = await planOutputs({ report: false, format: ['md'] }, dir, 's', NOW);
    assert.deepEqual(beside, {
      ok: false,
      error: '--format md writes beside the JSON report, and --no-report (or MCP_BENCH_NO_REPORT=1) writes none\n  hint: name the file with -o instead, e.g. -o report.md',
    });
  });
});

describe('reportWanted', () => {
  it('is off with --no-report or MCP_BENCH_NO_REPORT=1, on otherwise, and refuses a value it cannot read', () => {
    assert.deepEqual(reportWanted(false, {}), { ok: true, value: false });
    assert.deepEqual(reportWanted(undefined, {}), { ok: true, value: true });
    assert.deepEqual(reportWanted(true, { MCP_BENCH_NO_REPORT: '1' }), { ok: true, value: false });
    assert.deepEqual(reportWanted(undefined, { MCP_BENCH_NO_REPORT: 'true' }), { ok: true, value: false });
    assert.deepEqual(reportWanted(undefined, { MCP_BENCH_NO_REPORT: '0' }), { ok: true, value: true });
    assert.deepEqual(reportWanted(undefined, { MCP_BENCH_NO_REPORT: '' }), { ok: true, value: true });
    assert.deepEqual(reportWanted(undefined, { MCP_BENCH_NO_REPORT: 'sometimes' }), { ok: false, error: 'MCP_BENCH_NO_REPORT expects 1 (no report) or 0; got "sometimes"' });
  });
});
