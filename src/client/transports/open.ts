import type { TargetPlan } from './target.js';
import type { Clock } from '../../time/clock.js';
import { openBuiltinHttp, openBuiltinStdio } from './builtin.js';
import { openHttp, openSse } from './http.js';
import type { OpenedTransport, TransportOptions } from './opened.js';
import type { ServerLog } from './server-log.js';
import { openStdio } from './stdio.js';

/** One code path per transport, chosen by the target's kind. */
export async function openTransport(
  target: TargetPlan,
  log: ServerLog,
  clock: Clock,
  options: TransportOptions = {},
): Promise<OpenedTransport> {
  switch (target.kind) {
    case 'builtin':
      return target.transport === 'http' ? openBuiltinHttp(target.server, log, clock, options) : openBuiltinStdio(target.server, log);
    case 'stdio':
      return openStdio(target, log);
    case 'http':
      return openHttp(target.url, target.headers, options);
    case 'sse':
      return openSse(target.url, target.headers, options);
  }
}
