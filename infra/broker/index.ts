/** Reference token broker for INE's backend: LDAP login → Cognito developer-identity token. */
export { createBroker, roleForGroups, type Broker } from './broker.ts';
export { lambdaHandler, nodeListener, requestFromEvent, type HttpEventLike } from './adapters.ts';
export { DEFAULT_LOGIN_LIMITS, LoginLimiter, type LoginLimits } from './rate-limit.ts';
export { MemoryCounterStore, type CounterStore, type WindowCount } from './counter-store.ts';
export { DynamoDbCounterStore, type DynamoDbItemApi } from './dynamodb-counter-store.ts';
export { checkLdapTransport, INSECURE_LDAP_CONSENT, INSECURE_LDAP_ENV } from './ldap-transport.ts';
export { clientAddress } from './client-address.ts';
export { escapeDnValue, normalizeDn } from './ldap-directory.ts';
export * from './types.ts';
