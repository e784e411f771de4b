// XML in and out, with fast-xml-parser. Builders take plain objects; arrays repeat an element.
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { errors } from './errors.ts';

export const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: false, processEntities: true });

function clean(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(clean);
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = clean(x);
    return out;
  }
  return v instanceof Date ? v.toISOString() : v;
}

export function buildXml(root: string, body: Record<string, unknown>, opts: { namespace?: boolean } = {}): string {
  const content = opts.namespace === false ? clean(body) : { '@_xmlns': S3_NS, ...(clean(body) as object) };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: content })}`;
}

const ARRAYS = new Set(['Object', 'Part']);
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  removeNSPrefix: true,
  processEntities: true,
  isArray: (name) => ARRAYS.has(name),
});

/** Parses a request body; anything not well-formed is MalformedXML. */
export function parseXml(text: string): Record<string, unknown> {
  if (!text.trim()) throw errors.malformedXml('empty body');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw errors.malformedXml(valid.err.msg);
  try {
    return parser.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw errors.malformedXml((e as Error).message);
  }
}

/** The text of a leaf element (undefined if absent; objects/arrays are not text). */
export function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v && typeof v === 'object' && '#text' in v) return String((v as Record<string, unknown>)['#text']);
  return undefined;
}

export function asObject(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}
