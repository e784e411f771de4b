/** The event a finished packaging job reports (the local packager and the AWS Lambdas map outcomes the same way). */
import type { EventSink } from './event-sink.js';

export interface PackagingOutcome {
  status: 'ready' | 'failed' | 'skipped';
  id?: string;
  code?: string;
  reason?: string;
}

/** Emits `clip.ready` or `clip.failed` for a job's outcome; nothing for a skipped job. */
export async function emitPackagingOutcome(sink: EventSink, outcome: PackagingOutcome): Promise<void> {
  if (!outcome.id) return;
  if (outcome.status === 'ready') await sink.emit('clip.ready', { clipId: outcome.id });
  else if (outcome.status === 'failed')
    await sink.emit('clip.failed', {
      clipId: outcome.id,
      failureCode: outcome.code ?? 'internal-error',
      failureReason: outcome.reason ?? 'Packaging failed.',
    });
}
