/**
 * Opaque, signed page cursors: the position in a result list plus a digest of the query it belongs
 * to, HMAC-SHA256 signed, so a cursor cannot be forged, altered or replayed against another query.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { ApiProblem } from './problem.ts';

interface CursorBody {
  /** Offset of the next item. */
  o: number;
  /** Digest of the query. */
  q: string;
}

export const queryDigest = (query: Record<string, unknown>): string =>
  createHash('sha256')
    .update(
      JSON.stringify(
        Object.entries(query)
          .filter(([k, v]) => k !== 'cursor' && v !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : 1)),
      ),
    )
    .digest('base64url')
    .slice(0, 16);

export function createCursors(secret: Uint8Array) {
  const sign = (payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');
  return {
    encode(offset: number, query: Record<string, unknown>): string {
      const payload = Buffer.from(JSON.stringify({ o: offset, q: queryDigest(query) } satisfies CursorBody)).toString('base64url');
      return `${payload}.${sign(payload)}`;
    },
    /** The offset a cursor names, or BadCursor. */
    decode(cursor: string, query: Record<string, unknown>): number {
      const [payload, mac, ...rest] = cursor.split('.');
      const bad = () => new ApiProblem('BadCursor', 'This cursor was not issued for this query; start again without it');
      if (!payload || !mac || rest.length) throw bad();
      const want = Buffer.from(sign(payload));
      const got = Buffer.from(mac);
      if (want.length !== got.length || !timingSafeEqual(want, got)) throw bad();
      let body: CursorBody;
      try {
        body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as CursorBody;
      } catch {
        throw bad();
      }
      if (!Number.isInteger(body.o) || body.o < 0 || body.q !== queryDigest(query)) throw bad();
      return body.o;
    },
  };
}
export type Cursors = ReturnType<typeof createCursors>;
