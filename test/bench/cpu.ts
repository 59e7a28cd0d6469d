/**
 * How busy the machine was during a measurement, and how much of that was someone else: the
 * benchmarks share their cores with whatever else runs (a test suite, a build), and a number
 * taken next to a busy neighbour says little. Linux only (/proc); elsewhere every figure is null.
 *
 * "Ours" is this process and its descendants (the embedded PostgreSQL and its backends), plus,
 * with BENCH_DATABASE_URL, the backends of the bench database (named in their process title).
 *
 * @example
 * const before = cpuSample(db);
 * await run();
 * const { others } = cpuBetween(before, cpuSample(db)); // cores used by other processes
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

const TICKS_PER_SECOND = 100; // USER_HZ on every Linux build this runs on

export interface CpuSample {
  at: number;
  /** Machine-wide busy and total ticks, all cores (/proc/stat). */
  busy: number;
  total: number;
  /** Ticks used so far by each of our processes, by pid. */
  ours: Map<number, number>;
}

export interface CpuUse {
  /** Cores in use on average, all processes. */
  busy: number | null;
  ours: number | null;
  /** This Node process alone (server and load generator), a part of `ours`. */
  node: number | null;
  others: number | null;
  /** CPU seconds used, for per-request figures: this process, and our other processes (PostgreSQL). */
  nodeSeconds: number | null;
  restSeconds: number | null;
}

function processes(): { pid: number; ppid: number; ticks: number }[] {
  const out: { pid: number; ppid: number; ticks: number }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: fields start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.push({ pid: Number(name), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** A snapshot of the machine's and our processes' CPU time; null figures off Linux. */
export function cpuSample(database?: string): CpuSample | null {
  if (os.platform() !== 'linux') return null;
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = line.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = line[3]! + line[4]!;
  const all = processes();
  const children = new Map<number, number[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p.pid]);
  const ticks = new Map(all.map((p) => [p.pid, p.ticks]));
  const ours = new Map<number, number>();
  const stack = [process.pid];
  while (stack.length) {
    const pid = stack.pop()!;
    if (ours.has(pid) || !ticks.has(pid)) continue;
    ours.set(pid, ticks.get(pid)!);
    stack.push(...(children.get(pid) ?? []));
  }
  if (database) {
    for (const p of all) if (!ours.has(p.pid) && cmdline(p.pid).startsWith('postgres: ') && cmdline(p.pid).includes(` ${database} `)) ours.set(p.pid, p.ticks);
  }
  return { at: performance.now(), busy: total - idle, total, ours };
}

/** Average cores in use between two samples: by everything, by us, by everyone else. */
export function cpuBetween(a: CpuSample | null, b: CpuSample | null): CpuUse {
  if (!a || !b || b.total === a.total) return { busy: null, ours: null, node: null, others: null, nodeSeconds: null, restSeconds: null };
  const cores = os.cpus().length;
  const busy = ((b.busy - a.busy) / (b.total - a.total)) * cores;
  const seconds = (b.at - a.at) / 1000;
  let oursTicks = 0;
  for (const [pid, t] of b.ours) oursTicks += t - (a.ours.get(pid) ?? 0);
  const nodeTicks = (b.ours.get(process.pid) ?? 0) - (a.ours.get(process.pid) ?? 0);
  const ours = oursTicks / TICKS_PER_SECOND / seconds;
  return {
    busy,
    ours,
    node: nodeTicks / TICKS_PER_SECOND / seconds,
    others: Math.max(0, busy - ours),
    nodeSeconds: nodeTicks / TICKS_PER_SECOND,
    restSeconds: (oursTicks - nodeTicks) / TICKS_PER_SECOND,
  };
}

/**
 * Waits (up to `maxSeconds`) until other processes use less than `threshold` cores over a
 * one-second window; returns how many seconds it waited and what it saw last.
 */
export async function waitForQuiet(opts: { maxSeconds: number; threshold: number; database?: string }): Promise<{ waited: number; others: number | null }> {
  const started = performance.now();
  for (;;) {
    const a = cpuSample(opts.database);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const { others } = cpuBetween(a, cpuSample(opts.database));
    const waited = (performance.now() - started) / 1000;
    if (others === null || others < opts.threshold || waited >= opts.maxSeconds) return { waited, others };
  }
}
