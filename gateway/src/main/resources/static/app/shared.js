// What the guardians and passwords screens share: loading a page of guardians with their portal access.
import { api, query } from './api.js';
import { h } from './dom.js';
import { t, formatDate } from './i18n.js';

export const PAGE_SIZE = 50;

export async function loadGuardians({ q, hasEmail, page }) {
  const result = await api(`/api/guardians${query({ q, hasEmail, page, size: PAGE_SIZE })}`);
  const ids = result.items.map((guardian) => guardian.id);
  const access = new Map();
  if (ids.length) {
    const statuses = await api(`/api/credentials/guardians${query({ ids: ids.join(',') })}`);
    for (const status of statuses) access.set(status.guardianId, status);
  }
  return { ...result, access };
}

export function fullName(guardian) {
  return `${guardian.lastName?.toUpperCase() ?? ''} ${guardian.firstName ?? ''}`.trim();
}

export function accessBadge(status) {
  const value = status?.status || 'NONE';
  const title = status?.expiresAt ? t('access.expires', { date: formatDate(status.expiresAt) }) : null;
  return h('span', { class: `badge access-${value.toLowerCase()}`, title }, t(`access.${value}`));
}

/** The search box and the with / without email filter, shared by both guardian screens. */
export function searchForm(state, onSearch) {
  const form = h('form', { class: 'filters', role: 'search', onsubmit: (event) => {
    event.preventDefault();
    state.q = form.elements.q.value.trim();
    state.hasEmail = form.elements.hasEmail.value;
    state.page = 0;
    onSearch();
  } },
  h('div', { class: 'field grow' },
    h('label', { for: 'guardian-q' }, t('guardians.search')),
    h('input', { id: 'guardian-q', name: 'q', type: 'search', value: state.q, placeholder: t('guardians.searchHint') })),
  h('div', { class: 'field' },
    h('label', { for: 'guardian-has-email' }, t('guardians.filter')),
    h('select', { id: 'guardian-has-email', name: 'hasEmail' },
      ['', 'true', 'false'].map((value) => h('option', { value, selected: state.hasEmail === value },
        t(`guardians.filter.${value || 'all'}`))))),
  h('button', { type: 'submit', class: 'primary' }, t('action.search')));
  return form;
}

export function pager(state, total, onChange, size = PAGE_SIZE) {
  const pages = Math.max(1, Math.ceil(total / size));
  return h('nav', { class: 'pager', 'aria-label': t('pager.label') },
    h('button', { type: 'button', class: 'secondary', disabled: state.page <= 0,
      onclick: () => { state.page -= 1; onChange(); } }, t('pager.previous')),
    h('span', {}, t('pager.position', { page: state.page + 1, pages, total })),
    h('button', { type: 'button', class: 'secondary', disabled: state.page + 1 >= pages,
      onclick: () => { state.page += 1; onChange(); } }, t('pager.next')));
}

export function loading(text) {
  return h('p', { class: 'loading', role: 'status' }, text || t('loading'));
}
