import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileOutputSchemas, OutputSchemaCaller } from '../../../src/client/output-schema.js';
import { errorKey, retryClassOf, TOOL_ERROR, type Outcome } from '../../../src/client/outcome.js';
import type { McpRequest } from '../../../src/client/request.js';
import { isFatal } from '../../../src/client/classify.js';
import { FakeClock } from '../../../src/time/fake-clock.js';
import { options, sequenceCaller } from './layers/helpers.js';

const SCHEMA = {
  type: 'object',
  properties: { value: { type: 'string' }, length: { type: 'integer' } },
  required: ['value', 'length'],
};
const call = (tool: string): McpRequest => ({ method: 'tools/call', tool, args: {} });
const ok = (structuredContent?: unknown): Outcome => ({ kind: 'ok', result: { content: [], ...(structuredContent !== undefined && { structuredContent }) } });

function setup(answer: Outcome) {
  const clock = new FakeClock();
  const inner = sequenceCaller(clock, [{ outcome: answer }]);
  const { validators, problems } = compileOutputSchemas(new Map([['structured', SCHEMA]]));
  return { inner, caller: new OutputSchemaCaller(inner, validators), problems };
}

describe('OutputSchemaCaller', () => {
  it('passes a structured result that matches the tool schema through unchanged', async () => {
    const answer = ok({ value: 'ab', length: 2 });
    const { caller, problems } = setup(answer);
    assert.deepEqual(problems, []);
    assert.equal(await caller.call(call('structured'), options()), answer);
  });

  it('turns a result that breaks the schema into schema-mismatch, counted as its own error and never retried', async () => {
    const { caller } = setup(ok({ value: 'ab', length: 'two' }));
    const outcome = await caller.call(call('structured'), options());
    assert.equal(outcome.kind, 'schema-mismatch');
    assert.equal(errorKey(outcome), 'schema-mismatch');
    assert.equal(retryClassOf(outcome), null);
    assert.equal(isFatal(outcome), false);
  });

  it('turns a result without structuredContent into schema-mismatch when the tool declares a schema', async () => {
    const { caller } = setup(ok());
    assert.equal((await caller.call(call('structured'), options())).kind, 'schema-mismatch');
  });

  it('does not validate tool errors, other outcomes, tools without a schema, or other methods', async () => {
    for (const outcome of [TOOL_ERROR, { kind: 'timeout' } as Outcome]) {
      const { caller } = setup(outcome);
      assert.equal(await caller.call(call('structured'), options()), outcome);
    }
    const bad = ok({ nope: true });
    assert.equal(await setup(bad).caller.call(call('echo'), options()), bad);
    assert.equal(await setup(bad).caller.call({ method: 'ping' }, options()), bad);
  });

  it('reports a schema it cannot compile and leaves that tool unchecked', () => {
    const { validators, problems } = compileOutputSchemas(new Map<string, object>([['broken', { type: 'no-such-type' }], ['fine', SCHEMA]]));
    assert.deepEqual([...validators.keys()], ['fine']);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /^broken: /);
  });

  it('closes the caller below it', async () => {
    const { caller, inner } = setup(ok());
    await caller.close();
    assert.equal(inner.closed, true);
  });
});
