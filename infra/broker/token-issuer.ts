/**
 * Cognito side: a developer-identity token for the user, in the pool of their role
 * (infra/lib/identity.ts explains the one-pool-per-role design), with `PrincipalTags {role}` (how
 * the local stand-in carries the role in its single pool).
 */
import { CognitoIdentityClient, GetOpenIdTokenForDeveloperIdentityCommand } from '@aws-sdk/client-cognito-identity';
import { BrokerError, type BrokerRole, type CognitoSettings, type LoginResult } from './types.ts';

export class TokenIssuer {
  private readonly client: CognitoIdentityClient;
  constructor(
    private readonly settings: CognitoSettings,
    private readonly now: () => number,
  ) {
    this.client = new CognitoIdentityClient({
      region: settings.region,
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      ...(settings.credentials ? { credentials: settings.credentials } : {}),
      maxAttempts: 3,
    });
  }

  /** `userKey` is the stable developer user identifier (the normalized login name). */
  async issue(userKey: string, role: BrokerRole): Promise<LoginResult> {
    const duration = this.settings.tokenDurationSeconds ?? 3600;
    const issuedAt = this.now();
    try {
      const out = await this.client.send(
        new GetOpenIdTokenForDeveloperIdentityCommand({
          IdentityPoolId: this.settings.identityPools[role],
          Logins: { [this.settings.developerProviderName]: userKey },
          PrincipalTags: { role },
          TokenDuration: duration,
        }),
      );
      if (!out.IdentityId || !out.Token) throw new Error('Cognito returned no identity or token');
      return { identityId: out.IdentityId, token: out.Token, role, expiresAt: new Date(issuedAt + duration * 1000).toISOString() };
    } catch (e) {
      throw new BrokerError('TokenServiceUnavailable', `Cognito did not issue a token: ${(e as Error).name}: ${(e as Error).message}`, 5, {
        cause: e,
      });
    }
  }

  destroy(): void {
    this.client.destroy();
  }
}
