import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileRequest, containsTemplate, type TemplateContext, type TemplateScope } from '../../../src/operations/template.js';
import type { McpRequest } from '../../../src/client/request.js';
import { WHOLE_RUN } from '../../../src/schedule/shard.js';

const CONTEXT: TemplateContext = { columns: ['id', 'name'], vars: null, seed: 42 };
const ROW = { id: 7, name: 'seven' };

function scope(seq: number, extra: Partial<TemplateScope> = {}): TemplateScope {
  return { seq, shard: WHOLE_RUN, row: ROW, vars: {}, ...extra };
}

function compiled(args: Record<string, unknown>, context: TemplateContext = CONTEXT) {
  const result = compileRequest({ method: 'tools/call', tool: 't', args }, context);
  assert.deepEqual(result.problems, []);
  const { template } = result;
  assert.ok(template, 'expected a template');
  return (at: TemplateScope): Record<string, unknown> => {
    const request = template.instantiate(at);
    assert.equal(request.method, 'tools/call');
    return (request as Extract<McpRequest, { method: 'tools/call' }>).args as Record<string, unknown>;
  };
}

function problemsOf(args: Record<string, unknown>, context: TemplateContext = CONTEXT) {
  return compileRequest({ method: 'tools/call', tool: 't', args }, context).problems;
}

test('a request without {{ compiles to no template: it is sent as written, with no work per call', () => {
  const result = compileRequest({ method: 'tools/call', tool: 't', args: { a: 'plain', b: [1, { c: 'x' }] } }, CONTEXT);
  assert.equal(result.template, null);
  assert.deepEqual(result.problems, []);
  assert.equal(containsTemplate({ a: ['x', { b: 'y {{seq}}' }] }), true);
  assert.equal(containsTemplate({ a: 'no braces' }), false);
});

test('a whole-string template keeps its type; inside a longer string it is written as text', () => {
  const args = compiled({ id: '{{row.id}}', n: '{{seq}}', label: 'id {{row.id}} of {{row.name}} #{{seq}}', nested: { list: ['{{shard}}', 'keep'] } });
  assert.deepEqual(args(scope(12)), { id: 7, n: 12, label: 'id 7 of seven #12', nested: { list: [0, 'keep'] } });
});

test('vars read captured values, objects included; a captured object inside a string is JSON', () => {
  const args = compiled({ whole: '{{vars.item}}', text: 'got {{vars.item}}' });
  const item = { key: 'k', version: 2 };
  assert.deepEqual(args(scope(0, { vars: { item } })), { whole: item, text: 'got {"key":"k","version":2}' });
});

test('shard, shards and worker read the shard making the call', () => {
  const args = compiled({ at: '{{shard}}/{{shards}} w{{worker}}' });
  assert.equal(args(scope(5, { shard: { index: 2, count: 3 } })).at, '2/3 w2');
});

test('int stays within its bounds and is a pure function of (seed, seq, slot): any order, the same values', () => {
  const args = compiled({ a: '{{int 1 6}}', b: '{{int 1 6}}' });
  const forward = Array.from({ length: 500 }, (_, seq) => args(scope(seq)));
  const backward = Array.from({ length: 500 }, (_, k) => args(scope(499 - k))).reverse();
  assert.deepEqual(forward, backward);
  const values = forward.map((row) => row.a as number);
  assert.ok(values.every((value) => Number.isInteger(value) && value >= 1 && value <= 6));
  assert.equal(new Set(values).size, 6, 'every face is drawn in 500 calls');
  // Two slots draw from streams of their own, not the same numbers.
  assert.notDeepEqual(values, forward.map((row) => row.b));
  const reseeded = compiled({ a: '{{int 1 6}}', b: '{{int 1 6}}' }, { ...CONTEXT, seed: 43 });
  assert.notDeepEqual(values, Array.from({ length: 500 }, (_, seq) => reseeded(scope(seq)).a));
});

test('pick chooses among its items; unquoted numbers are numbers, quoted items may hold spaces', () => {
  const args = compiled({ color: '{{pick red "dark blue" 3}}' });
  const seen = new Set(Array.from({ length: 300 }, (_, seq) => args(scope(seq)).color));
  assert.deepEqual([...seen].sort(), [3, 'dark blue', 'red'].sort());
});

test('uuid is a version-4 UUID, distinct for every seq, and repeats for the same seq', () => {
  const args = compiled({ id: '{{uuid}}' });
  const ids = Array.from({ length: 2000 }, (_, seq) => args(scope(seq)).id as string);
  for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(new Set(ids).size, ids.length);
  assert.equal(args(scope(17)).id, ids[17]);
});

test('{{"{{"}} writes a literal {{', () => {
  assert.equal(compiled({ t: 'a {{"{{"}}b}} {{seq}}' })(scope(3)).t, 'a {{b}} 3');
});

test('resource URIs and prompt arguments stay text even when the whole string is one template', () => {
  const uri = compileRequest({ method: 'resources/read', uri: 'bench://items/{{row.id}}' }, CONTEXT).template;
  assert.deepEqual(uri?.instantiate(scope(0)), { method: 'resources/read', uri: 'bench://items/7' });
  const prompt = compileRequest({ method: 'prompts/get', prompt: 'p', args: { n: '{{row.id}}' } }, CONTEXT).template;
  assert.deepEqual(prompt?.instantiate(scope(0)), { method: 'prompts/get', prompt: 'p', args: { n: '7' } });
});

test('problems at load: unknown variable with did-you-mean, empty range, bad int, empty pick, unclosed, each at its path', () => {
  const problems = problemsOf({ a: '{{sqe}}', b: { c: ['{{int 5 1}}'] }, d: '{{int 1}}', e: '{{pick}}', f: 'x {{seq' });
  const at = problems.map((problem) => problem.segments.join('.'));
  assert.deepEqual(at, ['args.a', 'args.b.c.0', 'args.d', 'args.e', 'args.f']);
  assert.match(problems[0]!.message, /unknown template variable "sqe"/);
  assert.match(problems[0]!.hint ?? '', /did you mean "seq"/);
  assert.match(problems[1]!.message, /5 is more than 1/);
  assert.equal(problems[1]!.hint, 'write {{int 1 5}}');
  assert.match(problems[2]!.message, /two whole numbers/);
  assert.match(problems[3]!.message, /at least one item/);
  assert.match(problems[4]!.message, /not closed/);
});

test('row columns are checked against the data file; row without a data file and unknown vars are problems', () => {
  const [column] = problemsOf({ a: '{{row.nmae}}' });
  assert.match(column!.message, /no column "nmae"/);
  assert.match(column!.hint ?? '', /did you mean "name"/);
  assert.match(column!.expected ?? '', /id or name|id and name/);
  const [noData] = problemsOf({ a: '{{row.id}}' }, { ...CONTEXT, columns: null });
  assert.match(noData!.message, /reads no data file/);
  assert.deepEqual(problemsOf({ a: '{{row.anything}}' }, { ...CONTEXT, columns: 'any' }), []);
  const [variable] = problemsOf({ a: '{{vars.tokn}}' }, { ...CONTEXT, vars: ['token'] });
  assert.match(variable!.message, /no var "tokn"/);
  assert.match(variable!.hint ?? '', /did you mean "token"/);
});

test('every mistake of one string is reported at once, the well-formed templates beside a malformed one included', () => {
  const messages = problemsOf({ m: '{{int 5 1}} {{row.nope}} {{bogus}}' }).map((problem) => problem.message);
  assert.equal(messages.length, 3, messages.join('\n'));
  assert.ok(messages.some((m) => /no column "nope"/.test(m)), messages.join('\n'));
});

test('a templated request keeps progress: true (its progress token)', () => {
  const { template } = compileRequest({ method: 'tools/call', tool: 't', args: { id: '{{row.id}}' }, progress: true }, CONTEXT);
  assert.deepEqual(template!.instantiate(scope(0)), { method: 'tools/call', tool: 't', args: { id: 7 }, progress: true });
  const plain = compileRequest({ method: 'tools/call', tool: 't', args: { id: '{{row.id}}' } }, CONTEXT).template!;
  assert.equal('progress' in plain.instantiate(scope(0)), false);
});
