/**
 * The two-person rule at the door of publish, unpublish and delete: outside sensitive periods it lets
 * the route act; during one it records a publication request (audited) and answers 202 with it, and
 * nothing else changes until a different admin approves (routes/publication-requests.ts).
 */
import type { Principal } from '../auth/principal.ts';
import { actorOf, preconditionFailed, readClip } from '../api/clips.ts';
import type { ApiDeps } from '../api/deps.ts';
import { ApiProblem } from '../api/problem.ts';
import type { RouteResponseDef } from '../api/route.ts';
import { json } from '../api/route.ts';
import type { ApiResponse } from '../api/types.ts';
import { ref } from '../api/schemas.ts';
import { activePeriodAt, createPeriodStore } from './periods.ts';
import { createRequestStore, MAX_PENDING_REQUESTS, REASON_MAX_LENGTH, type LoadedRequest, type RequestedAction } from './requests.ts';

export const REQUEST_BODY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    reason: { type: 'string', maxLength: REASON_MAX_LENGTH, description: 'Why (shown to the approving admin during a sensitive period).' },
  },
  description: 'Nothing (or `{}`); optionally a reason.',
};

export const REQUESTED_RESPONSE: RouteResponseDef = {
  description: 'A sensitive period is in progress: nothing changed; a publication request waits for another admin’s approval.',
  schema: ref('PublicationRequest'),
  headers: {
    ETag: { description: 'The request’s version (send it as `If-Match` to approve).', schema: { type: 'string' } },
    Location: { description: 'The request.', schema: { type: 'string' } },
  },
};

export const requestResponse = (status: number, { request, etag }: LoadedRequest): ApiResponse =>
  json(status, request, { etag, location: `/v1/publication-requests/${request.id}` });

/** During a sensitive period: the request made (202); otherwise undefined, and the caller acts. */
export async function requestDuringPeriod(
  deps: ApiDeps,
  principal: Principal,
  action: RequestedAction,
  clipId: string,
  ifMatch: string | undefined,
  reason?: string,
): Promise<ApiResponse | undefined> {
  const period = activePeriodAt(await createPeriodStore(deps.store).list(), deps.now());
  if (!period) return undefined;
  const clip = await readClip(deps, clipId);
  if (!clip) throw new ApiProblem('NotFound', `No clip ${clipId}`);
  if (ifMatch !== undefined && ifMatch !== clip.etag) throw preconditionFailed(deps, clip);
  // Nothing to change (already so): answered by the route as outside a period, without a request.
  if ((action === 'publish' && clip.record.published) || (action === 'unpublish' && !clip.record.published)) return undefined;
  if (action === 'publish' && clip.record.status !== 'ready')
    throw new ApiProblem('ClipNotReady', `Clip ${clipId} is ${clip.record.status}; only a ready clip can be published`);
  const requests = createRequestStore(deps.store);
  const pending = await requests.pending();
  // Asking again for the same thing on the same version answers the request already waiting.
  const same = pending.find((p) => p.request.clipId === clipId && p.request.action === action && p.request.clipEtag === clip.etag);
  if (same) return requestResponse(202, same);
  if (pending.length >= MAX_PENDING_REQUESTS)
    throw new ApiProblem('TooManyPendingRequests', `${pending.length} publication requests are waiting; decide some first`);
  const made = await requests.create({
    action,
    clipId,
    clipTitle: clip.record.metadata.title,
    clipEtag: clip.etag,
    period: { id: period.id, label: period.label },
    requestedBy: actorOf(principal),
    requestedAt: new Date(deps.now()).toISOString(),
    ...(reason?.trim() ? { reason: reason.trim() } : {}),
  });
  await deps.audit.append({
    actor: actorOf(principal),
    action: 'approval.request',
    clipId,
    targetRequestId: made.request.id,
    before: null,
    after: made.request,
  });
  return requestResponse(202, made);
}
