/** A request body parsed within the limits: size, JSON, nesting depth, string length. */
import { ApiProblem } from './problem.ts';
import type { ApiLimits } from './limits.ts';

function check(v: unknown, depth: number, limits: ApiLimits, path: string): void {
  if (typeof v === 'string') {
    if (v.length > limits.jsonStringLength)
      throw new ApiProblem('InvalidRequest', `A string is longer than ${limits.jsonStringLength} characters`, {
        errors: [{ pointer: path || '/', message: 'too long' }],
      });
    return;
  }
  if (v === null || typeof v !== 'object') return;
  if (depth >= limits.jsonDepth) throw new ApiProblem('MalformedBody', `JSON nests deeper than ${limits.jsonDepth} levels`);
  for (const [k, x] of Object.entries(v)) check(x, depth + 1, limits, `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
}

export function parseJsonBody(raw: string | undefined, contentType: string | undefined, limits: ApiLimits): unknown {
  if (raw === undefined || raw === '') return undefined;
  if (Buffer.byteLength(raw) > limits.bodyBytes) throw new ApiProblem('BodyTooLarge', `Bodies are limited to ${limits.bodyBytes} bytes`);
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json' && type !== 'application/merge-patch+json')
    throw new ApiProblem('UnsupportedMediaType', 'Send the body as application/json');
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new ApiProblem('MalformedBody', 'The body is not valid JSON');
  }
  check(value, 0, limits, '');
  return value;
}
