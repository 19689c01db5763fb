import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { expectSchema, firstFailedCheck, resultText, type ExpectPlan } from '../../../src/operations/expect.js';

function compile(raw: unknown): ExpectPlan {
  const parsed = expectSchema.safeParse(raw);
  assert.ok(parsed.success, JSON.stringify(!parsed.success && parsed.error.issues));
  return parsed.data;
}

function problems(raw: unknown): string[] {
  const parsed = expectSchema.safeParse(raw);
  assert.equal(parsed.success, false);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

const RESULT = {
  content: [{ type: 'text', text: '{"key":"item-3","version":1}' }],
  structuredContent: { key: 'item-3', version: 1, tags: ['x'] },
};

describe('expect: checks', () => {
  it('names each check as the report shows it', () => {
    const plan = compile({ contains: ['item-', 'version'], matches: '^\\{"key"', json: { 'structuredContent.version': 1 }, exists: ['structuredContent.key'], size: { min: 10, max: '1KiB' } });
    assert.deepEqual(plan.names, ['text contains "item-"', 'text contains "version"', 'text matches /^\\{"key"/', 'structuredContent.version == 1', 'structuredContent.key exists', 'size ≥ 10 B and ≤ 1 KiB']);
    assert.equal(firstFailedCheck(plan, RESULT), null);
  });

  it('returns the first check that fails', () => {
    const plan = compile({ contains: 'item-', json: { 'structuredContent.version': 2 }, exists: ['structuredContent.gone'] });
    assert.equal(firstFailedCheck(plan, RESULT), 'structuredContent.version == 2');
    assert.equal(firstFailedCheck(plan, { content: [{ type: 'text', text: 'nope' }] }), 'text contains "item-"');
  });

  it('compares JSON values whatever their key order, and finds nothing as unequal', () => {
    const plan = compile({ json: { structuredContent: { version: 1, key: 'item-3', tags: ['x'] } } });
    assert.equal(firstFailedCheck(plan, RESULT), null);
    assert.equal(firstFailedCheck(compile({ json: { 'structuredContent.missing': null } }), RESULT), 'structuredContent.missing == null');
  });

  it('bounds the size of the result as JSON', () => {
    const bytes = Buffer.byteLength(JSON.stringify(RESULT));
    assert.equal(firstFailedCheck(compile({ size: { max: bytes } }), RESULT), null);
    assert.match(firstFailedCheck(compile({ size: { max: bytes - 1 } }), RESULT) ?? '', /^size ≤/);
    assert.match(firstFailedCheck(compile({ size: { min: bytes + 1 } }), RESULT) ?? '', /^size ≥/);
  });

  it('reads text from tools, resources and prompts', () => {
    assert.equal(resultText({ contents: [{ text: 'a' }, { blob: 'AA==' }, { text: 'b' }] }), 'a\nb');
    assert.equal(resultText({ messages: [{ role: 'user', content: { type: 'text', text: 'hi' } }] }), 'hi');
    assert.equal(resultText(null), '');
  });

  it('refuses a bad regex, a bad path, empty size bounds and min above max', () => {
    assert.match(problems({ matches: '(' }).join('\n'), /^matches: expected a regular expression/);
    assert.match(problems({ exists: ['structured.key'] }).join('\n'), /exists.0: expected a result path/);
    assert.match(problems({ json: { 'content[x]': 1 } }).join('\n'), /json.content\[x\]: expected a result path/);
    assert.match(problems({ size: {} }).join('\n'), /size needs min, max or both/);
    assert.match(problems({ size: { min: '2KiB', max: '1KiB' } }).join('\n'), /size.min \(2048\) is above size.max \(1024\)/);
    assert.match(problems({ contain: 'x' }).join('\n'), /contain: unknown key/);
  });
});
