/**
 * Errors the elements show and the plain API throws: a stable `code` (for programs, and the key
 * of the translated message `error.<code>` in the `common` namespace or the element's own),
 * plus the original cause.
 */
import { codeForStatus, isErrorCode, retryRule, type IneErrorCode } from './error-codes.js';

export type { IneErrorCode } from './error-codes.js';

export class IneError extends Error {
  override readonly name = 'IneError';
  constructor(
    readonly code: IneErrorCode,
    message?: string,
    override readonly cause?: unknown,
    /** HTTP status when the error came from a service. */
    readonly status?: number,
  ) {
    super(message ?? code);
  }

  /** Whether the library retries it by itself (transient: network, throttling, 5xx, a damaged part). */
  get retryable(): boolean {
    return retryRule(this.code) === 'auto';
  }

  /** Whether a person pressing "Reintentar" may succeed (transient ones too). */
  get userRetryable(): boolean {
    return retryRule(this.code) !== 'never';
  }
}

interface AwsLikeError {
  name?: string;
  Code?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { statusCode?: number };
}

/** Service error names (S3, Cognito, fetch, DOM) that say more than their HTTP status. */
const CODE_BY_NAME: ReadonlyMap<string, IneErrorCode> = new Map([
  ['AbortError', 'Aborted'],
  ['RequestAbortedError', 'Aborted'],
  ['AccessDenied', 'AccessDenied'],
  ['Forbidden', 'AccessDenied'],
  ['NotAuthorizedException', 'AccessDenied'],
  ['ExpiredToken', 'ExpiredCredentials'],
  ['ExpiredTokenException', 'ExpiredCredentials'],
  ['TokenRefreshRequired', 'ExpiredCredentials'],
  ['InvalidAccessKeyId', 'ExpiredCredentials'],
  ['PreconditionFailed', 'Conflict'],
  ['ConditionalRequestConflict', 'Conflict'],
  ['NoSuchKey', 'NotFound'],
  ['NotFound', 'NotFound'],
  ['NoSuchUpload', 'NotFound'],
  ['SlowDown', 'Throttled'],
  ['Throttling', 'Throttled'],
  ['ThrottlingException', 'Throttled'],
  ['TooManyRequestsException', 'Throttled'],
  ['TypeError', 'Network'],
  ['NetworkError', 'Network'],
  ['TimeoutError', 'Network'],
]);

const NETWORK_MESSAGE = /network|failed to fetch|load failed|ECONNREFUSED|ECONNRESET|socket hang up/i;

/**
 * Map an AWS SDK, fetch or DOM error onto an `IneError` with a stable code: a known service error
 * name first, then the HTTP status (`codeForStatus`), then network-looking messages; anything
 * else is `Unknown`, with the original error kept as `cause`.
 */
export function toIneError(err: unknown): IneError {
  if (err instanceof IneError) return err;
  const e = (err ?? {}) as AwsLikeError;
  const name = e.name || e.Code || e.code || '';
  const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
  const msg = e.message;
  const byName = CODE_BY_NAME.get(name);
  // A name that is also one of our codes (an IneError that crossed a worker or a JSON boundary).
  const code = byName ?? (isErrorCode(name) ? name : undefined) ?? (status !== undefined && status !== 0 ? codeForStatus(status) : undefined);
  if (code) return new IneError(code, msg, err, status);
  if (NETWORK_MESSAGE.test(msg ?? '')) return new IneError('Network', msg, err, status);
  return new IneError('Unknown', msg, err, status);
}
