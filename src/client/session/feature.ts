/**
 * A session feature: something a session declares or does beyond sending the mix's calls — answering the server's
 * requests (sampling, elicitation, roots), counting its notifications, asking for a log level, pinning the protocol
 * version. Each is one file under client/session/ and one line in registry.ts; connect() applies them all, so every
 * way a session is opened (pools, endpoint groups, churned sessions) gets the same ones.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { ClientCapabilities } from '@modelcontextprotocol/sdk/types.js';
import type { Clock } from '../../time/clock.js';
import type { AuthSources } from '../auth/auth-sources.js';
import type { TargetPlan } from '../targets/registry.js';
import type { CapabilitiesPlan } from './capability-plan.js';
import type { ServerLimitEvent } from '../transports/server-limits.js';

/**
 * What a session tells the workload about traffic that is not one of its calls. Every method is optional and must not
 * throw; they are called on the session's hot path, so they only count.
 */
export interface SessionEvents {
  /** The server sent us a request and we answered it: its method, our answer's time (µs, request in → answer handed to
   * the transport), and 'ok' or the outcome key of the error we answered with. */
  serverRequest?(method: string, answerUs: number, outcome: string): void;
  /** The server sent us a notification (inside a call or outside one), at `atUs` on the injected clock. */
  notification?(method: string, params: unknown, atUs: number): void;
  /** A request the session sent of its own after initialize (logging/setLevel): sent ('ok'), 'skipped' (the server
   * declares no capability for it) or 'failed' (the server answered an error; the session goes on). */
  setupCall?(method: string, outcome: 'ok' | 'skipped' | 'failed'): void;
  /** The session's stdio server started under its `limits:` ('started'), or was killed at one ('memory', 'cpu'). */
  serverLimit?(event: ServerLimitEvent): void;
}

/** What the runner hands every session it opens (through TransportOptions.session). */
export interface SessionSetup {
  readonly events?: SessionEvents;
  /** The client capabilities to declare and their scripted answers (capabilities.ts); absent: none declared. */
  readonly capabilities?: CapabilitiesPlan;
  /** The workload's token sources (auth/auth-sources.ts): sessions with the same credentials share one token. */
  readonly auth?: AuthSources;
  /** The workload's seed: scripted answers' jittered delays are drawn from it (absent: 1). */
  readonly seed?: number;
}

/** What a feature's builder sees. */
export interface SessionContext {
  readonly target: TargetPlan;
  readonly clock: Clock;
  readonly setup: SessionSetup;
}

export interface SessionFeature {
  /** Merged into the capabilities the client declares in `initialize` (declared only when a feature is on). */
  readonly capabilities?: ClientCapabilities;
  /** Before `initialize`: set handlers on the client, wrap the transport's send (a pinned version). */
  beforeInitialize?(client: Client, transport: Transport): void;
  /** After `initialized`, before the session is handed out (logging/setLevel); a rejection fails the connect. */
  afterInitialize?(client: Client): Promise<void>;
}

export interface SessionFeatureDeclaration {
  readonly name: string;
  /** The feature for this session, or null when the target and setup do not ask for it. */
  build(context: SessionContext): SessionFeature | null;
}
