/**
 * An HTTP handler for the AWS SDK that sends requests with XMLHttpRequest, for one reason: upload
 * progress. `fetch` reports nothing until a request finishes, so with 8 MiB parts on a slow link the
 * progress bar would stand still for many seconds; `xhr.upload.onprogress` reports bytes as they go.
 * Everything else (signing, retries, parsing) stays the SDK's. Bodies are passed through untouched
 * (our parts are Blob slices, streamed from disk by the browser).
 */

interface SdkRequest {
  method: string;
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  query?: Record<string, string | string[] | null | undefined>;
  headers: Record<string, string>;
  body?: unknown;
}

/** Headers the browser sets itself and refuses from scripts (XHR logs an error for each). */
const FORBIDDEN = new Set([
  'host',
  'content-length',
  'connection',
  'expect',
  'transfer-encoding',
  'user-agent',
  'accept-encoding',
  'keep-alive',
  'te',
  'trailer',
  'upgrade',
  'via',
  'date',
  'origin',
  'referer',
  'cookie',
]);

/** RFC 3986 encoding, as SigV4 canonicalizes the query (`!'()*` escaped too). */
const rfc3986 = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function queryString(query: SdkRequest['query']): string {
  const parts: string[] = [];
  for (const key of Object.keys(query ?? {}).sort()) {
    const value = query![key];
    if (value === null || value === undefined) parts.push(rfc3986(key));
    else for (const v of Array.isArray(value) ? value : [value]) parts.push(`${rfc3986(key)}=${rfc3986(v)}`);
  }
  return parts.join('&');
}

export interface ProgressHandler {
  /** The SDK `requestHandler`. */
  readonly handler: {
    metadata: { handlerProtocol: string };
    handle(
      request: SdkRequest,
      options?: { abortSignal?: AbortSignal },
    ): Promise<{ response: { statusCode: number; reason?: string; headers: Record<string, string>; body: unknown } }>;
    updateHttpClientConfig(): void;
    httpHandlerConfigs(): Record<string, never>;
    destroy(): void;
  };
  /** Report upload progress of requests whose body is `body` (matched by identity) to `onProgress`. */
  track(body: Blob, onProgress: (sent: number) => void): () => void;
}

export function createProgressHandler(): ProgressHandler {
  const listeners = new WeakMap<object, (sent: number) => void>();
  const handler: ProgressHandler['handler'] = {
    metadata: { handlerProtocol: 'http/1.1' },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {},
    handle(request, { abortSignal } = {}) {
      return new Promise((resolve, reject) => {
        const abortError = () => Object.assign(new Error('Request aborted'), { name: 'AbortError' });
        if (abortSignal?.aborted) return reject(abortError());
        const qs = queryString(request.query);
        const url = `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ''}${request.path}${qs ? `?${qs}` : ''}`;
        const xhr = new XMLHttpRequest();
        xhr.open(request.method, url, true);
        xhr.responseType = 'blob';
        for (const [name, value] of Object.entries(request.headers)) {
          if (!FORBIDDEN.has(name.toLowerCase()) && !name.toLowerCase().startsWith('proxy-') && !name.toLowerCase().startsWith('sec-'))
            xhr.setRequestHeader(name, value);
        }
        const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : request.body;
        const onProgress = body && typeof body === 'object' ? listeners.get(body) : undefined;
        if (onProgress) xhr.upload.onprogress = (e) => onProgress(e.loaded);
        const onAbort = () => xhr.abort();
        abortSignal?.addEventListener('abort', onAbort, { once: true });
        const done = () => abortSignal?.removeEventListener('abort', onAbort);
        xhr.onload = () => {
          done();
          const headers: Record<string, string> = {};
          for (const line of xhr
            .getAllResponseHeaders()
            .trim()
            .split(/[\r\n]+/)) {
            const at = line.indexOf(':');
            if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
          }
          resolve({ response: { statusCode: xhr.status, reason: xhr.statusText, headers, body: xhr.response as Blob } });
        };
        // Same shape as fetch's network failure, so error mapping treats both alike.
        xhr.onerror = () => {
          done();
          reject(new TypeError('Failed to fetch (network error)'));
        };
        xhr.onabort = () => {
          done();
          reject(abortError());
        };
        xhr.send((body ?? null) as XMLHttpRequestBodyInit | null);
      });
    },
  };
  return {
    handler,
    track(body, onProgress) {
      listeners.set(body, onProgress);
      return () => listeners.delete(body);
    },
  };
}
