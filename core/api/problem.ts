/** An RFC 9457 problem: thrown by any layer of the API, answered as `application/problem+json`. */
import { API_PROBLEMS, problemType, type ProblemCode } from './problem-codes.ts';
import type { ApiResponse } from './types.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export class ApiProblem extends Error {
  override readonly name = 'ApiProblem';
  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    /** Extension members (e.g. `errors`, `current`). */
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(`${code}: ${detail}`);
  }
  get status(): number {
    return API_PROBLEMS[this.code].status;
  }
}

export function problemResponse(p: ApiProblem, instance: string): ApiResponse {
  const def = API_PROBLEMS[p.code];
  return {
    status: def.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, 'cache-control': 'no-store', ...p.headers },
    body: { type: problemType(p.code), title: def.title, status: def.status, detail: p.detail, code: p.code, instance, ...p.extra },
  };
}
