/** A developer-identity login issued by the host's backend (or the stand-in's auth broker). */
export interface LoginToken {
  /** Cognito identity id the token was issued for. */
  identityId: string;
  /** OpenID token for Cognito's `Logins` map under `cognito-identity.amazonaws.com`. */
  token: string;
  /** Role the backend vouches for: `viewer`, `uploader` or `admin`. Informational; AWS enforces it. */
  role?: string;
  /** ISO 8601 expiry of the token. */
  expiresAt?: string;
  /** Web API access token (JWT) the broker adds to the login; admin writes send it as `Authorization: Bearer`. */
  accessToken?: string;
  /** Lifetime of `accessToken` in seconds from when the login answered (at most 900). */
  expiresIn?: number;
}

/**
 * Where the elements get the login token for uploads and admin writes:
 * a callback (e.g. calls the host's backend), or a URL that answers a `LoginToken` as JSON
 * (fetched with the page's cookies, `credentials: 'include'`).
 */
export type LoginTokenSource = (() => Promise<LoginToken>) | string;

export interface UploadLimits {
  /** Largest accepted file, in bytes. */
  maxFileSize: number;
  /** Parts uploaded at once per file. */
  concurrency: number;
  /** Smallest part size in bytes (never below S3's 5 MiB; grows with the file to stay within 10,000 parts). */
  minPartSize: number;
  /** Fixed part size in bytes, overriding the computed one (still clamped to S3's rules). */
  partSize?: number;
}

/** Everything the elements and the plain API need to reach the services. */
export interface IneConfig {
  region: string;
  identityPoolId: string;
  bucket: string;
  /** S3 endpoint override (the local stand-in); path-style addressing is used when set. */
  s3Endpoint?: string;
  /** Cognito Identity endpoint override (the local stand-in). */
  cognitoEndpoint?: string;
  /** Base URL of the CDN that serves `media/` and `catalog/`. */
  cdnBaseUrl: string;
  /** Auth broker base URL (`POST <authUrl>/login`); the demo's stand-in for INE's backend. */
  authUrl?: string;
  /** How to obtain the login token for uploads and admin writes. */
  loginToken?: LoginTokenSource;
  /** The Web API's base URL (`…/v1`): admin writes go through it (the stand-in's `/_local/config.json` gives it). */
  apiUrl?: string;
  /** Default UI language when neither the element nor the document says. */
  lang?: string;
  upload: UploadLimits;
}

/** What `configure()`, JSON blocks and config documents accept: any subset. */
export type IneConfigInput = Partial<Omit<IneConfig, 'upload'>> & { upload?: Partial<UploadLimits>; configUrl?: string };
