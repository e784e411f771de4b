/**
 * Where a broker publishes what verifiers need, defined once for both brokers (the stand-in's and the
 * AWS reference broker) and the API's AWS wiring: the JWKS, the token endpoint, and the OpenID
 * Provider discovery document that API Gateway's JWT authorizer reads (`<issuer>/.well-known/openid-configuration`
 * naming `jwks_uri`) before it trusts a token.
 */
import { SCOPE_NAMES } from './scopes.ts';

export const JWKS_PATH = '/.well-known/jwks.json';
export const TOKEN_PATH = '/oauth2/token';
export const DISCOVERY_PATH = '/.well-known/openid-configuration';

/** The discovery document of a broker whose tokens carry `iss: issuer` (issuer = the broker's base URL). */
export function discoveryDocument(issuer: string): Record<string, unknown> {
  const base = issuer.replace(/\/+$/, '');
  return {
    issuer,
    jwks_uri: `${base}${JWKS_PATH}`,
    token_endpoint: `${base}${TOKEN_PATH}`,
    grant_types_supported: ['client_credentials'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    response_types_supported: ['token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['ES256'],
    scopes_supported: [...SCOPE_NAMES],
  };
}
