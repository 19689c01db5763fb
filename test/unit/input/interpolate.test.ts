import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveScenario } from '../../../src/scenario/index.js';
import { interpolate } from '../../../src/input/interpolate.js';
import { minimalScenario } from '../scenario/helpers.js';

const httpScenario = (headers: Record<string, string>, url = 'http://127.0.0.1:3000/mcp') => ({
  ...minimalScenario(),
  target: { http: { url, headers } },
});

test('an unset ${VAR} is an issue naming the variable and the field where it appeared', () => {
  const result = resolveScenario(httpScenario({ Authorization: 'Bearer ${MCP_TOKEN}' }), { file: 'a.yaml', env: {} });
  assert.ok(!result.ok);
  assert.deepEqual(result.issues, [
    {
      file: 'a.yaml',
      path: 'target.http.headers.Authorization',
      message: 'environment variable MCP_TOKEN is not set',
      hint: 'export MCP_TOKEN=… or write ${MCP_TOKEN:-default}',
    },
  ]);
});

test('a set variable is substituted; ${VAR:-default} falls back when unset or empty', () => {
  const raw = httpScenario({ Authorization: 'Bearer ${MCP_TOKEN}', 'X-Region': '${REGION:-eu}', 'X-Empty': '${EMPTY:-none}' }, '${URL:-http://127.0.0.1:9/mcp}');
  const result = resolveScenario(raw, { file: null, env: { MCP_TOKEN: 't0k', EMPTY: '' } });
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  assert.deepEqual(result.plan.target, {
    kind: 'http',
    url: 'http://127.0.0.1:9/mcp',
    headers: { Authorization: 'Bearer t0k', 'X-Region': 'eu', 'X-Empty': 'none' },
  });
});

test('substituted values are then validated like written ones (counts, durations)', () => {
  const raw = {
    ...minimalScenario(),
    workloads: [{ name: 'w', type: 'concurrent', concurrency: '${C:-8}', duration: '${D}', operations: [{ method: 'ping' }] }],
  };
  const ok = resolveScenario(raw, { file: null, env: { D: '2s' } });
  assert.ok(ok.ok);
  assert.deepEqual(ok.plan.workloads[0], { ...ok.plan.workloads[0], concurrency: 8, measure: { kind: 'duration', us: 2_000_000 } });
  const bad = resolveScenario(raw, { file: null, env: { D: 'soon' } });
  assert.ok(!bad.ok);
  // The value came from the environment, so the issue quotes the field as written, and names the variable.
  assert.deepEqual(bad.issues.map((issue) => [issue.path, issue.got]), [['workloads[0].duration', '"${D}"']]);
  assert.ok(!JSON.stringify(bad.issues).includes('soon'));
  assert.equal(bad.issues[0]?.hint, 'check what D is set to; its value is not shown here');
});

test('an unset variable is reported once, not again as an invalid value', () => {
  const raw = httpScenario({}, '${MCP_URL}');
  const result = resolveScenario(raw, { file: null, env: {} });
  assert.ok(!result.ok);
  assert.deepEqual(result.issues.map((issue) => issue.path), ['target.http.url']);
  assert.match(result.issues[0]?.message ?? '', /MCP_URL is not set/);
});

test('$${ is a literal ${, a malformed reference is an issue, other text is untouched', () => {
  const { value, problems } = interpolate({ a: 'cost $${PRICE}', b: ['${A}-${B:-x}'], c: 5, d: 'plain $HOME' }, { A: '1' });
  assert.deepEqual(value, { a: 'cost ${PRICE}', b: ['1-x'], c: 5, d: 'plain $HOME' });
  assert.deepEqual(problems, []);
  const malformed = interpolate({ a: 'x ${1BAD}' }, {});
  assert.deepEqual(malformed.problems.map((problem) => problem.segments), [['a']]);
  assert.match(malformed.problems[0]?.message ?? '', /malformed/);
});

test('substitution works on parsed values and returns a copy, so keys and the input stay as written', () => {
  const input = { '${KEY}': 'v', list: ['${A}'] };
  const { value } = interpolate(input, { KEY: 'k', A: 'a' });
  assert.deepEqual(value, { '${KEY}': 'v', list: ['a'] });
  assert.deepEqual(input, { '${KEY}': 'v', list: ['${A}'] });
});
