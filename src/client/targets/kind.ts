/**
 * What a kind of target declares about itself — the file syntax under `target:`, its resolved plan, how mcp-bench
 * opens a connection to it, and how it is shown to people with its secrets hidden — in its one file. The registry
 * (registry.ts) lists the kinds; nothing else names one.
 */
import type { z } from 'zod';
import type { Segment } from '../../input/path.js';
import type { Clock } from '../../time/clock.js';
import type { OpenedTransport, TransportOptions } from '../transports/opened.js';
import type { ServerLog } from '../transports/server-log.js';

/** How mcp-bench speaks to a target: what a report names as its transport. */
export type TransportName = 'stdio' | 'http' | 'sse';

/** Shows the resolved value at a path below the target's mapping as the file wrote it (resolved-view.ts). */
export type MirrorAt = (value: unknown, below: readonly Segment[]) => unknown;

export interface TargetKind<Plan extends { readonly kind: string }, Raw> {
  /** The key written under `target:` (and under each entry of a client block's `endpoints`). */
  readonly kind: Plan['kind'];
  /** The mapping written under that key. */
  readonly schema: z.ZodType<Raw>;
  /** The plan: defaults applied; `baseDir` is what a relative path is taken from (the scenario file's folder). */
  readonly build: (raw: Raw, baseDir: string) => Plan;
  readonly transport: (plan: Plan) => TransportName;
  /** mcp-bench starts the server process itself: its start is part of cold start, its CPU and memory are sampled. */
  readonly spawnsServer: boolean;
  /** Undefined when it speaks Streamable HTTP at one URL (what the autocannon engine needs); else what it is, in words. */
  readonly notStreamableHttp: (raw: Raw) => string | undefined;
  /** The plan as a report may show it: header and env values hidden, URL credentials and secret parameters removed. */
  readonly shown: (plan: Plan) => Plan;
  /** One line naming a shown target for people: `stdio: node server.js`. */
  readonly label: (shown: Plan) => string;
  /**
   * A transport to it, and whatever had to be started for it. The wire code is imported here, when a session opens,
   * so that reading a scenario or a report does not load the transports.
   */
  readonly open: (plan: Plan, log: ServerLog, clock: Clock, options: TransportOptions) => OpenedTransport | Promise<OpenedTransport>;
  /**
   * The plan shown field by field as written, when its fields sit elsewhere than the file's keys (the built-in server's
   * settings are written flat but kept under `server`). Absent: every field under the same key, units dropped.
   */
  readonly asWritten?: (plan: Plan, mirror: MirrorAt) => unknown;
}

/** Declares a target kind, checking its parts against each other: `defineTargetKind<MyPlan>()({ … })`. */
export const defineTargetKind =
  <Plan extends { readonly kind: string }>() =>
  <Raw>(kind: TargetKind<Plan, Raw>): TargetKind<Plan, Raw> =>
    kind;
