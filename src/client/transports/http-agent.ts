import http from 'node:http';
import https from 'node:https';

export interface HttpClient {
  readonly agent: http.Agent;
  readonly request: typeof http.request;
}

/**
 * A keep-alive agent and the matching request function for an http: or https: URL. `maxSockets` defaults to no
 * limit: keep-alive reuses sockets anyway, so the pool never grows past the calls in flight at once, whereas a limit
 * below that queues calls inside the agent — a wait that would be measured as server latency. Idle sockets are kept
 * up to the same number, so a burst does not close and reopen connections.
 */
export function keepAliveClient(url: URL, maxSockets = Infinity): HttpClient {
  const secure = url.protocol === 'https:';
  const options = { keepAlive: true, maxSockets, maxFreeSockets: maxSockets };
  return secure
    ? { agent: new https.Agent(options), request: https.request }
    : { agent: new http.Agent(options), request: http.request };
}
