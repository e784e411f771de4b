/**
 * Draft preview on CloudFront: admins play unpublished clips through signed URLs the Web API issues
 * (core/preview/, `POST /v1/clips/{id}/preview`), never through the public path, which keeps
 * refusing drafts (the publication gate).
 *
 * - A CloudFront public key (`ine:previewPublicKey`, PEM) in a key group trusted by one behaviour
 *   only: `preview/media/*`. CloudFront itself checks each request's custom-policy signature
 *   (RSA-SHA1, `Key-Pair-Id`), expiry and resource before anything else runs; unsigned, expired,
 *   tampered or other-clip requests get 403 at the edge.
 * - A viewer-request function maps `/preview/media/<id>/…` to the bucket's `media/<id>/…`.
 * - Short caching (60 s, no query string or cookie in the cache key: the signature is checked per
 *   request before the cache) and `Cache-Control: private` for browsers.
 * - The private key lives in Secrets Manager, encrypted with its own rotating KMS key; only the
 *   API function's role may read it (and decrypt with that key). The operator puts the PEM there
 *   once (docs/deploy.md); rotating means a new key pair: its public key joins the group, the
 *   secret gets the new private key, the old public key leaves after the longest grant (1 h).
 */
import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { PREVIEW_PREFIX } from '../../core/preview/preview-signer.ts';
import { HSTS } from './page-headers.ts';
import type { IneSettings } from './settings.ts';

/** The behaviour's path pattern (the preview path of core/preview/preview-signer.ts). */
export const PREVIEW_PATH = `${PREVIEW_PREFIX}/media/*`;
export const PREVIEW_CACHE_CONTROL = 'private, max-age=60';

/** The viewer-request function: `/preview/media/<id>/<file>` → `/media/<id>/<file>`; anything else 404. */
export const PREVIEW_PATH_FUNCTION = `function handler(event) {
  var request = event.request;
  var prefix = '/${PREVIEW_PREFIX}/media/';
  if (request.uri.indexOf(prefix) !== 0 || request.uri.indexOf('..') >= 0) return { statusCode: 404, statusDescription: 'Not Found' };
  request.uri = request.uri.slice(${PREVIEW_PREFIX.length + 1});
  return request;
}`;

export interface DraftPreviewProps {
  settings: IneSettings & { previewPublicKey: string };
  distribution: cloudfront.Distribution;
  /** The media bucket's origin (the CDN's, with Origin Access Control). */
  origin: cloudfront.IOrigin;
  /** The Web API function: the only reader of the private key. */
  apiFunction: lambda.Function;
}

export class DraftPreview extends Construct {
  readonly publicKey: cloudfront.PublicKey;
  readonly keyGroup: cloudfront.KeyGroup;
  readonly privateKey: secretsmanager.Secret;
  readonly pathFunction: cloudfront.Function;

  constructor(scope: Construct, id: string, props: DraftPreviewProps) {
    super(scope, id);
    const { settings } = props;
    this.publicKey = new cloudfront.PublicKey(this, 'PublicKey', {
      encodedKey: settings.previewPublicKey,
      comment: 'Verifies the draft-preview signatures the Web API issues',
    });
    this.keyGroup = new cloudfront.KeyGroup(this, 'KeyGroup', {
      items: [this.publicKey],
      comment: 'Trusted by the private preview behaviour only',
    });

    const secretKey = new kms.Key(this, 'PrivateKeyEncryption', {
      enableKeyRotation: true,
      description: 'Encrypts the draft-preview signing key (Secrets Manager)',
    });
    this.privateKey = new secretsmanager.Secret(this, 'PrivateKey', {
      description: 'PEM private key of the draft-preview CloudFront key pair; put by the operator (docs/deploy.md)',
      encryptionKey: secretKey,
    });
    this.privateKey.grantRead(props.apiFunction);
    props.apiFunction.addEnvironment('INE_PREVIEW_KEY_SECRET_ARN', this.privateKey.secretArn);
    props.apiFunction.addEnvironment('INE_PREVIEW_KEY_PAIR_ID', this.publicKey.publicKeyId);
    Validations.of(this.privateKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'A CloudFront key pair cannot be rotated by a Secrets Manager rotation Lambda alone: the new public key must join the key group first. Rotation is the documented operator procedure (docs/deploy.md); grants live at most 1 h.',
    });

    this.pathFunction = new cloudfront.Function(this, 'PreviewPath', {
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: 'Maps the signed preview path to the clip folder',
      code: cloudfront.FunctionCode.fromInline(PREVIEW_PATH_FUNCTION),
    });
    const cachePolicy = new cloudfront.CachePolicy(this, 'PreviewCache', {
      comment: 'Draft previews: 60 s, signature checked per request',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(60),
      maxTtl: Duration.seconds(60),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const headers = new cloudfront.ResponseHeadersPolicy(this, 'PreviewHeaders', {
      comment: 'Draft previews: CORS for the admin pages, private caching',
      corsBehavior: {
        accessControlAllowCredentials: false,
        accessControlAllowHeaders: ['Range', 'If-None-Match', 'If-Modified-Since'],
        accessControlAllowMethods: ['GET', 'HEAD', 'OPTIONS'],
        accessControlAllowOrigins: settings.allowedOrigins,
        accessControlExposeHeaders: ['ETag', 'Content-Length', 'Content-Range'],
        accessControlMaxAge: Duration.hours(1),
        originOverride: true,
      },
      securityHeadersBehavior: {
        strictTransportSecurity: HSTS,
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
        contentSecurityPolicy: { contentSecurityPolicy: "default-src 'none'; frame-ancestors 'none'; sandbox", override: true },
      },
      customHeadersBehavior: { customHeaders: [{ header: 'Cache-Control', value: PREVIEW_CACHE_CONTROL, override: true }] },
    });
    props.distribution.addBehavior(PREVIEW_PATH, props.origin, {
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
      cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD,
      compress: true,
      cachePolicy,
      responseHeadersPolicy: headers,
      functionAssociations: [{ function: this.pathFunction, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      trustedKeyGroups: [this.keyGroup],
    });
  }
}
