import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  decodeMetaValue,
  encodeMetaValue,
  ENTIDADES,
  isoToLocalDateTime,
  localDateTimeToIso,
  normalizeMetadata,
  toS3Metadata,
} from '../../../src/upload/metadata.ts';

test('S3 metadata values are ASCII and decode back exactly', () => {
  for (const v of ['Noticiero estelar', 'Michoacán, año 2024', '100% 🗳️ ñandú', 'a%20b', 'línea\nnueva']) {
    const enc = encodeMetaValue(v);
    assert.match(enc, /^[\x20-\x7e]*$/, enc);
    assert.equal(decodeMetaValue(enc), v);
  }
  assert.equal(encodeMetaValue('Plain ASCII stays readable'), 'Plain ASCII stays readable');
});

test('toS3Metadata: lowercase keys, tags comma-joined, empty fields omitted', () => {
  const m = toS3Metadata({ title: 'Debate en Nuevo León', tags: ['debate', 'gubernatura'], state: 'Nuevo León' }, 'clip.mp4');
  assert.deepEqual(Object.keys(m).sort(), ['filename', 'state', 'tags', 'title']);
  assert.equal(m.tags, 'debate,gubernatura');
  assert.equal(decodeMetaValue(m.state), 'Nuevo León');
});

test('normalizeMetadata trims, splits and de-duplicates tags, drops empty fields', () => {
  assert.deepEqual(normalizeMetadata({ title: '  T  ', description: ' ', tags: ' a, b ,,a ' }), { title: 'T', tags: ['a', 'b'] });
  assert.deepEqual(normalizeMetadata({ title: 'T', tags: ['x', ' y '] }), { title: 'T', tags: ['x', 'y'] });
});

test('datetime-local ↔ ISO 8601 with the local offset', () => {
  const iso = localDateTimeToIso('2024-06-02T20:30')!;
  assert.match(iso, /^2024-06-02T20:30:00[+-]\d{2}:\d{2}$/);
  assert.equal(new Date(iso).getTime(), new Date(2024, 5, 2, 20, 30).getTime());
  assert.equal(isoToLocalDateTime(iso), '2024-06-02T20:30');
  assert.equal(localDateTimeToIso('not a date'), undefined);
});

test('the 32 entidades federativas', () => {
  assert.equal(ENTIDADES.length, 32);
  assert.equal(new Set(ENTIDADES).size, 32);
  assert.ok(ENTIDADES.includes('Ciudad de México') && ENTIDADES.includes('Estado de México'));
});
