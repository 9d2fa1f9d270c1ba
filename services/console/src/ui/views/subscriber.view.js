import { api, explain } from '../api.js';
import { confirmDialog, h, mount, notice, time } from '../dom.js';
import {
  consentEditor,
  handsetCard,
  historyTable,
  jobsTable,
  reportsTable,
  settingsState,
} from './sections.js';

const AGENTS = ['operator-admin', 'customer-care', 'corporate-admin'];
const CONSENT_EDITORS = ['operator-admin', 'customer-care'];

/** By IMEI when it looks like one (14-16 digits), else by MSISDN; an IMEI miss falls back to MSISDN. */
async function load(key) {
  if (/^\d{14,16}$/.test(key)) {
    try {
      return await api('GET', `/terminals/${key}`);
    } catch (error) {
      if (key.length > 15 || (error.status !== 404 && error.status !== 400)) throw error;
    }
  }
  return api('GET', `/subscribers/${key}`);
}

/** The subscriber/device page: handset, settings, reports, consent, history, jobs and the agent's actions. */
export async function subscriberView(main, user, key) {
  mount(main, h('p', { class: 'muted' }, `Looking up ${key}…`));
  let page;
  try {
    page = await load(key);
  } catch (error) {
    mount(main, h('h1', {}, key), notice('error', explain(error)));
    return;
  }
  const render = async () => {
    const s = page.subscriber;
    const msisdn = s?.msisdn;
    const result = h('div', { id: 'action-result' });
    const action = (label, path, what) =>
      h(
        'button',
        {
          class: 'primary',
          'data-action': path,
          onclick: async () => {
            if (!(await confirmDialog(`${what} for ${msisdn}? This is recorded in the audit log.`))) return;
            result.replaceChildren(notice('info', `${label}: sending…`));
            try {
              const answer = await api('POST', `/subscribers/${msisdn}/actions/${path}`);
              result.replaceChildren(notice('ok', `${label}: accepted (${answer.audit.detail}).`));
            } catch (error) {
              result.replaceChildren(notice('error', `${label} failed. ${explain(error)}`));
            }
            page = await api('GET', `/subscribers/${msisdn}`).catch(() => page);
            await render();
            document.getElementById('action-result')?.replaceWith(result);
          },
        },
        label,
      );
    mount(
      main,
      h('h1', { id: 'subscriber-title' }, s ? `Subscriber ${msisdn}` : `Handset ${page.terminal.givenImei}`),
      s
        ? h(
            'p',
            { class: 'muted' },
            `IMSI ${s.imsi} · tenant ${s.tenantId ?? 'none (consumer)'} · eligibility ${s.eligibility === 'unknown' ? 'unknown' : `data ${s.eligibility.data ? 'yes' : 'no'}, MMS ${s.eligibility.mms ? 'yes' : 'no'}`} · last seen ${time(s.lastSeenAt)}`,
          )
        : h('p', { class: 'muted' }, 'No subscriber uses this handset now.'),
      s && AGENTS.includes(user.role)
        ? h(
            'section',
            { class: 'card actions' },
            h('h2', {}, 'Actions'),
            action('Re-run diagnostics', 'diagnostics', 'Read the handset again (diagnostics)'),
            action('Re-send settings', 'resend-settings', 'Push the operator settings to the handset again'),
            result,
          )
        : null,
      h(
        'div',
        { class: 'grid' },
        h('section', { class: 'card' }, h('h2', {}, 'Handset'), handsetCard(page)),
        h('section', { class: 'card' }, h('h2', {}, 'Settings'), settingsState(page)),
      ),
      h('section', { class: 'card' }, h('h2', {}, 'Diagnostic reports'), reportsTable(page)),
      s
        ? h('section', { class: 'card', id: 'jobs' }, h('h2', {}, 'Jobs and actions'), jobsTable(page.jobs))
        : null,
      s
        ? h(
            'section',
            { class: 'card' },
            h('h2', {}, 'Consent'),
            consentEditor(msisdn, page.consent, CONSENT_EDITORS.includes(user.role), async () => {
              page = await api('GET', `/subscribers/${msisdn}`);
              await render();
            }),
          )
        : null,
      h('section', { class: 'card' }, h('h2', {}, 'Handset history'), historyTable(page)),
      s && Object.keys(s.attributes).length
        ? h(
            'section',
            { class: 'card' },
            h('h2', {}, 'Attributes'),
            h(
              'dl',
              { class: 'facts' },
              Object.entries(s.attributes).map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
            ),
          )
        : null,
    );
  };
  await render();
}
