/**
 * Why a transport closed, when the transport itself knows better than "the connection was lost": a stdio server it
 * killed at its memory limit, or that the kernel killed at its CPU limit (limit-guard.ts). The SDK caller reads it
 * when the transport closes, so the calls in flight and the session's loss carry the code (`transport:memory-limit`)
 * instead of `transport:closed` — decided by what the transport did, never by a message.
 */
export interface ClosesWithCause {
  /** The outcome code of the close (`memory-limit`, `cpu-limit`), or null for a plain close. */
  readonly closeCause: string | null;
}

/** The transport's close cause, or null when it has none (or is not one that knows). */
export function closeCauseOf(transport: unknown): string | null {
  if (typeof transport !== 'object' || transport === null || !('closeCause' in transport)) return null;
  const cause = (transport as ClosesWithCause).closeCause;
  return typeof cause === 'string' ? cause : null;
}
