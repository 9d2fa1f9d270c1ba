import { api, explain } from '../api.js';
import { h, mount, notice } from '../dom.js';
import { consentEditor, handsetCard, settingsState } from './sections.js';

/** The end user's page: their handset, their consent (with until-dates), their backups. */
export async function myPhoneView(main, user) {
  const render = async () => {
    let page;
    try {
      page = await api('GET', `/subscribers/${user.msisdn}`);
    } catch (error) {
      mount(main, h('h1', {}, 'My phone'), notice('error', explain(error)));
      return;
    }
    mount(
      main,
      h('h1', {}, `My phone — ${user.msisdn}`),
      h(
        'div',
        { class: 'grid' },
        h('section', { class: 'card' }, h('h2', {}, 'Handset'), handsetCard(page)),
        h('section', { class: 'card' }, h('h2', {}, 'Settings'), settingsState(page)),
      ),
      h(
        'section',
        { class: 'card', id: 'my-consent' },
        h('h2', {}, 'What the operator may do on my phone'),
        h('p', { class: 'muted' }, 'Allow a category for good, or until a date; revoke it at any time.'),
        consentEditor(user.msisdn, page.consent, true, render),
      ),
      h(
        'section',
        { class: 'card', id: 'backups' },
        h('h2', {}, 'Backups'),
        h(
          'p',
          { class: 'muted' },
          'No backups yet. When contact and calendar backup is switched on for your line, your backups appear here.',
        ),
      ),
    );
  };
  await render();
}
