import { formatStartUpBanner, type BannerFacts } from './start-up.banner';

const facts = (adminToken: BannerFacts['adminToken'], dmPath?: string): BannerFacts => ({
  url: 'http://127.0.0.1:8080',
  dataDir: '/srv/dms/data',
  services: ['hlr-detector', 'subscriber-terminal'],
  dmPath,
  adminToken,
});

describe('start-up banner', () => {
  it('shows a newly generated admin token with the file it is kept in', () => {
    const text = formatStartUpBanner(
      facts({ kind: 'created', value: 'tok-123', file: '/srv/dms/data/secrets/admin-token' }),
    );
    expect(text).toContain('tok-123');
    expect(text).toContain('/srv/dms/data/secrets/admin-token');
  });

  it('names only the file of a stored token, never its value', () => {
    const text = formatStartUpBanner(
      facts({ kind: 'stored', value: 'tok-123', file: '/srv/dms/data/secrets/admin-token' }),
    );
    expect(text).not.toContain('tok-123');
    expect(text).toContain('/srv/dms/data/secrets/admin-token');
  });

  it('never prints a token given by DMS_ADMIN_TOKEN', () => {
    expect(formatStartUpBanner(facts({ kind: 'env', value: 'tok-123' }))).not.toContain('tok-123');
  });

  it('lists the URLs, the data directory and how to stop, and /dm only when the gateway runs', () => {
    const without = formatStartUpBanner(facts({ kind: 'env', value: 'x' }));
    for (const part of [
      '/api/v1/hlr/observations',
      '/api/v1/subscribers/{msisdn}',
      '/healthz',
      '/readyz',
      '/metrics',
      '/srv/dms/data',
      'Ctrl-C',
    ])
      expect(without).toContain(part);
    expect(without).not.toContain('/dm ');
    expect(formatStartUpBanner(facts({ kind: 'env', value: 'x' }, '/dm'))).toContain(
      'http://127.0.0.1:8080/dm ',
    );
  });

  it('shows the first console admin and its password only on the start that created it', () => {
    const created = formatStartUpBanner({
      ...facts({ kind: 'env', value: 'x' }),
      consoleAdmin: { username: 'admin', password: 'pw-first-start' },
    });
    expect(created).toContain('http://127.0.0.1:8080/ ');
    expect(created).toMatch(/First admin\s+user admin, password pw-first-start/);
    const later = formatStartUpBanner({ ...facts({ kind: 'env', value: 'x' }), consoleAdmin: null });
    expect(later).not.toContain('First admin');
    expect(later).toContain('http://127.0.0.1:8080/ ');
  });
});
