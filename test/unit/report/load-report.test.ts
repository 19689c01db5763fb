import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { SCHEMA_VERSION } from '../../../src/summary/summary.js';
import { renderJson } from '../../../src/report/json.js';
import { loadReport, syntaxErrorAt, type LoadedReport } from '../../../src/report/load-report.js';
import { VERSION } from '../../../src/version.js';
import { fixtureGatedSummary } from '../../fixtures/gated-summary.js';
import { fixtureSummary } from '../../fixtures/summary.js';

type Json = Record<string, any>;

let dir = '';
before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-bench-load-report-'));
});

/** Writes `text` as `name` in the temp folder and loads it. */
async function load(name: string, text: string): Promise<LoadedReport> {
  const file = path.join(dir, name);
  await writeFile(file, text);
  return loadReport(file);
}

/** A valid report's JSON, changed by `edit`. */
function report(edit: (json: Json) => void = () => {}): string {
  const json = JSON.parse(renderJson(fixtureSummary())) as Json;
  edit(json);
  return JSON.stringify(json, null, 2);
}

function failure(result: LoadedReport): { message: string; hint?: string } {
  assert.equal(result.ok, false, 'expected the load to fail');
  return result as { message: string; hint?: string };
}

describe('loadReport', () => {
  it('reads back what renderJson wrote: the gated summary, field for field', async () => {
    const text = renderJson(fixtureGatedSummary());
    const result = await load('gated.json', text);
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.summary, JSON.parse(text));
  });

  it('tolerates fields it does not know (a later release of the same schemaVersion) and drops them', async () => {
    const result = await load('later.json', report((r) => {
      r['futureField'] = { a: 1 };
      r['workloads'][0]['operations'][0]['p42'] = 5;
    }));
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal('futureField' in result.summary, false);
    assert.equal('p42' in result.summary.workloads[0]!.operations[0]!, false);
  });

  it('reads a file saved with a byte-order mark', async () => {
    assert.equal((await load('bom.json', `\uFEFF${report()}`)).ok, true);
  });

  it('a missing file: says so and names it as given', async () => {
    const file = path.join(dir, 'nope.json');
    const { message, hint } = failure(await loadReport(file));
    assert.equal(message, `${file}: no such file`);
    assert.match(hint ?? '', /-o/);
  });

  it('a folder: says it is a folder', async () => {
    const folder = path.join(dir, 'reports');
    await mkdir(folder);
    assert.equal(failure(await loadReport(folder)).message, `${folder} is a folder, not a report file`);
  });

  it('a path the file system refuses: an error result, not a throw', async () => {
    assert.match(failure(await loadReport('bad\0name.json')).message, /^cannot read bad\0name\.json: /);
  });

  it('an empty file', async () => {
    assert.match(failure(await load('empty.json', ' \n')).message, /empty\.json is empty, not a JSON report$/);
  });

  it('not JSON: the line and column of the first bad character', async () => {
    const { message } = failure(await load('comma.json', '{\n  "schemaVersion": 1,\n}\n'));
    assert.match(message, /comma\.json is not valid JSON: unexpected "}" at line 3, column 1$/);
  });

  it('not JSON where Node 20 names no position (a bad literal): still a line and column', async () => {
    const { message } = failure(await load('literal.json', '{"partial":tru}'));
    assert.match(message, /unexpected "}" at line 1, column 15$/);
  });

  it('a file cut short: the end of the file, and a hint that it was cut short', async () => {
    const text = report();
    const { message, hint } = failure(await load('short.json', text.slice(0, text.length / 2)));
    assert.match(message, /unexpected the end of the file at line \d+, column \d+$/);
    assert.match(hint ?? '', /cut short/);
  });

  it('an HTML report passed by mistake: says it looks like HTML', async () => {
    const { message, hint } = failure(await load('report.html', '<!doctype html><html></html>'));
    assert.match(message, /unexpected "<" at line 1, column 1$/);
    assert.match(hint ?? '', /looks like HTML/);
  });

  it("another tool's JSON: not an mcp-bench report", async () => {
    const { message, hint } = failure(await load('k6.json', '{ "metrics": { "http_req_duration": {} } }'));
    assert.match(message, /k6\.json is not an mcp-bench report: it has no schemaVersion and no tool\.name "mcp-bench"$/);
    assert.match(hint ?? '', /-o/);
  });

  it('JSON that is not an object: not an mcp-bench report', async () => {
    assert.match(failure(await load('list.json', '[1, 2]')).message, /not an mcp-bench report: it is a list$/);
    assert.match(failure(await load('null.json', 'null')).message, /not an mcp-bench report: it is null$/);
  });

  it('a newer schemaVersion: says which one it has and which this version reads', async () => {
    const { message, hint } = failure(await load('v2.json', report((r) => {
      r['schemaVersion'] = 2;
      r['tool']['version'] = '9.0.0';
    })));
    assert.match(message, new RegExp(`v2\\.json has schemaVersion 2 \\(written by mcp-bench 9\\.0\\.0\\); this mcp-bench \\(${VERSION.replace(/\./g, '\\.')}\\) reads schemaVersion ${SCHEMA_VERSION}$`));
    assert.match(hint ?? '', /upgrade mcp-bench/);
  });

  it('an mcp-bench report without schemaVersion', async () => {
    const { message } = failure(await load('unversioned.json', report((r) => delete r['schemaVersion'])));
    assert.match(message, new RegExp(`unversioned\\.json has no schemaVersion \\(written by mcp-bench 0\\.1\\.0\\); this mcp-bench \\(.+\\) reads schemaVersion ${SCHEMA_VERSION}$`));
  });

  it('a report that fails the schema: the problem at its JSON path, what was expected and what was found', async () => {
    const { message, hint } = failure(await load('typed.json', report((r) => (r['workloads'][1]['operations'][1]['histogram'] = 42))));
    assert.match(message, /typed\.json is not a valid schemaVersion 1 report: workloads\[1\]\.operations\[1\]\.histogram: expected string, got 42$/);
    assert.match(hint ?? '', /schema\/report\.schema\.json/);
  });

  it('a stored histogram that does not decode (or holds another count): refused, since its checks could never regress', async () => {
    const garbled = failure(await load('badhist.json', report((r) => (r['workloads'][0]['operations'][0]['histogram'] = 'bm90IGEgaGlzdG9ncmFt'))));
    assert.match(garbled.message, /badhist\.json: workloads\[0\]\.operations\[0\]\.histogram is not an HDR histogram/);
    const other = JSON.parse(report()) as Json;
    const swapped = failure(await load('swapped.json', report((r) => (r['workloads'][0]['operations'][0]['histogram'] = other['workloads'][1]['operations'][0]['histogram']))));
    assert.match(swapped.message, /workloads\[0\]\.operations\[0\]\.histogram/);
  });

  it('a missing field, an enum and a range: each in its own words', async () => {
    const { message } = failure(await load('three.json', report((r) => {
      delete r['workloads'][0]['total']['histogram'];
      r['workloads'][0]['status'] = 'done';
      r['workloads'][0]['total']['errorRate'] = 1.5;
    })));
    assert.match(message, /workloads\[0\]\.status: expected "completed" or "interrupted" or "aborted" or "failed" or "not-run", got "done"/);
    assert.match(message, /workloads\[0\]\.total\.errorRate: must be ≤ 1, got 1\.5/);
    assert.match(message, /workloads\[0\]\.total\.histogram: missing \(expected string\)/);
  });

  it('a timestamp that is not one', async () => {
    assert.match(failure(await load('when.json', report((r) => (r['startedAt'] = 'yesterday')))).message, /startedAt: expected an ISO 8601 timestamp, got "yesterday"$/);
  });

  it('many problems: the first three, and how many more', async () => {
    const { message } = failure(await load('many.json', report((r) => r['workloads'].forEach((w: Json) => (w['durationUs'] = 'long')))));
    const shown = message.match(/durationUs: expected number, got "long"/g) ?? [];
    assert.equal(shown.length, 3);
    assert.match(message, /; and 1 more problem$/);
  });
});

describe('syntaxErrorAt', () => {
  it('is null for valid JSON of every kind', () => {
    for (const text of ['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"]} ', '"s"', '0']) assert.equal(syntaxErrorAt(text), null, text);
  });

  it('points at the first character JSON does not allow', () => {
    const cases: [string, number][] = [
      ['{"a" 1}', 5],
      ['[1,]', 3],
      ['[01]', 2],
      ['{"a":"\\x"}', 7],
      ['{"a":"line\nbreak"}', 10],
      ['{} {}', 3],
      ['{"a":', 5],
      ["{'a':1}", 1],
    ];
    for (const [text, at] of cases) assert.equal(syntaxErrorAt(text), at, JSON.stringify(text));
  });
});
