import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { loadReport } from '../../../src/report/load-report.js';
import { REPORT_SCHEMA_FILE } from '../../../src/report/report-schema.js';
import { runInProcess, scenario, tempDir } from '../cli/helpers.js';
import { checkForLeaks } from '../leak-check.js';

checkForLeaks();

/**
 * A real run's report against the committed JSON Schema, as a consumer would check it. The scenario is small but
 * switches on the optional parts of the report: client layers (retry, cache, queue, sessions), the open model
 * (arrivals, service time, dropped), a timeline, several operations.
 */
const SCENARIO = `
name: schema-check
target:
  builtin: { latency: 1ms, seed: 3 }
workloads:
  - name: layered-open
    type: constant-rate
    rate: 200/s
    duration: 500ms
    warmup: 10
    client:
      retry: { attempts: 2, base: 1ms, on: [tool-error] }
      cache: { ttl: 1m, tools: [echo], warm: [{ tool: echo, args: { message: a } }] }
      concurrency: { max: 2, queue: 8 }
      sessions: 2
    operations:
      - { tool: echo, args: { message: a } }
      - { tool: flaky, args: { rate: 0.5 } }
      - { method: ping }
`;

describe('the JSON report of a real run', { timeout: 60_000 }, () => {
  it('validates against schema/report.schema.json and loads back with loadReport', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 'schema-check.yaml', SCENARIO);
    const { code, io } = await runInProcess(dir, ['run', file]);
    assert.equal(code, 0, io.err());
    const reportFile = path.join(dir, 'report.json');
    const report = JSON.parse(await readFile(reportFile, 'utf8')) as Record<string, any>;

    const [workload] = report['workloads'];
    const clientParts = new Set(workload['operations'].flatMap((op: Record<string, any>) => Object.keys(op['client'] ?? {})));
    assert.deepEqual([...clientParts].sort(), ['cache', 'queueWaitUs', 'retry', 'sessionCalls'], "the client layers' parts are in the report");
    assert.ok(workload['arrivals'] && workload['operations'][0]['serviceTimeUs'] && workload['timeline'], `open-model parts: ${Object.keys(workload)}`);
    assert.ok(Object.keys(workload['total']['errors']).length > 0, 'errors by kind');
    assert.deepEqual(workload['client']['perKey']['cache'].map((row: { name: string }) => row.name), ['tools/call echo'], 'the cache per tool');

    const schema = JSON.parse(await readFile(REPORT_SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
    const validate = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true, formats: { 'date-time': true } }).compile(schema);
    assert.ok(validate(report), JSON.stringify(validate.errors, null, 2));

    const loaded = await loadReport(reportFile);
    assert.ok(loaded.ok, JSON.stringify(loaded));
    assert.deepEqual(loaded.summary, report);
  });
});
