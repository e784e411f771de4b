/**
 * The job queue, persisted as one small JSON file per job in `<dataDir>/packager/jobs/`: a job's
 * file is written before it is started and removed only once the job has finished (ready or
 * failed), so a crash or a stop mid-job leaves it to be resumed by the next start. Event-driven:
 * nothing runs while the queue is empty.
 *
 * Fair between uploaders (the `<identity>` folder of the manifest key): the next job is taken
 * round-robin over the uploaders with jobs waiting (first in first out within one uploader), and
 * one uploader runs at most `concurrency - 1` jobs at once (1 when concurrency is 1), so however
 * many or long its clips, a slot stays free for everybody else's.
 */
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface QueuedJob {
  /** `uploads/<identity>/<upload>.json`. */
  manifestKey: string;
  enqueuedAt: string;
  /** Attempts that ended in an unexpected (non-packaging) error. */
  attempts: number;
  file: string;
}

export const RETRY_DELAY_MS = 2000;

export type Worker = (job: QueuedJob, signal: AbortSignal) => Promise<'done' | 'retry'>;

/** The uploader a job belongs to: the identity folder of `uploads/<identity>/<upload>.json`. */
export const uploaderOf = (manifestKey: string): string => manifestKey.split('/')[1] ?? '';

/** How many jobs one uploader may run at once. */
export const perUploaderLimit = (concurrency: number): number => Math.max(1, concurrency - 1);

export class JobQueue {
  private pending: QueuedJob[] = [];
  private running = new Map<QueuedJob, AbortController>();
  private waiters: (() => void)[] = [];
  private closed = false;
  private seq = 0;
  /** Jobs waiting out a retry delay, with their timers (cleared on close). */
  private delayed = new Map<QueuedJob, NodeJS.Timeout>();
  /** Job files are written one after another, so jobs start in the order they were queued. */
  private writes: Promise<unknown> = Promise.resolve();
  /** Manifests whose job file is being written. */
  private enqueuing = new Set<string>();
  /**
   * When each uploader with jobs queued or running was last given a slot (a counter): the uploader
   * served longest ago goes next. Forgotten once it has nothing left, so it stays bounded.
   */
  private lastServed = new Map<string, number>();
  private turns = 0;

  constructor(
    private readonly dir: string,
    private readonly concurrency: number,
    private readonly worker: Worker,
    private readonly log: (m: string) => void,
  ) {}

  /** Loads jobs left by a previous run, oldest first, and starts them. */
  async load(): Promise<number> {
    await mkdir(this.dir, { recursive: true });
    const names = (await readdir(this.dir)).filter((n) => n.endsWith('.json')).sort();
    for (const name of names) {
      try {
        const j = JSON.parse(await readFile(join(this.dir, name), 'utf8')) as Omit<QueuedJob, 'file'>;
        if (typeof j.manifestKey === 'string') this.pending.push({ ...j, attempts: j.attempts ?? 0, file: name });
      } catch {
        this.log(`packager: ignoring unreadable job file ${name}`);
      }
    }
    const n = this.pending.length;
    this.pump();
    return n;
  }

  /** Queues a job unless the same manifest is already waiting or running; true when queued. */
  async enqueue(manifestKey: string): Promise<boolean> {
    if (this.closed) return false;
    if (
      this.enqueuing.has(manifestKey) ||
      [...this.pending, ...this.running.keys(), ...this.delayed.keys()].some((j) => j.manifestKey === manifestKey)
    )
      return false;
    const enqueuedAt = new Date().toISOString();
    const file = `${Date.now().toString().padStart(15, '0')}-${process.pid}-${(this.seq++).toString().padStart(6, '0')}.json`;
    const job: QueuedJob = { manifestKey, enqueuedAt, attempts: 0, file };
    // Counted from the synchronous part of the call (the 'object-created' event), so idle() called
    // right after an upload returns already waits for this job.
    this.enqueuing.add(manifestKey);
    const written = this.writes.then(() => this.persist(job));
    this.writes = written.catch(() => {});
    try {
      await written;
    } finally {
      this.enqueuing.delete(manifestKey);
    }
    this.pending.push(job);
    this.pump();
    return true;
  }

  private async persist(job: QueuedJob): Promise<void> {
    const { file, ...data } = job;
    const tmp = join(this.dir, `.${file}.tmp`);
    await writeFile(tmp, JSON.stringify(data));
    await rename(tmp, join(this.dir, file)); // atomic: a crash never leaves half a job file
  }

  /** The next job to start, or undefined when every waiting job's uploader is at its limit. */
  private takeNext(): QueuedJob | undefined {
    const runningBy = new Map<string, number>();
    for (const j of this.running.keys()) runningBy.set(uploaderOf(j.manifestKey), (runningBy.get(uploaderOf(j.manifestKey)) ?? 0) + 1);
    const cap = perUploaderLimit(this.concurrency);
    let best = -1;
    let bestTurn = Infinity;
    const seen = new Set<string>();
    for (let i = 0; i < this.pending.length; i++) {
      const who = uploaderOf(this.pending[i].manifestKey);
      if (seen.has(who)) continue; // only each uploader's oldest job competes
      seen.add(who);
      if ((runningBy.get(who) ?? 0) >= cap) continue;
      const turn = this.lastServed.get(who) ?? -1;
      if (turn < bestTurn) {
        best = i;
        bestTurn = turn;
      }
    }
    if (best < 0) return undefined;
    const [job] = this.pending.splice(best, 1);
    this.lastServed.set(uploaderOf(job.manifestKey), this.turns++);
    return job;
  }

  /** Forgets uploaders with nothing queued, running or waiting to retry. */
  private forgetIdleUploaders(): void {
    const active = new Set([...this.pending, ...this.running.keys(), ...this.delayed.keys()].map((j) => uploaderOf(j.manifestKey)));
    for (const who of this.lastServed.keys()) if (!active.has(who)) this.lastServed.delete(who);
  }

  private pump(): void {
    this.forgetIdleUploaders();
    while (!this.closed && this.running.size < this.concurrency && this.pending.length) {
      const job = this.takeNext();
      if (!job) break;
      const ac = new AbortController();
      this.running.set(job, ac);
      void this.runOne(job, ac);
    }
    if (this.pending.length === 0 && this.running.size === 0 && this.enqueuing.size === 0 && (this.delayed.size === 0 || this.closed)) {
      const w = this.waiters.splice(0);
      w.forEach((f) => f());
    }
  }

  private async runOne(job: QueuedJob, ac: AbortController): Promise<void> {
    let outcome: 'done' | 'retry' | 'aborted';
    try {
      outcome = await this.worker(job, ac.signal);
    } catch (e) {
      outcome = ac.signal.aborted ? 'aborted' : 'retry';
      if (!ac.signal.aborted) this.log(`packager: job ${job.manifestKey} errored: ${(e as Error)?.message ?? e}`);
    }
    if (ac.signal.aborted) outcome = 'aborted';
    // The job stays counted as running until its file is updated, so idle() never resolves early.
    try {
      if (outcome === 'done') await rm(join(this.dir, job.file), { force: true });
      else if (outcome === 'retry') {
        job.attempts++;
        await this.persist(job);
        // Back off before retrying an infrastructure error (the stand-in restarting, a full disk…).
        if (!this.closed) {
          const timer = setTimeout(() => {
            this.delayed.delete(job);
            if (!this.closed) this.pending.push(job);
            this.pump();
          }, RETRY_DELAY_MS * job.attempts);
          this.delayed.set(job, timer);
        }
      }
      // 'aborted': the file stays; the next start resumes the job.
    } catch (e) {
      this.log(`packager: could not update job file ${job.file}: ${(e as Error).message}`);
    }
    this.running.delete(job);
    this.pump();
  }

  /** Resolves once nothing is queued or running. */
  idle(): Promise<void> {
    if (this.pending.length === 0 && this.running.size === 0 && this.enqueuing.size === 0 && this.delayed.size === 0) return Promise.resolve();
    return new Promise((r) => this.waiters.push(r));
  }

  /** Stops: running jobs are aborted (their files stay for the next start); queued ones wait there too. */
  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.delayed.values()) clearTimeout(t); // their files stay for the next start
    this.delayed.clear();
    const runningDone = this.idleRunning();
    for (const ac of this.running.values()) ac.abort();
    this.pending = [];
    await runningDone;
    const w = this.waiters.splice(0);
    w.forEach((f) => f());
  }

  private idleRunning(): Promise<void> {
    if (this.running.size === 0) return Promise.resolve();
    return new Promise((r) => this.waiters.push(r));
  }
}
