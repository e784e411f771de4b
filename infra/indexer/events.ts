/** The clip id an EventBridge S3 event (as an SQS message body) is about, when it is a clip record of `bucket`. */
const RECORD = /^media\/([^/]+)\/video\.json$/;

export function clipIdOfEvent(body: string, bucket: string): string | undefined {
  let ev: { detail?: { bucket?: { name?: string }; object?: { key?: string } } };
  try {
    ev = JSON.parse(body) as typeof ev;
  } catch {
    return undefined;
  }
  if (ev.detail?.bucket?.name !== bucket) return undefined;
  // EventBridge sends the key URL-encoded, as S3 notifications do.
  const key = decodeURIComponent((ev.detail.object?.key ?? '').replace(/\+/g, ' '));
  return RECORD.exec(key)?.[1];
}
