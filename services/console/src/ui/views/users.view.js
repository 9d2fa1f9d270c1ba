import { api, explain } from '../api.js';
import { confirmDialog, h, mount, notice, table, time } from '../dom.js';

/** Operator admins: list, create, disable/enable and reset the password of console users. */
export async function usersView(main) {
  const message = h('div', { id: 'users-message' });
  const role = h(
    'select',
    { name: 'role' },
    ['customer-care', 'corporate-admin', 'end-user', 'operator-admin'].map((r) =>
      h('option', { value: r }, r),
    ),
  );
  const form = h(
    'form',
    { class: 'card inline-form', id: 'new-user' },
    h('h2', {}, 'New user'),
    h('label', {}, 'User name', h('input', { name: 'username', required: true })),
    h('label', {}, 'Role', role),
    h('label', {}, 'Tenant (corporate admin)', h('input', { name: 'tenantId' })),
    h('label', {}, 'MSISDN (end user)', h('input', { name: 'msisdn', inputmode: 'numeric' })),
    h(
      'label',
      {},
      'Initial password',
      h('input', {
        name: 'password',
        type: 'password',
        autocomplete: 'new-password',
        required: true,
        minlength: 10,
      }),
    ),
    h('button', { type: 'submit', class: 'primary' }, 'Create'),
  );
  const list = h('section', { class: 'card' });
  const reload = async () => {
    const { items } = await api('GET', '/users');
    mount(
      list,
      h('h2', {}, 'Users'),
      table(
        [
          ['User', (u) => u.username],
          ['Role', (u) => u.role],
          ['Scope', (u) => u.tenantId ?? u.msisdn ?? 'operator-wide'],
          [
            'State',
            (u) =>
              h(
                'span',
                { class: `badge ${u.disabled ? 'revoked' : 'granted'}` },
                u.disabled ? 'disabled' : 'active',
              ),
          ],
          ['Created', (u) => `${time(u.createdAt)} by ${u.createdBy}`],
          [
            '',
            (u) => [
              h(
                'button',
                { onclick: () => act(u.disabled ? 'enable' : 'disable', u.username) },
                u.disabled ? 'Enable' : 'Disable',
              ),
              h('button', { onclick: () => reset(u.username) }, 'Reset password'),
            ],
          ],
        ],
        items,
      ),
    );
  };
  const act = async (what, username) => {
    if (
      !(await confirmDialog(
        `${what === 'disable' ? 'Disable' : 'Enable'} ${username}? Disabling ends their sessions now.`,
      ))
    )
      return;
    try {
      await api('POST', `/users/${username}/${what}`);
      message.replaceChildren(notice('ok', `${username}: ${what}d.`));
      await reload();
    } catch (error) {
      message.replaceChildren(notice('error', explain(error)));
    }
  };
  const reset = async (username) => {
    const password = window.prompt(`New password for ${username} (at least 10 characters):`);
    if (!password) return;
    try {
      await api('POST', `/users/${username}/password`, { password });
      message.replaceChildren(notice('ok', `${username}: password reset; their sessions ended.`));
    } catch (error) {
      message.replaceChildren(notice('error', explain(error)));
    }
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = Object.fromEntries([...new FormData(form)].filter(([, v]) => v !== ''));
    if (data.role !== 'corporate-admin') delete data.tenantId;
    if (data.role !== 'end-user') delete data.msisdn;
    try {
      await api('POST', '/users', data);
      message.replaceChildren(
        notice('ok', `User ${data.username} created. Give them the password through a safe channel.`),
      );
      form.reset();
      await reload();
    } catch (error) {
      message.replaceChildren(notice('error', explain(error)));
    }
  });
  mount(main, h('h1', {}, 'Console users'), message, form, list);
  await reload();
}
