import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateSecret, SecretFileError } from './secret-file.store';

describe('secret file', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'dms-secret-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is generated on first use, readable by its owner only, and reused afterwards', () => {
    const file = join(dir, 'secrets', 'admin-token');
    const first = loadOrCreateSecret(file);
    const second = loadOrCreateSecret(file);

    expect(first.created).toBe(true);
    expect(first.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'secrets')).mode & 0o777).toBe(0o700);
    expect(second).toEqual({ value: first.value, file, created: false });
  });

  it('differs between two data directories', () => {
    expect(loadOrCreateSecret(join(dir, 'a')).value).not.toBe(loadOrCreateSecret(join(dir, 'b')).value);
  });

  it('takes a value written by hand, trimmed, and narrows a loose file mode to 0600', () => {
    const file = join(dir, 'token');
    writeFileSync(file, '  my-own-token\n');
    chmodSync(file, 0o644);

    expect(loadOrCreateSecret(file)).toEqual({ value: 'my-own-token', file, created: false });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses an empty file instead of running with an empty token', () => {
    const file = join(dir, 'token');
    writeFileSync(file, '\n');

    expect(() => loadOrCreateSecret(file)).toThrow(SecretFileError);
  });
});
