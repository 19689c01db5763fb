/**
 * Every call ends in exactly one typed outcome. Errors are bucketed by kind and code, never by message text.
 */
export type Outcome =
  | { readonly kind: 'ok' }
  /** The tool answered with `isError: true`. */
  | { readonly kind: 'tool-error' }
  /** The server answered with a JSON-RPC error; `code` is its error code. */
  | { readonly kind: 'rpc-error'; readonly code: number }
  /** No answer within the call's timeout (the server was sent notifications/cancelled). */
  | { readonly kind: 'timeout' }
  /**
   * The request did not get an answer because of the transport: `code` is `closed` (connection lost), an errno
   * such as `ECONNREFUSED`, `http-<status>`, or `bad-response`.
   */
  | { readonly kind: 'transport'; readonly code: string };

export type OutcomeKind = Outcome['kind'];

/** Shared instances for outcomes without data, so the hot path allocates nothing for them. */
export const OK: Outcome = Object.freeze({ kind: 'ok' });
export const TOOL_ERROR: Outcome = Object.freeze({ kind: 'tool-error' });
export const TIMEOUT: Outcome = Object.freeze({ kind: 'timeout' });

/** The key an outcome is counted under in reports: `tool-error`, `rpc-error:-32601`, `transport:closed`. */
export function errorKey(outcome: Outcome): string {
  switch (outcome.kind) {
    case 'rpc-error':
      return `rpc-error:${outcome.code}`;
    case 'transport':
      return `transport:${outcome.code}`;
    default:
      return outcome.kind;
  }
}
