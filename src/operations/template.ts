/**
 * Argument templates: `{{seq}}`, `{{row.<column>}}`, `{{vars.<name>}}`, … in any string of an operation's `args`,
 * resource URI or prompt args, compiled once at resolve time and evaluated per call. (Contract; filled in by the
 * templates work of issue 13.)
 */
import type { McpRequest } from '../client/request.js';
import type { Shard } from '../schedule/shard.js';

/** What a template may read when a call is made. */
export interface TemplateScope {
  /** The call's sequence number in the workload (Performer.perform's `seq`: global over shards). */
  readonly seq: number;
  /** The shard (and worker: `--workers` runs shard i of N) that makes the call. */
  readonly shard: Shard;
  /** The data row this call (or journey) was given, or null when the workload reads no data file. */
  readonly row: Readonly<Record<string, unknown>> | null;
  /** Values captured by earlier steps of this journey (empty outside journeys). */
  readonly vars: Readonly<Record<string, unknown>>;
}

/** A request whose templates were compiled: evaluating it is the per-call cost. */
export interface RequestTemplate {
  instantiate(scope: TemplateScope): McpRequest;
}
