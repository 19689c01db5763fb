import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { planOutputs } from '../../../src/cli/outputs.js';

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
});
