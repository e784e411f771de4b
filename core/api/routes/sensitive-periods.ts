/**
 * `/v1/sensitive-periods`: the periods (e.g. electoral silence) during which publish, unpublish and
 * delete need a second admin (core/approval). Admins only (scope periods:manage); audited. A period
 * that has started cannot be removed: lifting the rule would otherwise take one person.
 */
import { activePeriodAt, createPeriodStore, hasStarted, periodInputProblems, TooManyPeriods, type PeriodInput } from '../../approval/periods.ts';
import { periodInputSchema } from '../../approval/schemas.ts';
import { actorOf } from '../clips.ts';
import { ApiProblem } from '../problem.ts';
import { defineRoute, json } from '../route.ts';
import { ref } from '../schemas.ts';

const ID = { type: 'string', pattern: '^[0-9a-f]{32}$' };

export const listSensitivePeriods = defineRoute({
  method: 'GET',
  path: '/v1/sensitive-periods',
  operationId: 'listSensitivePeriods',
  summary: 'List sensitive periods',
  description: 'Every period, earliest first; `active` marks the one in progress (server time).',
  tag: 'approval',
  scope: 'clips:publish',
  responses: { 200: { description: 'The periods.', schema: ref('SensitivePeriodList') } },
  problems: [],
  async handle(_req, deps) {
    const periods = await createPeriodStore(deps.store).list();
    const active = activePeriodAt(periods, deps.now());
    return json(200, { items: periods.map((p) => ({ ...p, active: p.id === active?.id })) });
  },
});

export const createSensitivePeriod = defineRoute<Record<string, never>, Record<string, never>, PeriodInput>({
  method: 'POST',
  path: '/v1/sensitive-periods',
  operationId: 'createSensitivePeriod',
  summary: 'Create a sensitive period',
  description: 'From `start` to `end`, publish, unpublish and delete by an admin become requests that a different admin approves.',
  tag: 'approval',
  scope: 'periods:manage',
  body: periodInputSchema,
  responses: { 201: { description: 'The period.', schema: ref('SensitivePeriod') } },
  problems: ['InvalidRequest'],
  async handle(req, deps) {
    const now = deps.now();
    const errors = periodInputProblems(req.body, now);
    if (errors.length) throw new ApiProblem('InvalidRequest', 'The period is not valid', { errors });
    let period;
    try {
      period = await createPeriodStore(deps.store).create(req.body, req.principal.sub, now);
    } catch (e) {
      if (e instanceof TooManyPeriods) throw new ApiProblem('InvalidRequest', `${e.message}; remove ended ones first`);
      throw e;
    }
    await deps.audit.append({ actor: actorOf(req.principal), action: 'period.create', targetPeriodId: period.id, before: null, after: period });
    return json(201, { ...period, active: activePeriodAt([period], now) !== undefined }, { location: `/v1/sensitive-periods/${period.id}` });
  },
});

export const deleteSensitivePeriod = defineRoute<{ id: string }>({
  method: 'DELETE',
  path: '/v1/sensitive-periods/{id}',
  operationId: 'deleteSensitivePeriod',
  summary: 'Remove a sensitive period',
  description: 'Only one that has not started, or has ended. A period in progress stays until its end.',
  tag: 'approval',
  scope: 'periods:manage',
  params: { id: ID },
  responses: { 204: { description: 'Removed.' } },
  problems: ['NotFound', 'SensitivePeriodActive'],
  async handle(req, deps) {
    const now = deps.now();
    const removed = await createPeriodStore(deps.store).remove(req.params.id, (p) => {
      if (hasStarted(p, now))
        throw new ApiProblem('SensitivePeriodActive', `The period “${p.label}” is in progress until ${p.end}; it cannot be removed`);
    });
    if (!removed) throw new ApiProblem('NotFound', `No sensitive period ${req.params.id}`);
    await deps.audit.append({ actor: actorOf(req.principal), action: 'period.delete', targetPeriodId: removed.id, before: removed, after: null });
    return { status: 204, headers: { 'cache-control': 'no-store' } };
  },
});
