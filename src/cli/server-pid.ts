import type { CliIo } from './io.js';

/**
 * `run --server-pid PID`: a local server process started separately, whose CPU and RSS (its descendants' included)
 * are sampled like a spawned server's (metrics/server-resources.ts reads Linux /proc). The number, null when not given
 * or where it cannot be sampled (a warning says so), or the error message for a PID that is not a running process.
 */
export function serverPidOf(given: string | undefined, io: Pick<CliIo, 'stderr'>, platform: NodeJS.Platform = process.platform): number | null | string {
  if (given === undefined) return null;
  const text = given.trim();
  const pid = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(pid) || pid <= 0) return `--server-pid expects a process id, a whole number greater than 0; got ${JSON.stringify(given)}`;
  if (!processExists(pid)) return `--server-pid ${pid}: no such process\n  hint: the server must be running on this machine when the run starts (check with ps -p ${pid})`;
  if (platform !== 'linux') {
    io.stderr.write(`warning: --server-pid is sampled from Linux /proc only: no CPU or RSS figures for process ${pid} on ${platform}\n`);
    return null;
  }
  return pid;
}

/** Whether a process with this id exists (EPERM: it does, owned by someone else). */
function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
