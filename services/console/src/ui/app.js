import { api, explain } from './api.js';
import { h, mount, notice } from './dom.js';
import { auditView } from './views/audit.view.js';
import { dashboardView } from './views/dashboard.view.js';
import { myPhoneView } from './views/my-phone.view.js';
import { signInView } from './views/sign-in.view.js';
import { subscriberView } from './views/subscriber.view.js';
import { usersView } from './views/users.view.js';

const main = document.getElementById('main');
let user = null;
/** Views may hold a live stream or timers: each returns a cleanup that runs on navigation. */
let cleanup = () => {};

const PAGES = {
  dashboard: {
    title: 'Dashboard',
    roles: ['operator-admin', 'customer-care', 'corporate-admin'],
    view: dashboardView,
  },
  audit: {
    title: 'Audit log',
    roles: ['operator-admin', 'customer-care', 'corporate-admin'],
    view: auditView,
  },
  users: { title: 'Users', roles: ['operator-admin'], view: usersView },
  'my-phone': { title: 'My phone', roles: ['end-user'], view: myPhoneView },
};

const home = () => (user.role === 'end-user' ? '#/my-phone' : '#/dashboard');

function renderChrome() {
  document.getElementById('topbar').hidden = user === null;
  if (user === null) return;
  const nav = document.getElementById('nav');
  const current = location.hash.split('/')[1] ?? '';
  mount(
    nav,
    Object.entries(PAGES)
      .filter(([, page]) => page.roles.includes(user.role))
      .map(([key, page]) => h('a', { href: `#/${key}`, class: key === current ? 'active' : '' }, page.title)),
  );
  const scope = user.tenantId ? ` · tenant ${user.tenantId}` : user.msisdn ? ` · ${user.msisdn}` : '';
  document.getElementById('who').textContent = `${user.username} (${user.role}${scope})`;
  document.getElementById('lookup-form').hidden = user.role === 'end-user';
}

async function route() {
  cleanup();
  cleanup = () => {};
  if (user === null) {
    renderChrome();
    mount(
      main,
      signInView(async (signedIn) => {
        user = signedIn;
        location.hash = home();
        await route();
      }),
    );
    return;
  }
  const [, page = '', arg = ''] = location.hash.split('/');
  renderChrome();
  try {
    if (page === 'subscriber' && arg) {
      cleanup = (await subscriberView(main, user, decodeURIComponent(arg))) ?? cleanup;
      return;
    }
    const target = PAGES[page];
    if (target === undefined || !target.roles.includes(user.role)) {
      location.replace(home());
      return;
    }
    cleanup = (await target.view(main, user)) ?? cleanup;
  } catch (error) {
    mount(main, notice('error', explain(error)));
  }
}

document.getElementById('lookup-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const q = document.getElementById('lookup-input').value.replace(/[\s+]/g, '');
  if (q) location.hash = `#/subscriber/${encodeURIComponent(q)}`;
});

document.getElementById('sign-out').addEventListener('click', async () => {
  await api('DELETE', '/session').catch(() => undefined);
  user = null;
  location.hash = '';
  await route();
});

window.addEventListener('signed-out', () => {
  user = null;
  void route();
});
window.addEventListener('hashchange', () => void route());

api('GET', '/me')
  .then((me) => (user = me.user))
  .catch(() => (user = null))
  .finally(() => void route());
