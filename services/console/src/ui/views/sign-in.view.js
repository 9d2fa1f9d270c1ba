import { api, explain } from '../api.js';
import { h, notice } from '../dom.js';

export function signInView(onSignedIn) {
  const message = h('div', { id: 'sign-in-message' });
  const form = h(
    'form',
    { class: 'card sign-in', id: 'sign-in-form' },
    h('h1', {}, 'Sign in to the DMS console'),
    h(
      'label',
      {},
      'User name',
      h('input', { name: 'username', autocomplete: 'username', required: true, autofocus: true }),
    ),
    h(
      'label',
      {},
      'Password',
      h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true }),
    ),
    h('button', { type: 'submit', class: 'primary' }, 'Sign in'),
    message,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    message.replaceChildren();
    try {
      const answer = await api('POST', '/session', {
        username: data.get('username'),
        password: data.get('password'),
      });
      await onSignedIn(answer.user);
    } catch (error) {
      message.replaceChildren(notice('error', explain(error)));
    }
  });
  return h('section', { class: 'centered' }, form);
}
