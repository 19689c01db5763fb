/**
 * What a target says about the MCP session itself, whatever its kind: the protocol version mcp-bench offers
 * (`protocolVersion:`, pinned) and the log level it asks for after initialize (`logLevel:`). Written in the kind's own
 * mapping (`target: { stdio: { command: …, protocolVersion: 2025-06-18 } }`) and kept flat on its plan, so a report
 * shows them where they were written.
 */
import { field } from '../../input/fields.js';
import { didYouMean, listWords } from '../../input/suggest.js';

/** The versions a target may pin: what the SDK speaks, newest first (the SDK's list, less the pre-release 2024-10-07). */
export const PROTOCOL_VERSIONS = ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05'] as const;
export type ProtocolVersion = (typeof PROTOCOL_VERSIONS)[number];

/** MCP's log levels (RFC 5424 severities), least severe first. */
export const LOG_LEVELS = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface SessionSettings {
  /** Offer exactly this version in `initialize` (absent: the newest the SDK speaks, and accept what it accepts). */
  readonly protocolVersion?: ProtocolVersion;
  /** Send `logging/setLevel` with this level right after initialize (absent: none sent). */
  readonly logLevel?: LogLevel;
}

const oneOf = <T extends string>(words: readonly T[], example: string) => {
  const expected = `one of ${listWords(words)}`;
  return field(expected, (value) => {
    const known = words.find((word) => word === String(value));
    if (known !== undefined && (typeof value === 'string' || typeof value === 'number')) return { ok: true, value: known };
    const hint = typeof value === 'string' ? didYouMean(value, words) : undefined;
    return { ok: false, expected, hint: hint ?? `e.g. ${example}` };
  });
};

/** The session keys every kind's mapping accepts (spread into its `strict({ … })`). */
export const sessionFields = () => ({
  protocolVersion: oneOf(PROTOCOL_VERSIONS, 'protocolVersion: 2025-06-18').optional(),
  logLevel: oneOf(LOG_LEVELS, 'logLevel: info').optional(),
});

/** The settings a validated mapping wrote; absent keys stay absent, so a plan without them reads as before. */
export function sessionSettingsOf(raw: { readonly protocolVersion?: ProtocolVersion; readonly logLevel?: LogLevel }): SessionSettings {
  return {
    ...(raw.protocolVersion !== undefined && { protocolVersion: raw.protocolVersion }),
    ...(raw.logLevel !== undefined && { logLevel: raw.logLevel }),
  };
}
