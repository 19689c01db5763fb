/** Events the client stack emits for applications (library API) and progress output. */
export type ClientEvent =
  | { readonly type: 'retry'; readonly attempt: number; readonly delayUs: number; readonly cause: string }
  | { readonly type: 'breaker'; readonly from: BreakerState; readonly to: BreakerState }
  | { readonly type: 'reconnect'; readonly endpoint: number; readonly session: number; readonly cause: string };

export type BreakerState = 'closed' | 'open' | 'half-open';

export type EmitEvent = (event: ClientEvent) => void;
