// XML out with fast-xml-parser's builder (plain objects; arrays repeat an element); request bodies are read by
// xml-parse.ts.
import { XMLBuilder } from 'fast-xml-parser';

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

export { parseXml } from './xml-parse.ts';

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
