/**
 * How busy the whole machine was while a workload ran: the load average, the CPU the hypervisor stole, and the CPU
 * other processes used. A late event loop at a few % of mcp-bench's own CPU means others held the CPU, not that the
 * generator was saturated; the harness summary tells the two apart with these figures. Everything is read through
 * MachineProbe, so tests give fixed numbers.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';

/** Cumulative CPU time of the whole machine, all cores, in any unit (Linux: clock ticks of /proc/stat's `cpu` line). */
export interface CpuTimes {
  readonly total: number;
  /** Idle and waiting for I/O. */
  readonly idle: number;
  /** Taken by the hypervisor for other guests. */
  readonly steal: number;
}

/** Where the machine's figures come from: the system (systemMachineProbe) or fixed numbers in tests. */
export interface MachineProbe {
  /** The 1-minute load average. */
  loadAverage(): number;
  /** Cores this process may run on. */
  cores(): number;
  /** Cumulative CPU times, or null where they cannot be read (not Linux). */
  cpuTimes(): CpuTimes | null;
}

/** The machine over one span, next to mcp-bench's own CPU. */
export interface MachineLoad {
  /** 1-minute load average at the end of the span. */
  readonly loadAverage: number;
  readonly cores: number;
  /** % of all CPU time stolen by the hypervisor over the span; null when unknown. */
  readonly stealPercent: number | null;
  /** CPU other processes used over the span, % of one core (200 = two cores' worth); null when unknown. */
  readonly othersCpuPercent: number | null;
}

/** When the machine counts as busy: others queued for the CPU, the hypervisor took a share, or others used half of it. */
export const BUSY_MACHINE = { loadPerCore: 1, stealPercent: 5, othersShare: 0.5 } as const;

export function machineBusy(load: MachineLoad): boolean {
  return (
    load.loadAverage >= load.cores * BUSY_MACHINE.loadPerCore ||
    (load.stealPercent ?? 0) >= BUSY_MACHINE.stealPercent ||
    (load.othersCpuPercent ?? 0) >= load.cores * 100 * BUSY_MACHINE.othersShare
  );
}

/** `load 5.2 on 2 cores, steal 3.0%, other processes 150% CPU`: what made it busy, as the warning words it. */
export function machineLoadText(load: MachineLoad): string {
  const parts = [`load ${load.loadAverage.toFixed(1)} on ${load.cores} ${load.cores === 1 ? 'core' : 'cores'}`];
  if (load.stealPercent !== null) parts.push(`steal ${load.stealPercent.toFixed(1)}%`);
  if (load.othersCpuPercent !== null) parts.push(`other processes ${Math.round(load.othersCpuPercent)}% CPU`);
  return parts.join(', ');
}

/** Samples the machine over one span: `start()` reads the CPU times, `stop(ownCpuPercent)` the rest. */
export class MachineSampler {
  private startTimes: CpuTimes | null = null;

  constructor(private readonly probe: MachineProbe) {}

  start(): void {
    this.startTimes = this.probe.cpuTimes();
  }

  /** The span's figures; others' CPU is the machine's busy time less mcp-bench's own (`ownCpuPercent`, % of a core). */
  stop(ownCpuPercent: number): MachineLoad {
    const cores = Math.max(1, this.probe.cores());
    const loadAverage = Math.round(this.probe.loadAverage() * 100) / 100;
    const before = this.startTimes;
    const after = before ? this.probe.cpuTimes() : null;
    const total = before && after ? after.total - before.total : 0;
    if (!before || !after || total <= 0) return { loadAverage, cores, stealPercent: null, othersCpuPercent: null };
    const steal = after.steal - before.steal;
    const busy = total - (after.idle - before.idle) - steal;
    const busyPercent = (100 * cores * busy) / total;
    return {
      loadAverage,
      cores,
      stealPercent: Math.round((1_000 * steal) / total) / 10,
      othersCpuPercent: Math.round(Math.max(0, busyPercent - ownCpuPercent) * 10) / 10,
    };
  }
}

/** /proc/stat's first line: `cpu user nice system idle iowait irq softirq steal guest guest_nice` (guest is in user). */
export function parseProcStat(text: string): CpuTimes | null {
  const line = text.split('\n', 1)[0] ?? '';
  const fields = line.trim().split(/\s+/);
  if (fields[0] !== 'cpu' || fields.length < 9) return null;
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fields.slice(1, 9).map(Number) as number[];
  const values = [user!, nice!, system!, idle!, iowait!, irq!, softirq!, steal!];
  if (values.some((v) => !Number.isFinite(v))) return null;
  return { total: values.reduce((a, b) => a + b, 0), idle: idle! + iowait!, steal: steal! };
}

/** The real machine: os.loadavg, os.availableParallelism, /proc/stat (null where there is none). */
export const systemMachineProbe: MachineProbe = {
  loadAverage: () => os.loadavg()[0] ?? 0,
  cores: () => os.availableParallelism(),
  cpuTimes: () => {
    try {
      return parseProcStat(readFileSync('/proc/stat', 'utf8'));
    } catch {
      return null;
    }
  },
};
