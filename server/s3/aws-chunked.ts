// Decoder for `Content-Encoding: aws-chunked` bodies, which the AWS SDK v3 sends for streams of known length:
//   <hex size>[;chunk-signature=<sig>]\r\n<data>\r\n ... 0[;chunk-signature=<sig>]\r\n[<trailer>:<value>\r\n]*\r\n
// Trailers (e.g. x-amz-checksum-crc32) are collected into `trailers`. Chunk and trailer signatures are parsed
// and skipped, not verified (see docs/stand-in-s3.md).
import { S3Error } from './errors.ts';

const MAX_LINE = 8 * 1024;

const incomplete = () => new S3Error('IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header.', 400);
const malformed = (why: string) => new S3Error('InvalidRequest', `Malformed aws-chunked body: ${why}`, 400);

export async function* decodeAwsChunked(source: AsyncIterable<Buffer>, trailers: Record<string, string>): AsyncGenerator<Buffer> {
  const it = source[Symbol.asyncIterator]();
  let buf: Buffer = Buffer.alloc(0);
  let ended = false;

  const more = async (): Promise<boolean> => {
    if (ended) return false;
    const r = await it.next();
    if (r.done) {
      ended = true;
      return false;
    }
    const chunk = Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value);
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    return true;
  };

  /** Next CRLF-terminated line, or undefined at a clean end of stream. */
  const line = async (): Promise<string | undefined> => {
    for (;;) {
      const i = buf.indexOf('\r\n');
      if (i >= 0) {
        const text = buf.subarray(0, i).toString('latin1');
        buf = buf.subarray(i + 2);
        return text;
      }
      if (buf.length > MAX_LINE) throw malformed('chunk header too long');
      if (!(await more())) {
        if (buf.length === 0) return undefined;
        throw incomplete();
      }
    }
  };

  for (;;) {
    const header = await line();
    if (header === undefined) throw incomplete();
    const sizeHex = header.split(';', 1)[0]!.trim();
    if (!/^[0-9a-fA-F]{1,15}$/.test(sizeHex)) throw malformed(`bad chunk size "${sizeHex.slice(0, 20)}"`);
    let remaining = parseInt(sizeHex, 16);
    if (remaining === 0) break;
    while (remaining > 0) {
      if (buf.length === 0 && !(await more())) throw incomplete();
      const take = Math.min(remaining, buf.length);
      yield buf.subarray(0, take);
      buf = buf.subarray(take);
      remaining -= take;
    }
    while (buf.length < 2) if (!(await more())) throw incomplete();
    if (buf[0] !== 13 || buf[1] !== 10) throw malformed('chunk data not followed by CRLF');
    buf = buf.subarray(2);
  }

  // Trailer section: header lines up to an empty line (some clients just end the stream).
  for (;;) {
    const text = await line();
    if (text === undefined || text === '') break;
    const colon = text.indexOf(':');
    if (colon <= 0) throw malformed('bad trailer line');
    trailers[text.slice(0, colon).trim().toLowerCase()] = text.slice(colon + 1).trim();
  }
  // Drain anything after the body so the connection stays usable.
  while (await more()) buf = Buffer.alloc(0);
}
