/**
 * The client capabilities a scenario asks a session to declare, and the scripted answers it gives the server's
 * requests for them: `capabilities: { sampling, elicitation, roots }` (README "Client capabilities"). A key left out
 * is not declared; the server's request for it is answered method-not-found, as a client without it would.
 */
import { z } from 'zod';
import { duration, listOf, strict, text } from '../../input/fields.js';

export interface SamplingPlan {
  /** The assistant text we answer with (absent when `error` is set). */
  readonly reply?: string;
  /** Answer with a JSON-RPC error carrying this message instead of a message. */
  readonly error?: string;
  readonly model: string;
  /** How long we take before answering, µs on the injected clock. */
  readonly delayUs: number;
  /** Each answer's delay is drawn uniformly from delay ± jitter (never below 0), seeded; 0: exactly `delay`. */
  readonly jitterUs?: number;
}

export interface ElicitationPlan {
  readonly action: 'accept' | 'decline' | 'cancel';
  /** Given values for `accept`; absent: the request's schema defaults (SEP-1034). */
  readonly content?: Readonly<Record<string, string | number | boolean | readonly string[]>>;
  readonly delayUs: number;
  readonly jitterUs?: number;
}

export interface RootsPlan {
  readonly list: readonly { readonly uri: string; readonly name?: string }[];
  /** Send `notifications/roots/list_changed` this often (µs) once a session is initialized; absent: never. */
  readonly changeEveryUs?: number;
}

export interface CapabilitiesPlan {
  readonly sampling?: SamplingPlan;
  readonly elicitation?: ElicitationPlan;
  readonly roots?: RootsPlan;
}

const delay = () => duration({ positive: false }).optional();

const sampling = strict({ reply: text().optional(), error: text().optional(), model: text().optional(), delay: delay(), jitter: delay() }).superRefine(
  (raw, ctx) => {
    if ((raw.reply === undefined) === (raw.error === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'expected exactly one of reply or error, e.g. sampling: { reply: "ok", delay: 20ms }' });
    }
  },
);

const contentValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);
const elicitation = strict({
  action: z.enum(['accept', 'decline', 'cancel']),
  content: z.record(z.string(), contentValue).optional(),
  delay: delay(),
  jitter: delay(),
});

const roots = strict({
  list: listOf(strict({ uri: text('a root URI, e.g. file:///work'), name: text().optional() })),
  changeEvery: duration({ positive: true }).optional(),
});

/** The `capabilities:` mapping (scenario level or per workload). */
export const capabilitiesField = () => strict({ sampling: sampling.optional(), elicitation: elicitation.optional(), roots: roots.optional() });

type RawCapabilities = z.infer<ReturnType<typeof capabilitiesField>>;

/** The plan a validated mapping wrote; absent keys stay absent. */
export function capabilitiesPlanOf(raw: RawCapabilities): CapabilitiesPlan {
  const s = raw.sampling;
  const e = raw.elicitation;
  return {
    ...(s && { sampling: { ...(s.reply !== undefined && { reply: s.reply }), ...(s.error !== undefined && { error: s.error }), model: s.model ?? 'mcp-bench-scripted', delayUs: s.delay ?? 0, ...(s.jitter !== undefined && { jitterUs: s.jitter }) } }),
    ...(e && { elicitation: { action: e.action, ...(e.content && { content: e.content }), delayUs: e.delay ?? 0, ...(e.jitter !== undefined && { jitterUs: e.jitter }) } }),
    ...(raw.roots && { roots: rootsPlanOf(raw.roots) }),
  };
}

function rootsPlanOf(raw: NonNullable<RawCapabilities['roots']>): RootsPlan {
  const list = raw.list.map((r) => ({ uri: r.uri, ...(r.name !== undefined && { name: r.name }) }));
  return { list, ...(raw.changeEvery !== undefined && { changeEveryUs: raw.changeEvery }) };
}

/** A workload's `capabilities:` over the scenario's: each key it writes replaces the scenario's whole key. */
export function overrideCapabilities(scenario: CapabilitiesPlan | undefined, workload: CapabilitiesPlan | undefined): CapabilitiesPlan | undefined {
  if (workload === undefined) return scenario;
  return { ...scenario, ...workload };
}
