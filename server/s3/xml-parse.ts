// A small, strict, linear-time XML reader for the request bodies S3 takes (DeleteObjects,
// CompleteMultipartUpload). A general parser spent about a second on a 1 MB body of 10,000 parts, with the
// event loop blocked; this one reads only what those bodies use (elements, attributes that are ignored, text,
// the predefined and numeric character references, CDATA, comments) and refuses the rest (DOCTYPE and its
// entities, processing instructions), with bounded nesting and element count.
import { errors } from './errors.ts';

/** Elements whose value is always an array, however many there are. */
const ARRAYS = new Set(['Object', 'Part']);
const MAX_DEPTH = 16;
const NAME = /[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/y;
const ATTRIBUTE = /\s+[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?\s*=\s*(?:"[^"<]*"|'[^'<]*')/y;

const malformed = (why: string) => errors.malformedXml(why);

function decodeReference(ref: string): string {
  switch (ref) {
    case 'amp':
      return '&';
    case 'lt':
      return '<';
    case 'gt':
      return '>';
    case 'quot':
      return '"';
    case 'apos':
      return "'";
  }
  const cp = /^#x[0-9a-fA-F]{1,6}$/.test(ref) ? parseInt(ref.slice(2), 16) : /^#[0-9]{1,7}$/.test(ref) ? Number(ref.slice(1)) : NaN;
  if (!(cp > 0 && cp <= 0x10ffff) || (cp >= 0xd800 && cp <= 0xdfff)) throw malformed(`bad or unknown reference &${ref.slice(0, 10)};`);
  return String.fromCodePoint(cp);
}

function decodeText(raw: string): string {
  // Line ends are normalized as XML requires (a CR the client meant is sent as &#13;).
  const s = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  let amp = s.indexOf('&');
  if (amp < 0) return s;
  // Pieces joined once: concatenating per reference left a rope for the collector to walk.
  const out: string[] = [];
  let from = 0;
  while (amp >= 0) {
    const semi = s.indexOf(';', amp);
    if (semi < 0 || semi - amp > 10) throw malformed('unterminated character reference');
    if (amp > from) out.push(s.slice(from, amp));
    out.push(decodeReference(s.slice(amp + 1, semi)));
    from = semi + 1;
    amp = s.indexOf('&', from);
  }
  out.push(s.slice(from));
  return out.join('');
}

interface Node {
  name: string;
  fields: Record<string, unknown>;
  hasChildren: boolean;
  text: string;
}

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
}

function add(parent: Node, name: string, value: unknown): void {
  parent.hasChildren = true;
  const prev = parent.fields[name];
  // A value is text or an object, never an array: an array here is already the element's list.
  if (prev === undefined) parent.fields[name] = ARRAYS.has(name) ? [value] : value;
  else if (Array.isArray(prev)) prev.push(value);
  else parent.fields[name] = [prev, value];
}

function valueOf(n: Node): unknown {
  if (!n.hasChildren) return n.text;
  if (n.text.trim()) n.fields['#text'] = n.text;
  return n.fields;
}

/** Parses a request body into plain (prototype-free) objects; anything not well-formed is MalformedXML. */
export function parseXml(text: string, opts: { maxElements?: number } = {}): Record<string, unknown> {
  const maxElements = opts.maxElements ?? 100_000;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const skipSpace = () => {
    for (let c = text.charCodeAt(i); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = text.charCodeAt(++i));
  };
  const expectEnd = (marker: string, what: string): number => {
    const end = text.indexOf(marker, i);
    if (end < 0) throw malformed(`unterminated ${what}`);
    return end;
  };
  /** Comments and whitespace outside the root; DOCTYPE and processing instructions are refused. */
  const skipMisc = () => {
    for (;;) {
      skipSpace();
      if (text.startsWith('<!--', i)) i = expectEnd('-->', 'comment') + 3;
      else if (text.startsWith('<!', i)) throw malformed('DOCTYPE and entity declarations are not allowed');
      else if (text.startsWith('<?', i)) throw malformed('processing instructions are not allowed');
      else return;
    }
  };

  if (!text.slice(i).trim()) throw malformed('empty body');
  if (text.startsWith('<?xml', i) && /[\s?]/.test(text[i + 5] ?? '')) i = expectEnd('?>', 'XML declaration') + 2;
  skipMisc();

  const doc: Node = { name: '', fields: Object.create(null) as Record<string, unknown>, hasChildren: false, text: '' };
  const stack: Node[] = [doc];
  let elements = 0;
  do {
    const top = stack[stack.length - 1]!;
    if (stack.length > 1) {
      const lt = text.indexOf('<', i);
      if (lt < 0) throw malformed(`<${top.name}> is not closed`);
      if (lt > i) top.text += decodeText(text.slice(i, lt));
      i = lt;
      if (text.startsWith('<!--', i)) {
        i = expectEnd('-->', 'comment') + 3;
        continue;
      }
      if (text.startsWith('<![CDATA[', i)) {
        const end = expectEnd(']]>', 'CDATA section');
        top.text += text.slice(i + 9, end);
        i = end + 3;
        continue;
      }
      if (text.startsWith('</', i)) {
        NAME.lastIndex = i + 2;
        const m = NAME.exec(text);
        if (!m || m[0] !== top.name) throw malformed(`</${(m?.[0] ?? '').slice(0, 64)}> does not close <${top.name}>`);
        i = NAME.lastIndex;
        skipSpace();
        if (text[i] !== '>') throw malformed('bad closing tag');
        i++;
        stack.pop();
        add(stack[stack.length - 1]!, localName(top.name), valueOf(top));
        continue;
      }
      if (text.startsWith('<!', i) || text.startsWith('<?', i))
        throw malformed('DOCTYPE, entity declarations and processing instructions are not allowed');
    } else if (text[i] !== '<') throw malformed('expected the root element');

    // An opening tag.
    NAME.lastIndex = i + 1;
    const m = NAME.exec(text);
    if (!m) throw malformed('bad element name');
    i = NAME.lastIndex;
    for (;;) {
      ATTRIBUTE.lastIndex = i;
      if (!ATTRIBUTE.test(text)) break;
      i = ATTRIBUTE.lastIndex;
    }
    skipSpace();
    if (++elements > maxElements) throw malformed(`more than ${maxElements} elements`);
    const node: Node = { name: m[0], fields: Object.create(null) as Record<string, unknown>, hasChildren: false, text: '' };
    if (text.startsWith('/>', i)) {
      i += 2;
      add(top, localName(node.name), valueOf(node));
    } else if (text[i] === '>') {
      i++;
      if (stack.length > MAX_DEPTH) throw malformed('nested too deeply');
      stack.push(node);
    } else throw malformed(`bad tag <${node.name}>`);
  } while (stack.length > 1);
  skipMisc();
  if (i !== text.length) throw malformed('content after the root element');
  return doc.fields;
}
