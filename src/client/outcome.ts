import type { AuthFailureCode } from './auth/auth-error.js';

/**
 * Every call ends in exactly one typed outcome. Errors are bucketed by kind and code, never by message text.
 */
export type Outcome =
  /** The server answered; `result` is the MCP result (kept for the library API and the cache). */
  | { readonly kind: 'ok'; readonly result?: unknown }
  /** The tool answered with `isError: true`. */
  | { readonly kind: 'tool-error'; readonly result?: unknown }
  /** The server answered with a JSON-RPC error; `code` is its error code. */
  | { readonly kind: 'rpc-error'; readonly code: number }
  /** No answer within the call's timeout (the server was sent notifications/cancelled). */
  | { readonly kind: 'timeout' }
  /**
   * The request did not get an answer because of the transport: `code` is `closed` (connection lost), an errno
   * such as `ECONNREFUSED`, `http-<status>`, or `bad-response`; `memory-limit` / `cpu-limit` when the stdio server
   * was killed at its `limits:` (transports/server-limits.ts). `retryAfterUs` carries an HTTP Retry-After.
   */
  | { readonly kind: 'transport'; readonly code: string; readonly retryAfterUs?: number }
  /** The server refused our credentials (HTTP 401 after one resend with a new token, 403) or no token could be got. */
  | { readonly kind: 'auth'; readonly code: AuthFailureCode }
  /** The client itself refused the call: the breaker is open, or a limiter's queue is full. Never sent. */
  | { readonly kind: 'rejected'; readonly reason: RejectReason }
  /**
   * The server answered without error, but the answer failed a response check (`expect:`) or a journey step's capture
   * found nothing: `check` names which. Counted apart from errors (a call's `checks`), never retried.
   */
  | { readonly kind: 'check-failed'; readonly check: string }
  /**
   * A tools/call answered without error, but its result breaks the `outputSchema` the tool declares in tools/list (no
   * `structuredContent`, or content that fails the schema): client/output-schema.ts. An error, never retried.
   */
  | { readonly kind: 'schema-mismatch' };

export type OutcomeKind = Outcome['kind'];
export type RejectReason = 'breaker-open' | 'queue-full' | 'rate-limited' | 'pool-exhausted';

/** Shared instances for outcomes without data, so the hot path allocates nothing for them. */
export const OK: Outcome = Object.freeze({ kind: 'ok' });
export const TOOL_ERROR: Outcome = Object.freeze({ kind: 'tool-error' });
export const TIMEOUT: Outcome = Object.freeze({ kind: 'timeout' });
export const SCHEMA_MISMATCH: Outcome = Object.freeze({ kind: 'schema-mismatch' });

/** The key an outcome is counted under in reports: `tool-error`, `rpc-error:-32601`, `transport:closed`, `rejected:queue-full`. */
export function errorKey(outcome: Outcome): string {
  switch (outcome.kind) {
    case 'rpc-error':
      return `rpc-error:${outcome.code}`;
    case 'transport':
      return `transport:${outcome.code}`;
    case 'rejected':
      return `rejected:${outcome.reason}`;
    case 'auth':
      return `auth:${outcome.code}`;
    default:
      return outcome.kind;
  }
}

/**
 * What a retry policy's `on:` list names. `rate-limited` is HTTP 429; `unavailable` is HTTP 502/503/504; any other
 * transport failure is `transport`. Rejections by the client itself are never retried (null).
 */
export type RetryClass = 'timeout' | 'transport' | 'rate-limited' | 'unavailable' | 'tool-error' | 'rpc-error';
export const RETRY_CLASSES: readonly RetryClass[] = ['timeout', 'transport', 'rate-limited', 'unavailable', 'tool-error', 'rpc-error'];

export function retryClassOf(outcome: Outcome): RetryClass | null {
  switch (outcome.kind) {
    case 'ok':
    case 'rejected':
    case 'check-failed':
    case 'schema-mismatch':
    case 'auth': // a new token is already tried once below the stack (client/auth/); the same request again would not help
      return null;
    case 'transport':
      if (outcome.code === 'http-429') return 'rate-limited';
      if (outcome.code === 'http-502' || outcome.code === 'http-503' || outcome.code === 'http-504') return 'unavailable';
      return 'transport';
    default:
      return outcome.kind;
  }
}
