/** Web API auth: signing keys and JWKS, access tokens, OAuth clients and the token endpoint. */
export * from './access-token.ts';
export * from './clients.ts';
export * from './discovery.ts';
export * from './principal.ts';
export * from './scopes.ts';
export * from './signing-keys.ts';
export * from './token-endpoint.ts';
