import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { before, describe, it } from 'node:test';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { SCHEMA_VERSION } from '../../../src/summary/summary.js';
import { renderJson } from '../../../src/report/json.js';
import { REPORT_SCHEMA_FILE, REPORT_SCHEMA_ID, renderReportJsonSchema } from '../../../src/report/report-schema.js';
import { fixtureGatedSummary } from '../../fixtures/gated-summary.js';
import { fixtureSummary } from '../../fixtures/summary.js';

type Json = Record<string, any>;

/** A report as a consumer holds it: the JSON text mcp-bench wrote, parsed. */
const reportJson = (summary = fixtureSummary()): Json => JSON.parse(renderJson(summary)) as Json;

describe('schema/report.schema.json', () => {
  let fileText = '';
  let validate: ValidateFunction;

  before(async () => {
    fileText = await readFile(REPORT_SCHEMA_FILE, 'utf8');
    // As a consumer would: the committed file, a draft 2020-12 validator, strict about the schema itself. `format` is
    // an annotation in 2020-12; timestamps are checked by the pattern next to it, so date-time needs no plugin.
    // Union types (`"type": ["number", "string"]`) are standard; ajv only asks to be told they are intended.
    const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true, formats: { 'date-time': true } });
    validate = ajv.compile(JSON.parse(fileText) as Json);
  });

  const errorsOf = (report: unknown): string[] => {
    const valid = validate(report);
    return valid ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
  };

  it('is what npm run schema generates from the zod schema', () => {
    assert.ok(fileText === renderReportJsonSchema(), 'schema/report.schema.json is stale: run npm run schema and commit it');
  });

  it('names itself: draft 2020-12, an $id, a title, and the schemaVersion it describes', () => {
    const schema = JSON.parse(fileText) as Json;
    assert.equal(schema['$schema'], 'https://json-schema.org/draft/2020-12/schema');
    assert.equal(schema['$id'], REPORT_SCHEMA_ID);
    assert.equal(schema['title'], 'mcp-bench JSON report');
    assert.match(schema['description'] as string, new RegExp(`schemaVersion ${SCHEMA_VERSION}\\b`));
    assert.equal(schema['properties']['schemaVersion']['const'], SCHEMA_VERSION);
  });

  it('accepts the fixed summary as renderJson writes it', () => {
    assert.deepEqual(errorsOf(reportJson()), []);
  });

  it('accepts the gated summary: thresholds, a baseline check, a timeline and a comparison', () => {
    const report = reportJson(fixtureGatedSummary());
    assert.ok(report['comparison'] && report['gate']['baseline'], 'the fixture exercises the optional parts');
    assert.deepEqual(errorsOf(report), []);
  });

  it('accepts a run an abortOnFail threshold stopped', () => {
    const report = reportJson(fixtureGatedSummary());
    report['gate']['abortedBy'] = { workload: 'mixed', operation: null, threshold: 'p99<2ms', metric: 'p99', measured: 2_991, atUs: 3_000_000 };
    assert.deepEqual(errorsOf(report), []);
    report['gate']['abortedBy']['metric'] = 'p98';
    assert.ok(errorsOf(report).some((e) => e.startsWith('/gate/abortedBy/metric')), JSON.stringify(errorsOf(report)));
  });

  const broken: [string, (report: Json) => void, string][] = [
    ['a missing field', (r) => delete r['workloads'][0]['operations'][0]['histogram'], "/workloads/0/operations/0 must have required property 'histogram'"],
    ['a wrong type', (r) => (r['workloads'][1]['operations'][1]['histogram'] = 42), '/workloads/1/operations/1/histogram must be string'],
    ['another schemaVersion', (r) => (r['schemaVersion'] = 2), '/schemaVersion must be equal to constant'],
    ['another tool', (r) => (r['tool']['name'] = 'k6'), '/tool/name must be equal to constant'],
    ['a field the schema does not name', (r) => (r['workloads'][0]['total']['p42'] = 1), '/workloads/0/total must NOT have additional properties'],
    ['an error rate above 1', (r) => (r['workloads'][0]['total']['errorRate'] = 1.5), '/workloads/0/total/errorRate must be <= 1'],
    ['a fractional latency percentile', (r) => (r['workloads'][0]['total']['latencyUs']['p99'] = 1.5), '/workloads/0/total/latencyUs/p99 must be integer'],
    ['an unknown status', (r) => (r['workloads'][0]['status'] = 'done'), '/workloads/0/status must be equal to one of the allowed values'],
    ['a startedAt that is not a timestamp', (r) => (r['startedAt'] = 'yesterday'), '/startedAt must match pattern'],
  ];
  for (const [what, breakIt, expected] of broken) {
    it(`rejects ${what}`, () => {
      const report = reportJson();
      breakIt(report);
      const errors = errorsOf(report);
      assert.ok(errors.some((e) => e.startsWith(expected)), `expected "${expected}…" among ${JSON.stringify(errors)}`);
    });
  }

  it('rejects a gated summary whose baseline interval is not a pair', () => {
    const report = reportJson(fixtureGatedSummary());
    report['gate']['baseline']['checks'][0]['interval'] = [1.01];
    assert.ok(errorsOf(report).some((e) => e.startsWith('/gate/baseline/checks/0/interval')), JSON.stringify(errorsOf(report)));
  });
});
