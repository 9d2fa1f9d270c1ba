import { api } from '../api.js';
import { h, mount, table, time } from '../dom.js';

/** The audit log, newest first (a corporate admin sees its tenant's entries only). */
export async function auditView(main, user) {
  const { items } = await api('GET', '/audit?limit=200');
  mount(
    main,
    h('h1', {}, user.role === 'corporate-admin' ? `Audit log — tenant ${user.tenantId}` : 'Audit log'),
    h(
      'section',
      { class: 'card', id: 'audit' },
      table(
        [
          ['When', (e) => time(e.at)],
          ['Who', (e) => `${e.actor} (${e.actorRole}${e.actorTenantId ? `, ${e.actorTenantId}` : ''})`],
          ['Action', (e) => e.action],
          [
            'Target',
            (e) =>
              /^\d+$/.test(e.target) ? h('a', { href: `#/subscriber/${e.target}` }, e.target) : e.target,
          ],
          ['Tenant', (e) => e.targetTenantId ?? '—'],
          ['Outcome', (e) => h('span', { class: `badge ${e.outcome}` }, e.outcome)],
          ['Detail', (e) => e.detail ?? ''],
        ],
        items,
        'No actions recorded yet.',
      ),
    ),
  );
}
