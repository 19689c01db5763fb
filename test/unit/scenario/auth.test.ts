import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveScenario, type Plan } from '../../../src/scenario/index.js';
import { summarize } from '../../../src/summary/summarize.js';
import { renderJson } from '../../../src/report/json.js';
import type { RunResult, WorkloadRun } from '../../../src/runner/run.js';
import { issues } from './helpers.js';

const URL = 'http://127.0.0.1:1/mcp';
const ENV = { CLIENT_ID: 'id-env-value-41', CLIENT_SECRET: 'CANARY-SECRET-42', CLIENT_KEY: '-----BEGIN PRIVATE KEY-----\nCANARYKEY43\n-----END PRIVATE KEY-----' };

function scenario(auth: unknown): Record<string, unknown> {
  return { name: 'auth', target: { http: { url: URL, auth } }, workloads: [{ name: 'w', type: 'sequential', iterations: 1, operations: [{ method: 'ping' }] }] };
}

function plan(raw: unknown): Plan {
  const result = resolveScenario(raw, { file: null, env: ENV, baseDir: '/base' });
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  return result.plan;
}

function jsonReport(p: Plan): string {
  const notRun = (workload: Plan['workloads'][number]): WorkloadRun => ({ workload, status: 'not-run', recorder: null, execution: null, connection: null, sessions: [], client: null, engine: null, setupCalls: {}, warnings: [], failure: null });
  const result: RunResult = { plan: p, startedAt: new Date(0), finishedAt: new Date(1000), workloads: p.workloads.map(notRun), interrupted: false };
  const environment = { node: 'v20.0.0', platform: 'linux', arch: 'x64', osRelease: '6.0', cpus: { count: 1, model: 'cpu' }, memoryBytes: 1 };
  return renderJson(summarize(result, environment, '0.0.0'));
}

test('client credentials from the environment reach the plan, are secrets, and no report shows them', () => {
  const p = plan(scenario({ clientCredentials: { clientId: '${CLIENT_ID}', clientSecret: '${CLIENT_SECRET}', scope: 'mcp:tools', tokenUrl: 'http://127.0.0.1:2/token' } }));
  assert.deepEqual((p.target as { auth?: unknown }).auth, { clientCredentials: { clientId: ENV.CLIENT_ID, clientSecret: ENV.CLIENT_SECRET, scope: 'mcp:tools', tokenUrl: 'http://127.0.0.1:2/token' } });
  assert.ok(p.secrets?.includes(ENV.CLIENT_SECRET) && p.secrets.includes(ENV.CLIENT_ID));
  const report = jsonReport(p);
  for (const value of Object.values(ENV)) assert.ok(!report.includes(value), `${value} leaked`);
  const shown = JSON.parse(report) as { scenario: { resolved: { target: { auth: unknown } } } };
  // Every value below clientCredentials (a key that names a secret) hidden; the keys stay.
  assert.deepEqual(shown.scenario.resolved.target.auth, { clientCredentials: { clientId: '[redacted]', clientSecret: '[redacted]', scope: '[redacted]', tokenUrl: '[redacted]' } });
});

test('values written in the file itself are secrets too: a literal secret, key and token command', () => {
  const literal = 'literal-secret-value-44';
  const p = plan(scenario({ clientCredentials: { clientId: 'my-client-45', privateKey: '${CLIENT_KEY}', alg: 'ES256' } }));
  assert.ok(p.secrets?.includes('my-client-45'));
  const q = plan(scenario({ clientCredentials: { clientId: 'c', clientSecret: literal } }));
  assert.ok(q.secrets?.includes(literal));
  const r = plan(scenario({ tokenCommand: 'print-token --key sekrit-46' }));
  assert.ok(r.secrets?.includes('print-token --key sekrit-46'));
  for (const [shownPlan, hidden] of [[p, 'my-client-45'], [p, 'CANARYKEY43'], [q, literal], [r, 'sekrit-46']] as const) {
    assert.ok(!jsonReport(shownPlan).includes(hidden), `${hidden} leaked`);
  }
  assert.deepEqual((JSON.parse(jsonReport(r)) as { scenario: { resolved: { target: { auth: unknown } } } }).scenario.resolved.target.auth, { tokenCommand: '[redacted]' });
});

test('mistakes in auth are exit-2 problems with the field path and a hint', () => {
  const cases: [unknown, RegExp, RegExp][] = [
    [{ clientCredentials: { clientId: 'c' } }, /target\.http\.auth\.clientCredentials$/, /needs clientSecret or privateKey/],
    [{ clientCredentials: { clientId: 'c', clientSecret: 's', privateKey: 'k' } }, /clientCredentials$/, /exclude each other/],
    [{ clientCredentials: { clientId: 'c', clientSecret: 's', alg: 'RS256' } }, /clientCredentials\.alg$/, /alg applies to privateKey only/],
    [{ clientCredentials: { clientId: 'c', privateKey: 'k', method: 'client_secret_post' } }, /clientCredentials\.method$/, /method applies to clientSecret only/],
    [{ clientCredentials: { clientId: 'c', clientSecret: 's', tokenUrl: 'ftp://x' } }, /clientCredentials\.tokenUrl$/, /http\(s\) URL/],
    [{ clientCredentials: { clientId: 'c', clientSecret: 's', scpoe: 'x' } }, /clientCredentials\.scpoe$/, /unknown key/],
    [{ tokenCommand: 'x', clientCredentials: { clientId: 'c', clientSecret: 's' } }, /target\.http\.auth$/, /exactly one of clientCredentials and tokenCommand/],
    [{}, /target\.http\.auth$/, /exactly one/],
    [{ clientCredentials: { clientId: 'c', privateKey: 'k', alg: 'HS256' } }, /clientCredentials\.alg$/, /one of RS256/],
  ];
  for (const [auth, path, message] of cases) {
    const found = issues(scenario(auth));
    assert.ok(found.some((issue) => path.test(issue.path) && message.test(`${issue.message} ${issue.hint ?? ''}`)), `${JSON.stringify(auth)}: ${JSON.stringify(found)}`);
  }
});

test('auth is a URL target\'s: sse takes it too, stdio does not', () => {
  const sse = plan({ ...scenario(undefined), target: { sse: { url: URL, auth: { tokenCommand: 'echo t' } } } });
  assert.deepEqual((sse.target as { auth?: unknown }).auth, { tokenCommand: 'echo t' });
  const stdio = issues({ ...scenario(undefined), target: { stdio: { command: 'node', auth: { tokenCommand: 'echo t' } } } });
  assert.ok(stdio.some((issue) => /target\.stdio\.auth/.test(issue.path)), JSON.stringify(stdio));
});

test('auth and an Authorization header exclude each other; autocannon cannot fetch tokens', () => {
  const both = issues({ ...scenario({ tokenCommand: 'echo t' }), target: { http: { url: URL, headers: { authorization: 'Bearer x' }, auth: { tokenCommand: 'echo t' } } } });
  assert.ok(both.some((issue) => issue.path === 'target.http.headers.authorization' && /sets the Authorization header itself/.test(issue.message)), JSON.stringify(both));
  const engine = issues({ ...scenario({ tokenCommand: 'echo t' }), workloads: [{ name: 'w', type: 'constant-rate', rate: '10/s', duration: '1s', engine: 'autocannon', operations: [{ tool: 'echo' }] }] });
  assert.ok(engine.some((issue) => /autocannon fetches no token/.test(issue.message)), JSON.stringify(engine));
});
