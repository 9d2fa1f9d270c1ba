import { api, explain } from '../api.js';
import { capitalised, h, notice, table, time } from '../dom.js';

/** A section fed by another service: its content, or a clear "service unavailable" line. */
export function fromService(section, render) {
  if (!section.available)
    return notice(
      'warn',
      `${capitalised(section.reason)}. This part of the page is missing until it answers.`,
    );
  return render(section.data);
}

export function handsetCard(page) {
  const t = page.terminal;
  if (t === null) return h('p', { class: 'muted' }, 'No handset known for this subscriber yet.');
  const model = [t.manufacturer ?? t.catalog?.manufacturer, t.model ?? t.catalog?.model]
    .filter(Boolean)
    .join(' ');
  return h(
    'dl',
    { class: 'facts', id: 'handset' },
    h('dt', {}, 'Model'),
    h('dd', {}, model || 'unknown model (TAC not in the catalog yet)'),
    h('dt', {}, 'IMEI'),
    h('dd', {}, t.givenImei),
    h('dt', {}, 'Device id'),
    h('dd', {}, page.deviceId ?? '—'),
    h('dt', {}, 'OS'),
    h('dd', {}, t.os ?? t.catalog?.os ?? '—'),
    h('dt', {}, 'Firmware'),
    h('dd', {}, t.fwV ?? '—'),
    h('dt', {}, 'Software / hardware'),
    h('dd', {}, `${t.swV ?? '—'} / ${t.hwV ?? '—'}`),
    h('dt', {}, 'Last seen'),
    h('dd', {}, time(t.lastSeenAt)),
  );
}

export function settingsState(page) {
  return fromService(page.settings, (state) =>
    state === null
      ? h('p', { class: 'muted' }, 'No settings pushed to this handset yet.')
      : h(
          'dl',
          { class: 'facts' },
          h('dt', {}, 'State'),
          h('dd', {}, h('span', { class: `badge ${state.state}` }, state.state)),
          h('dt', {}, 'Settings'),
          h('dd', {}, state.settings.join(', ') || '—'),
          h('dt', {}, 'Profile'),
          h('dd', {}, state.profileId ? `${state.profileId} v${state.profileVersion}` : '—'),
          h('dt', {}, 'Last job'),
          h('dd', {}, state.lastJobId ?? '—'),
          state.reason ? [h('dt', {}, 'Reason'), h('dd', {}, state.reason)] : null,
          h('dt', {}, 'Updated'),
          h('dd', {}, time(state.updatedAt)),
        ),
  );
}

export function reportsTable(page) {
  return fromService(page.reports, (reports) =>
    table(
      [
        ['Started', (r) => time(r.startedAt)],
        ['Trigger', (r) => r.trigger],
        ['Status', (r) => r.status],
        ['Outcome', (r) => r.outcome],
        ['Findings', (r) => r.findings.map((f) => f.kind).join(', ') || 'none'],
      ],
      reports,
      'No diagnostic reports yet.',
    ),
  );
}

export function historyTable(page) {
  return table(
    [
      ['IMEI', (e) => e.imei],
      ['From', (e) => time(e.from)],
      ['To', (e) => (e.to === null ? 'now' : time(e.to))],
    ],
    page.history,
    'No history.',
  );
}

export function jobsTable(entries) {
  return table(
    [
      ['When', (e) => time(e.at)],
      ['Action', (e) => e.action],
      ['By', (e) => `${e.actor} (${e.actorRole})`],
      ['Outcome', (e) => h('span', { class: `badge ${e.outcome}` }, e.outcome)],
      ['Detail', (e) => e.detail ?? ''],
    ],
    entries,
    'No actions from the console yet.',
  );
}

const CATEGORIES = {
  'read-diagnostics': 'Read diagnostics from my phone',
  'change-settings': 'Change settings on my phone',
  'install-software': 'Install software',
  'update-firmware': 'Update firmware',
};

/** Consent per category; with `editable`, a toggle and an optional until-date per category. */
export function consentEditor(msisdn, section, editable, onChanged) {
  return fromService(section, (grants) => {
    const byCategory = Object.fromEntries(grants.map((g) => [g.category, g]));
    const rows = Object.entries(CATEGORIES).map(([category, title]) => {
      const grant = byCategory[category];
      const state = grant?.state ?? 'not-asked';
      const message = h('span', { class: 'message' });
      const until = h('input', {
        type: 'date',
        'aria-label': `${title}: until`,
        min: new Date().toISOString().slice(0, 10),
      });
      const change = async (decision) => {
        message.replaceChildren();
        try {
          const body = { decision };
          if (decision === 'grant' && until.value)
            body.until = new Date(`${until.value}T23:59:59Z`).toISOString();
          await api('PUT', `/subscribers/${msisdn}/consent/${category}`, body);
          await onChanged();
        } catch (error) {
          message.replaceChildren(notice('error', explain(error)));
        }
      };
      return h(
        'tr',
        { 'data-category': category },
        h('td', {}, title),
        h(
          'td',
          {},
          h('span', { class: `badge ${state}` }, state),
          grant?.until ? ` until ${time(grant.until)}` : '',
        ),
        editable
          ? h(
              'td',
              {},
              state === 'granted'
                ? h('button', { onclick: () => change('revoke') }, 'Revoke')
                : [until, h('button', { class: 'primary', onclick: () => change('grant') }, 'Allow')],
              message,
            )
          : null,
      );
    });
    return h('table', { class: 'consent' }, h('tbody', {}, rows));
  });
}
