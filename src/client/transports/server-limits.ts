import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/**
 * Limits on a spawned stdio server (a stdio target's `limits:`, the built-in server's over stdio), Linux only:
 *
 * - `cpu` is RLIMIT_CPU, set by spawning the server through util-linux's `prlimit --cpu=S:H --core=0 -- command …`
 *   (prlimit sets its own limits and execs the command, so the server keeps the pid). The kernel sends SIGXCPU at the
 *   soft limit S — Node dies of it — and SIGKILL at the hard limit H = S + 1 s, for a server that handles SIGXCPU.
 *   `--core=0`: a server killed by SIGXCPU would otherwise leave a core dump of its whole heap. RLIMIT_CPU counts each
 *   process's own CPU time (its threads together); children of the server inherit the limit, each on its own time.
 * - `memory` is the limit a container's user expects: the server is killed when its resident memory passes it. The
 *   transport reads the RSS of the server's process tree (proc-tree.ts) every 100 ms while it runs (limit-watch.ts)
 *   and SIGKILLs its process group at the first reading over the limit. No kernel limit does that for a Node server:
 *   RLIMIT_AS counts address space, and Node 20 reserves ~700 MB of it at start (under ~1 GiB it does not start:
 *   SIGSEGV, a hang, or SIGTRAP); RLIMIT_DATA lets it start but turns an allocation over the limit into a JS
 *   RangeError (Buffers, which the server may catch and go on) or a std::bad_alloc abort (the JS heap): a crash no
 *   one can tell from any other, at a size that is not resident memory. A reading every 100 ms lets a server that
 *   allocates very fast pass the limit by what it allocates in 100 ms before it is killed.
 *
 * Calls in flight when the server is killed end as `transport:memory-limit` or `transport:cpu-limit` (the session's
 * loss carries the code too: close-cause.ts), by what the transport did or saw — never by a message.
 */
export interface ServerLimits {
  /** The server's process tree is SIGKILLed when its RSS passes this many bytes. */
  readonly memoryBytes?: number;
  /** RLIMIT_CPU: CPU time each process of the server may use, in µs (whole seconds). */
  readonly cpuUs?: number;
}

/** What a transport tells of its server's limits: a server started under limits, a server killed at one. */
export type ServerLimitEvent = 'started' | 'memory' | 'cpu';

/** The outcome codes of calls in flight on a server killed at a limit (`transport:memory-limit`, `transport:cpu-limit`). */
export const MEMORY_LIMIT_CODE = 'memory-limit';
export const CPU_LIMIT_CODE = 'cpu-limit';

/** In words, what a close with a limit's code means (a failure's message), or null for any other code. */
export function limitKillText(code: string): string | null {
  if (code === MEMORY_LIMIT_CODE) return 'the server was killed at its memory limit (limits.memory: its RSS passed it)';
  if (code === CPU_LIMIT_CODE) return 'the server was killed at its CPU time limit (limits.cpu)';
  return null;
}

/** The connect failure's code when this machine cannot apply a target's limits (exit code 2: a configuration problem). */
export const LIMITS_UNSUPPORTED = 'config:limits-unsupported';

/** The target's limits cannot be applied here: not Linux, or `cpu` without prlimit on PATH. */
export class LimitsUnsupported extends Error {
  override readonly name = 'LimitsUnsupported';
  readonly code = LIMITS_UNSUPPORTED;
}

/** What the limits need from the machine mcp-bench runs on (injected in tests). */
export interface LimitsHost {
  readonly platform: NodeJS.Platform;
  /** The PATH prlimit is looked up on. */
  readonly path: string | undefined;
  /** Whether `file` exists and may be executed. */
  readonly executable: (file: string) => boolean;
}

export const processHost: LimitsHost = {
  platform: process.platform,
  // Read when a session opens, not when this module loads.
  get path() {
    return process.env['PATH'];
  },
  executable: (file) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  },
};

/** prlimit's absolute path on `host.path`, or null. */
export function findPrlimit(host: LimitsHost): string | null {
  for (const dir of (host.path ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const file = path.join(dir, 'prlimit');
    if (host.executable(file)) return file;
  }
  return null;
}

/**
 * What the limits need here — null when nothing (no limits), the prlimit path when `cpu` is set — or a
 * LimitsUnsupported saying which field needs what, and what to do instead.
 */
export function checkLimits(limits: ServerLimits | undefined, host: LimitsHost): { readonly prlimit: string | null } | LimitsUnsupported {
  if (!limits || (limits.memoryBytes === undefined && limits.cpuUs === undefined)) return { prlimit: null };
  const fields = [limits.memoryBytes !== undefined && 'limits.memory', limits.cpuUs !== undefined && 'limits.cpu'].filter(Boolean).join(' and ');
  if (host.platform !== 'linux') {
    return new LimitsUnsupported(
      `${fields} on a stdio server need Linux (the server's RSS is read from /proc, its CPU time limited by prlimit); this is ${host.platform}` +
        '\n  hint: remove limits: from the target, or run mcp-bench on Linux (a container will do)',
    );
  }
  if (limits.cpuUs === undefined) return { prlimit: null };
  const prlimit = findPrlimit(host);
  if (prlimit !== null) return { prlimit };
  return new LimitsUnsupported(
    'limits.cpu needs prlimit (from util-linux) on PATH to set the server\'s RLIMIT_CPU, and there is none' +
      '\n  hint: install util-linux (apt-get install util-linux, apk add util-linux), or remove limits.cpu',
  );
}

/** RLIMIT_CPU's soft and hard limits in seconds: SIGXCPU at the soft one, SIGKILL a second later. */
export function cpuLimitSeconds(cpuUs: number): { readonly soft: number; readonly hard: number } {
  const soft = Math.max(1, Math.ceil(cpuUs / 1_000_000));
  return { soft, hard: soft + 1 };
}

/** The command that starts the server under its CPU limit (through prlimit), or the command itself without one. */
export function limitedCommand(
  command: string,
  args: readonly string[],
  limits: ServerLimits | undefined,
  prlimit: string | null,
): { readonly command: string; readonly args: readonly string[] } {
  if (limits?.cpuUs === undefined || prlimit === null) return { command, args };
  const { soft, hard } = cpuLimitSeconds(limits.cpuUs);
  return { command: prlimit, args: [`--cpu=${soft}:${hard}`, '--core=0', '--', command, ...args] };
}

/**
 * Whether a server that exited with `signal` was killed at its CPU limit: SIGXCPU (what the kernel sends at the soft
 * limit), or a SIGKILL mcp-bench did not send after its CPU time had passed the soft limit (the hard limit, for a
 * server that handles SIGXCPU). `cpuSeconds`: its CPU time at the last reading, null when never read.
 */
export function killedAtCpuLimit(limits: ServerLimits | undefined, signal: NodeJS.Signals | null, cpuSeconds: number | null): boolean {
  if (limits?.cpuUs === undefined) return false;
  if (signal === 'SIGXCPU') return true;
  return signal === 'SIGKILL' && cpuSeconds !== null && cpuSeconds >= cpuLimitSeconds(limits.cpuUs).soft;
}
