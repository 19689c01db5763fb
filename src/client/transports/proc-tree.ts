import { readFile } from 'node:fs/promises';

/**
 * A local process tree read from Linux /proc: CPU ticks and RSS of a process and its descendants. The server-resource
 * sampler (metrics/server-resources.ts) reads it every second; a pool (client/pool.ts) reads a session's server RSS
 * to recycle it, and a stdio transport watches its server against a memory limit. Nothing here works off Linux: the
 * reads give null there.
 */

/** Where /proc is read: the real file system, or fixed texts in tests. Null for what does not exist (any more). */
export interface ProcSource {
  read(path: string): Promise<string | null>;
}

export const linuxProc: ProcSource = {
  // A process that exited: ENOENT, or ESRCH while reading.
  read: (path) => readFile(path, 'latin1').catch(() => null),
};

/** CPU ticks (utime + stime) from a /proc/<pid>/stat line, or null when it does not parse. */
export function parseStatTicks(text: string): number | null {
  // The command name (field 2) is in parentheses and may itself hold spaces and ')': fields resume after the last ')'.
  const close = text.lastIndexOf(')');
  if (close < 0) return null;
  const fields = text.slice(close + 1).trim().split(/\s+/);
  // After the name: state (3), ppid (4), … utime (14), stime (15); fields[0] is field 3.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return Number.isFinite(utime) && Number.isFinite(stime) && fields.length > 12 ? utime + stime : null;
}

/** VmRSS from /proc/<pid>/status in bytes, or null (absent for a zombie or a kernel thread). */
export function parseRssBytes(text: string): number | null {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(text);
  return match ? Number(match[1]) * 1024 : null;
}

/** Child pids from a /proc/<pid>/task/<tid>/children text ("123 456 "). */
export function parseChildren(text: string): number[] {
  return text.split(/\s+/).filter((s) => s !== '').map(Number).filter((n) => Number.isInteger(n) && n > 0);
}

/** Processes walked per server at most: a fork bomb must not make sampling the harness's bottleneck. */
const MAX_TREE = 64;

/** One reading: CPU ticks by pid, and the RSS summed over every process read. Null when no process could be read. */
export interface Reading {
  readonly ticks: Map<number, number>;
  readonly rssBytes: number;
}

/** Reads each root process and its descendants, one level of the trees at a time (the reads of a level at once). */
export async function readTrees(roots: readonly number[], proc: ProcSource): Promise<Reading | null> {
  const ticks = new Map<number, number>();
  let rssBytes = 0;
  let level = [...new Set(roots)];
  for (let walked = 0; level.length > 0 && walked < MAX_TREE * roots.length; walked += level.length) {
    const read = await Promise.all(level.map((pid) => readProcess(pid, proc)));
    const next: number[] = [];
    read.forEach((process, i) => {
      if (!process) return; // gone: its children, if any, were reparented away from the tree
      ticks.set(level[i]!, process.ticks);
      rssBytes += process.rssBytes;
      next.push(...process.children.filter((pid) => !ticks.has(pid)));
    });
    level = next;
  }
  return ticks.size === 0 ? null : { ticks, rssBytes };
}

async function readProcess(pid: number, proc: ProcSource): Promise<{ ticks: number; rssBytes: number; children: number[] } | null> {
  // Children of the main thread only: processes are spawned from it (libuv, shells, npx), and reading every thread's
  // list (a dozen for node) would triple what a sample costs.
  const [stat, status, children] = await Promise.all([
    proc.read(`/proc/${pid}/stat`),
    proc.read(`/proc/${pid}/status`),
    proc.read(`/proc/${pid}/task/${pid}/children`),
  ]);
  const ticks = stat === null ? null : parseStatTicks(stat);
  if (ticks === null) return null;
  return { ticks, rssBytes: (status === null ? null : parseRssBytes(status)) ?? 0, children: parseChildren(children ?? '') };
}

/** RSS in bytes of a process and its descendants, or null when it cannot be read (gone, or not Linux). */
export async function treeRssBytes(pid: number, proc: ProcSource = linuxProc): Promise<number | null> {
  return (await readTrees([pid], proc))?.rssBytes ?? null;
}
