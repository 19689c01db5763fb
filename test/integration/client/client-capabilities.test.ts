import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { connect } from '../../../src/client/connect.js';
import type { CapabilitiesPlan } from '../../../src/client/session/capability-plan.js';
import type { TargetPlan } from '../../../src/client/targets/registry.js';
import { ServerLog } from '../../../src/client/transports/server-log.js';
import type { Counts } from '../../../src/server/counter.js';
import { startHttpServer, type HttpServerHandle } from '../../../src/server/http.js';
import { systemClock } from '../../../src/time/clock.js';
import { checkForLeaks } from '../leak-check.js';

checkForLeaks();

const FIXTURE = fileURLToPath(new URL('../../fixtures/serve-stdio.ts', import.meta.url));
const PLAN: CapabilitiesPlan = {
  sampling: { reply: 'scripted', model: 'bench-model', delayUs: 20_000 },
  elicitation: { action: 'accept', content: { count: 9 }, delayUs: 0 },
};

const textOf = (result: unknown): string => {
  const first = (result as CallToolResult).content[0];
  assert.ok(first?.type === 'text');
  return first.text;
};

/** Opens a session with PLAN, calls sample ×3, elicit ×2, list_roots ×1 (roots not declared), and compares counts. */
async function exercise(target: TargetPlan): Promise<void> {
  const ours = new Map<string, string[]>();
  const events = { serverRequest: (method: string, _us: number, outcome: string) => ours.set(method, [...(ours.get(method) ?? []), outcome]) };
  const connection = await connect(target, new ServerLog(), systemClock, { session: { events, capabilities: PLAN } }, 10_000);
  try {
    const client = connection.client;
    for (let i = 0; i < 3; i += 1) {
      const t0 = performance.now();
      const sampled = await client.callTool({ name: 'sample', arguments: { prompt: `p${i}` } });
      assert.ok(performance.now() - t0 >= 20, 'the calling tool waited for our 20ms answer');
      assert.match(textOf(sampled), /"text":"scripted"/);
      assert.match(textOf(sampled), /bench-model/);
    }
    for (let i = 0; i < 2; i += 1) {
      const elicited = JSON.parse(textOf(await client.callTool({ name: 'elicit', arguments: { message: 'form' } }))) as unknown;
      assert.deepEqual(elicited, { action: 'accept', content: { name: 'bench', count: 9, confirm: true } });
    }
    const roots = await client.callTool({ name: 'list_roots', arguments: {} });
    assert.equal((roots as CallToolResult).isError, true, 'roots were not declared: the server gets method-not-found');
    assert.match(textOf(roots), /Method not found/);
    const counts = JSON.parse(textOf(await client.callTool({ name: 'stats', arguments: {} }))) as Counts;
    assert.deepEqual(counts.clientRequests, {
      sent: { 'sampling/createMessage': 3, 'elicitation/create': 2, 'roots/list': 1 },
      answered: { 'sampling/createMessage': 3, 'elicitation/create': 2 },
      failed: { 'roots/list': 1 },
    });
    assert.deepEqual(Object.fromEntries(ours), {
      'sampling/createMessage': ['ok', 'ok', 'ok'],
      'elicitation/create': ['ok', 'ok'],
      'roots/list': ['rpc-error:-32601'],
    });
  } finally {
    await connection.close();
  }
}

describe('client capabilities answered against the reference server', { timeout: 60_000 }, () => {
  let server: HttpServerHandle;
  before(async () => {
    server = await startHttpServer({ host: '127.0.0.1', port: 0, latencyUs: 0, jitterUs: 0, failRate: 0, seed: 3 });
  });
  after(() => server.close());

  it('over Streamable HTTP: answers inside the call, counts equal the server’s', async () => {
    await exercise({ kind: 'http', url: server.url, headers: {} } as TargetPlan);
  });

  it('over stdio: the same', async () => {
    await exercise({ kind: 'stdio', command: process.execPath, args: ['--import', 'tsx', FIXTURE], env: {}, cwd: process.cwd() } as TargetPlan);
  });
});
