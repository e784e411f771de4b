/**
 * Checks a "create subscription" request body, with one message per problem (JSON Pointer + text)
 * so an integrator sees everything wrong at once. The same rules as `createSubscriptionRequestSchema`
 * (schemas.ts), from the same limits; the URL's private-network rule depends on the runtime.
 */
import { CLIP_EVENT_TYPES, isClipEventType, type ClipEventType } from './event-types.js';
import { EventsError, type FieldProblem } from './errors.js';
import { WEBHOOK_LIMITS } from './limits.js';
import { targetUrlProblem } from './target-url.js';

export interface SubscriptionInput {
  url: string;
  events: ClipEventType[];
  description: string;
}

const KNOWN = new Set(['url', 'events', 'description']);
// Control characters (tabs and newlines aside) have no place in a one-line description.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function parseSubscriptionInput(body: unknown, opts: { allowPrivateTargets: boolean }): SubscriptionInput {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new EventsError(400, 'invalid-subscription', 'The request body must be a JSON object.', [{ pointer: '', detail: 'must be an object.' }]);
  const o = body as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  for (const k of Object.keys(o))
    if (!KNOWN.has(k)) problems.push({ pointer: `/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, detail: 'is not a known field.' });

  if (typeof o.url !== 'string') problems.push({ pointer: '/url', detail: o.url === undefined ? 'is required.' : 'must be a string.' });
  else {
    const p = targetUrlProblem(o.url, opts.allowPrivateTargets, WEBHOOK_LIMITS.urlMaxLength);
    if (p) problems.push({ pointer: '/url', detail: p });
  }

  if (!Array.isArray(o.events))
    problems.push({ pointer: '/events', detail: o.events === undefined ? 'is required.' : 'must be an array of event types.' });
  else {
    if (!o.events.length) problems.push({ pointer: '/events', detail: 'must name at least one event type.' });
    o.events.forEach((e, i) => {
      if (!isClipEventType(e)) problems.push({ pointer: `/events/${i}`, detail: `must be one of ${CLIP_EVENT_TYPES.join(', ')}.` });
      else if (o.events instanceof Array && o.events.indexOf(e) !== i) problems.push({ pointer: `/events/${i}`, detail: `repeats ${e}.` });
    });
  }

  if (o.description !== undefined) {
    if (typeof o.description !== 'string') problems.push({ pointer: '/description', detail: 'must be a string.' });
    else if (o.description.length > WEBHOOK_LIMITS.descriptionMaxLength)
      problems.push({ pointer: '/description', detail: `must be at most ${WEBHOOK_LIMITS.descriptionMaxLength} characters.` });
    else if (CONTROL.test(o.description)) problems.push({ pointer: '/description', detail: 'must not contain control characters.' });
  }

  if (problems.length) throw new EventsError(400, 'invalid-subscription', 'The subscription is not valid.', problems);
  return { url: o.url as string, events: [...(o.events as ClipEventType[])], description: ((o.description as string | undefined) ?? '').trim() };
}
