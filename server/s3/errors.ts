// S3-shaped errors: a code, a human message, an HTTP status and optional extra XML fields (Key, BucketName, ...).

export class S3Error extends Error {
  readonly code: string;
  readonly status: number;
  readonly extra: Record<string, string>;
  /** response headers to add (e.g. Content-Range on 416) */
  headers: Record<string, string> = {};
  constructor(code: string, message: string, status: number, extra: Record<string, string> = {}) {
    super(message);
    this.name = 'S3Error';
    this.code = code;
    this.status = status;
    this.extra = extra;
  }
}

// Messages as real S3 words them, so logs and UI errors read the same locally and on AWS.
export const errors = {
  noSuchBucket: (bucket: string) => new S3Error('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: bucket }),
  noSuchKey: (key: string) => new S3Error('NoSuchKey', 'The specified key does not exist.', 404, { Key: key }),
  noSuchUpload: (uploadId: string) =>
    new S3Error(
      'NoSuchUpload',
      'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
      404,
      { UploadId: uploadId },
    ),
  accessDenied: () => new S3Error('AccessDenied', 'Access Denied', 403),
  malformedXml: (detail?: string) =>
    new S3Error(
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema' + (detail ? ` (${detail})` : ''),
      400,
    ),
  preconditionFailed: (condition: string) =>
    new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, { Condition: condition }),
  conditionalConflict: () =>
    new S3Error(
      'ConditionalRequestConflict',
      'A conflicting operation occurred. If using PutObject you can retry the request. If using multipart upload you should initiate another CreateMultipartUpload request and re-upload each part.',
      409,
    ),
  invalidArgument: (message: string, name?: string, value?: string) =>
    new S3Error('InvalidArgument', message, 400, name ? { ArgumentName: name, ArgumentValue: value ?? '' } : {}),
  invalidRequest: (message: string) => new S3Error('InvalidRequest', message, 400),
  badDigest: (message: string) => new S3Error('BadDigest', message, 400),
  notImplemented: (what: string) =>
    new S3Error('NotImplemented', `A header or query you provided implies functionality that is not implemented: ${what}`, 501),
  methodNotAllowed: (method: string) =>
    new S3Error('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, { Method: method, ResourceType: 'OBJECT' }),
  internal: () => new S3Error('InternalError', 'We encountered an internal error. Please try again.', 500),
};

export function toS3Error(err: unknown): S3Error {
  if (err instanceof S3Error) return err;
  // Duck-typed: another module (e.g. the authorizer) may throw its own copy of S3Error.
  const e = err as { code?: unknown; status?: unknown; message?: unknown; name?: unknown };
  if (e && typeof e.code === 'string' && typeof e.status === 'number' && /^[A-Z][A-Za-z]+$/.test(e.code)) {
    return new S3Error(e.code, String(e.message ?? e.code), e.status);
  }
  return errors.internal();
}
