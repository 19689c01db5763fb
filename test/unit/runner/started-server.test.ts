import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { serverPidOf } from '../../../src/cli/server-pid.js';
import { ServerLog } from '../../../src/client/transports/server-log.js';
import { resolveScenario } from '../../../src/scenario/index.js';
import { LogWatch, waitUntilReady, type ExitInfo } from '../../../src/runner/server-ready.js';
import { startFailure, startsOf } from '../../../src/runner/started-server.js';
import { FakeClock } from '../../../src/time/fake-clock.js';

const WORKLOAD = { name: 'w', type: 'sequential', iterations: 1, operations: [{ method: 'ping' }] };

function resolve(target: unknown, extra: Record<string, unknown> = {}) {
  return resolveScenario({ name: 's', target, workloads: [WORKLOAD], ...extra }, { file: null, env: {}, baseDir: '/srv/bench' });
}

describe('start: syntax (client/targets/start-plan.ts)', () => {
  it('builds the plan: cwd from the scenario folder, ready on the URL by default, timeout 30s', () => {
    const result = resolve({ http: { url: 'http://127.0.0.1:3000/mcp', start: { command: 'node', args: ['server.js', '--port', 3000], cwd: './server' } } });
    assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
    const target = result.plan.target;
    assert.equal(target.kind, 'http');
    assert.deepEqual('start' in target && target.start, {
      command: 'node',
      args: ['server.js', '--port', '3000'],
      env: {},
      cwd: '/srv/bench/server',
      ready: { kind: 'url', url: 'http://127.0.0.1:3000/mcp' },
      timeoutUs: 30_000_000,
    });
  });

  it('ready: { log } and { http }, a timeout; env values hidden in the report', () => {
    const start = { command: 'srv', env: { TOKEN: 'top-secret-1' }, ready: { log: 'listening on \\d+' }, timeout: '5s' };
    const result = resolve({ sse: { url: 'http://127.0.0.1:3000/sse', start } });
    assert.ok(result.ok);
    const plan = 'start' in result.plan.target ? result.plan.target.start : undefined;
    assert.deepEqual(plan?.ready, { kind: 'log', pattern: 'listening on \\d+' });
    assert.equal(plan?.timeoutUs, 5_000_000);
    assert.ok(!JSON.stringify(result.plan.resolvedRedacted).includes('top-secret-1'));
    assert.ok(!JSON.stringify(result.plan.redacted).includes('top-secret-1'));
    const health = resolve({ http: { url: 'http://127.0.0.1:3000/mcp', start: { command: 'srv', ready: { http: 'http://127.0.0.1:3000/health' } } } });
    assert.ok(health.ok);
    assert.deepEqual('start' in health.plan.target && health.plan.target.start?.ready, { kind: 'url', url: 'http://127.0.0.1:3000/health' });
  });

  it('refuses two ready kinds, a bad regex, an unknown key and a bare number for timeout, each at its path', () => {
    const result = resolve({ http: { url: 'http://127.0.0.1:3000/mcp', start: { command: 'srv', ready: { url: true, log: 'x' }, timeout: 30, cmd: 'x' } } });
    assert.ok(!result.ok);
    const paths = result.issues.map((issue) => issue.path);
    assert.ok(paths.includes('target.http.start.ready'), paths.join(' | '));
    assert.ok(paths.includes('target.http.start.timeout'), paths.join(' | '));
    assert.ok(paths.includes('target.http.start.cmd'), paths.join(' | '));
    const regex = resolve({ http: { url: 'http://127.0.0.1:3000/mcp', start: { command: 'srv', ready: { log: '(unclosed' } } } });
    assert.ok(!regex.ok);
    assert.ok(regex.issues.some((issue) => issue.path === 'target.http.start.ready.log'));
  });

  it('startsOf: one start per distinct start:, across the target, endpoints and variants', () => {
    const start = { command: 'node', args: ['a.js'] };
    const result = resolve(
      { http: { url: 'http://127.0.0.1:3000/mcp', start } },
      { variants: [{ name: 'same', target: { http: { url: 'http://127.0.0.1:3000/mcp', start } } }, { name: 'other', target: { http: { url: 'http://127.0.0.1:4000/mcp', start: { command: 'node', args: ['b.js'] } } } }] },
    );
    assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
    assert.deepEqual(startsOf(result.plan).map((s) => s.args), [['a.js'], ['b.js']]);
  });
});

describe('waitUntilReady (runner/server-ready.ts), on a fake clock', () => {
  const base = (clock: FakeClock) => ({ clock, timeoutUs: 1_000_000, signal: new AbortController().signal, pollUs: 100_000 });

  it('ready at the first probe that answers, after polling', async () => {
    const clock = new FakeClock();
    let probes = 0;
    const result = await clock.run(waitUntilReady({ ...base(clock), probe: async () => ++probes === 4, exited: () => null }));
    assert.deepEqual(result, { kind: 'ready', afterUs: 300_000 });
  });

  it('a process that exits is reported at once with its code, not waited for until the timeout', async () => {
    const clock = new FakeClock();
    let exit: ExitInfo | null = null;
    const result = await clock.run(waitUntilReady({ ...base(clock), probe: async () => ((exit = clock.nowUs() >= 200_000 ? { code: 7, signal: null } : null), false), exited: () => exit }));
    assert.deepEqual(result, { kind: 'exited', exit: { code: 7, signal: null } });
    assert.equal(clock.nowUs(), 300_000);
  });

  it('times out at the deadline exactly; an interrupt ends the wait', async () => {
    const clock = new FakeClock();
    assert.deepEqual(await clock.run(waitUntilReady({ ...base(clock), probe: async () => false, exited: () => null })), { kind: 'timeout' });
    assert.equal(clock.nowUs(), 1_000_000);
    const stop = new AbortController();
    stop.abort();
    assert.deepEqual(await waitUntilReady({ ...base(clock), signal: stop.signal, probe: async () => true, exited: () => null }), { kind: 'interrupted' });
  });
});

describe('LogWatch and the failure message', () => {
  it('matches a line split over chunks, and a last line without its newline', () => {
    const watch = new LogWatch('listening on \\d+');
    watch.write('starting\nlisten');
    assert.equal(watch.matched, false);
    watch.write('ing on 30');
    assert.equal(watch.matched, true);
  });

  it('names the command, what it waited for, its last lines and the log; code start:exited or start:timeout', () => {
    const log = new ServerLog();
    log.write('config missing\n');
    const plan = { command: 'node', args: ['my server.js'], env: {}, cwd: '/', ready: { kind: 'url' as const, url: 'http://127.0.0.1:1/mcp' }, timeoutUs: 2_000_000 };
    const exited = startFailure(plan, { kind: 'exited', exit: { code: null, signal: 'SIGSEGV' } }, { serverLog: log, serverLogName: 'reports/x.server.log' });
    assert.equal(exited.code, 'start:exited');
    assert.equal(exited.message, 'the started server (node "my server.js") exited on SIGSEGV before it was ready (waiting for an HTTP answer at http://127.0.0.1:1/mcp); its last lines:\n    config missing\n  server log: reports/x.server.log');
    const late = startFailure(plan, { kind: 'timeout' }, { serverLog: new ServerLog() });
    assert.equal(late.code, 'start:timeout');
    assert.match(late.message, /was not ready within 2\.00s \(waiting for .*\); it wrote nothing\n  hint: raise start\.timeout, or check ready:$/);
  });
});

describe('--server-pid (cli/server-pid.ts)', () => {
  const io = () => {
    let err = '';
    return { stderr: { write: (s: string) => (err += s), isTTY: false }, err: () => err };
  };
  it('this process is a pid that exists; garbage and missing processes are errors; not Linux: a warning and null', () => {
    assert.equal(serverPidOf(undefined, io()), null);
    assert.equal(serverPidOf(String(process.pid), io(), 'linux'), process.pid);
    assert.match(String(serverPidOf('12a', io())), /expects a process id, a whole number greater than 0; got "12a"/);
    assert.match(String(serverPidOf('0', io())), /expects a process id/);
    assert.match(String(serverPidOf('2147483646', io())), /no such process\n  hint:/);
    const mac = io();
    assert.equal(serverPidOf(String(process.pid), mac, 'darwin'), null);
    assert.match(mac.err(), /^warning: --server-pid is sampled from Linux \/proc only/);
  });
});
