import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';

/**
 * DNS-rebinding protection for a server bound to a loopback address (the spec's security practices for local
 * servers): a web page on another site can point its own host name at 127.0.0.1 and reach a local server from the
 * browser. Such a request names the page's host (Host) and comes from the page's site (Origin), so a request whose
 * Host is not a local name for this server (localhost, 127.0.0.1 or [::1], with this server's port or none) or whose
 * Origin is present and not a local origin is refused with 403. Bound to any other address, nothing is checked: the
 * server is then meant to be reached by other names.
 */

const LOCAL_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** True when `host` (as given to listen) is a loopback address or `localhost`: only then is the guard on. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (bare === 'localhost' || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

/** Why a request to a loopback-bound server on `port` is refused, or null when its Host and Origin are local. */
export function rebindingRefusal(headers: IncomingHttpHeaders, port: number): string | null {
  const host = headers.host;
  if (host === undefined || !isLocalHost(host.toLowerCase(), port)) {
    return `Host ${JSON.stringify(host ?? '')} is not a local name for this server (localhost, 127.0.0.1 or [::1], port ${port})`;
  }
  const origin = headers.origin;
  if (origin !== undefined && !isLocalOrigin(origin)) return `Origin ${JSON.stringify(origin)} is not local`;
  return null;
}

function isLocalHost(host: string, port: number): boolean {
  if (LOCAL_HOSTNAMES.has(host)) return true;
  const colon = host.lastIndexOf(':');
  if (colon === -1 || host.slice(colon + 1) !== String(port)) return false;
  return LOCAL_HOSTNAMES.has(host.slice(0, colon));
}

/** An origin on a local name, any port and scheme (a local tool's page may call a local server); `null` is not. */
function isLocalOrigin(origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && LOCAL_HOSTNAMES.has(url.hostname);
}
