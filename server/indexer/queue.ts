/**
 * The indexer's queue: clip ids whose record changed, applied one at a time in arrival order
 * (docs/catalog.md "Writing"). Persisted as one small file per job in `<dataDir>/indexer/jobs/`,
 * written before the job can start and removed only once the index has the change, so a crash or
 * a stop mid-update leaves it to be re-applied by the next start. A job says only which clip: the
 * worker reads the record as it is then, so re-applying is harmless, and a job for a clip already
 * waiting (not yet running) is not queued twice.
 */
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface IndexJob {
  id: string;
  enqueuedAt: string;
  file: string;
}

/** Wait before re-trying a job that failed (storage unreachable, …), doubling up to the cap. */
export const RETRY_BASE_MS = 500;
export const RETRY_CAP_MS = 30_000;

export class SerialQueue {
  private pending: IndexJob[] = [];
  private running: IndexJob | undefined;
  private closed = false;
  private seq = 0;
  private writes: Promise<unknown> = Promise.resolve();
  private waiters: Array<() => void> = [];
  private timer: NodeJS.Timeout | undefined;
  private failures = 0;

  constructor(
    private readonly dir: string,
    private readonly worker: (job: IndexJob) => Promise<void>,
    private readonly log: (m: string) => void,
  ) {}

  /** Jobs left by a previous run, in order; starts them. */
  async load(): Promise<number> {
    await mkdir(this.dir, { recursive: true });
    const names = (await readdir(this.dir)).filter((n) => n.endsWith('.json')).sort();
    for (const file of names) {
      try {
        const j = JSON.parse(await readFile(join(this.dir, file), 'utf8')) as Omit<IndexJob, 'file'>;
        if (typeof j.id === 'string') this.pending.push({ ...j, file });
      } catch {
        this.log(`indexer: ignoring unreadable job file ${file}`);
      }
    }
    this.seq = names.length;
    this.pump();
    return this.pending.length;
  }

  /** Queue a change of clip `id` (unless one is already waiting). */
  enqueue(id: string): Promise<void> {
    if (this.closed || this.pending.some((j) => j.id === id)) return Promise.resolve();
    // Sortable across restarts: time first, then a counter for the same millisecond.
    const file = `${String(Date.now()).padStart(15, '0')}-${String(this.seq++).padStart(9, '0')}.json`;
    const job: IndexJob = { id, enqueuedAt: new Date().toISOString(), file };
    this.pending.push(job);
    const written = (this.writes = this.writes.then(() => writeFile(join(this.dir, file), JSON.stringify({ id, enqueuedAt: job.enqueuedAt }))));
    return written.then(() => this.pump());
  }

  private pump(): void {
    if (this.closed || this.running || this.timer || !this.pending.length) {
      if (!this.running && !this.pending.length) for (const w of this.waiters.splice(0)) w();
      return;
    }
    const job = (this.running = this.pending.shift()!);
    void this.writes
      .then(() => this.worker(job))
      .then(
        async () => {
          this.failures = 0;
          await rm(join(this.dir, job.file), { force: true });
        },
        (e: unknown) => {
          // Stays first in line: later changes must not overtake it.
          if (this.closed) return;
          this.pending.unshift(job);
          const wait = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** this.failures++);
          this.log(`indexer: ${job.id} failed (${(e as Error).message}); retrying in ${wait} ms`);
          this.timer = setTimeout(() => {
            this.timer = undefined;
            this.pump();
          }, wait);
        },
      )
      .finally(() => {
        if (this.running === job) this.running = undefined;
        this.pump();
      });
  }

  /** Resolves when nothing is waiting or running. */
  idle(): Promise<void> {
    if (!this.running && !this.pending.length) return this.writes.then(() => undefined);
    return new Promise((r) => this.waiters.push(r));
  }

  /**
   * Stop taking jobs. Does not wait for the one running: its file stays, so the next start
   * applies it again (as after a crash).
   */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.writes.catch(() => undefined);
    for (const w of this.waiters.splice(0)) w();
  }
}
