/**
 * The stand-in's scheduler of publication-window boundaries (what EventBridge Scheduler does on AWS):
 * for each clip whose `publishAt` or `unpublishAt` is still ahead, one timer at the next boundary
 * that re-queues the clip for the indexer, so the public catalog gains or drops it at that moment
 * without anyone acting. Persisted in `<dataDir>/indexer/boundaries.json` (written atomically), so a
 * restart re-arms every timer; a boundary passed while the stand-in was down fires at once.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Clock } from '../../core/publication/clock.ts';

export class BoundarySchedule {
  private readonly at = new Map<string, number>();
  private readonly cancels = new Map<string, () => void>();
  private writes: Promise<void> = Promise.resolve();
  private started = false;

  constructor(
    private readonly file: string,
    private readonly clock: Clock,
    /** Re-queue the clip (persisted by the caller before it returns). */
    private readonly fire: (id: string) => Promise<void>,
    private readonly log: (m: string) => void,
  ) {}

  /** Boundaries left by a previous run (armed by `start`, once the queue they feed is ready). */
  async load(): Promise<number> {
    let saved: Record<string, number> = {};
    try {
      saved = JSON.parse(await readFile(this.file, 'utf8')) as Record<string, number>;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
        this.log(`indexer: boundaries file unreadable (${(e as Error).message}); rebuilt as clips change`);
    }
    for (const [id, at] of Object.entries(saved)) if (typeof at === 'number' && !this.at.has(id)) this.at.set(id, at);
    return this.at.size;
  }

  /** Arms every known boundary; one passed while the stand-in was down fires at once. */
  start(): void {
    this.started = true;
    for (const [id, at] of this.at) if (!this.cancels.has(id)) this.arm(id, at);
  }

  /** The next boundary of a clip (undefined: none ahead). */
  async set(id: string, at: number | undefined): Promise<void> {
    if (this.at.get(id) === at) return;
    this.cancels.get(id)?.();
    this.cancels.delete(id);
    this.at.delete(id);
    if (at !== undefined) {
      this.at.set(id, at);
      if (this.started) this.arm(id, at);
    }
    await this.save();
  }

  /** When the clip's next boundary fires (tests, docs). */
  next(id: string): number | undefined {
    return this.at.get(id);
  }

  close(): void {
    this.started = false;
    for (const cancel of this.cancels.values()) cancel();
    this.cancels.clear();
  }

  private arm(id: string, at: number): void {
    this.at.set(id, at);
    this.cancels.set(
      id,
      this.clock.at(at, () => {
        // Queued (persisted) first, forgotten after: a crash in between re-queues once more, which is harmless.
        this.fire(id)
          .then(async () => {
            if (this.at.get(id) !== at) return;
            this.at.delete(id);
            this.cancels.delete(id);
            await this.save();
          })
          .catch((e: unknown) => this.log(`indexer: boundary of ${id} not queued: ${(e as Error).message}`));
      }),
    );
  }

  private save(): Promise<void> {
    const snapshot = JSON.stringify(Object.fromEntries(this.at));
    this.writes = this.writes.then(async () => {
      await mkdir(dirname(this.file), { recursive: true });
      await writeFile(`${this.file}.tmp`, snapshot);
      await rename(`${this.file}.tmp`, this.file);
    });
    return this.writes;
  }
}
