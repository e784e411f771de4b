/**
 * The Web API (`/v1`, docs/api.md) from a browser: plain fetch with the login's access token as
 * `Authorization: Bearer`, problems (RFC 9457) turned into IneErrors with the elements' code
 * (src/contract/api-problems.ts). An expired token is fetched again once. DOM-free.
 */
import { API_PROBLEM_CODES, isApiProblemCode, type ApiProblemCode } from '../contract/api-problems.js';
import type { VideoRecord } from '../contract/video-record.js';
import { codeForStatus } from '../internal/error-codes.js';
import { IneError } from '../internal/errors.js';

/** A problem answer, as thrown: `code` is the elements' code, `problem` the API's answer. */
export class ApiError extends IneError {
  constructor(
    readonly problem: { code?: ApiProblemCode; detail?: string; current?: ClipVersion } & Record<string, unknown>,
    status: number,
  ) {
    const code = isApiProblemCode(problem.code) ? API_PROBLEM_CODES[problem.code].ineCode : (codeForStatus(status) ?? 'Unknown');
    super(code, problem.detail ?? `The API answered ${status}`, undefined, status);
  }
}

/** A clip and the version (ETag) to send back in If-Match. */
export interface ClipVersion {
  record: VideoRecord;
  etag: string;
}

/** What the player needs to play a draft: the preview CDN base and the signed parameters, until `expiresAt`. */
export interface PreviewGrant {
  cdnBaseUrl: string;
  query: string;
  expiresAt: string;
}

export interface ApiClientOptions {
  /** `…/v1`. */
  apiUrl: string;
  /** The access token (`force`: a fresh one). */
  accessToken(force: boolean): Promise<string>;
  fetch?: typeof fetch;
}

export type ClipPatch = Record<string, string | string[] | null>;

/** A publication request as the admin list shows it (docs/api.md, `PublicationRequest`). */
export interface PendingRequest {
  etag: string;
  request: {
    id: string;
    action: 'publish' | 'unpublish' | 'delete';
    clipId: string;
    clipTitle: string;
    period: { id: string; label: string };
    requestedBy: { sub: string; role: string };
    requestedAt: string;
    reason?: string;
    status: string;
  };
}

export function createApiClient(o: ApiClientOptions) {
  const base = o.apiUrl.replace(/\/+$/, '');
  const doFetch = o.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));

  async function send(
    method: string,
    path: string,
    opts: { body?: unknown; ifMatch?: string; text?: { body: string; type: string } },
    force = false,
  ): Promise<{ status: number; body: unknown }> {
    const headers: Record<string, string> = { authorization: `Bearer ${await o.accessToken(force)}` };
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    if (opts.text) headers['content-type'] = opts.text.type;
    if (opts.ifMatch) headers['if-match'] = opts.ifMatch;
    let res: Response;
    try {
      res = await doFetch(`${base}${path}`, {
        method,
        headers,
        ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : opts.text ? { body: opts.text.body } : {}),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (e) {
      throw new IneError('Network', String(e), e);
    }
    const text = await res.text().catch(() => '');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (res.ok) return { status: res.status, body };
    const problem = (body && typeof body === 'object' ? body : {}) as ApiError['problem'];
    if (!force && problem.code === 'TokenExpired') return send(method, path, opts, true);
    throw new ApiError(problem, res.status);
  }

  const version = (body: unknown): ClipVersion => {
    const b = body as { record: VideoRecord; etag: string };
    return { record: b.record, etag: b.etag };
  };
  const clip = (id: string) => `/clips/${encodeURIComponent(id)}`;

  return {
    async getClip(id: string): Promise<ClipVersion> {
      return version((await send('GET', clip(id), {})).body);
    },
    /** Throws ApiError with `problem.current` on 412 (someone changed the clip first). */
    async patchClip(id: string, patch: ClipPatch, etag: string): Promise<ClipVersion> {
      return version((await send('PATCH', clip(id), { body: patch, ifMatch: etag })).body);
    },
    /** Throws IneError `ApprovalPending` when a sensitive period made it a request (202): nothing changed yet. */
    async setPublished(id: string, published: boolean, etag?: string): Promise<ClipVersion> {
      const out = await send('POST', `${clip(id)}/${published ? 'publish' : 'unpublish'}`, { ...(etag ? { ifMatch: etag } : {}) });
      if (out.status === 202)
        throw new IneError('ApprovalPending', `Clip ${id}: ${published ? 'publish' : 'unpublish'} requested; another admin must approve`);
      return version(out.body);
    },
    async deleteClip(id: string): Promise<void> {
      const out = await send('DELETE', clip(id), {});
      if (out.status === 202) throw new IneError('ApprovalPending', `Clip ${id}: delete requested; another admin must approve`);
    },
    /** Attach a caption file (`type`: `text/vtt` or `application/x-subrip`) as the clip's track in `lang`. */
    async attachCaptions(id: string, lang: string, text: string, type: string): Promise<ClipVersion> {
      return version((await send('PUT', `${clip(id)}/captions/${encodeURIComponent(lang)}`, { text: { body: text, type } })).body);
    },
    async removeCaptions(id: string, lang: string): Promise<ClipVersion> {
      return version((await send('DELETE', `${clip(id)}/captions/${encodeURIComponent(lang)}`, {})).body);
    },
    /** Publication requests waiting for a second admin, each with the version to decide on. */
    async listPublicationRequests(): Promise<PendingRequest[]> {
      return ((await send('GET', '/publication-requests', {})).body as { items: PendingRequest[] }).items;
    },
    async decidePublicationRequest(id: string, etag: string, decision: 'approve' | 'reject'): Promise<void> {
      await send('POST', `/publication-requests/${encodeURIComponent(id)}/${decision}`, { ifMatch: etag });
    },
    /** A short-lived grant to play the clip (drafts too) through the CDN's signed preview path. */
    async previewClip(id: string): Promise<PreviewGrant> {
      const b = (await send('POST', `${clip(id)}/preview`, {})).body as PreviewGrant;
      return { cdnBaseUrl: b.cdnBaseUrl, query: b.query, expiresAt: b.expiresAt };
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
