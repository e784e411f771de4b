/**
 * Errors the elements show and the plain API throws: a stable `code` (for programs, and the key
 * of the translated message `error.<code>` in the `common` namespace or the element's own),
 * plus the original cause.
 */
export type IneErrorCode =
  | 'AccessDenied'
  | 'ExpiredCredentials'
  | 'NotSignedIn'
  | 'AccountLocked'
  | 'Network'
  | 'Conflict'
  | 'NotFound'
  | 'Throttled'
  | 'ServerError'
  | 'Config'
  | 'Aborted'
  | 'Unknown'
  | (string & {});

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

  /** Whether trying again later may succeed (network, throttling, 5xx). */
  get retryable(): boolean {
    return this.code === 'Network' || this.code === 'Throttled' || this.code === 'ServerError';
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

/** Map an AWS SDK, fetch or DOM error onto an `IneError` with a stable code. */
export function toIneError(err: unknown): IneError {
  if (err instanceof IneError) return err;
  const e = (err ?? {}) as AwsLikeError;
  const name = e.name || e.Code || e.code || '';
  const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
  const msg = e.message;
  if (name === 'AbortError' || name === 'RequestAbortedError') return new IneError('Aborted', msg, err, status);
  if (name === 'AccessDenied' || name === 'Forbidden' || name === 'NotAuthorizedException' || status === 403) {
    return new IneError('AccessDenied', msg, err, status);
  }
  if (name === 'ExpiredToken' || name === 'ExpiredTokenException' || name === 'TokenRefreshRequired' || name === 'InvalidAccessKeyId') {
    return new IneError('ExpiredCredentials', msg, err, status);
  }
  if (name === 'PreconditionFailed' || name === 'ConditionalRequestConflict' || status === 412 || status === 409) {
    return new IneError('Conflict', msg, err, status);
  }
  if (name === 'NoSuchKey' || name === 'NotFound' || name === 'NoSuchUpload' || status === 404) return new IneError('NotFound', msg, err, status);
  if (name === 'SlowDown' || name === 'Throttling' || name === 'ThrottlingException' || name === 'TooManyRequestsException' || status === 429 || status === 503) {
    return new IneError('Throttled', msg, err, status);
  }
  if (status !== undefined && status >= 500) return new IneError('ServerError', msg, err, status);
  if (name === 'TypeError' || name === 'NetworkError' || name === 'TimeoutError' || /network|failed to fetch|load failed|ECONNREFUSED|ECONNRESET|socket hang up/i.test(msg ?? '')) {
    return new IneError('Network', msg, err, status);
  }
  return new IneError(name || 'Unknown', msg, err, status);
}
