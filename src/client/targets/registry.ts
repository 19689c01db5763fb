/**
 * Every kind of target, one line each. Adding a kind is its own file (kind.ts says what it declares) and a line in
 * KINDS; the plan's TargetPlan, the `target:` syntax (and a client block's `endpoints`), opening a connection, the
 * report's transport and label, and redaction all follow from this list.
 */
import { z } from 'zod';
import { isRecord } from '../../input/path.js';
import { listWords } from '../../input/suggest.js';
import { strict } from '../../input/fields.js';
import { builtinTarget } from './builtin.js';
import { httpTarget } from './http.js';
import type { Clock } from '../../time/clock.js';
import type { OpenedTransport, TransportOptions } from '../transports/opened.js';
import type { ServerLog } from '../transports/server-log.js';
import type { TargetKind } from './kind.js';
import { sseTarget } from './sse.js';
import { stdioTarget } from './stdio.js';

const KINDS = [builtinTarget, stdioTarget, httpTarget, sseTarget] as const;

type Kinds = (typeof KINDS)[number];

/** Where calls go, resolved: one member per kind (the built-in server, a stdio command, a Streamable HTTP or SSE URL). */
export type TargetPlan = PlanOf<Kinds>;

/** What a kind's `build` makes. */
type PlanOf<K> = K extends { readonly build: (...args: never[]) => infer Plan } ? Plan : never;

/** A kind seen generally: its parts take any plan, and callers hand each the plan (or raw mapping) of its own kind. */
type AnyTargetKind = TargetKind<TargetPlan, unknown>;

export const TARGET_KIND_NAMES: readonly TargetPlan['kind'][] = KINDS.map((kind) => kind.kind);

// Each kind is only ever called with a plan of its own kind (the plan's `kind` picks it).
const BY_KIND = new Map<unknown, AnyTargetKind>(KINDS.map((kind) => [kind.kind, kind as unknown as AnyTargetKind]));

export function targetKind(kind: TargetPlan['kind']): AnyTargetKind {
  return BY_KIND.get(kind)!;
}

/** The kind a saved report or a file names, if this version has it. */
export function findTargetKind(kind: unknown): AnyTargetKind | undefined {
  return BY_KIND.get(kind);
}

const TARGET_HINT = 'e.g. target: { builtin: { latency: 1ms } } or target: { stdio: { command: node, args: [server.js] } }';

/** `target:` (and each `endpoints` entry): exactly one of the kinds, each with its own mapping. */
export const targetSchema = strict(Object.fromEntries(KINDS.map((kind) => [kind.kind, kind.schema.optional()])) as {
  readonly [K in Kinds as K['kind']]: z.ZodOptional<K['schema']>;
}).superRefine(checkOneKind, { when: (payload) => isRecord(payload.value) });

export type RawTarget = z.output<typeof targetSchema>;

function checkOneKind(value: unknown, ctx: z.core.$RefinementCtx): void {
  if (!isRecord(value)) return;
  const present = TARGET_KIND_NAMES.filter((kind) => value[kind] !== undefined);
  if (present.length === 1) return;
  const known: readonly string[] = TARGET_KIND_NAMES;
  // With no known kind but an unknown key, the unknown-key issue (with its suggestion) already says what is wrong.
  if (present.length === 0 && Object.keys(value).some((key) => !known.includes(key))) return;
  const expected = `exactly one of ${listWords(TARGET_KIND_NAMES)}`;
  ctx.addIssue({
    code: 'custom',
    message: present.length === 0 ? `expected ${expected}; got none` : `expected ${expected}; got ${listWords(present, 'and')}`,
    params: { expected, hint: present.length === 0 ? TARGET_HINT : 'keep one of them' },
  });
}

/** The kind a validated target names, and its own mapping. */
export function writtenKind(raw: RawTarget): { readonly kind: AnyTargetKind; readonly settings: unknown } {
  const name = TARGET_KIND_NAMES.find((kind) => (raw as Record<string, unknown>)[kind] !== undefined) ?? 'builtin';
  return { kind: targetKind(name), settings: (raw as Record<string, unknown>)[name] ?? {} };
}

/** Resolves a validated target; a relative path in it is taken from `baseDir` (the scenario file's folder). */
export function buildTarget(raw: RawTarget, baseDir: string): TargetPlan {
  const { kind, settings } = writtenKind(raw);
  return kind.build(settings, baseDir);
}

/** A transport to the target (a failure to start, even a synchronous one, is a rejection). */
export async function openTarget(target: TargetPlan, log: ServerLog, clock: Clock, options: TransportOptions = {}): Promise<OpenedTransport> {
  return targetKind(target.kind).open(target, log, clock, options);
}

/** A target with its secrets hidden, and the one line that names it for people. */
export function showTarget(target: TargetPlan): TargetPlan {
  return targetKind(target.kind).shown(target);
}

export function targetLabel(shown: TargetPlan): string {
  return targetKind(shown.kind).label(shown);
}
