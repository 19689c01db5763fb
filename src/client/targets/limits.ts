import { bytes, field, strict } from '../../input/fields.js';
import { parseDuration } from '../../input/units.js';
import { isRecord } from '../../input/path.js';
import type { ServerLimits } from '../transports/server-limits.js';

/**
 * `limits:` on a target whose server mcp-bench spawns over stdio (a stdio target, the built-in server over stdio):
 * `limits: { memory: 256MB, cpu: 30s }`, both optional, at least one. What they do, and why memory is a watch on the
 * server's RSS rather than a kernel limit: client/transports/server-limits.ts. Linux only; elsewhere the session is
 * refused when it opens (`config:limits-unsupported`, exit code 2).
 */

const CPU_EXPECTED = 'a CPU time in whole seconds, greater than 0, like 30s or 2m';

/** RLIMIT_CPU counts whole seconds: `1500ms` is refused rather than rounded. */
const cpuTime = () =>
  field(CPU_EXPECTED, (value) => {
    const parsed = typeof value === 'string' ? parseDuration(value) : null;
    if (parsed === null || !parsed.ok || parsed.value <= 0) return { ok: false, expected: CPU_EXPECTED };
    if (parsed.value % 1_000_000 !== 0) return { ok: false, expected: CPU_EXPECTED, hint: 'the kernel limits CPU time in whole seconds (RLIMIT_CPU): round it, like 2s' };
    return { ok: true, value: parsed.value };
  });

/** The `limits:` mapping. */
export const limitsField = () =>
  strict({
    /** The server's process tree is killed when its resident memory passes this. */
    memory: bytes().optional(),
    /** CPU time each process of the server may use (RLIMIT_CPU). */
    cpu: cpuTime().optional(),
  }).superRefine((value, ctx) => {
    if (isRecord(value) && value.memory === undefined && value.cpu === undefined) {
      ctx.addIssue({ code: 'custom', message: 'limits sets neither memory nor cpu', params: { hint: 'write limits: { memory: 256MB, cpu: 30s }, or remove it' } });
    }
  });

/** The plan's limits from the mapping as written (µs and bytes). */
export function limitsOf(raw: { readonly memory?: number | undefined; readonly cpu?: number | undefined }): ServerLimits {
  return { ...(raw.memory !== undefined && { memoryBytes: raw.memory }), ...(raw.cpu !== undefined && { cpuUs: raw.cpu }) };
}
