/**
 * How a session-churn workload opens sessions of its own (ExecutionContext.sessions), from the endpoints the runner
 * opened for it: a Streamable HTTP server — a URL target, or the built-in server spawned once for the workload — gets
 * a new session at the same URL each time (initialize; DELETE on close), so the server the growth figure is read
 * from is the one every session goes to. Any other target (stdio, built-in stdio, SSE) is connected anew: a stdio
 * session is a process of its own, spawned and ended. A churned session's calls go through its plain caller: the
 * workload's client layers are not applied to them.
 */
import { connect } from '../client/connect.js';
import type { Endpoints } from '../client/stack.js';
import { targetKind, type TargetPlan } from '../client/targets/registry.js';
import type { TransportOptions } from '../client/transports/opened.js';
import { sessionSettingsOf } from '../client/session/settings.js';
import type { ServerLog } from '../client/transports/server-log.js';
import { linuxProc, readTrees } from '../client/transports/proc-tree.js';
import type { Clock } from '../time/clock.js';
import type { ChurnSession, SessionOpener } from '../workloads/executor.js';
import type { WorkloadPlan } from '../workloads/plan.js';

export interface OpenerDeps {
  readonly clock: Clock;
  readonly log: ServerLog;
  readonly onBadOutput?: TransportOptions['onBadOutput'];
  readonly onStreamEvent?: TransportOptions['onStreamEvent'];
  readonly connectTimeoutMs: number;
  readonly session?: TransportOptions['session'];
}

export function sessionOpener(workload: WorkloadPlan, endpoints: Endpoints, deps: OpenerDeps): SessionOpener {
  const target = workload.endpoints[0]!;
  const first = endpoints.pools[0]!.connections[0]!;
  const sharedUrl = first.url !== null && targetKind(target.kind).transport(target) === 'http' ? first.url : null;
  const sessionTarget: TargetPlan = sharedUrl === null ? target : { ...sessionSettingsOf(target), kind: 'http', url: sharedUrl, headers: 'headers' in target ? target.headers : {}, ...('auth' in target && target.auth && { auth: target.auth }) };
  const options: TransportOptions = { onBadOutput: deps.onBadOutput, onStreamEvent: deps.onStreamEvent, session: deps.session };
  const sharedPid = sharedUrl !== null ? (first.serverPid ?? null) : null;
  return {
    open: async (signal): Promise<ChurnSession> => {
      const connection = await connect(sessionTarget, deps.log, deps.clock, options, deps.connectTimeoutMs, signal);
      let closing: Promise<void> | null = null;
      const pid = connection.serverPid ?? null;
      return {
        caller: connection.caller,
        close: () => (closing ??= connection.close().catch(() => undefined)),
        ...(pid !== null && { serverRssBytes: () => rssOf(pid) }),
      };
    },
    ...(sharedPid !== null && { serverRssBytes: () => rssOf(sharedPid) }),
  };
}

/** The RSS of a process and its descendants (Linux /proc), or null where it cannot be read. */
async function rssOf(pid: number): Promise<number | null> {
  const reading = await readTrees([pid], linuxProc).catch(() => null);
  return reading?.rssBytes ?? null;
}
