/**
 * The session feature that declares the scenario's client capabilities (capability-plan.ts) and answers the server's
 * `sampling/createMessage`, `elicitation/create` and `roots/list` with the scripted answers, after the configured
 * delay on the injected clock. Every server request — configured or not — is told to `events.serverRequest` with our
 * answer's time and outcome; one for a capability we did not declare is answered method-not-found (-32601), which is
 * what the SDK answers for a method without a handler, so the server sees what a client without it would.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  ErrorCode,
  ListRootsRequestSchema,
  McpError,
  type ClientCapabilities,
} from '@modelcontextprotocol/sdk/types.js';
import type { Clock } from '../../time/clock.js';
import { seededRandom, type Random } from '../../random/seeded.js';
import type { CapabilitiesPlan } from './capability-plan.js';
import { elicitationAnswer } from './elicitation-answer.js';
import type { SessionContext, SessionEvents, SessionFeature, SessionFeatureDeclaration } from './feature.js';

/** The capabilities declared for a plan: only the keys it configures. */
export function capabilitiesOf(plan: CapabilitiesPlan): ClientCapabilities {
  return {
    ...(plan.sampling && { sampling: {} }),
    ...(plan.elicitation && { elicitation: { form: {} } }),
    ...(plan.roots && { roots: { listChanged: true } }),
  };
}

/** Runs `answer`, tells `events` how long it took and how it ended, and returns (or rethrows) its result. */
export async function timedAnswer<T>(method: string, clock: Clock, events: SessionEvents, answer: () => Promise<T>): Promise<T> {
  const t0 = clock.nowUs();
  try {
    const result = await answer();
    events.serverRequest?.(method, clock.nowUs() - t0, 'ok');
    return result;
  } catch (error) {
    const code = error instanceof McpError ? error.code : ErrorCode.InternalError;
    events.serverRequest?.(method, clock.nowUs() - t0, `rpc-error:${code}`);
    throw error;
  }
}

const wait = (clock: Clock, us: number, signal: AbortSignal) => (us > 0 ? clock.sleepUs(us, signal) : Promise.resolve());

/** One answer's delay: `delay`, or drawn uniformly from delay ± jitter (never below 0) from the session's seeded stream. */
export function delayOf(answer: { readonly delayUs: number; readonly jitterUs?: number }, random: Random): number {
  const jitter = answer.jitterUs ?? 0;
  return jitter > 0 ? Math.max(0, Math.round(answer.delayUs + (2 * random() - 1) * jitter)) : answer.delayUs;
}

/**
 * `roots.changeEvery`: once initialized, tells the server its roots changed (`notifications/roots/list_changed`) at
 * that interval on the injected clock, until the session closes.
 */
function announceRootChanges(client: Client, everyUs: number, clock: Clock): void {
  const stop = new AbortController();
  const previous = client.onclose;
  client.onclose = () => {
    stop.abort();
    previous?.();
  };
  void (async () => {
    while (!stop.signal.aborted) {
      await clock.sleepUs(everyUs, stop.signal).catch(() => undefined);
      if (!stop.signal.aborted) await client.sendRootsListChanged().catch(() => undefined);
    }
  })();
}

function setAnswers(client: Client, plan: CapabilitiesPlan, clock: Clock, events: SessionEvents, random: Random): void {
  const sampling = plan.sampling;
  if (sampling) {
    client.setRequestHandler(CreateMessageRequestSchema, (_request, extra) =>
      timedAnswer('sampling/createMessage', clock, events, async () => {
        await wait(clock, delayOf(sampling, random), extra.signal);
        if (sampling.error !== undefined) throw new McpError(ErrorCode.InternalError, sampling.error);
        return { role: 'assistant' as const, content: { type: 'text' as const, text: sampling.reply ?? '' }, model: sampling.model, stopReason: 'endTurn' };
      }),
    );
  }
  const elicitation = plan.elicitation;
  if (elicitation) {
    client.setRequestHandler(ElicitRequestSchema, (request, extra) =>
      timedAnswer('elicitation/create', clock, events, async () => {
        await wait(clock, delayOf(elicitation, random), extra.signal);
        return elicitationAnswer(elicitation, 'requestedSchema' in request.params ? request.params.requestedSchema : undefined);
      }),
    );
  }
  const roots = plan.roots;
  if (roots) {
    client.setRequestHandler(ListRootsRequestSchema, () =>
      timedAnswer('roots/list', clock, events, async () => ({ roots: roots.list.map((root) => ({ ...root })) })),
    );
  }
  // Any other server request (a capability not configured, or a method we do not know): counted, then method-not-found.
  client.fallbackRequestHandler = (request) =>
    timedAnswer(request.method, clock, events, () => Promise.reject(new McpError(ErrorCode.MethodNotFound, 'Method not found')));
}

export const clientCapabilities: SessionFeatureDeclaration = {
  name: 'client-capabilities',
  build(context: SessionContext): SessionFeature | null {
    const plan = context.setup.capabilities ?? {};
    const events = context.setup.events ?? {};
    if (Object.keys(plan).length === 0 && events.serverRequest === undefined) return null;
    return {
      capabilities: capabilitiesOf(plan),
      beforeInitialize: (client) => setAnswers(client, plan, context.clock, events, seededRandom(context.setup.seed ?? 1, 'capabilities')),
      ...(plan.roots?.changeEveryUs !== undefined && { afterInitialize: async (client: Client) => announceRootChanges(client, plan.roots!.changeEveryUs!, context.clock) }),
    };
  },
};
