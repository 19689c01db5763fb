/**
 * `run --prometheus [host]:port`: a Prometheus scrape endpoint (`GET /metrics`, text format 0.0.4) serving the run's
 * live figures (live-metrics.ts) while it runs, and for `--prometheus-linger` after it ends, so a scraper with a long
 * interval still reads the final values. Binds 127.0.0.1 unless a host is written (`0.0.0.0:9464` to expose it);
 * `:0` picks a free port. The URL it serves on is printed on stderr; a port it cannot listen on ends the command
 * before the run starts.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatDuration, parseDuration } from '../input/units.js';
import { systemClock } from '../time/clock.js';
import { ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';
import { LiveMetrics } from './live-metrics.js';

export interface PrometheusFlags {
  /** `--prometheus [host]:port`. */
  readonly prometheus?: string;
  /** `--prometheus-linger <duration>`: keep serving the final values this long after the run (default 0). */
  readonly prometheusLinger?: string;
}

export interface PrometheusAddress {
  readonly host: string;
  readonly port: number;
}

const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** `:9464` → 127.0.0.1:9464; `host:9464`; `[::1]:9464`. Port 0 picks one. */
export function parsePrometheusAddress(text: string): { ok: true; value: PrometheusAddress } | { ok: false; error: string } {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]*)):(\d{1,5})$/.exec(text.trim());
  const port = match ? Number(match[3]) : NaN;
  if (!match || port > 65535) {
    return { ok: false, error: `--prometheus expects [host]:port with a port from 0 to 65535; got ${JSON.stringify(text)}\n  hint: --prometheus :9464 serves http://127.0.0.1:9464/metrics; :0 picks a free port; 0.0.0.0:9464 listens on every interface` };
  }
  const host = match[1] ?? match[2] ?? '';
  return { ok: true, value: { host: host === '' ? '127.0.0.1' : host, port } };
}

/** The open endpoint: its live figures (`measuring` is the runner's hook), its URL, then linger and close. */
export class PrometheusEndpoint {
  private constructor(
    /** The figures served; the runner's `onMeasuring` goes to `metrics.measuring`. */
    readonly metrics: LiveMetrics,
    private readonly server: http.Server,
    readonly url: string,
    private readonly lingerUs: number,
  ) {}

  /** Opens the endpoint the flags ask for: null without `--prometheus`, an exit code (message written) when it cannot. */
  static async open(flags: PrometheusFlags, io: CliIo): Promise<PrometheusEndpoint | null | ExitCode> {
    if (flags.prometheus === undefined) {
      if (flags.prometheusLinger === undefined) return null;
      return fail(io, ExitCode.BadInput, '--prometheus-linger needs --prometheus\n  hint: --prometheus :9464 --prometheus-linger 15s');
    }
    const address = parsePrometheusAddress(flags.prometheus);
    if (!address.ok) return fail(io, ExitCode.BadInput, address.error);
    const linger = parseDuration((flags.prometheusLinger ?? '0s').trim());
    if (!linger.ok) return fail(io, ExitCode.BadInput, `--prometheus-linger expects ${linger.expected}; got ${JSON.stringify(flags.prometheusLinger)}${linger.hint === undefined ? '' : `\n  hint: ${linger.hint}`}`);
    const metrics = new LiveMetrics();
    const server = http.createServer((request, response) => answer(request, response, metrics));
    try {
      await listen(server, address.value);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      const hint = code === 'EADDRINUSE' ? '\n  hint: another process listens there; pick another port, or :0 for a free one' : '';
      return fail(io, ExitCode.TargetFailed, `--prometheus cannot listen on ${address.value.host}:${address.value.port} (${code})${hint}`);
    }
    const port = (server.address() as AddressInfo).port;
    const host = address.value.host.includes(':') ? `[${address.value.host}]` : address.value.host;
    const endpoint = new PrometheusEndpoint(metrics, server, `http://${host}:${port}/metrics`, linger.value);
    io.stderr.write(`prometheus: serving live metrics at ${endpoint.url}\n`);
    return endpoint;
  }

  /** After the run: the final values stay up for `--prometheus-linger` (said on stderr); nothing without it. */
  async linger(io: CliIo): Promise<void> {
    if (this.lingerUs <= 0) return;
    io.stderr.write(`prometheus: the run ended; serving its final values at ${this.url} for ${formatDuration(this.lingerUs)}\n`);
    await systemClock.sleepUs(this.lingerUs);
  }

  /** Stops listening and ends open connections (a scraper's keep-alive one included). */
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function answer(request: http.IncomingMessage, response: http.ServerResponse, metrics: LiveMetrics): void {
  const path = (request.url ?? '/').split('?')[0];
  if (path !== '/metrics') {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found: the metrics are at /metrics\n');
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('method not allowed\n');
    return;
  }
  const body = metrics.render();
  response.writeHead(200, { 'content-type': CONTENT_TYPE, 'content-length': Buffer.byteLength(body) });
  response.end(request.method === 'HEAD' ? undefined : body);
}

function listen(server: http.Server, address: PrometheusAddress): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(address.port, address.host, () => (server.off('error', reject), resolve()));
  });
}

function fail(io: CliIo, code: ExitCode, message: string): ExitCode {
  io.stderr.write(`mcp-bench: ${message}\n`);
  return code;
}
