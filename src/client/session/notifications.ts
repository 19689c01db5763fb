/**
 * The session feature for the server's notifications: it tells the workload of every notification the server sends
 * (SessionEvents.notification: progress, log messages, list changes, resource updates, anything), and sends
 * `logging/setLevel` after initialize when the target sets `logLevel:`. A server that declares no `logging`
 * capability is not asked (the workload warns, from SessionEvents.setupCall); a server that answers setLevel with an
 * error is noted the same way, and the session goes on.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { Clock } from '../../time/clock.js';
import type { SessionEvents, SessionFeature, SessionFeatureDeclaration } from './feature.js';
import type { LogLevel } from './settings.js';

export const notificationsFeature: SessionFeatureDeclaration = {
  name: 'notifications',
  build({ target, clock, setup }) {
    const events = setup.events;
    const heard = events?.notification;
    const level = target.logLevel;
    if (heard === undefined && level === undefined) return null;
    return {
      ...(heard && { beforeInitialize: (_client: Client, transport: Transport) => listen(transport, heard, clock) }),
      ...(level !== undefined && { afterInitialize: (client: Client) => setLevel(client, level, events) }),
    } satisfies SessionFeature;
  },
};

/**
 * Every message the transport delivers passes here first: the SDK's connect() keeps an `onmessage` set before it and
 * calls it ahead of its own dispatch, so notifications the SDK handles itself (progress, cancelled) are seen too.
 */
function listen(transport: Transport, heard: NonNullable<SessionEvents['notification']>, clock: Clock): void {
  const previous = transport.onmessage;
  transport.onmessage = (message: JSONRPCMessage, extra) => {
    previous?.(message, extra);
    if ('method' in message && !('id' in message)) heard(message.method, message.params, clock.nowUs());
  };
}

async function setLevel(client: Client, level: LogLevel, events: SessionEvents | undefined): Promise<void> {
  if (!client.getServerCapabilities()?.logging) {
    events?.setupCall?.('logging/setLevel', 'skipped');
    return;
  }
  try {
    await client.setLoggingLevel(level);
    events?.setupCall?.('logging/setLevel', 'ok');
  } catch {
    events?.setupCall?.('logging/setLevel', 'failed');
  }
}
