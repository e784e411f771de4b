export * from './credentials.js';
export * from './login-token.js';
export * from './s3-client.js';
