import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkLimits,
  cpuLimitSeconds,
  findPrlimit,
  killedAtCpuLimit,
  limitedCommand,
  limitKillText,
  LIMITS_UNSUPPORTED,
  LimitsUnsupported,
  type LimitsHost,
} from '../../../../src/client/transports/server-limits.js';

/** A machine with prlimit at /usr/bin/prlimit, or none. */
const host = (platform: NodeJS.Platform, withPrlimit = true): LimitsHost => ({
  platform,
  path: '/usr/local/bin::/usr/bin',
  executable: (file) => withPrlimit && file === '/usr/bin/prlimit',
});

describe('checkLimits: what a target\'s limits need from this machine', () => {
  it('no limits need nothing, anywhere', () => {
    assert.deepEqual(checkLimits(undefined, host('darwin', false)), { prlimit: null });
    assert.deepEqual(checkLimits({}, host('win32', false)), { prlimit: null });
  });

  it('Linux: a memory limit needs /proc only; a CPU limit needs prlimit, found on PATH', () => {
    assert.deepEqual(checkLimits({ memoryBytes: 256e6 }, host('linux', false)), { prlimit: null });
    assert.deepEqual(checkLimits({ cpuUs: 30e6 }, host('linux')), { prlimit: '/usr/bin/prlimit' });
    assert.deepEqual(checkLimits({ memoryBytes: 1, cpuUs: 1e6 }, host('linux')), { prlimit: '/usr/bin/prlimit' });
  });

  it('elsewhere: refused, naming the fields, what they need, what this is, and what to do', () => {
    const refused = checkLimits({ memoryBytes: 256e6, cpuUs: 30e6 }, host('darwin'));
    assert.ok(refused instanceof LimitsUnsupported);
    assert.equal(refused.code, LIMITS_UNSUPPORTED);
    assert.equal(LIMITS_UNSUPPORTED, 'config:limits-unsupported', 'a config: code: exit code 2, like every configuration problem');
    assert.equal(
      refused.message,
      "limits.memory and limits.cpu on a stdio server need Linux (the server's RSS is read from /proc, its CPU time limited by prlimit); this is darwin" +
        '\n  hint: remove limits: from the target, or run mcp-bench on Linux (a container will do)',
    );
    const memoryOnly = checkLimits({ memoryBytes: 1 }, host('win32'));
    assert.ok(memoryOnly instanceof LimitsUnsupported);
    assert.match(memoryOnly.message, /^limits\.memory on a stdio server need Linux .*; this is win32\n/);
  });

  it('Linux without prlimit: a CPU limit is refused with how to get it; a memory limit alone is not', () => {
    const refused = checkLimits({ memoryBytes: 1, cpuUs: 1e6 }, host('linux', false));
    assert.ok(refused instanceof LimitsUnsupported);
    assert.equal(
      refused.message,
      "limits.cpu needs prlimit (from util-linux) on PATH to set the server's RLIMIT_CPU, and there is none" +
        '\n  hint: install util-linux (apt-get install util-linux, apk add util-linux), or remove limits.cpu',
    );
  });

  it('prlimit is looked up on PATH in order, empty entries skipped', () => {
    const both: LimitsHost = { platform: 'linux', path: ':/opt/bin:/usr/bin', executable: (file) => file.endsWith('/prlimit') };
    assert.equal(findPrlimit(both), '/opt/bin/prlimit');
    assert.equal(findPrlimit({ ...both, path: undefined }), null);
  });
});

describe('the CPU limit through prlimit', () => {
  it('soft limit: the seconds asked; hard: one second later (SIGXCPU first, then SIGKILL)', () => {
    assert.deepEqual(cpuLimitSeconds(30_000_000), { soft: 30, hard: 31 });
    assert.deepEqual(cpuLimitSeconds(1_000_000), { soft: 1, hard: 2 });
  });

  it('the server is spawned through prlimit only with a CPU limit; it keeps its own arguments after --', () => {
    assert.deepEqual(limitedCommand('node', ['server.js', '--flag'], { cpuUs: 2_000_000 }, '/usr/bin/prlimit'), {
      command: '/usr/bin/prlimit',
      args: ['--cpu=2:3', '--core=0', '--', 'node', 'server.js', '--flag'],
    });
    assert.deepEqual(limitedCommand('node', ['server.js'], { memoryBytes: 1e8 }, '/usr/bin/prlimit'), { command: 'node', args: ['server.js'] });
    assert.deepEqual(limitedCommand('node', ['server.js'], undefined, null), { command: 'node', args: ['server.js'] });
  });

  it('killed at the CPU limit: SIGXCPU, or SIGKILL once its CPU time passed the soft limit — nothing else', () => {
    const limits = { cpuUs: 2_000_000 };
    assert.equal(killedAtCpuLimit(limits, 'SIGXCPU', null), true);
    assert.equal(killedAtCpuLimit(limits, 'SIGKILL', 2.01), true, 'a server that handled SIGXCPU, killed at the hard limit');
    assert.equal(killedAtCpuLimit(limits, 'SIGKILL', 1.5), false, 'someone else killed it before its limit');
    assert.equal(killedAtCpuLimit(limits, 'SIGKILL', null), false);
    assert.equal(killedAtCpuLimit(limits, null, 5), false, 'it exited on its own');
    assert.equal(killedAtCpuLimit(limits, 'SIGSEGV', 5), false);
    assert.equal(killedAtCpuLimit({ memoryBytes: 1 }, 'SIGXCPU', 5), false, 'no CPU limit: not ours to name');
  });

  it('the limits\' codes have words for a failure message; other codes none', () => {
    assert.match(limitKillText('memory-limit')!, /memory limit/);
    assert.match(limitKillText('cpu-limit')!, /CPU time limit/);
    assert.equal(limitKillText('closed'), null);
  });
});
