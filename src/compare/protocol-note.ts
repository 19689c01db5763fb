/**
 * The comparison's note when variants negotiated different MCP protocol versions (`protocolVersion:` pinned per
 * variant): which variant spoke which, so a difference in the figures is read next to the difference in protocol.
 */
import type { WorkloadSummary } from '../summary/summary.js';

/** `protocol versions differ: a 2025-06-18, b 2025-11-25`, or null when every variant negotiated the same ones. */
export function protocolVersionNote(variants: readonly string[], workloads: readonly WorkloadSummary[]): string | null {
  const spoken = variants.map((variant) => {
    const versions = workloads.filter((w) => w.variant === variant).map((w) => w.connection?.server.protocolVersion ?? null);
    return { variant, versions: [...new Set(versions.filter((v): v is string => v !== null))].sort() };
  });
  const distinct = new Set(spoken.map(({ versions }) => versions.join(', ')));
  if (distinct.size <= 1) return null;
  return `protocol versions differ: ${spoken.map(({ variant, versions }) => `${variant} ${versions.join('/') || 'unknown'}`).join(', ')}`;
}
