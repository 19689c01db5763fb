import http from 'node:http';
import https from 'node:https';

export interface HttpClient {
  readonly agent: http.Agent;
  readonly request: typeof http.request;
}

/** A keep-alive agent and the matching request function for an http: or https: URL. */
export function keepAliveClient(url: URL, maxSockets: number): HttpClient {
  const secure = url.protocol === 'https:';
  const options = { keepAlive: true, maxSockets };
  return secure
    ? { agent: new https.Agent(options), request: https.request }
    : { agent: new http.Agent(options), request: http.request };
}
