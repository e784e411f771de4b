/**
 * A JSON document persisted in the data folder as a snapshot plus an append-only journal.
 * - The snapshot is written atomically (temporary file, then rename), so a kill at any moment leaves
 *   the previous or the new version, never half of one.
 * - `append(entry)` applies one change in memory and appends it as one JSON line to
 *   `<path>.journal` before returning, so whatever the caller answers next survives a crash; its cost
 *   does not grow with the document (a flood of small changes must not rewrite a large file each time).
 * - On load the journal is replayed over the snapshot; a torn last line (a kill mid-write, never
 *   acknowledged) is ignored. The journal is folded into a new snapshot at load and whenever it has
 *   grown larger than the snapshot, which keeps the amortized cost of a change constant.
 * Entries must be idempotent ("set X to Y"): a kill between writing a snapshot and emptying the
 * journal replays entries the snapshot already holds.
 * Writes are synchronous: each is small, and this keeps their order trivially right.
 */
import { appendFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The journal is folded into the snapshot once it is larger than the snapshot and at least this. */
const MIN_COMPACT_BYTES = 1024 * 1024;

export interface StateFileOptions<T, E> {
  /** Apply one journal entry to the document. */
  apply?: (data: T, entry: E) => void;
  /** Drop what is no longer needed before a snapshot is written (e.g. long-expired keys). */
  prune?: (data: T) => void;
}

function readOptional(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`Cannot read ${path}: ${(e as Error).message}`, { cause: e });
  }
}

export class StateFile<T extends object, E = never> {
  data: T;
  readonly journalPath: string;
  private snapshotBytes = 0;
  private journalBytes = 0;

  constructor(
    readonly path: string,
    initial: () => T,
    private readonly opts: StateFileOptions<T, E> = {},
  ) {
    this.journalPath = `${path}.journal`;
    mkdirSync(dirname(path), { recursive: true });
    const text = readOptional(path);
    let loaded: T | undefined;
    try {
      loaded = text === undefined ? undefined : (JSON.parse(text) as T);
    } catch (e) {
      throw new Error(`Cannot read ${path}: ${(e as Error).message}`, { cause: e });
    }
    this.data = loaded ?? initial();
    const replayed = this.replay();
    // Folding at once also drops a torn last line, which the next append would otherwise extend.
    if (!loaded || replayed > 0) this.save();
    else this.snapshotBytes = Buffer.byteLength(text ?? '');
  }

  /** Replay the journal over the loaded snapshot; returns how many lines it had (applied or torn). */
  private replay(): number {
    const text = readOptional(this.journalPath);
    if (!text) return 0;
    const lines = text.split('\n');
    // After the last complete line comes ''; anything else is a torn write, never acknowledged: skipped.
    const torn = lines.pop() ? 1 : 0;
    let count = torn;
    for (const [i, line] of lines.entries()) {
      if (!line) continue;
      let entry: E;
      try {
        entry = JSON.parse(line) as E;
      } catch (e) {
        throw new Error(`Cannot read ${this.journalPath} line ${i + 1}: ${(e as Error).message}`, { cause: e });
      }
      this.opts.apply?.(this.data, entry);
      count++;
    }
    return count;
  }

  /** Record one change: applied to `data` and on disk when this returns. */
  append(entry: E): void {
    const line = `${JSON.stringify(entry)}\n`;
    this.opts.apply?.(this.data, entry);
    appendFileSync(this.journalPath, line);
    this.journalBytes += Buffer.byteLength(line);
    if (this.journalBytes > Math.max(MIN_COMPACT_BYTES, this.snapshotBytes)) this.save();
  }

  /** Write the whole document as a new snapshot and empty the journal. */
  save(): void {
    this.opts.prune?.(this.data);
    const text = JSON.stringify(this.data, null, 1);
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, this.path);
    // Only now may the journal go: a kill before this line replays entries the snapshot already has.
    writeFileSync(this.journalPath, '');
    this.snapshotBytes = Buffer.byteLength(text);
    this.journalBytes = 0;
  }
}
