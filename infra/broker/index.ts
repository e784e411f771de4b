/** Reference token broker for INE's backend: LDAP login → Cognito developer-identity token. */
export { createBroker, roleForGroups, type Broker } from './broker.ts';
export { lambdaHandler, nodeListener, requestFromEvent, type HttpEventLike } from './adapters.ts';
export { FailedLoginLimiter, MemoryFailureStore, type FailureStore } from './rate-limit.ts';
export { escapeDnValue, normalizeDn } from './ldap-directory.ts';
export * from './types.ts';
