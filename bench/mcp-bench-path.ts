/**
 * mcp-bench's real measured path, exactly as `mcp-bench run` takes it: an in-memory scenario resolved into a Plan by
 * the scenario module, run by runPlan (spawning the built-in server, preflight, warmup, the executor, the recorder, its
 * timeline, the harness and server samplers; runMeasured adds the live progress line),
 * and read back from summarize()'s RunSummary — the figures a user would see in the report. Also the servers the
 * peers talk to, started with the same command line the built-in target uses.
 */
import { spawn } from 'node:child_process';
import { ProgressDriver } from '../src/cli/progress-driver.js';
import { currentEnvironment } from '../src/pipeline/environment.js';
import { serveArgs } from '../src/client/transports/builtin.js';
import { selfCommand } from '../src/client/transports/self-command.js';
import { ServerLog } from '../src/client/transports/server-log.js';
import { summarize } from '../src/summary/summarize.js';
import type { RunSummary } from '../src/summary/summary.js';
import { runPlan, type RunDependencies } from '../src/runner/run.js';
import type { ReferenceServerOptions } from '../src/server/options.js';
import { resolveScenario } from '../src/scenario/resolve.js';
import { STREAMABLE_URL_PATTERN } from '../src/server/listening-line.js';
import { systemClock } from '../src/time/clock.js';
import { VERSION } from '../src/version.js';
import type { Figures } from './report.js';

/** The reference server with no injected latency, jitter or failures: the client is what limits throughput. */
export const FAST_SERVER: ReferenceServerOptions = { latencyUs: 0, jitterUs: 0, failRate: 0, seed: 1 };

export interface PathWorkload {
  /** 1 runs a `sequential` workload, more a `concurrent` one. */
  readonly concurrency: number;
  readonly operation: Readonly<Record<string, unknown>>;
  /** As a scenario writes it: a number of calls (`200`) or a duration (`1000ms`); absent: none. */
  readonly warmup?: number | string;
  /** The measured phase: a duration (`3000ms`), or a number of calls. */
  readonly measure: { readonly duration: string } | { readonly iterations: number };
}

/** The scenario a user would write for this workload (target: the built-in server, or a URL already serving). */
export function scenarioFor(target: { builtin: 'stdio' } | { url: string }, workload: PathWorkload): Record<string, unknown> {
  return {
    name: 'bench',
    target: 'builtin' in target ? { builtin: { transport: 'stdio', latency: '0ms' } } : { http: { url: target.url } },
    workloads: [{
      name: 'bench',
      type: workload.concurrency === 1 ? 'sequential' : 'concurrent',
      ...(workload.concurrency === 1 ? {} : { concurrency: workload.concurrency }),
      ...workload.measure,
      ...(workload.warmup !== undefined ? { warmup: workload.warmup } : {}),
      operations: [workload.operation],
    }],
  };
}

/** Resolves and runs `scenario` the way `mcp-bench run` does; returns the summary (throws if it did not complete). */
export async function runScenario(scenario: Record<string, unknown>, deps: Partial<RunDependencies> = {}): Promise<RunSummary> {
  const resolved = resolveScenario(scenario, { file: null, env: {} });
  if (!resolved.ok) throw new Error(`bench scenario does not validate: ${JSON.stringify(resolved.issues)}`);
  const serverLog = new ServerLog();
  const result = await runPlan(resolved.plan, {
    clock: systemClock, serverLog, stopSignal: new AbortController().signal, now: () => new Date(), ...deps,
  });
  const summary = summarize(result, currentEnvironment(), VERSION);
  const workload = summary.workloads[0];
  if (workload?.status !== 'completed') throw new Error(`mcp-bench run ${workload?.status ?? 'missing'}: ${JSON.stringify(workload?.failure)}`);
  return summary;
}

/** calls/s, p50, p99 and errors of the summary's first workload. */
export function figuresOf(summary: RunSummary): Figures {
  const total = summary.workloads[0]!.total;
  return { callsPerSec: total.throughputPerSec, p50Us: total.latencyUs.p50, p99Us: total.latencyUs.p99, errors: total.count - total.ok };
}

/**
 * Runs `scenario` (one workload with a duration and a warmup of `warmupMs`) and returns its figures, the measured
 * span as performance.now() instants (from the moment the executor starts plus the warmup, for the duration) and
 * the calls measured — what withCpu needs.
 */
export async function runMeasured(scenario: Record<string, unknown>, warmupMs: number, durationMs: number) {
  let startMs = Number.NaN;
  // The live progress line a terminal shows (redrawn 4 times a second, into a sink here): part of the run's path.
  const progress = new ProgressDriver({ stream: { write: () => true, isTTY: true, columns: 100 }, clock: systemClock, mode: 'live', color: false });
  try {
    const summary = await runScenario(scenario, {
      onMeasuring: (workload, live) => {
        startMs = performance.now() + warmupMs;
        progress.measuring(workload, live);
      },
      onWorkloadEnd: (run) => progress.workloadEnded(run),
    });
    return { figures: figuresOf(summary), startMs, endMs: startMs + durationMs, calls: summary.workloads[0]!.total.count };
  } finally {
    progress.close();
  }
}

/** The built-in server's stdio command line, as the `builtin` target spawns it. */
export function builtinStdioCommand(server: ReferenceServerOptions = FAST_SERVER): { command: string; args: string[] } {
  const self = selfCommand();
  return { command: self.command, args: [...self.args, ...serveArgs('stdio', server)] };
}

/** Starts `mcp-bench serve --transport http` on 127.0.0.1, port 0, and resolves with its URL once it listens. */
export function startHttpServer(server: ReferenceServerOptions = FAST_SERVER): Promise<HttpServer> {
  const self = selfCommand();
  return startServerCommand(self.command, [...self.args, ...serveArgs('http', server)]);
}

export interface HttpServer {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/** Spawns a server that prints `… Streamable HTTP at <url>, …` once listening, and resolves with that URL. */
export async function startServerCommand(command: string, args: readonly string[]): Promise<HttpServer> {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = STREAMABLE_URL_PATTERN.exec(seen);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited with code ${code}`)));
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return { url, pid: child.pid ?? 0, stop };
}
