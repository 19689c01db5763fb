import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AuthSources } from '../../../src/client/auth/auth-sources.js';
import { connect, ConnectError, type Connection } from '../../../src/client/connect.js';
import { errorKey } from '../../../src/client/outcome.js';
import { buildTarget, targetSchema, type TargetPlan } from '../../../src/client/targets/registry.js';
import { CallTrace } from '../../../src/client/trace.js';
import { ServerLog } from '../../../src/client/transports/server-log.js';
import { startHttpServer, type HttpServerHandle } from '../../../src/server/http.js';
import { DEFAULT_SERVER_OPTIONS } from '../../../src/server/state.js';
import { systemClock } from '../../../src/time/clock.js';
import { startAuthServer, type AuthServer } from '../../fixtures/auth-server.js';
import { checkForLeaks } from '../leak-check.js';

checkForLeaks();

const ECHO = { method: 'tools/call', tool: 'echo', args: { message: 'hi' } } as const;

function target(raw: unknown): TargetPlan {
  const parsed = targetSchema.safeParse(raw);
  assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
  return buildTarget(parsed.data, '/tmp');
}

async function echo(connection: Connection): Promise<string> {
  return errorKey(await connection.caller.call(ECHO, { timeoutUs: 5_000_000, trace: new CallTrace() }));
}

describe('OAuth client credentials and tokenCommand against a local authorization server', { timeout: 60_000 }, () => {
  let upstream: HttpServerHandle;
  const servers: AuthServer[] = [];
  const open: Connection[] = [];
  before(async () => {
    upstream = await startHttpServer({ ...DEFAULT_SERVER_OPTIONS, host: '127.0.0.1', port: 0 });
  });
  after(async () => {
    for (const connection of open) await connection.close();
    for (const server of servers) await server.close();
    await upstream.close();
  });
  const authServer = async (options: Omit<Parameters<typeof startAuthServer>[0], 'upstream'>) => {
    const server = await startAuthServer({ upstream: upstream.url, ...options });
    servers.push(server);
    return server;
  };
  const session = async (plan: TargetPlan, sources: AuthSources): Promise<Connection> => {
    const connection = await connect(plan, new ServerLog(), systemClock, { session: { auth: sources } });
    open.push(connection);
    return connection;
  };

  it('discovers the token endpoint, fetches one token for many calls and sessions, and resends once after a 401', async () => {
    const server = await authServer({ clientId: 'bench', clientSecret: 's3cret-value' });
    const plan = target({ http: { url: server.url, auth: { clientCredentials: { clientId: 'bench', clientSecret: 's3cret-value', scope: 'mcp' } } } });
    const sources = new AuthSources(systemClock);
    const [a, b] = [await session(plan, sources), await session(plan, sources)];
    for (let i = 0; i < 20; i++) assert.equal(await echo(i % 2 ? a : b), 'ok');
    assert.deepEqual(server.tokenRequests, { basic: 1 }, 'one token for two sessions and 20 calls');
    assert.deepEqual(server.resources, [server.url], 'the resource the metadata names is asked for');
    assert.equal(server.rejected.unauthorized, 0);
    // The server forgets its tokens mid-run: the next calls get 401, one new token is fetched, each call is resent once.
    server.revokeAll();
    assert.deepEqual(await Promise.all([echo(a), echo(b), echo(a)]), ['ok', 'ok', 'ok']);
    assert.equal(server.issued.length, 2, 'one new token for the three calls that got a 401');
    assert.equal(server.rejected.unauthorized, 3);
    const stats = sources.summary()!;
    assert.deepEqual([stats.fetched, stats.afterUnauthorized, stats.refreshes, stats.failures], [2, 1, 0, 0]);
    assert.ok(stats.fetchUs.max > 0);
  });

  it('a 401 after the resend is auth:unauthorized, a 403 is auth:forbidden; neither loops', async () => {
    const server = await authServer({ clientId: 'bench', clientSecret: 's3cret-value' });
    const plan = target({ http: { url: server.url, auth: { clientCredentials: { clientId: 'bench', clientSecret: 's3cret-value', method: 'client_secret_post' } } } });
    const connection = await session(plan, new AuthSources(systemClock));
    assert.equal(await echo(connection), 'ok');
    server.refuseAll(); // every token refused, the new one too
    const before = server.rejected.unauthorized;
    assert.equal(await echo(connection), 'auth:unauthorized');
    assert.equal(server.rejected.unauthorized - before, 2, 'sent, refused, resent once with a new token, refused: no more');
    assert.deepEqual(server.tokenRequests, { post: 2 });
    server.forbidAll();
    assert.equal(await echo(connection), 'auth:forbidden');
  });

  it('a session whose token is refused even after a new one fails to connect as auth:unauthorized, the token not quoted', async () => {
    const server = await authServer({ clientId: 'bench', clientSecret: 's3cret-value', tokenValue: (n) => `CANARY-SECRET-token-${n}` });
    server.refuseAll();
    const plan = target({ http: { url: server.url, auth: { clientCredentials: { clientId: 'bench', clientSecret: 's3cret-value' } } } });
    const error = await connect(plan, new ServerLog(), systemClock, {}).then(() => null, (e: unknown) => e);
    assert.ok(error instanceof ConnectError);
    assert.equal(error.code, 'auth:unauthorized');
    assert.equal(server.issued.length, 2, 'the first token, and one more after the 401');
    assert.match(error.message, /HTTP 401: .*invalid_token.*\[redacted\]/, 'the server quoted the token; the message does not');
    assert.ok(!error.message.includes('CANARY'), error.message);
  });

  it('refreshes a token before it expires (expires_in 1 s, refreshed at 0.9 s) without a 401', async () => {
    const server = await authServer({ clientId: 'bench', clientSecret: 's3cret-value', expiresInSec: 1 });
    const plan = target({ http: { url: server.url, auth: { clientCredentials: { clientId: 'bench', clientSecret: 's3cret-value', tokenUrl: `${server.origin}/token` } } } });
    const sources = new AuthSources(systemClock);
    const connection = await session(plan, sources);
    assert.equal(await echo(connection), 'ok');
    await new Promise((resolve) => setTimeout(resolve, 950));
    assert.equal(await echo(connection), 'ok', 'sent with the old token while the refresh runs');
    for (let i = 0; i < 50 && server.issued.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(await echo(connection), 'ok');
    assert.equal(server.rejected.unauthorized, 0);
    assert.equal(sources.summary()!.refreshes, 1);
  });

  it('authenticates with a private-key JWT (RS256, private_key_jwt)', async () => {
    const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const server = await authServer({ clientId: 'jwt-client', publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString() });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const plan = target({ http: { url: server.url, auth: { clientCredentials: { clientId: 'jwt-client', privateKey: pem } } } });
    const connection = await session(plan, new AuthSources(systemClock));
    assert.equal(await echo(connection), 'ok');
    assert.deepEqual(server.tokenRequests, { jwt: 1 });
  });

  it('a refused client fails the connect as auth:token-failed, naming the OAuth error and never the secret', async () => {
    const server = await authServer({ clientId: 'bench', clientSecret: 'right-secret' });
    const plan = target({ http: { url: server.url, auth: { clientCredentials: { clientId: 'bench', clientSecret: 'CANARY-SECRET-wrong' } } } });
    const error = await connect(plan, new ServerLog(), systemClock, {}).then(() => null, (e: unknown) => e);
    assert.ok(error instanceof ConnectError);
    assert.equal(error.code, 'auth:token-failed');
    assert.match(error.message, /HTTP 401 \(invalid_client\)/);
    assert.ok(!error.message.includes('CANARY'), error.message);
  });

  it('tokenCommand: run once for the first session, again after a 401; its output is never shown', async () => {
    const server = await authServer({ clientId: 'unused' });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-bench-auth-'));
    const counter = path.join(dir, 'runs');
    await writeFile(counter, '');
    // Prints cmd-token-<run number>, and counts its runs.
    const script = path.join(dir, 'token.sh');
    await writeFile(script, `echo x >> "${counter}"\necho "cmd-token-$(wc -l < "${counter}" | tr -d ' ')"\n`);
    server.accept('cmd-token-1');
    server.accept('cmd-token-2');
    const sources = new AuthSources(systemClock);
    const plan = target({ http: { url: server.url, auth: { tokenCommand: `sh ${script}` } } });
    const [a, b] = [await session(plan, sources), await session(plan, sources)];
    for (let i = 0; i < 6; i++) assert.equal(await echo(i % 2 ? a : b), 'ok');
    const runs = async () => (await readFile(counter, 'utf8')).split('\n').filter(Boolean).length;
    assert.equal(await runs(), 1);
    server.revokeAll();
    server.accept('cmd-token-2');
    assert.equal(await echo(a), 'ok');
    assert.equal(await runs(), 2);

    const failing = target({ http: { url: server.url, auth: { tokenCommand: 'echo CANARY-SECRET-in-stderr >&2; exit 3' } } });
    const error = await connect(failing, new ServerLog(), systemClock, {}).then(() => null, (e: unknown) => e);
    assert.ok(error instanceof ConnectError);
    assert.equal(error.code, 'auth:token-failed');
    assert.match(error.message, /exited with code 3/);
    assert.ok(!error.message.includes('CANARY'), error.message);
  });
});
