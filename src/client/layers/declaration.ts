/**
 * What a client layer declares about itself, in its own file beside its Layer class: its key and counter name, its
 * scenario options with their defaults and cross-field rules, how the options resolve into its policy, how the Layer
 * is built over the caller below it, how its counters merge over rounds, and what it adds to the report (figures per
 * operation recorded from the CallTrace, their table columns, a line of its counters). registry.ts lists the
 * declarations in stack order; ClientPolicies, the client block's schema, defaults, merge and checks, the stack, the
 * recorder, the summary, the rounds merge and the client table are all derived from that one list.
 */
import type { z } from 'zod';
import type { Problem } from '../../input/issues.js';
import type { Random } from '../../random/seeded.js';
import type { LatencyStats } from '../../stats/histogram.js';
import type { Clock } from '../../time/clock.js';
import type { Caller, Layer } from '../caller.js';
import type { EmitEvent } from '../events.js';
import type { Outcome } from '../outcome.js';
import type { CallTrace } from '../trace.js';

/** What the stack gives every layer it builds (each takes what it needs). */
export interface LayerDeps {
  readonly clock: Clock;
  readonly random: Random;
  readonly emit?: EmitEvent;
  /** Tools the server annotates `readOnlyHint: true` (read at each call, so it may be filled after connecting). */
  readonly readOnlyTools: ReadonlySet<string>;
}

/** A layer's settings as written, each field resolved by its schema (µs, bytes, calls per second); all optional. */
export type Settings<S extends z.ZodRawShape> = z.output<z.ZodObject<S>>;

/** The settings with the layer's defaults filled in: a field that has a default is always there. */
export type Resolved<S extends z.ZodRawShape, D> = Settings<S> & {
  readonly [K in keyof D & keyof Settings<S>]-?: Exclude<Settings<S>[K], undefined>;
};

/**
 * A rule on a layer's merged settings (a workload's block over the scenario's, defaults under both). The schema
 * checks each field where it is written; a rule needs the settings as they will apply (options/checks.ts).
 */
export interface LayerRule<S extends z.ZodRawShape = z.ZodRawShape> {
  /** The fields the rule reads. */
  readonly fields: readonly (keyof S & string)[];
  /** Where the problem is reported, below the layer (none: the layer itself). */
  readonly at?: keyof S & string;
  readonly check: (settings: Readonly<Record<string, unknown>>) => Omit<Problem, 'segments'> | undefined;
}

/** A layer's (or a pool's) own counters, as `stats()` returns them. */
export type Counters = Readonly<Record<string, number | string>>;

/**
 * How a counter combines over the rounds of a variants run. Counters not named are summed (a text, such as a state,
 * is the last round's); `last`: a size, where a sum would describe nothing; `max`: the largest; a function
 * recomputes the counter from the merged others (a ratio).
 */
export type CounterMerge = 'last' | 'max' | ((merged: Counters) => number);

/** Number formatting the reporters lend the layers' columns and lines. */
export interface Formats {
  count(n: number): string;
  /** A count and its noun, singular for one: `1 entry`, `3 entries`. */
  counted(n: number, one: string, many?: string): string;
  latency(us: number): string;
  percent(fraction: number): string;
  bytes(n: number): string;
}

/** A counter of `stats`, as a number (0 when absent). */
export const counter = (stats: Counters, key: string): number => Number(stats[key] ?? 0);

/** What the report knows of a layer's counters, by the layer's name (its key in the report's `client.layers`). */
export interface LayerCounters {
  /** Layer.name: `cache`, `rate-limit`, … (the pools are `pool`, `pool1`, …). */
  readonly name: string;
  readonly counters?: Readonly<Record<string, CounterMerge>>;
  /** One line of its counters under the client table; none when the table shows all it has to say. */
  line?(stats: Counters, format: Formats, name: string): string | null;
}

/** The report's zod building blocks a layer's figures are described with (report-schema.ts lends them). */
export interface FigureSchemas {
  readonly count: z.ZodNumber;
  readonly wholeUs: z.ZodNumber;
  readonly share: z.ZodNumber;
  readonly counts: z.ZodRecord<z.ZodString, z.ZodNumber>;
  readonly latencyStats: z.ZodType<LatencyStats>;
}

/** What a layer records for one operation; one per operation, created when the workload starts. */
export interface FigureRecord<T> {
  /** A measured call ended. The hot path: nothing here may allocate. */
  record(latencyUs: number, trace: CallTrace): void;
  /** One attempt of a measured call ended (the hot path too); only layers that read attempts have it. */
  attempt?(latencyUs: number, outcome: Outcome): void;
  /** Adds another round's record of the same layer: exact, like one record fed every call of both. */
  mergeFrom(other: this): void;
  /** The operation's figures, for `count` measured calls of which `ok` succeeded. */
  summarize(count: number, ok: number): T;
}

export interface FigureColumn<T> {
  readonly head: string;
  cell(figures: T, format: Formats): string;
}

/** A layer's figures per operation: its key in the operation's `client` summary, its schema, record and columns. */
export interface LayerFigures<K extends string, T> {
  readonly key: K;
  schema(blocks: FigureSchemas): z.ZodType<T>;
  create(): FigureRecord<T>;
  /** Its columns in the client table, shown when some operation has its figures. */
  readonly columns: readonly FigureColumn<T>[];
}

/** Figures of any layer (registry.ts keeps each one's own type). */
export type AnyFigures = LayerFigures<string, unknown>;

export interface LayerDeclaration<K extends string, S extends z.ZodRawShape, D, P, F extends AnyFigures | undefined> extends LayerCounters {
  /** Its key in a `client:` block and in ClientPolicies. */
  readonly key: K;
  /** Its settings as written: each a field from input/fields.ts, all optional. */
  readonly options: S;
  /** Words people write for its key (`retries` for `retry`), so a misspelling of them still finds the key. */
  readonly aliases?: readonly string[];
  /** Settings of the layer switched on without them, in resolved units. */
  readonly defaults: D;
  readonly rules?: readonly LayerRule<S>[];
  /** The written settings (merged, defaults filled in) as the Layer reads them. */
  policy(settings: Resolved<S, D>): P;
  /**
   * Policy settings that, when no field gives them, are computed from these written fields (a rate limit's burst
   * from its rate): the resolved view shows such a value as computed, not as a default.
   */
  readonly computed?: Readonly<Partial<Record<keyof P & string, readonly (keyof S & string)[]>>>;
  /** The Layer over `inner`, the caller below it. */
  build(policy: P, inner: Caller, deps: LayerDeps): Layer;
  readonly figures?: F;
}

/** Declares a layer; only gives the compiler the declaration's own types to keep (its key, options, policy, figures). */
export function declareLayer<
  K extends string,
  S extends z.ZodRawShape,
  D extends Partial<Settings<S>>,
  P extends object,
  F extends AnyFigures | undefined = undefined,
>(declaration: LayerDeclaration<K, S, D, P, F>): LayerDeclaration<K, S, D, P, F> {
  return declaration;
}

/** Declares a layer's figures, keeping their key and type. */
export function declareFigures<K extends string, T>(figures: LayerFigures<K, T>): LayerFigures<K, T> {
  return figures;
}

/** A rule's problem for a required setting that is missing. */
export function missing(expected: string, hint: string): Omit<Problem, 'segments'> {
  return { message: `required field is missing; expected ${expected}`, expected, hint };
}

/** For a setting a rule makes required: a validated block always has it. */
export function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`unreachable: ${what} is required and checked before resolving`);
  return value;
}
