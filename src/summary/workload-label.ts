/** How a workload is named to people: `lookups`, or `cache · lookups` in a variants run. One wording for every report. */
export function workloadLabel(workload: string, variant?: string): string {
  return variant === undefined ? workload : `${variant} · ${workload}`;
}
