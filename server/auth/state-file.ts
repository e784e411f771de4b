/**
 * A small JSON document persisted in the data folder, written atomically (temporary file, then
 * rename) so that a kill at any moment leaves the previous or the new version, never half of one.
 * Writes are synchronous: the documents are small and this keeps their order trivially right.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export class StateFile<T extends object> {
  data: T;
  constructor(
    readonly path: string,
    initial: () => T,
  ) {
    mkdirSync(dirname(path), { recursive: true });
    let loaded: T | undefined;
    try {
      loaded = JSON.parse(readFileSync(path, 'utf8')) as T;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`Cannot read ${path}: ${(e as Error).message}`);
    }
    this.data = loaded ?? initial();
    if (!loaded) this.save();
  }

  save(): void {
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.data, null, 1));
    renameSync(tmp, this.path);
  }
}
