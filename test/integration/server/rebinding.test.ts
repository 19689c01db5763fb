import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { selfCommand } from '../../../src/client/transports/self-command.js';
import { startHttpServer, type HttpServerHandle } from '../../../src/server/http.js';
import { STREAMABLE_URL_PATTERN } from '../../../src/server/listening-line.js';
import { checkForLeaks } from '../leak-check.js';
import { INITIALIZE, json, MCP_HEADERS, post, send } from './raw-http.js';

checkForLeaks();

const EVIL = { host: 'evil.example.com' };

/** Host: evil → 403 naming the host; Origin: evil → 403; the real host (and a local origin) → served. */
async function assertGuarded(url: string): Promise<void> {
  const refused = await post(url, INITIALIZE, { headers: EVIL });
  assert.equal(refused.status, 403);
  assert.match(String(json(refused)['error']), /^Forbidden: Host "evil\.example\.com" is not a local name.*DNS-rebinding/);
  const { port } = new URL(url);
  assert.equal((await post(url, INITIALIZE, { headers: { host: `evil.example.com:${port}` } })).status, 403, 'with the port too');
  assert.equal((await post(url, INITIALIZE, { headers: { origin: 'http://evil.example.com' } })).status, 403);
  assert.equal((await send(url, 'GET', { ...MCP_HEADERS, ...EVIL })).status, 403, 'every method and path');
  const served = await post(url, INITIALIZE, { headers: { origin: 'http://localhost:3000' } });
  assert.equal(served.status, 200, 'the real host, from a local origin, is served');
  const local = await post(url, INITIALIZE, { headers: { host: `localhost:${port}` } });
  assert.equal(local.status, 200, 'localhost with the port is served');
}

describe('DNS-rebinding protection of the reference server bound to loopback', { timeout: 30_000 }, () => {
  it('in process: refuses a Host or Origin that is not local with 403, and counts it', async () => {
    const server: HttpServerHandle = await startHttpServer({ latencyUs: 0, jitterUs: 0, failRate: 0, seed: 1 });
    try {
      await assertGuarded(server.url);
      assert.equal(server.counts().http.rebindingRefused, 4);
      assert.equal(server.counts().requests['initialize'], 2, 'refused requests never reach a session');
    } finally {
      await server.close();
    }
  });

  describe('mcp-bench serve --transport http', () => {
    let child: ChildProcess;
    let url = '';
    before(async () => {
      const self = selfCommand();
      child = spawn(self.command, [...self.args, 'serve', '--transport', 'http', '--port', '0'], { stdio: ['pipe', 'pipe', 'ignore'] });
      url = await new Promise<string>((resolve, reject) => {
        let seen = '';
        child.stdout!.on('data', (chunk: Buffer) => {
          seen += chunk.toString();
          const match = STREAMABLE_URL_PATTERN.exec(seen);
          if (match?.[1]) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      });
    });
    after(async () => {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await gone;
    });

    it('answers Host: evil.example.com with 403 and serves the real host', async () => {
      await assertGuarded(url);
    });
  });
});
