// Three-way merge and form validation (pure logic).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEditable, threeWayMerge, type EditableFields } from '../../../src/catalog/merge.ts';
import { parseTags, validateFields } from '../../../src/catalog/validate.ts';
import { recordFor } from './generate.ts';

const base: EditableFields = { title: 'Debate', description: 'Uno', outlet: 'Canal Once', tags: ['debate'], published: false };

test('changes to different fields merge', () => {
  const mine = { ...base, title: 'Debate final' };
  const theirs = { ...base, description: 'Dos', published: true };
  const r = threeWayMerge(base, mine, theirs);
  assert.deepEqual(r.conflicts, []);
  assert.equal(r.merged.title, 'Debate final');
  assert.equal(r.merged.description, 'Dos');
  assert.equal(r.merged.published, true);
  assert.deepEqual(r.changed, ['title']);
});

test('the same field changed differently is a conflict with both values', () => {
  const r = threeWayMerge(base, { ...base, title: 'Mío' }, { ...base, title: 'Suyo' });
  assert.equal(r.conflicts.length, 1);
  assert.deepEqual(r.conflicts[0], { field: 'title', base: 'Debate', mine: 'Mío', theirs: 'Suyo' });
  assert.equal(r.merged.title, 'Suyo', 'never silently takes mine');
});

test('the same change on both sides is not a conflict; empty values are equal', () => {
  const r = threeWayMerge(base, { ...base, tags: ['a', 'b'], program: '' }, { ...base, tags: ['a', 'b'] });
  assert.deepEqual(r.conflicts, []);
  assert.deepEqual(r.merged.tags, ['a', 'b']);
});

test('applyEditable keeps publication dates in step', () => {
  const rec = recordFor('abc');
  const pub = applyEditable(rec, { ...base, published: true }, '2024-05-01T00:00:00.000Z');
  assert.equal(pub.published, true);
  assert.equal(pub.publishedAt, '2024-05-01T00:00:00.000Z');
  assert.equal(pub.metadata.title, 'Debate');
  const unpub = applyEditable(pub, { ...base, published: false });
  assert.equal(unpub.published, false);
  assert.equal(unpub.publishedAt, undefined);
});

test('validation: required title, lengths, dates, tags', () => {
  assert.deepEqual(validateFields(base), {});
  assert.equal(validateFields({ ...base, title: '  ' }).title, 'invalid.required');
  assert.equal(validateFields({ ...base, title: 'x'.repeat(501) }).title, 'invalid.tooLong');
  assert.equal(validateFields({ ...base, broadcastAt: 'mañana' }).broadcastAt, 'invalid.date');
  assert.equal(validateFields({ ...base, broadcastAt: '2999-01-01T00:00:00Z' }).broadcastAt, 'invalid.future');
  assert.equal(validateFields({ ...base, tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }).tags, 'invalid.tags');
  assert.deepEqual(parseTags(' a, b,,a , c '), ['a', 'b', 'c']);
});
