// Broadcast dates ahead of the clock: one rule for the uploader's form and the editor
// (src/contract/clip-validate.ts). Typed dates may be up to the field's tolerance ahead; a date that
// came with the clip and is left as it was is kept whatever it says (the seeded sample clip).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldDef } from '../../../src/contract/clip-fields.ts';
import { validateClipMetadata } from '../../../src/contract/clip-validate.ts';
import { hasUnsavedEdits } from '../../../src/catalog/unsaved.ts';
import { validateFields } from '../../../src/catalog/validate.ts';

const now = Date.parse('2026-12-04T12:00:00Z');
const days = (n: number) => new Date(now + n * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');

test('the tolerance is the field definition’s, in days', () => {
  assert.equal(fieldDef('broadcastAt')!.maxFutureHours, 7 * 24);
});

test('typed dates: up to 7 days ahead are accepted, beyond is refused', () => {
  assert.deepEqual(validateClipMetadata({ title: 'x', broadcastAt: days(6.9) }, now), {});
  assert.deepEqual(validateClipMetadata({ title: 'x', broadcastAt: days(7.1) }, now), { broadcastAt: 'invalid.future' });
});

test('a date kept as the source gave it is not checked against the clock; a changed one is', () => {
  const kept = { title: 'Muestra', broadcastAt: '2027-03-01T21:00:00-06:00' };
  assert.deepEqual(validateClipMetadata({ ...kept, title: 'Muestra revisada' }, now, kept), {});
  assert.deepEqual(validateClipMetadata({ ...kept, broadcastAt: '2027-03-02T21:00:00-06:00' }, now, kept), { broadcastAt: 'invalid.future' });
  // Other rules still apply to kept values.
  assert.deepEqual(validateClipMetadata({ ...kept, title: '' }, now, kept), { title: 'invalid.required' });
  // The editor passes the record it loaded as the base.
  const base = { ...kept, published: false };
  assert.deepEqual(validateFields({ ...base, title: 'Otra' }, base), {});
});

test('unsaved edits: any editable field differing from the loaded record; empty values are equal', () => {
  const base = { title: 'A', tags: [] as string[], published: false };
  assert.equal(hasUnsavedEdits({ base, form: { ...base } }), false);
  assert.equal(hasUnsavedEdits({ base, form: { ...base, tags: [] } }), false);
  assert.equal(hasUnsavedEdits({ base, form: { ...base, title: 'B' } }), true);
  assert.equal(hasUnsavedEdits({ base, form: { ...base, description: '' } }), false);
  assert.equal(hasUnsavedEdits(undefined), false);
});
