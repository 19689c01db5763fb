/**
 * OAuth client credentials through the spawned CLI: the token fetched once, a 401 mid-run answered with one new token,
 * the `auth` block in the report — and the canary: a client secret and the tokens the server issues, all
 * `CANARY-SECRET-…`, appear in no channel: stdout, stderr, the report in every format; also when the token endpoint
 * refuses the client and echoes what it was sent.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startHttpServer, type HttpServerHandle } from '../../../src/server/http.js';
import { DEFAULT_SERVER_OPTIONS } from '../../../src/server/state.js';
import type { RunSummary } from '../../../src/summary/summary.js';
import { startAuthServer, type AuthServer } from '../../fixtures/auth-server.js';
import { checkForLeaks } from '../leak-check.js';
import { exitWithin, scenario, startCli, tempDir } from './helpers.js';

checkForLeaks();

const SECRET = 'CANARY-SECRET-client-7f3a';
const TOKEN = (n: number) => `CANARY-SECRET-token-${n}-91c2`;
const REPORTS = ['report.json', 'report.md', 'report.html', 'report.xml', 'report.txt'];

const SCENARIO = `
name: oauth
target:
  http:
    url: "\${MCP_URL}"
    auth:
      clientCredentials: { clientId: "\${CLIENT_ID}", clientSecret: "\${CLIENT_SECRET}", scope: mcp }
workloads:
  - name: calls
    type: concurrent
    concurrency: 4
    iterations: 200
    operations:
      - { tool: echo, args: { message: hi } }
`;

async function run(dir: string, env: Record<string, string>) {
  const file = await scenario(dir, 'oauth.yaml', SCENARIO);
  const outputs = REPORTS.flatMap((name) => ['-o', path.join(dir, name)]);
  const cli = startCli(['run', file, ...outputs], dir, env);
  const { code } = await exitWithin(cli, 60_000);
  const reports = await Promise.all(REPORTS.map((name) => readFile(path.join(dir, name), 'utf8').catch(() => '')));
  return { code, stdout: cli.stdout(), stderr: cli.stderr(), reports };
}

function assertNoCanary(channels: Record<string, string>): void {
  for (const [channel, text] of Object.entries(channels)) assert.ok(!text.includes('CANARY'), `the canary is in ${channel}:\n${text.slice(0, 2000)}`);
}

describe('OAuth through the CLI: one token, a 401 mid-run retried, no secret anywhere', { timeout: 120_000 }, () => {
  let upstream: HttpServerHandle;
  let auth: AuthServer;
  before(async () => {
    upstream = await startHttpServer({ ...DEFAULT_SERVER_OPTIONS, host: '127.0.0.1', port: 0 });
    auth = await startAuthServer({ upstream: upstream.url, clientId: 'bench-client', clientSecret: SECRET, tokenValue: TOKEN, revokeAfter: 100 });
  });
  after(async () => {
    await auth.close();
    await upstream.close();
  });

  it('runs with the token, retries the 401 once, reports the auth block, and shows neither secret nor token', async () => {
    const dir = await tempDir();
    const { code, stdout, stderr, reports } = await run(dir, { MCP_URL: auth.url, CLIENT_ID: 'bench-client', CLIENT_SECRET: SECRET });
    assert.equal(code, 0, stderr);
    assert.deepEqual(auth.issued, [TOKEN(1), TOKEN(2)], 'the first token, and one more after the 401');
    assert.ok(auth.rejected.unauthorized >= 1 && auth.rejected.unauthorized <= 4, `401s: ${auth.rejected.unauthorized} (at most one per call in flight)`);
    const report = JSON.parse(reports[0]!) as RunSummary;
    const workload = report.workloads[0]!;
    assert.equal(workload.total.ok, workload.total.count, 'every call succeeded: the 401s were resent with the new token');
    assert.deepEqual([workload.auth?.fetched, workload.auth?.afterUnauthorized, workload.auth?.failures], [2, 1, 0]);
    // Every format that shows a workload's notes (JUnit carries thresholds only).
    for (const [index, name] of REPORTS.entries()) if (name !== 'report.json' && name !== 'report.xml') assert.match(reports[index]!, /auth: 2 tokens fetched \(1 after a 401\)/, name);
    assertNoCanary({ stdout, stderr, ...Object.fromEntries(REPORTS.map((name, index) => [name, reports[index]!])) });
  });

  it('a refused client exits with the connect-failure code, auth:token-failed, and echoes nothing the server was sent', async () => {
    const dir = await tempDir();
    // The token endpoint's error body quotes the request, client secret included.
    const { code, stdout, stderr, reports } = await run(dir, { MCP_URL: auth.url, CLIENT_ID: 'bench-client', CLIENT_SECRET: `${SECRET}-wrong` });
    assert.equal(code, 3, stderr);
    assert.match(stderr + stdout, /auth:token-failed/);
    assert.match(stderr + stdout, /HTTP 401 \(invalid_client\)/);
    assertNoCanary({ stdout, stderr, ...Object.fromEntries(REPORTS.map((name, index) => [name, reports[index]!])) });
  });
});
