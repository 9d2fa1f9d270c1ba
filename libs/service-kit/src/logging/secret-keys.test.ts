import { isSecretKey, secretKeyPaths } from './secret-keys';

describe('secretKeyPaths', () => {
  it('spells out each key at every depth, bracketing keys that are not identifiers', () => {
    expect(secretKeyPaths(['password', 'set-cookie'], 2)).toEqual([
      'password',
      '["set-cookie"]',
      '*.password',
      '*["set-cookie"]',
      '*.*.password',
      '*.*["set-cookie"]',
    ]);
  });

  it('recognises secret keys case-insensitively and leaves nonces alone', () => {
    expect(['Password', 'AUTHORIZATION', 'apiKey'].every(isSecretKey)).toBe(true);
    expect(isSecretKey('nonce')).toBe(false);
  });
});
