import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { AuthError, authFailureOfStatus } from './auth/auth-error.js';
import { TIMEOUT, type Outcome } from './outcome.js';
import { BadResponseError, HttpStatusError } from './transports/http-errors.js';
import { CPU_LIMIT_CODE, MEMORY_LIMIT_CODE } from './transports/server-limits.js';
import { transportFailureOf } from './transports/transport-failure.js';

/**
 * Turns whatever a failed request threw into an Outcome, by type and code only — never by message text.
 * The caller adds what the error alone cannot tell:
 * - `connectionLost`: the transport closed. The SDK reports that with code -32000, which a server may also send. A
 *   string is the code the transport closed with (close-cause.ts: `memory-limit`, `cpu-limit`); true is `closed`.
 * - `deadlinePassed`: the call's own timeout had run out. The SDK reports its timeout with code -32001
 *   (RequestTimeout), which a server may also send as its own error; only with the deadline passed is it a timeout.
 */
export function classifyError(error: unknown, connectionLost: boolean | string, deadlinePassed = true): Outcome {
  if (connectionLost !== false) return transport(connectionLost === true ? 'closed' : connectionLost);
  // Our HTTP transports answer a request that failed below JSON-RPC with a synthesized error response (so the SDK
  // frees its handler); the typed failure it carries is what the call is classified by.
  const failure = transportFailureOf(error);
  if (failure) return classifyError(failure, false, deadlinePassed);
  if (error instanceof McpError) {
    if (error.code === ErrorCode.RequestTimeout && deadlinePassed) return TIMEOUT;
    return { kind: 'rpc-error', code: error.code };
  }
  // The SDK validates results with zod; a result of the wrong shape is the server's fault, not the transport's.
  if (isSchemaError(error)) return INVALID_RESULT;
  if (error instanceof HttpStatusError) {
    if (error.status === 0) return transport('closed');
    const auth = authFailureOfStatus(error.status);
    if (auth !== null) return { kind: 'auth', code: auth };
    const code = `http-${error.status}`;
    return error.retryAfterSeconds === null ? transport(code) : { kind: 'transport', code, retryAfterUs: error.retryAfterSeconds * 1_000_000 };
  }
  if (error instanceof BadResponseError) return transport(error.code);
  if (error instanceof AuthError) return { kind: 'auth', code: error.code };
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(code)) return transport(code);
  return transport('unknown');
}

/**
 * Transport codes after which the target cannot answer any more calls on this connection: the workload stops
 * instead of spinning through instant failures, and the run reports the target as failed.
 */
const FATAL_TRANSPORT_CODES: ReadonlySet<string> = new Set(['closed', MEMORY_LIMIT_CODE, CPU_LIMIT_CODE, 'ECONNREFUSED', 'EPIPE', 'ENOENT', 'EACCES']);

export function isFatal(outcome: Outcome): boolean {
  return outcome.kind === 'transport' && FATAL_TRANSPORT_CODES.has(outcome.code);
}

const INVALID_RESULT: Outcome = Object.freeze({ kind: 'transport', code: 'invalid-result' });

function isSchemaError(error: unknown): boolean {
  return error instanceof Error && error.name === 'ZodError' && Array.isArray((error as { issues?: unknown }).issues);
}

function transport(code: string): Outcome {
  return { kind: 'transport', code };
}
