import os from 'node:os';
import type { Environment } from '../summary/summary.js';

/** The machine a run was measured on, for the report (no host name, no user name). */
export function currentEnvironment(): Environment {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    osRelease: os.release(),
    cpus: { count: cpus.length, model: cpus[0]?.model.trim() ?? 'unknown' },
    memoryBytes: os.totalmem(),
  };
}
