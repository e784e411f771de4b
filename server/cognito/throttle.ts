/**
 * Per-client rate limits on the Cognito operations anyone may call without credentials, as AWS
 * throttles them per account (TooManyRequestsException): one caller flooding GetId or
 * GetCredentialsForIdentity is refused quickly and cheaply while other clients are served.
 * The client is the connection's remote address.
 */
import type { IncomingMessage } from 'node:http';
import type { Limits } from '../limits/settings.ts';
import { RateLimiter } from '../../core/limits/token-bucket.ts';

export function createCognitoAdmission(limits: Pick<Limits, 'getIdPerSecond' | 'credentialsPerSecond'>) {
  const limiters: ReadonlyMap<string, RateLimiter> = new Map([
    ['GetId', new RateLimiter(limits.getIdPerSecond)],
    ['GetCredentialsForIdentity', new RateLimiter(limits.credentialsPerSecond)],
  ]);
  return (operation: string, req: IncomingMessage): boolean => limiters.get(operation)?.take(req.socket.remoteAddress ?? '') ?? true;
}
