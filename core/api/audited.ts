/**
 * The one way an API change is audited: journal the intent (core/audit/intent.ts), make the change,
 * append the entry with what the change returned. A change that throws leaves no entry; a process
 * stopped after the change and before the entry leaves an intent, which recovery appends.
 */
import type { AppendInput } from '../audit/log.ts';
import type { IntentProbe } from '../audit/intent.ts';
import type { ApiDeps } from './deps.ts';

export async function audited<R>(
  deps: Pick<ApiDeps, 'audit'>,
  intended: AppendInput,
  change: () => Promise<R>,
  known: (result: R) => Partial<AppendInput> = () => ({}),
  probe?: IntentProbe,
): Promise<R> {
  const intent = await deps.audit.intend(intended, probe);
  let result: R;
  try {
    result = await change();
  } catch (e) {
    await intent.abandon();
    throw e;
  }
  await intent.commit(known(result));
  return result;
}
