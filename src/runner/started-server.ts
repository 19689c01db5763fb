/**
 * The user's own servers that URL targets ask mcp-bench to start (`target: { http: { url, start: … } }`,
 * client/targets/start-plan.ts). The run owns them, not a session: runScenario starts each distinct `start:` once,
 * after the harness floor and before the first workload, and stops it after the last workload of the last round, on
 * every way out. Each runs in a process group of its own (listed in live-groups.ts, so it never outlives mcp-bench);
 * its stdout and stderr go to the server log; its pid (and its children) are sampled like a stdio server's.
 *
 * A server that exits before it is ready, or is not ready in time, fails the run (`start:exited`, `start:timeout`:
 * exit 3) with its last lines and the log's path — the workloads are not run. One that exits mid-run fails the calls
 * as transport errors, and the report's warnings say how it ended.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { hasExited, OWN_PROCESS_GROUP, signalGroup, STOP_STEP_MS, waitForExit } from '../client/transports/process-group.js';
import { trackGroup } from '../client/transports/live-groups.js';
import type { ServerLog } from '../client/transports/server-log.js';
import type { TargetPlan } from '../client/targets/registry.js';
import { startCommandLine, type StartPlan } from '../client/targets/start-plan.js';
import { canonicalJson } from '../input/canonical-json.js';
import { formatDuration } from '../input/units.js';
import type { Plan } from '../scenario/plan.js';
import type { Clock } from '../time/clock.js';
import { LogWatch, probeUrl, waitUntilReady, type ExitInfo, type ReadyResult } from './server-ready.js';
import { notRun, type RunDependencies, type RunFailure, type RunOneWorkload } from './run.js';

/** Every distinct `start:` of the plan's targets and endpoints, its variants' included, in the order written. */
export function startsOf(plan: Plan): StartPlan[] {
  const targets: TargetPlan[] = [plan.target, ...plan.workloads.flatMap((w) => w.endpoints)];
  for (const variant of plan.variants ?? []) targets.push(variant.target, ...variant.workloads.flatMap((w) => w.endpoints));
  const byKey = new Map<string, StartPlan>();
  for (const target of targets) if ('start' in target && target.start) byKey.set(canonicalJson(target.start), target.start);
  return [...byKey.values()];
}

export interface StartDependencies {
  readonly clock: Clock;
  readonly serverLog: ServerLog;
  readonly stopSignal: AbortSignal;
  /** Where the server log is written, as the user should read it (named in a failed start); absent: kept in memory. */
  readonly serverLogName?: string;
}

/** One started server: its process, and how it ended if it did. */
class StartedServer {
  exit: ExitInfo | null = null;
  stopping = false;
  private readonly untrack: () => void;

  constructor(
    readonly plan: StartPlan,
    readonly child: ChildProcess,
  ) {
    this.untrack = child.pid === undefined ? () => undefined : trackGroup(child.pid);
    child.on('exit', (code, signal) => (this.exit = { code, signal }));
  }

  /** SIGTERM to its group, SIGKILL after the grace, and the exit waited for. */
  async stop(graceMs: number): Promise<void> {
    this.stopping = true;
    if (this.child.pid !== undefined) {
      signalGroup(this.child, 'SIGTERM'); // an exited leader may have left children in its group
      if (!hasExited(this.child) && !(await waitForExit(this.child, graceMs))) {
        signalGroup(this.child, 'SIGKILL');
        await waitForExit(this.child, graceMs);
      }
    }
    this.untrack();
  }
}

/** The run's started servers: their pids to sample, what became of them, and their stop. */
export class StartedServers {
  private constructor(
    private readonly servers: readonly StartedServer[],
    /** Why the run cannot go on (a server not ready), or null. */
    readonly failure: RunFailure | null,
  ) {}

  /** Starts every `start:` in turn, each waited for; stops at the first that fails (those started are stopped at stop()). */
  static async start(starts: readonly StartPlan[], deps: StartDependencies): Promise<StartedServers> {
    const servers: StartedServer[] = [];
    for (const plan of starts) {
      const server = spawnServer(plan, deps.serverLog);
      servers.push(server);
      const failure = await whenReady(server, deps);
      if (failure) return new StartedServers(servers, failure);
    }
    return new StartedServers(servers, null);
  }

  /** The live servers' pids, for the resource sampler. */
  pids(): number[] {
    return this.servers.flatMap((s) => (s.exit === null && s.child.pid !== undefined ? [s.child.pid] : []));
  }

  /** The run's dependencies with the servers' pids sampled, and, when a start failed, every workload failing with it. */
  around<D extends RunDependencies & { readonly runOne: RunOneWorkload }>(deps: D): D {
    const given = deps.serverPids;
    const serverPids = (): readonly number[] => [...this.pids(), ...(given?.() ?? [])];
    const failure = this.failure;
    if (failure === null) return this.servers.length === 0 ? deps : { ...deps, serverPids };
    return { ...deps, runOne: async (workload) => ({ ...notRun(workload), status: 'failed', failure }) };
  }

  /** One warning per server that exited while the run went on (not when stopped, nor when it failed the start). */
  warnings(): string[] {
    if (this.failure) return [];
    return this.servers.flatMap((s) => (s.exit && !s.stopping ? [`the started server (${startCommandLine(s.plan)}) exited mid-run ${exitText(s.exit)}`] : []));
  }

  /** Stops every server (SIGTERM, SIGKILL after `graceMs`); never throws. */
  async stop(graceMs = STOP_STEP_MS): Promise<void> {
    await Promise.all(this.servers.map((s) => s.stop(graceMs)));
  }
}

function spawnServer(plan: StartPlan, log: ServerLog): StartedServer {
  // The user's own server gets the whole environment (a CI job's settings), with its env: on top.
  const child = spawn(plan.command, [...plan.args], {
    cwd: plan.cwd,
    env: { ...process.env, ...plan.env },
    detached: OWN_PROCESS_GROUP,
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  const server = new StartedServer(plan, child);
  child.stdout?.on('data', (chunk: Buffer) => log.write(chunk));
  child.stderr?.on('data', (chunk: Buffer) => log.write(chunk));
  child.on('error', (error: NodeJS.ErrnoException) => {
    // A command that cannot be spawned (ENOENT, EACCES) never emits `exit`.
    server.exit ??= { code: null, signal: null };
    log.write(`mcp-bench: could not start ${plan.command}: ${error.code ?? error.message}\n`);
  });
  return server;
}

async function whenReady(server: StartedServer, deps: StartDependencies): Promise<RunFailure | null> {
  const { plan, child } = server;
  const probe = plan.ready.kind === 'url' ? probeUrl.bind(null, plan.ready.url) : logProbe(child, plan.ready.pattern);
  const result = await waitUntilReady({ clock: deps.clock, timeoutUs: plan.timeoutUs, probe, exited: () => server.exit, signal: deps.stopSignal });
  return result.kind === 'ready' || result.kind === 'interrupted' ? null : startFailure(plan, result, deps);
}

function logProbe(child: ChildProcess, pattern: string): () => Promise<boolean> {
  const watches = [new LogWatch(pattern), new LogWatch(pattern)];
  child.stdout?.on('data', (chunk: Buffer) => watches[0]!.write(chunk));
  child.stderr?.on('data', (chunk: Buffer) => watches[1]!.write(chunk));
  return () => Promise.resolve(watches.some((watch) => watch.matched));
}

/** `start:exited` or `start:timeout`, in words, with the server's last lines and where its log is. */
export function startFailure(plan: StartPlan, result: Exclude<ReadyResult, { kind: 'ready' | 'interrupted' }>, deps: Pick<StartDependencies, 'serverLog' | 'serverLogName'>): RunFailure {
  const what = `the started server (${startCommandLine(plan)})`;
  const waitedFor = plan.ready.kind === 'url' ? `an HTTP answer at ${plan.ready.url}` : `a line matching /${plan.ready.pattern}/`;
  const how = result.kind === 'exited'
    ? `${what} exited ${exitText(result.exit)} before it was ready (waiting for ${waitedFor})`
    : `${what} was not ready within ${formatDuration(plan.timeoutUs)} (waiting for ${waitedFor})`;
  const tail = deps.serverLog.tail();
  const lines = tail.length > 0 ? `; its last lines:\n    ${tail.join('\n    ')}` : '; it wrote nothing';
  const log = deps.serverLogName ? `\n  server log: ${deps.serverLogName}` : '';
  const hint = result.kind === 'timeout' ? '\n  hint: raise start.timeout, or check ready:' : '';
  return { code: result.kind === 'exited' ? 'start:exited' : 'start:timeout', message: `${how}${lines}${log}${hint}`, serverStderr: tail };
}

function exitText(exit: ExitInfo): string {
  if (exit.signal) return `on ${exit.signal}`;
  return exit.code === null ? '(it could not be spawned)' : `with code ${exit.code}`;
}
