/**
 * The pinned protocol version (`protocolVersion:` on a target, session/settings.ts). The SDK Client always offers its
 * newest version in `initialize`; with a pin, the initialize request leaving this session offers the pinned one
 * instead, and a server that answers with any other version fails the connect (ProtocolVersionRefused, carried by
 * connect() as ConnectError `config:protocol-version`): a run that asked for 2025-06-18 never measures something else.
 * The autocannon engine's own session (engines/session.ts) pins through the same function.
 */
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { SessionFeature, SessionFeatureDeclaration } from './feature.js';

/** The connect failure's code when the server negotiated another version than the pinned one. */
export const PROTOCOL_VERSION_REFUSED = 'config:protocol-version';

/** The server answered `initialize` with a version other than the one pinned. */
export class ProtocolVersionRefused extends Error {
  override readonly name = 'ProtocolVersionRefused';
  readonly code = PROTOCOL_VERSION_REFUSED;
  constructor(
    readonly offered: string,
    readonly answered: string | null,
  ) {
    super(
      `protocolVersion is pinned to ${offered}, but the server answered initialize with ${answered ?? 'no version'}` +
        ' (it does not speak the pinned version); pin one the server speaks, or remove protocolVersion',
    );
  }
}

/**
 * Makes `transport` offer `version` in `initialize`, and remembers what the server answered. Returns the check to
 * run once initialized: it throws ProtocolVersionRefused when the answer was another version.
 */
export function pinProtocolVersion(transport: Transport, version: string): () => void {
  const send = transport.send.bind(transport);
  transport.send = (message, options) => send(isInitialize(message) ? offering(message, version) : message, options);
  let answered: string | null = null;
  const setProtocolVersion = transport.setProtocolVersion?.bind(transport);
  transport.setProtocolVersion = (negotiated: string) => {
    answered = negotiated;
    setProtocolVersion?.(negotiated);
  };
  return () => {
    if (answered !== version) throw new ProtocolVersionRefused(version, answered);
  };
}

function isInitialize(message: JSONRPCMessage): message is JSONRPCMessage & { method: 'initialize'; params?: Record<string, unknown> } {
  return 'method' in message && 'id' in message && message.method === 'initialize';
}

function offering(message: JSONRPCMessage & { params?: Record<string, unknown> }, version: string): JSONRPCMessage {
  return { ...message, params: { ...message.params, protocolVersion: version } } as JSONRPCMessage;
}

/** The session feature: on for targets that pin a version. */
export const PROTOCOL_VERSION_FEATURE: SessionFeatureDeclaration = {
  name: 'protocol-version',
  build({ target }): SessionFeature | null {
    const pinned = target.protocolVersion;
    if (pinned === undefined) return null;
    let check = (): void => undefined;
    return {
      beforeInitialize: (_client, transport) => {
        check = pinProtocolVersion(transport, pinned);
      },
      afterInitialize: async () => check(),
    };
  },
};
