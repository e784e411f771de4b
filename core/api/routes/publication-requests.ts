/**
 * `/v1/publication-requests`: what publish, unpublish and delete became during a sensitive period,
 * and their decision by a second admin. The rules, enforced here and nowhere else:
 * - the decider is a person (not a system client) other than the requester, compared by stable
 *   identity (the login name), never by token or session: two tokens of one person are one person;
 * - a decision names the request's version (`If-Match`), and is a conditional write of the request:
 *   a request is decided once; replaying an approval, or two approvals racing, act at most once and
 *   the other answers RequestDecided;
 * - an approval acts on the clip version the request was made on: a clip changed since (its embargo,
 *   its metadata) fails the approval with PreconditionFailed, and the request is marked failed;
 * - the request, the decision and the action are each audited.
 */
import { principalKey, type Principal } from '../../auth/principal.ts';
import { requestResponse } from '../../approval/gate.ts';
import { createRequestStore, REQUEST_ID_PATTERN, type LoadedRequest, type PublicationRequest } from '../../approval/requests.ts';
import { PreconditionFailed } from '../../storage/object-store.ts';
import { deleteClipNow, setPublication } from '../clip-actions.ts';
import { actorOf, clipDetail } from '../clips.ts';
import type { ApiDeps } from '../deps.ts';
import { ApiProblem } from '../problem.ts';
import { defineRoute, json } from '../route.ts';
import { ref } from '../schemas.ts';

const ID = { type: 'string', pattern: REQUEST_ID_PATTERN };

export const listPublicationRequests = defineRoute({
  method: 'GET',
  path: '/v1/publication-requests',
  operationId: 'listPublicationRequests',
  summary: 'List pending publication requests',
  description: 'The requests waiting for a second admin, oldest first, each with the version to send as `If-Match`.',
  tag: 'approval',
  scope: 'clips:publish',
  responses: { 200: { description: 'Pending requests.', schema: ref('PublicationRequestList') } },
  problems: [],
  async handle(_req, deps) {
    return json(200, { items: await createRequestStore(deps.store).pending() });
  },
});

export const getPublicationRequest = defineRoute<{ id: string }>({
  method: 'GET',
  path: '/v1/publication-requests/{id}',
  operationId: 'getPublicationRequest',
  summary: 'Read a publication request',
  tag: 'approval',
  scope: 'clips:publish',
  params: { id: ID },
  responses: {
    200: {
      description: 'The request.',
      schema: ref('PublicationRequest'),
      headers: { ETag: { description: 'Its version.', schema: { type: 'string' } } },
    },
  },
  problems: ['NotFound'],
  async handle(req, deps) {
    const got = await createRequestStore(deps.store).get(req.params.id);
    if (!got) throw new ApiProblem('NotFound', `No publication request ${req.params.id}`);
    return requestResponse(200, got);
  },
});

const decided = (got: LoadedRequest) =>
  new ApiProblem('RequestDecided', `Request ${got.request.id} is already ${got.request.status}`, { currentRequest: got.request });

/** The checks every decision makes, then the conditional write of the decision. */
async function decide(deps: ApiDeps, principal: Principal, id: string, ifMatch: string, status: 'approved' | 'rejected'): Promise<LoadedRequest> {
  const requests = createRequestStore(deps.store);
  const got = await requests.get(id);
  if (!got) throw new ApiProblem('NotFound', `No publication request ${id}`);
  if (got.request.status !== 'pending') throw decided(got);
  if (principal.clientId) throw new ApiProblem('ApprovalRefused', 'A system client cannot decide a publication request: a second person must');
  // Same person: the key compares login names (or client ids), never tokens or roles.
  if (principalKey(principal) === principalKey(got.request.requestedBy))
    throw new ApiProblem('ApprovalRefused', `You made request ${id}; a different admin must ${status === 'approved' ? 'approve' : 'reject'} it`);
  if (ifMatch !== got.etag)
    throw new ApiProblem('PreconditionFailed', `Request ${id} changed since that version; the current one is in \`current\``, {
      currentRequest: got.request,
    });
  const next: PublicationRequest = { ...got.request, status, decidedBy: actorOf(principal), decidedAt: new Date(deps.now()).toISOString() };
  let written: LoadedRequest;
  try {
    written = await requests.update(next, got.etag);
  } catch (e) {
    if (!(e instanceof PreconditionFailed)) throw e;
    // Another decision landed between our read and write: it won; this one is a replay.
    throw decided((await requests.get(id)) ?? got);
  }
  await deps.audit.append({
    actor: actorOf(principal),
    action: status === 'approved' ? 'approval.approve' : 'approval.reject',
    clipId: got.request.clipId,
    targetRequestId: id,
    before: got.request,
    after: next,
  });
  return written;
}

const DECISION_BODY = {
  type: 'object',
  additionalProperties: false,
  properties: {},
  description: 'Nothing (or `{}`).',
};

export const approvePublicationRequest = defineRoute<{ id: string }>({
  method: 'POST',
  path: '/v1/publication-requests/{id}/approve',
  operationId: 'approvePublicationRequest',
  summary: 'Approve a publication request',
  description:
    'By an admin other than the requester (compared by identity, not token), naming the request’s version in `If-Match`. Carries out the publish, unpublish or delete on the clip version the request was made on.',
  tag: 'approval',
  scope: 'publication:approve',
  params: { id: ID },
  body: DECISION_BODY,
  bodyOptional: true,
  ifMatch: 'required',
  responses: { 200: { description: 'Approved and carried out.', schema: ref('PublicationDecision') } },
  problems: ['NotFound', 'ApprovalRefused', 'RequestDecided', 'PreconditionRequired', 'PreconditionFailed', 'ClipNotReady'],
  async handle(req, deps) {
    const approved = await decide(deps, req.principal, req.params.id, req.headers['if-match']!, 'approved');
    const { request } = approved;
    try {
      if (request.action === 'delete') {
        await deleteClipNow(deps, req.principal, request.clipId, request.clipEtag);
        return json(200, { request, clip: null });
      }
      const clip = await setPublication(deps, req.principal, request.clipId, request.action === 'publish', request.clipEtag);
      return json(200, { request, clip: clipDetail(deps, clip) });
    } catch (e) {
      if (!(e instanceof ApiProblem)) throw e;
      // Approved, but the clip is no longer what was asked about: recorded, and said.
      await createRequestStore(deps.store)
        .update({ ...request, status: 'failed', failure: e.detail }, approved.etag)
        .catch(() => undefined);
      throw e;
    }
  },
});

export const rejectPublicationRequest = defineRoute<{ id: string }>({
  method: 'POST',
  path: '/v1/publication-requests/{id}/reject',
  operationId: 'rejectPublicationRequest',
  summary: 'Reject a publication request',
  description: 'By an admin other than the requester, naming the request’s version in `If-Match`. Nothing happens to the clip.',
  tag: 'approval',
  scope: 'publication:approve',
  params: { id: ID },
  body: DECISION_BODY,
  bodyOptional: true,
  ifMatch: 'required',
  responses: { 200: { description: 'Rejected.', schema: ref('PublicationDecision') } },
  problems: ['NotFound', 'ApprovalRefused', 'RequestDecided', 'PreconditionRequired', 'PreconditionFailed'],
  async handle(req, deps) {
    const { request } = await decide(deps, req.principal, req.params.id, req.headers['if-match']!, 'rejected');
    return json(200, { request });
  },
});
