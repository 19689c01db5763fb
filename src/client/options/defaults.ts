/**
 * Settings of the client block itself when it does not give them. Each layer's own defaults (in resolved units: µs,
 * bytes, calls per second) are in its declaration (layers/registry.ts).
 */
export const CLIENT_DEFAULTS = {
  sessions: 1,
  /** With any client block; the plain client (no block) does not reconnect. */
  reconnect: true,
  balance: 'round-robin',
  compression: null,
  validateOutput: true,
} as const;
