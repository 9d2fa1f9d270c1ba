export * from './auth.error';
export { constantTimeEqual, userHashB64 } from './auth-hash';
export * from './nonce';
export * from './basic.auth';
export * from './md5-digest.auth';
export * from './hmac-header.auth';
