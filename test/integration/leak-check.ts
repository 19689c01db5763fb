import { readdirSync, readFileSync } from 'node:fs';
import { after, afterEach, beforeEach } from 'node:test';
import { liveGroups, watchGroups } from '../../src/client/transports/live-groups.js';

/**
 * The process-leak check for integration tests that spawn servers: `checkForLeaks()` at the top of a test file (or
 * inside a describe) asserts, after every test, that no process the test started is still running.
 *
 * "Started by the test": every process seen below this test process while the test ran (sampled from /proc every
 * 200 ms, so a server outlives even a spawned CLI that exits and leaves it to PID 1), every member of a process group
 * seen that way or spawned in-process (live-groups.ts tells of each one at once), and pids a test names with
 * `expectGone`. Processes that were already there before the test (a server a `before` hook started) are left to the
 * `after` check of the whole file. Survivors are given 5 s to go, then SIGKILLed, and the test fails naming them.
 * Linux only (/proc); elsewhere it checks only that every in-process group was stopped.
 */

const SAMPLE_MS = 200;
/** tsx's esbuild transform service: a child of the test process itself, started when a file is first loaded. */
const TEST_RUNNER_OWN = /\besbuild\b.*--service/;
const GONE_WITHIN_MS = 5_000;
const HAS_PROC = process.platform === 'linux';

interface Proc {
  readonly pid: number;
  readonly ppid: number;
  readonly pgid: number;
  readonly zombie: boolean;
}

function readProc(pid: number): Proc | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null; // gone meanwhile
  }
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { pid, ppid: Number(fields[1]), pgid: Number(fields[2]), zombie: fields[0] === 'Z' || fields[0] === 'X' };
}

/** Every process on the machine, from /proc/<pid>/stat (the fields after the command, which may hold spaces). */
export function processTable(): Map<number, Proc> {
  const table = new Map<number, Proc>();
  if (!HAS_PROC) return table;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const proc = readProc(Number(entry));
    if (proc) table.set(proc.pid, proc);
  }
  return table;
}

/** A process's children, from /proc/<pid>/task/<tid>/children (every thread's): no scan of the whole table. */
function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) => {
      try {
        return readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
      } catch {
        return [];
      }
    });
  } catch {
    return [];
  }
}

/** Every process below `root`, each read once; cheap enough to sample often while a test runs. */
function descendants(root: number): Proc[] {
  const found: Proc[] = [];
  const visit = (pid: number): void => {
    for (const child of childrenOf(pid)) {
      const proc = readProc(child);
      if (!proc) continue;
      found.push(proc);
      visit(child);
    }
  };
  if (HAS_PROC) visit(root);
  return found;
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim().slice(0, 200);
  } catch {
    return '?';
  }
}

const OWN_GROUP = HAS_PROC ? (processTable().get(process.pid)?.pgid ?? -1) : -1;

/** What one test started. */
class Watch {
  readonly pids = new Set<number>();
  readonly groups = new Set<number>();
  private readonly timer: NodeJS.Timeout;
  private readonly unwatch: () => void;

  constructor(private readonly before: ReadonlySet<number>) {
    this.unwatch = watchGroups((pgid) => this.groups.add(pgid));
    this.timer = setInterval(() => this.sample(), SAMPLE_MS);
    this.timer.unref();
  }

  sample(): void {
    for (const proc of descendants(process.pid)) {
      if (this.before.has(proc.pid) || TEST_RUNNER_OWN.test(commandOf(proc.pid))) continue;
      this.pids.add(proc.pid);
      if (proc.pgid !== OWN_GROUP) this.groups.add(proc.pgid);
    }
  }

  stop(): void {
    this.sample();
    clearInterval(this.timer);
    this.unwatch();
  }

  /** Those still running: a pid seen, or any member of a group seen (but for what ran before the test). */
  running(): Proc[] {
    return [...processTable().values()].filter(
      (proc) => !proc.zombie && !this.before.has(proc.pid) && proc.pid !== process.pid && (this.pids.has(proc.pid) || this.groups.has(proc.pgid)),
    );
  }
}

let current: Watch | null = null;

/** Adds pids (a fixture's, read from its pid file) that must be gone after the current test, as if seen running. */
export function expectGone(...pids: number[]): void {
  for (const pid of pids) current?.pids.add(pid);
}

type Described = Proc & { readonly command: string };

/** Waits (at most `ms`) for the `running` processes to be gone; SIGKILLs and returns those that were not. */
async function leftAfter(running: () => Proc[], ms: number): Promise<Described[]> {
  const deadline = Date.now() + ms;
  let left = running();
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    left = running();
  }
  const described = left.map((proc) => ({ ...proc, command: commandOf(proc.pid) }));
  for (const proc of left) {
    try {
      process.kill(proc.pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
  return described;
}

function failure(left: readonly Described[], groups: readonly number[]): Error | null {
  if (left.length === 0 && groups.length === 0) return null;
  const lines = left.map((proc) => `  pid ${proc.pid} (group ${proc.pgid}): ${proc.command}`);
  if (groups.length > 0) lines.push(`  process groups spawned and never stopped: ${groups.join(', ')}`);
  return new Error(`processes left running after the test (killed now):\n${lines.join('\n')}`);
}

/** Registers the check (beforeEach/afterEach, and a last look `after` everything) where it is called. */
export function checkForLeaks(): void {
  let fileWatch: { pids: Set<number>; groups: Set<number> } = { pids: new Set(), groups: new Set() };
  let groupsBefore = new Set<number>();
  beforeEach(() => {
    const before = new Set(descendants(process.pid).map((proc) => proc.pid));
    groupsBefore = new Set(liveGroups());
    current = new Watch(before);
  });
  afterEach(async () => {
    const watch = current;
    current = null;
    if (!watch) return;
    watch.stop();
    watch.pids.forEach((pid) => fileWatch.pids.add(pid));
    watch.groups.forEach((pgid) => fileWatch.groups.add(pgid));
    const left = await leftAfter(() => watch.running(), GONE_WITHIN_MS);
    const unstopped = liveGroups().filter((pgid) => !groupsBefore.has(pgid) && watch.groups.has(pgid));
    const error = failure(left, unstopped);
    if (error) throw error;
  });
  after(async () => {
    // Whatever a before hook started is now past its after hook too: every process still below us is left over.
    const seen = fileWatch;
    fileWatch = { pids: new Set(), groups: new Set() };
    for (const proc of descendants(process.pid)) {
      if (!TEST_RUNNER_OWN.test(commandOf(proc.pid))) seen.pids.add(proc.pid);
    }
    const running = (): Proc[] =>
      [...processTable().values()].filter((proc) => !proc.zombie && proc.pid !== process.pid && (seen.pids.has(proc.pid) || seen.groups.has(proc.pgid)));
    const error = failure(await leftAfter(running, GONE_WITHIN_MS), []);
    if (error) throw error;
  });
}
