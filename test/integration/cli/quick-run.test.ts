import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { COUNTING_SERVER, TSX, runInProcess, tempDir } from './helpers.js';
import { checkForLeaks } from '../leak-check.js';

checkForLeaks();

/** The reference server over stdio, writing what it received to COUNTS_FILE when it exits. */
const SERVER = `${JSON.stringify(process.execPath)} --import ${JSON.stringify(TSX)} ${JSON.stringify(COUNTING_SERVER)}`;

interface Counts {
  readonly tools: Readonly<Record<string, number>>;
  readonly distinctArguments: Readonly<Record<string, number>>;
}

describe('a quick run: one line, no scenario file', { timeout: 60_000 }, () => {
  it('--stdio … --tool echo --args … -c 2 -d 300ms calls echo, with those arguments, concurrently', async () => {
    const dir = await tempDir();
    const countsFile = path.join(dir, 'counts.jsonl');
    const { code, io, report } = await runInProcess(dir, ['run', '--stdio', SERVER, '-e', `COUNTS_FILE=${countsFile}`, '--tool', 'echo', '--args', '{"message":"hi"}', '-c', '2', '-d', '300ms']);
    assert.equal(code, 0, io.err());
    assert.ok(report, 'the report was written');
    assert.equal(report.scenario.name, 'quick');
    const [workload] = report.workloads;
    assert.ok(workload && report.workloads.length === 1);
    assert.equal(workload.status, 'completed');
    assert.equal(workload.type, 'concurrent');
    assert.deepEqual(workload.operations.map((o) => o.name), ['tools/call echo']);
    const measured = workload.total.count;
    assert.ok(measured > 0 && workload.total.ok === measured, JSON.stringify(workload.total));
    const counts = (await readFile(countsFile, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Counts);
    const echoes = counts.reduce((sum, c) => sum + (c.tools['echo'] ?? 0), 0);
    assert.ok(echoes >= measured, `the server received ${echoes} echo calls, the report measured ${measured}`);
    assert.deepEqual(Object.keys(counts.reduce((all, c) => ({ ...all, ...c.tools }), {})), ['echo'], 'no tool but echo was called');
    assert.ok(counts.every((c) => c.distinctArguments['echo'] === 1), 'every call sent the one set of arguments given');
    const definition = JSON.stringify(report.scenario.definition);
    assert.match(definition, /"tool":"echo","args":\{"message":"hi"\}/, 'the report shows the workload the flags gave');
  });

  it('bad flags: exit 2 with every problem listed like a scenario\'s, nothing run, no report', async () => {
    const dir = await tempDir();
    const { code, io, report } = await runInProcess(dir, ['run', '--tool', 'echo', '--args', '{"message":', '-c', '2', '-R', '10/s']);
    assert.equal(code, 2);
    assert.equal(report, null);
    const lines = io.err().trim().split('\n');
    assert.match(lines[0]!, /^command line: 2 problems$/);
    assert.match(lines[1]!, /--args expects a JSON object; the 1st --args \(after --tool echo\) is not valid JSON/);
    assert.match(lines[2]!, /-R and -c choose different workload types/);
    assert.doesNotMatch(io.err(), /\n\s+at /, 'no stack trace');
  });
});
