// The stand-in's persisted state (server/auth/state-file.ts): snapshot + append-only journal, folded
// when the journal outgrows the snapshot; nothing appended is lost across reloads. And the limits' settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StateFile } from '../../../server/auth/state-file.ts';
import { DEFAULT_LIMITS, resolveLimits } from '../../../server/limits/settings.ts';

type Doc = { items: Record<string, number> };
const open = (path: string) => new StateFile<Doc, [string, number]>(path, () => ({ items: {} }), { apply: (d, [k, v]) => void (d.items[k] = v) });

test('appends land in the journal, the journal is folded once it outgrows the snapshot, and reloads keep every entry', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ine-state-file-'));
  try {
    const path = join(dir, 'doc.json');
    const file = open(path);
    const n = 12_000; // about 1.5 MiB of journal lines: at least one fold on the way
    let largestJournal = 0;
    for (let i = 0; i < n; i++) {
      file.append([`key-${i}-${'p'.repeat(100)}`, i]);
      if (i % 1000 === 0) largestJournal = Math.max(largestJournal, statSync(file.journalPath).size);
    }
    assert.ok(largestJournal <= 1024 * 1024 + 200, `journal stayed bounded (${largestJournal} bytes)`);
    assert.ok(statSync(path).size > 1024 * 1024, 'folded into the snapshot');
    const again = open(path);
    assert.equal(Object.keys(again.data.items).length, n);
    assert.equal(again.data.items[`key-${n - 1}-${'p'.repeat(100)}`], n - 1);
    assert.equal(statSync(again.journalPath).size, 0, 'folded at load');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('limits: options win over environment variables, which win over the defaults; bad values are refused', () => {
  assert.deepEqual(resolveLimits({}, {}), DEFAULT_LIMITS);
  const l = resolveLimits({ getIdPerSecond: 3 }, { INE_LIMIT_GETID_RPS: '9', INE_LIMIT_IDLE_TIMEOUT_MS: '500' });
  assert.equal(l.getIdPerSecond, 3);
  assert.equal(l.idleTimeoutMs, 500);
  assert.equal(l.connectionsPerClient, DEFAULT_LIMITS.connectionsPerClient);
  assert.throws(() => resolveLimits({}, { INE_LIMIT_CONNECTIONS_PER_CLIENT: 'many' }), /INE_LIMIT_CONNECTIONS_PER_CLIENT/);
  assert.throws(() => resolveLimits({ headersTimeoutMs: -1 }, {}), /headersTimeoutMs/);
});
