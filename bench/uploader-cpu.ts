/**
 * CPU time of the browser this process launched, per thread group, read from /proc (Linux): every
 * descendant process of this one, every thread of it. A renderer's own main thread (tid = pid) is
 * the page's main thread, its `DedicatedWorker` threads are its Web Workers, its other threads
 * (compositor, IO, V8 helpers) are "renderer other"; every other Chromium process (browser, network
 * service, GPU) is "browser". This process's own CPU (the stand-in, in-process) is counted apart.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICK_S = 0.01; // USER_HZ: 100 on Linux

export interface CpuSeconds {
  main: number;
  workers: number;
  rendererOther: number;
  browser: number;
  /** This Node process: the stand-in (and the bench's own driving, negligible). */
  standIn: number;
}

const read = (p: string) => {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return '';
  }
};

/** utime + stime of a /proc stat line, in ticks, and the parent pid. */
function statOf(text: string): { ppid: number; ticks: number; comm: string } | undefined {
  const close = text.lastIndexOf(')');
  if (close < 0) return undefined;
  const comm = text.slice(text.indexOf('(') + 1, close);
  const f = text.slice(close + 2).split(' ');
  return { comm, ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) };
}

function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const s = statOf(read(`/proc/${d}/stat`));
    if (!s) continue;
    const list = children.get(s.ppid) ?? [];
    list.push(Number(d));
    children.set(s.ppid, list);
  }
  const out: number[] = [];
  const todo = [...(children.get(root) ?? [])];
  while (todo.length) {
    const pid = todo.pop()!;
    out.push(pid);
    todo.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** Ticks per `pid/tid`, with the group each thread counts in. */
type Snapshot = Map<string, { group: keyof CpuSeconds; ticks: number }>;

export function cpuSnapshot(): Snapshot {
  const snap: Snapshot = new Map();
  for (const pid of descendants(process.pid)) {
    const renderer = read(`/proc/${pid}/cmdline`).includes('--type=renderer');
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue; // exited meanwhile
    }
    for (const tid of tids) {
      const s = statOf(read(`/proc/${pid}/task/${tid}/stat`));
      if (!s) continue;
      const group: keyof CpuSeconds = !renderer
        ? 'browser'
        : String(pid) === tid
          ? 'main'
          : s.comm.startsWith('DedicatedWorker')
            ? 'workers'
            : 'rendererOther';
      snap.set(`${pid}/${tid}`, { group, ticks: s.ticks });
    }
  }
  const self = process.cpuUsage();
  snap.set('self', { group: 'standIn', ticks: (self.user + self.system) / 1e6 / TICK_S });
  return snap;
}

/** CPU seconds spent per group between two snapshots (threads born meanwhile count from zero). */
export function cpuBetween(a: Snapshot, b: Snapshot): CpuSeconds {
  const out: CpuSeconds = { main: 0, workers: 0, rendererOther: 0, browser: 0, standIn: 0 };
  for (const [id, t] of b) out[t.group] += (t.ticks - (a.get(id)?.ticks ?? 0)) * TICK_S;
  return out;
}
