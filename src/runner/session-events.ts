/**
 * The workload's listeners for what its sessions see besides their calls (client/session/feature.ts), combined into
 * the one SessionEvents every session is handed: several recorders may listen to the same event (the notification
 * counts and the subscription figures both see `notifications/resources/updated`), so each event calls every part.
 */
import type { SessionEvents } from '../client/session/feature.js';

export function combineEvents(...parts: readonly (SessionEvents | null | undefined)[]): SessionEvents {
  const present = parts.filter((part): part is SessionEvents => part !== null && part !== undefined);
  const notified = present.flatMap((part) => (part.notification ? [part.notification.bind(part)] : []));
  const answered = present.flatMap((part) => (part.serverRequest ? [part.serverRequest.bind(part)] : []));
  const setup = present.flatMap((part) => (part.setupCall ? [part.setupCall.bind(part)] : []));
  const limits = present.flatMap((part) => (part.serverLimit ? [part.serverLimit.bind(part)] : []));
  const events: { -readonly [K in keyof SessionEvents]: SessionEvents[K] } = {};
  if (notified.length > 0) events.notification = (method, params, atUs) => notified.forEach((listener) => listener(method, params, atUs));
  if (answered.length > 0) events.serverRequest = (method, answerUs, outcome) => answered.forEach((listener) => listener(method, answerUs, outcome));
  if (setup.length > 0) events.setupCall = (...args) => setup.forEach((listener) => listener(...args));
  if (limits.length > 0) events.serverLimit = (event) => limits.forEach((listener) => listener(event));
  return events;
}
