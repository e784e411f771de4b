/**
 * Clip records as the API reads and changes them: the record and its ETag, what a caller sees of it
 * (URLs, embed snippet), and one path for every change: conditional write → audit entry → catalog
 * → event. A change that loses a race answers 412 with the clip as it is now.
 */
import { isPublic } from '../../src/catalog/format.ts';
import { videoRecordKey, type VideoRecord } from '../../src/contract/video-record.ts';
import type { Principal } from '../auth/principal.ts';
import type { AuditAction } from '../audit/entry.ts';
import { sha256Hex } from '../audit/intent.ts';
import { PreconditionFailed } from '../storage/object-store.ts';
import type { ApiDeps } from './deps.ts';
import type { ClipEventType } from '../events/event-types.ts';
import { ApiProblem } from './problem.ts';

export interface LoadedClip {
  record: VideoRecord;
  etag: string;
  /** The stored bytes' SHA-256 (the audit intent's probe). */
  sha256?: string;
}

export async function readClip(deps: ApiDeps, id: string): Promise<LoadedClip | undefined> {
  const got = await deps.store.get(videoRecordKey(id));
  return got ? { record: JSON.parse(got.body) as VideoRecord, etag: got.etag, sha256: sha256Hex(got.body) } : undefined;
}

/** The clip, when this principal may see it (admins: any; others: published and ready only). */
export async function visibleClip(deps: ApiDeps, principal: Principal, id: string): Promise<LoadedClip> {
  const clip = await readClip(deps, id);
  if (!clip || (principal.role !== 'admin' && !isPublic(clip.record, deps.now()))) throw new ApiProblem('NotFound', `No clip ${id}`);
  return clip;
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function clipDetail(deps: ApiDeps, { record, etag }: LoadedClip) {
  const base = `${deps.cdnBaseUrl.replace(/\/+$/, '')}/media/${record.id}/`;
  const urls: { master?: string; poster?: string; renditions: Array<{ width: number; height: number; bandwidth: number; url: string }> } = {
    renditions: record.renditions.map((r) => ({ width: r.width, height: r.height, bandwidth: r.bandwidth, url: base + r.uri })),
  };
  if (record.master) urls.master = base + record.master;
  if (record.poster) urls.poster = base + record.poster;
  const script = `<script type="module" src="${escapeAttr(deps.embedScriptUrl)}"></script>`;
  const element = `<ine-player video-id="${escapeAttr(record.id)}" cdn-base-url="${escapeAttr(deps.cdnBaseUrl)}"></ine-player>`;
  return { id: record.id, etag, record, urls, embed: { html: `${script}\n${element}`, script, element } };
}

export const preconditionFailed = (deps: ApiDeps, current: LoadedClip) =>
  new ApiProblem('PreconditionFailed', `Clip ${current.record.id} changed since that version; the current one is in \`current\``, {
    current: clipDetail(deps, current),
  });

export interface ChangeSpec {
  id: string;
  principal: Principal;
  ifMatch?: string;
  action: AuditAction;
  /** The next record, or undefined when there is nothing to change (answered as is, not audited). */
  apply(record: VideoRecord, now: string): VideoRecord | undefined;
  event?: Extract<ClipEventType, 'clip.published' | 'clip.unpublished'>;
}

const MAX_RACES = 10;

/** Change a clip: the one write path (see the file comment). */
export async function changeClip(deps: ApiDeps, spec: ChangeSpec): Promise<LoadedClip> {
  for (let attempt = 0; attempt < MAX_RACES; attempt++) {
    const clip = await readClip(deps, spec.id);
    if (!clip) throw new ApiProblem('NotFound', `No clip ${spec.id}`);
    if (spec.ifMatch !== undefined && spec.ifMatch !== clip.etag) throw preconditionFailed(deps, clip);
    const next = spec.apply(clip.record, new Date(deps.now()).toISOString());
    if (!next) return clip;
    const body = JSON.stringify(next);
    // Journalled before the write, committed after: a stop in between is recovered, never lost.
    const intent = await deps.audit.intend(
      { actor: actorOf(spec.principal), action: spec.action, clipId: spec.id, before: clip.record, after: next },
      { key: videoRecordKey(spec.id), sha256Before: clip.sha256 ?? null, sha256After: sha256Hex(body) },
    );
    let etag: string;
    try {
      etag = await deps.store.put(videoRecordKey(spec.id), body, { ifMatch: clip.etag });
    } catch (e) {
      await intent.abandon();
      if (!(e instanceof PreconditionFailed)) throw e;
      continue; // someone wrote between our read and write: the caller's If-Match (if any) decides on the next turn
    }
    await intent.commit();
    // The catalog follows by itself: the indexer (the one writer of derived data) reacts to the record's write.
    if (spec.event) await deps.events.emit(spec.event, { clipId: spec.id });
    return { record: next, etag };
  }
  throw new ApiProblem('StorageUnavailable', `Clip ${spec.id} kept changing; try again`, {}, { 'retry-after': '1' });
}

export const actorOf = (p: Principal) => ({ sub: p.sub, role: p.role, ...(p.clientId ? { clientId: p.clientId } : {}) });
