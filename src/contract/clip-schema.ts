/**
 * JSON Schema and documentation views of the clip fields (clip-fields.ts), for scripts/gen-schemas.ts.
 * Pure data: no file access here.
 */
import { FIELDS, s3NameOf, type ClipFieldDef } from './clip-fields.js';

type Schema = Record<string, unknown>;

/** One field's schema. In a catalog entry the title may be empty (an entry is listed even then). */
export function fieldSchema(f: ClipFieldDef, where: 'record' | 'entry' = 'record'): Schema {
  if (f.kind === 'list') {
    return { type: 'array', maxItems: f.maxItems, items: { type: 'string', minLength: 1, maxLength: f.itemMaxLength }, description: f.about };
  }
  if (f.kind === 'datetime') return { type: 'string', format: 'date-time', description: f.about };
  const s: Schema = { type: 'string' };
  if (f.required && where === 'record') s.minLength = 1;
  s.maxLength = f.maxLength;
  s.description = f.about;
  return s;
}

/** `$defs.metadata` of video.schema.json (the upload manifest refers to it). */
export function metadataSchema(): Schema {
  return {
    type: 'object',
    required: FIELDS.filter((f) => f.required).map((f) => f.name),
    additionalProperties: false,
    properties: Object.fromEntries(FIELDS.map((f) => [f.name, fieldSchema(f)])),
  };
}

/** The metadata part of catalog-entry.schema.json's properties, in definition order. */
export const entryFieldSchemas = (): Schema => Object.fromEntries(FIELDS.map((f) => [f.name, fieldSchema(f, 'entry')]));

const KIND_WORDS: Record<ClipFieldDef['kind'], string> = {
  text: 'text',
  longText: 'long text',
  choice: 'one of a list',
  datetime: 'ISO 8601 date-time with offset',
  list: 'list of strings',
};

function limitsText(f: ClipFieldDef): string {
  if (f.kind === 'list') return `≤ ${f.maxItems} items of ≤ ${f.itemMaxLength} characters`;
  if (f.kind === 'datetime') return f.maxFutureHours ? `forms refuse more than ${f.maxFutureHours} h ahead` : '';
  return f.maxLength ? `≤ ${f.maxLength} characters` : '';
}

/** The field table of docs/contract.md. */
export function fieldTableMarkdown(): string {
  const rows = FIELDS.map((f) => {
    const search = f.search ? `weight ${f.search}` : '';
    const facet = f.facet ? `\`${f.facet.key}\`` : '';
    return `| \`${f.name}\` | ${KIND_WORDS[f.kind]}${f.required ? ', **required**' : ''} | ${limitsText(f)} | ${search} | ${facet} | \`x-amz-meta-${s3NameOf(f)}\` | ${f.about} |`;
  });
  return ['| field | type | limits | search | facet | S3 metadata | meaning |', '|---|---|---|---|---|---|---|', ...rows].join('\n');
}
