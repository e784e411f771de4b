// CloudFront Function (cloudfront-js-2.0), viewer request, on every cache behaviour.
// The gate that makes only published clips and the public catalog reachable (docs/contract.md):
//   /catalog/...              always (the public index lists published clips only)
//   /keys/provenance-jwks.json always (the public keys that verify the clips' provenance manifests)
//   /media/<id>/<file>        only while <id> is in the KeyValueStore of published ids, which the
//                             publication Lambda keeps in step with media/<id>/video.json, and the
//                             edge's clock is inside the clip's window (embargo): the value is
//                             `w1:<publishAt ms>:<unpublishAt ms>` (empty = open side), the encoding of
//                             src/contract/publication-window.ts; the viewer's clock plays no part
//   anything else             403 for the private prefixes (uploads/, index/), 404 otherwise
// It runs before the cache, so unpublishing takes effect as soon as the store propagates (seconds),
// whatever the cached TTL. Unpublished and unknown ids both answer 404: no existence oracle.
// The store id placeholder below is bound at synth time (infra/lib/cdn.ts).
import cf from 'cloudfront';

const kvs = cf.kvs('__KVS_ID__');
// The clip id pattern of schemas/video.schema.json.
const ID = /^[0-9a-z]{26,64}$/;

// The window rule of src/contract/publication-window.ts (isListedAt): from publishAt (inclusive) to
// unpublishAt (exclusive). A value written before windows existed (a date, or '1') has none; a
// malformed window is refused (fail closed).
function insideWindow(value, now) {
  if (value.indexOf('w1:') !== 0) return true;
  const m = /^w1:(\d*):(\d*)$/.exec(value);
  if (!m) return false;
  if (m[1] !== '' && now < Number(m[1])) return false;
  if (m[2] !== '' && now >= Number(m[2])) return false;
  return true;
}

function deny(status, text) {
  return {
    statusCode: status,
    statusDescription: text,
    headers: {
      'cache-control': { value: 'no-store' },
      'content-type': { value: 'text/plain; charset=utf-8' },
    },
    body: { encoding: 'text', data: text },
  };
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- CloudFront Functions call `handler` by name
async function handler(event) {
  const request = event.request;
  const uri = request.uri;
  // No dot segments, encoded slashes or dots, backslashes or empty segments: the key S3 sees must
  // be exactly the path checked here.
  if (uri.indexOf('//') !== -1 || uri.indexOf('\\') !== -1 || /%2e|%2f|%5c/i.test(uri) || /\/\.\.?(\/|$)/.test(uri)) {
    return deny(404, 'Not Found');
  }
  const parts = uri.split('/');
  // parts[0] is '' (the leading slash).
  const top = parts[1];
  if (top === 'catalog' && parts.length > 2 && parts[parts.length - 1] !== '') return request;
  // The provenance keys (docs/integrity-provenance.md), one fixed object.
  if (uri === '/keys/provenance-jwks.json') return request;
  if (top === 'media' && parts.length > 3 && ID.test(parts[2]) && parts[parts.length - 1] !== '') {
    try {
      const value = await kvs.get(parts[2]);
      if (value && insideWindow(String(value), Date.now())) return request;
    } catch (e) {
      // Not in the store: not published (or never existed).
    }
    return deny(404, 'Not Found');
  }
  if (top === 'uploads' || top === 'index') return deny(403, 'Forbidden');
  return deny(404, 'Not Found');
}
