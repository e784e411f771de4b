// The clip field definition (src/contract/clip-fields.ts) and what is derived from it: validation
// limits, the packager's normalization, S3 metadata and CORS, the form model, merge, search, facets,
// and the generated schemas and docs table. `actors` is the proof field: it exists only in the
// definition, its translations and these tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { CLIP_FIELDS, FACET_FIELDS, FIELDS, SEARCH_FIELDS, s3NameOf, type ClipFieldDef } from '../../../src/contract/clip-fields.ts';
import { fieldProblem, normalizeClipInput, sanitizeClipMetadata, validateClipMetadata } from '../../../src/contract/clip-validate.ts';
import { CLIP_FORM, errorText, readClipForm } from '../../../src/contract/clip-form.ts';
import { datetimeFromInput, localDateTimeToIso } from '../../../src/contract/datetime-local.ts';
import { MEXICAN_STATES } from '../../../src/contract/mexican-states.ts';
import { MEXICAN_STATES as CATALOG_STATES } from '../../../src/catalog/states.ts';
import { ENTIDADES, toS3Metadata, decodeMetaValue } from '../../../src/upload/metadata.ts';
import { applyEditable, editableOf, threeWayMerge, type EditableFields } from '../../../src/catalog/merge.ts';
import { entryFromRecord, type CatalogEntry } from '../../../src/catalog/format.ts';
import { SearchIndex } from '../../../src/catalog/search-index.ts';
import { runQuery } from '../../../src/catalog/query.ts';
import { parseUploadManifest } from '../../../packaging/record.ts';
import { PROJECT_META_HEADERS } from '../../../server/s3/cors.ts';
import esUploader from '../../../src/elements/uploader/lang/es-MX.ts';
import enUploader from '../../../src/elements/uploader/lang/en.ts';
import esCatalog from '../../../src/elements/catalog/lang/es-MX.ts';
import enCatalog from '../../../src/elements/catalog/lang/en.ts';
import { recordFor } from '../catalog/generate.ts';

const actors = CLIP_FIELDS.find((f) => f.name === 'actors')!;

/** A value just inside, and one just outside, a field's limits. */
function atAndOver(f: ClipFieldDef): [unknown, unknown] {
  if (f.kind === 'list') {
    const item = 'a'.repeat(f.itemMaxLength!);
    const full = Array.from({ length: f.maxItems! }, (_, i) => `${i}${item}`.slice(0, f.itemMaxLength));
    return [full, [...full, 'one more']];
  }
  return ['x'.repeat(f.maxLength!), 'x'.repeat(f.maxLength! + 1)];
}

test('validation limits come from the definition, for every field', () => {
  for (const f of FIELDS) {
    if (f.kind === 'datetime') continue;
    const [at, over] = atAndOver(f);
    assert.equal(fieldProblem(f, at), undefined, `${f.name} at its limit`);
    assert.equal(fieldProblem(f, over), f.kind === 'list' ? `invalid.${f.name}` : 'invalid.tooLong', `${f.name} over its limit`);
    if (f.kind === 'list') assert.equal(fieldProblem(f, ['x'.repeat(f.itemMaxLength! + 1)]), `invalid.${f.name}`, `${f.name}: an item too long`);
  }
  assert.equal(validateClipMetadata({ title: ' ' }).title, 'invalid.required');
  assert.deepEqual(validateClipMetadata({ title: 'T', actors: ['Morena', 'PAN'] }), {});
  assert.equal(
    validateClipMetadata({ title: 'T', actors: Array.from({ length: actors.maxItems + 1 }, (_, i) => `Actor ${i}`) }).actors,
    'invalid.actors',
  );
});

test('one datetime-local converter, strict: bad text is kept for validation to refuse, never dropped', () => {
  assert.equal(localDateTimeToIso('2024-02-31T10:00'), undefined, 'no rolling over to March');
  assert.equal(datetimeFromInput(''), undefined);
  assert.equal(datetimeFromInput('mañana'), 'mañana');
  assert.equal(validateClipMetadata({ title: 'T', broadcastAt: datetimeFromInput('2024-02-31T10:00') }).broadcastAt, 'invalid.date');
  assert.match(datetimeFromInput('2024-06-02T20:30')!, /^2024-06-02T20:30:00[+-]\d\d:\d\d$/);
  const form = readClipForm((name) => (name === 'broadcastAt' ? 'ayer' : name === 'title' ? 'T' : ''));
  assert.equal(validateClipMetadata(normalizeClipInput(form as never)).broadcastAt, 'invalid.date', 'the uploader form refuses what it cannot read');
});

test('one list of the 32 states, shared by the field, the catalog and the uploader', () => {
  assert.equal(MEXICAN_STATES.length, 32);
  assert.equal(CATALOG_STATES, MEXICAN_STATES);
  assert.equal(ENTIDADES, MEXICAN_STATES);
  assert.equal(CLIP_FIELDS.find((f) => f.name === 'state')!.options, MEXICAN_STATES);
});

test('the packager keeps actors from a manifest and drops only what breaks the rules', () => {
  const key = 'uploads/us-east-1:0a0a0a0a-0000-4000-8000-000000000abc/0123456789abcdef0123456789abcdef';
  const manifest = (metadata: object) =>
    JSON.stringify({
      schemaVersion: 1,
      key: `${key}.mp4`,
      identityId: 'x',
      size: 1,
      sha256: 'b'.repeat(64),
      contentType: 'video/mp4',
      fileName: 'n.mp4',
      metadata,
      uploadedAt: '2027-01-01T00:00:00Z',
    });
  const long = 'x'.repeat(actors.itemMaxLength + 1);
  const m = parseUploadManifest(manifest({ title: 'Nota', actors: [' Morena ', long, '', 'PAN'], outlet: 'o'.repeat(201) }), `${key}.json`).metadata;
  assert.deepEqual(m.actors, ['Morena', 'PAN']);
  assert.equal(m.outlet, undefined, 'an over-long outlet is left out, as the schema would refuse it');
  const many = Array.from({ length: actors.maxItems + 5 }, (_, i) => `Actor ${i}`);
  assert.equal(sanitizeClipMetadata({ title: 'T', actors: many }, 'x').actors!.length, actors.maxItems);
});

test('S3 user metadata and its CORS exposure list every field, actors included', () => {
  const meta = toS3Metadata({ title: 'Debate', actors: ['Morena', 'Movimiento Ciudadano'], broadcastAt: '2024-06-02T20:30:00-06:00' }, 'clip.mp4');
  assert.equal(decodeMetaValue(meta.actors), 'Morena,Movimiento Ciudadano');
  assert.equal(meta['broadcast-at'], '2024-06-02T20:30:00-06:00');
  for (const f of FIELDS) assert.ok(PROJECT_META_HEADERS.includes(`x-amz-meta-${s3NameOf(f)}`), f.name);
});

test("S3 user metadata stays within S3's 2 KB even with a long description and many actors (the manifest keeps everything)", () => {
  const full = {
    title: 'Debate en Nuevo León',
    description: 'd'.repeat(5000),
    actors: Array.from({ length: actors.maxItems }, (_, i) => `Coalición ${i}`),
  };
  const meta = toS3Metadata(full, 'clip.mp4');
  const bytes = Object.entries(meta).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
  assert.ok(bytes <= 2048, `${bytes} bytes of user metadata`);
  assert.equal(decodeMetaValue(meta.title), full.title);
  assert.equal(meta.filename, 'clip.mp4');
  assert.equal(meta.description, undefined, 'the field that does not fit is left to the manifest');
  assert.equal(decodeMetaValue(meta.actors).split(',').length, actors.maxItems);
});

test('the form model follows the definition: controls, limits as attributes, translated labels', () => {
  assert.deepEqual(
    CLIP_FORM.map((c) => c.name),
    FIELDS.map((f) => f.name),
  );
  const c = CLIP_FORM.find((x) => x.name === 'actors')!;
  assert.equal(c.control, 'input');
  assert.equal(c.commitOn, 'change', 'a list is read when the user leaves it, not rewritten while typing');
  assert.deepEqual(c.fromText(' PAN, Morena ,, PAN'), ['PAN', 'Morena']);
  assert.equal(c.toText(['PAN', 'Morena']), 'PAN, Morena');
  assert.equal(CLIP_FORM.find((x) => x.name === 'title')!.maxlength, 500);
  assert.equal(CLIP_FORM.find((x) => x.name === 'description')!.control, 'textarea');
  assert.equal(CLIP_FORM.find((x) => x.name === 'state')!.control, 'select');
  // Every key the forms and filters ask for has a text in both languages of both elements.
  const keys = (langs: object[], want: string[]) => {
    for (const lang of langs) for (const k of want) assert.ok(k in lang, `missing translation ${k}`);
  };
  const formKeys = CLIP_FORM.flatMap((x) => [x.labelKey, ...(x.hintKey ? [x.hintKey] : [])]);
  const listErrors = FIELDS.filter((f) => f.kind === 'list').map((f) => `invalid.${f.name}`);
  keys([esUploader, enUploader, esCatalog, enCatalog], [...formKeys, ...listErrors]);
  keys(
    [esCatalog, enCatalog],
    FACET_FIELDS.flatMap((f) => [`facet.${f.facet.key}`, `facetAll.${f.facet.key}`]),
  );
  const t = (key: string, ...args: unknown[]) => {
    const v = (esCatalog as Record<string, unknown>)[key];
    return typeof v === 'function' ? v(...args) : typeof v === 'string' ? v : key;
  };
  assert.equal(
    errorText(t, 'actors', 'invalid.actors'),
    `Máximo ${actors.maxItems} actores políticos de hasta ${actors.itemMaxLength} caracteres cada uno.`,
  );
});

test('three-way merge covers actors like any other field', () => {
  const base: EditableFields = { title: 'Debate', actors: ['PAN'], published: false };
  const r = threeWayMerge(base, { ...base, actors: ['PAN', 'Morena'] }, { ...base, title: 'Debate final' });
  assert.deepEqual(r.conflicts, []);
  assert.deepEqual(r.merged.actors, ['PAN', 'Morena']);
  assert.equal(r.merged.title, 'Debate final');
  const c = threeWayMerge(base, { ...base, actors: ['Morena'] }, { ...base, actors: ['PRI'] });
  assert.deepEqual(c.conflicts, [{ field: 'actors', base: ['PAN'], mine: ['Morena'], theirs: ['PRI'] }]);
  const rec = applyEditable(recordFor('a'.repeat(32), { metadata: { title: 'T' } }), { title: 'T', actors: ['PAN'], published: false });
  assert.deepEqual(rec.metadata.actors, ['PAN']);
  assert.deepEqual(editableOf(rec).actors, ['PAN']);
  assert.deepEqual(applyEditable(rec, { title: 'T', actors: [], published: false }).metadata.actors, undefined, 'an emptied list leaves the record');
});

test('the catalog entry carries actors; search finds by actor with accents folded; the facet counts them', () => {
  const rec = (id: string, title: string, a: string[]) => recordFor(id, { metadata: { title, actors: a }, published: true });
  const entries: CatalogEntry[] = [
    entryFromRecord(rec('1'.repeat(32), 'Debate en la capital', ['Clara Brugada', 'Morena']), 'catalog'),
    entryFromRecord(rec('2'.repeat(32), 'Cierre de campaña', ['Movimiento Ciudadano', 'Morena']), 'catalog'),
    entryFromRecord(rec('3'.repeat(32), 'Conferencia', ['Xóchitl Gálvez']), 'catalog'),
  ];
  assert.deepEqual(entries[0].actors, ['Clara Brugada', 'Morena']);
  const idx = new SearchIndex();
  idx.add(entries);
  assert.deepEqual(
    idx.search('xochitl galvez').map((h) => h.entry.id),
    ['3'.repeat(32)],
  );
  assert.deepEqual(
    idx.search('gálv').map((h) => h.entry.id),
    ['3'.repeat(32)],
    'prefix with accent',
  );
  assert.equal(idx.search('morena').length, 2);
  // An actor counts like a tag: more than the description, less than the title.
  const w = SEARCH_FIELDS.find((f) => f.name === 'actors')!.search!;
  assert.equal(idx.search('brugada')[0].score, w * 2);
  const facets = runQuery(idx, {}).facets;
  assert.deepEqual(facets.actor[0], { value: 'Morena', count: 2 });
  assert.equal(facets.actor.length, 4);
  assert.deepEqual(
    runQuery(idx, { actor: 'Morena' })
      .entries.map((e) => e.id)
      .sort(),
    ['1'.repeat(32), '2'.repeat(32)],
  );
  assert.deepEqual(
    runQuery(idx, { text: 'ciudadano', actor: 'Morena' }).entries.map((e) => e.id),
    ['2'.repeat(32)],
  );
});

test('the schemas and docs/contract.md are fresh; a record with actors is schema-valid', () => {
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/gen-schemas.ts', '--check'], { stdio: 'pipe' });
  const schema = (name: string) => JSON.parse(readFileSync(new URL(`../../../schemas/${name}.schema.json`, import.meta.url), 'utf8'));
  const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
  ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
  const video = ajv.compile(schema('video'));
  const entry = ajv.compile(schema('catalog-entry'));
  const rendition = { width: 1280, height: 720, bandwidth: 2_000_000, codecs: 'avc1.64001f,mp4a.40.2', uri: '720p/index.m3u8' };
  const r = recordFor('4'.repeat(32), { metadata: { title: 'T', actors: ['PAN', 'PRI'] }, renditions: [rendition], packager: 'ffmpeg' });
  assert.ok(video(r), ajv.errorsText(video.errors));
  assert.ok(entry(entryFromRecord(r, 'index')), ajv.errorsText(entry.errors));
  assert.ok(!video({ ...r, metadata: { title: 'T', actors: ['x'.repeat(actors.itemMaxLength + 1)] } }), 'the schema has the same item limit');
  const props = schema('video').$defs.metadata.properties as Record<string, { maxItems?: number }>;
  assert.deepEqual(
    Object.keys(props),
    FIELDS.map((f) => f.name),
  );
  assert.equal(props.actors.maxItems, actors.maxItems);
});
