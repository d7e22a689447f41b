// The admin UI shell: navigation by role, alerts, language switch, hash routing.
import { h, clear } from './dom.js';
import { t, applyTranslations, setupLanguageSwitch } from './i18n.js';
import { guardiansView } from './guardians.js';
import { generateView } from './generate.js';
import { messagesView } from './messages.js';
import { rejectsView } from './rejects.js';

const roles = new Set((document.querySelector('meta[name="roles"]')?.content || '').split(',').filter(Boolean));
const user = document.querySelector('meta[name="user"]')?.content || '';
const main = document.getElementById('main');
const alerts = document.getElementById('alerts');
const status = document.getElementById('status');

const views = [
  { hash: '#/responsables', label: 'nav.guardians', allowed: ['ADMIN'], render: guardiansView },
  { hash: '#/mots-de-passe', label: 'nav.generate', allowed: ['ADMIN'], render: generateView },
  { hash: '#/messages', label: 'nav.messages', allowed: ['ADMIN', 'OPERATOR'], render: messagesView },
  { hash: '#/rejets', label: 'nav.rejects', allowed: ['ADMIN', 'OPERATOR'], render: rejectsView },
];
const mine = views.filter((view) => view.allowed.some((role) => roles.has(role)));

const ctx = {
  roles,
  user,
  error(message) {
    clear(alerts, h('div', { class: 'alert error' }, h('strong', {}, t('alert.error')), ' ', message,
      h('button', { type: 'button', class: 'link', onclick: () => clear(alerts) }, t('alert.close'))));
  },
  ok(message) {
    clear(alerts, h('div', { class: 'alert ok' }, message));
    status.textContent = message;
  },
  say(message) {
    status.textContent = message;
  },
  clearAlerts() {
    clear(alerts);
  },
  go(hash) {
    if (location.hash === hash) route(); else location.hash = hash;
  },
};

function route() {
  clear(alerts);
  if (mine.length === 0) {
    clear(main, h('h1', {}, t('noAccess.title')), h('p', {}, t('noAccess.text')));
    return;
  }
  const [path, queryString] = location.hash.split('?');
  const view = mine.find((candidate) => candidate.hash === path) || mine[0];
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.getAttribute('href') === view.hash) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.title = `${t(view.label)} — Portail Famille`;
  view.render(main, ctx, new URLSearchParams(queryString || ''));
}

function renderNav() {
  clear(document.getElementById('nav'),
    mine.map((view) => h('li', {}, h('a', { href: view.hash }, t(view.label)))));
  const roleNames = [...roles].map((role) => t(`role.${role}`)).join(', ');
  clear(document.getElementById('who'), t('nav.signedInAs', { user }), ' ', h('span', { class: 'muted' }, `(${roleNames})`));
}

window.addEventListener('hashchange', route);
setupLanguageSwitch(() => {
  applyTranslations(document);
  renderNav();
  route();
});
applyTranslations(document);
renderNav();
route();
