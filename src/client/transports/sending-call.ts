import type { CallBytes } from '../call-bytes.js';

/**
 * Which call's request is being handed to a transport right now. The SDK caller (sdk-caller.ts) names the call only
 * around the SDK's synchronous hand-over — `Client.request()` calls the transport's `send()` before it returns — and
 * clears it at once, so any transport (Streamable HTTP, stdio, legacy SSE) reads it inside `send()` and ties the
 * request's id to the call's CallBytes without the SDK knowing. Outside that moment it is null: notifications,
 * responses we send and set-up requests count for no call. One JavaScript thread, so no other send can interleave.
 */
let current: CallBytes | null = null;

/** The call whose request is being sent now, or null. */
export function sendingCall(): CallBytes | null {
  return current;
}

/** Names the call being sent (null: none). Only sdk-caller.ts sets it, around the SDK's hand-over. */
export function setSendingCall(bytes: CallBytes | null): void {
  current = bytes;
}
