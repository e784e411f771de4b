/**
 * Presigned UploadPart URLs, signed with SigV4 query authentication (@smithy/signature-v4, the
 * signer the AWS SDK itself uses; @aws-sdk/s3-request-presigner is not a dependency). Each URL signs
 * the bucket, the key, the part number, the multipart upload id and the part's exact
 * `Content-Length`, so S3 (and the stand-in) refuse it for another key, another part, a body of
 * another size, or after it expires. The payload is UNSIGNED-PAYLOAD: the SHA-256 of the whole file
 * is checked by packaging.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../crypto/node-sha256.ts';

/** RFC 3986 encoding of each key segment, as S3's canonical URI wants it. */
const encodeKey = (key: string) =>
  key
    .split('/')
    .map((s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');

export interface PartToSign {
  partNumber: number;
  size: number;
}

/**
 * One URL per part, for `PUT` with exactly `size` bytes. Endpoint, path style, region and
 * credentials come from the S3 client (the service's), so the URLs point where the client does.
 */
export async function presignPartUrls(
  s3: S3Client,
  bucket: string,
  key: string,
  uploadId: string,
  parts: readonly PartToSign[],
  opts: { expiresInSeconds: number; now: number },
): Promise<string[]> {
  const region = await s3.config.region();
  const credentials = await s3.config.credentials();
  const custom = s3.config.endpoint ? await s3.config.endpoint() : undefined;
  let protocol: string, hostname: string, port: number | undefined, path: string;
  if (custom) {
    protocol = custom.protocol;
    hostname = custom.hostname;
    port = custom.port;
    const base = custom.path.replace(/\/$/, '');
    path = s3.config.forcePathStyle ? `${base}/${bucket}/${encodeKey(key)}` : `${base}/${encodeKey(key)}`;
    if (!s3.config.forcePathStyle) hostname = `${bucket}.${hostname}`;
  } else {
    protocol = 'https:';
    hostname = `${bucket}.s3.${region}.amazonaws.com`;
    path = `/${encodeKey(key)}`;
  }
  const host = port ? `${hostname}:${port}` : hostname;
  const signer = new SignatureV4({ service: 's3', region, credentials, sha256: NodeSha256, uriEscapePath: false, applyChecksum: false });
  return Promise.all(
    parts.map(async (p) => {
      const signed = await signer.presign(
        {
          method: 'PUT',
          protocol,
          hostname,
          port,
          path,
          query: { partNumber: String(p.partNumber), uploadId },
          headers: { host, 'content-length': String(p.size), 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
        },
        { expiresIn: opts.expiresInSeconds, signingDate: new Date(opts.now), signableHeaders: new Set(['content-length']) },
      );
      const q = new URLSearchParams();
      for (const [k, v] of Object.entries(signed.query ?? {})) q.set(k, String(v));
      return `${protocol}//${host}${path}?${q.toString().replace(/\+/g, '%20')}`;
    }),
  );
}
