// Passwords: choose eligible guardians, confirm, follow the batch's progress live; the last batches, whoever started
// them, with their progress.
import { api, query } from './api.js';
import { h, clear } from './dom.js';
import { t, formatDate } from './i18n.js';
import { loadGuardians, fullName, accessBadge, searchForm, pager, loading } from './shared.js';

const state = { q: '', hasEmail: '', page: 0 };
const selected = new Set();
const MAX_BATCH = 20000;
const RECENT_SIZE = 10;
/** How often the recent batches are read again while one of them is running (a delivery window is minutes long). */
const RECENT_REFRESH_MS = 5000;

/** Every guardian of the batch has an outcome: refused, delivered or failed. */
function finished(batch) {
  return batch.rejected + batch.delivered + batch.failed >= batch.requested;
}

export function generateView(main, ctx, params) {
  const results = h('div', { id: 'generate-results' });
  const progress = h('section', { id: 'batch-progress', class: 'panel', 'aria-live': 'polite', hidden: true });
  const summary = h('p', { id: 'selection-count', role: 'status' });
  const generateButton = h('button', { type: 'button', class: 'primary', id: 'generate', onclick: confirmBatch });
  const dialog = h('dialog', { id: 'confirm-batch', 'aria-labelledby': 'confirm-title' });
  const recent = h('section', { id: 'recent-batches', class: 'panel', 'aria-labelledby': 'recent-title' });
  const recentState = { page: 0 };
  let page = null;

  clear(main,
    h('h1', {}, t('generate.title')),
    h('p', { class: 'lead' }, t('generate.lead'),
      ' ', h('button', { type: 'button', class: 'link', id: 'to-recent', onclick: () => recent.scrollIntoView() },
        t('batches.jump'))),
    searchForm(state, () => refresh()),
    h('div', { class: 'toolbar' },
      h('button', { type: 'button', class: 'secondary', id: 'select-page', onclick: selectPage }, t('generate.selectPage')),
      h('button', { type: 'button', class: 'secondary', id: 'select-matching', onclick: selectMatching }, t('generate.selectMatching')),
      h('button', { type: 'button', class: 'link', onclick: () => { selected.clear(); update(); } }, t('generate.clear'))),
    results,
    h('div', { class: 'toolbar sticky' }, summary, generateButton),
    progress,
    recent,
    dialog);

  function update() {
    summary.textContent = t('generate.selected', { count: selected.size });
    generateButton.textContent = t('generate.submit', { count: selected.size });
    generateButton.disabled = selected.size === 0;
    for (const box of results.querySelectorAll('input[type=checkbox][data-id]')) box.checked = selected.has(box.dataset.id);
  }

  // a newer search wins: an older answer arriving late must not replace its results
  let latest = 0;
  async function refresh() {
    const request = ++latest;
    clear(results, loading());
    try {
      const data = await loadGuardians(state);
      if (request !== latest) return;
      page = data;
      clear(results, table(page), pager(state, page.total, refresh));
      update();
    } catch (error) {
      if (request !== latest) return;
      clear(results);
      ctx.error(error.message);
    }
  }

  function table(data) {
    if (!data.items.length) return h('p', { class: 'empty' }, t('guardians.none'));
    return h('table', { class: 'data' },
      h('caption', { class: 'visually-hidden' }, t('generate.title')),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('col.select'))),
        h('th', { scope: 'col' }, t('col.name')),
        h('th', { scope: 'col' }, t('col.email')),
        h('th', { scope: 'col' }, t('col.access')))),
      h('tbody', {}, data.items.map((guardian) => {
        const boxId = `pick-${guardian.id}`;
        const whyId = `why-${guardian.id}`;
        const eligible = Boolean(guardian.email);
        return h('tr', { class: eligible ? '' : 'ineligible', 'data-guardian-id': guardian.id },
          h('td', {}, h('input', { type: 'checkbox', id: boxId, 'data-id': guardian.id, disabled: !eligible,
            'aria-describedby': eligible ? null : whyId,
            onchange: (event) => { if (event.target.checked) selected.add(guardian.id); else selected.delete(guardian.id); update(); } })),
          h('th', { scope: 'row' }, h('label', { for: boxId }, fullName(guardian))),
          h('td', {}, eligible ? guardian.email : h('span', { id: whyId, class: 'why' }, t('generate.noEmail'))),
          h('td', {}, accessBadge(data.access.get(guardian.id))));
      })));
  }

  function selectPage() {
    for (const guardian of page?.items || []) if (guardian.email) selected.add(guardian.id);
    update();
    ctx.say(t('generate.selected', { count: selected.size }));
  }

  async function selectMatching() {
    ctx.say(t('loading'));
    try {
      let index = 0;
      for (;;) {
        const result = await api(`/api/guardians${query({ q: state.q, hasEmail: 'true', page: index, size: 500 })}`);
        for (const guardian of result.items) if (guardian.email) selected.add(guardian.id);
        index += 1;
        if (result.items.length === 0 || index * 500 >= result.total || selected.size >= MAX_BATCH) break;
      }
      update();
      ctx.ok(t('generate.selected', { count: selected.size }));
    } catch (error) {
      ctx.error(error.message);
    }
  }

  function confirmBatch() {
    if (selected.size === 0) return;
    if (selected.size > MAX_BATCH) {
      ctx.error(t('generate.tooMany', { max: MAX_BATCH }));
      return;
    }
    const count = selected.size;
    clear(dialog,
      h('h2', { id: 'confirm-title' }, t('generate.confirmTitle')),
      h('p', { id: 'confirm-text' }, t('generate.confirmText', { count })),
      h('div', { class: 'toolbar' },
        h('button', { type: 'button', class: 'primary', id: 'confirm-generate', onclick: () => { dialog.close(); start(); } },
          t('generate.confirm', { count })),
        h('button', { type: 'button', class: 'secondary', onclick: () => dialog.close() }, t('action.cancel'))));
    dialog.showModal();
  }

  async function start() {
    generateButton.disabled = true;
    try {
      const accepted = await api('/api/credentials/batches', { method: 'POST', json: { guardianIds: [...selected] } });
      selected.clear();
      update();
      recentState.page = 0;
      refreshRecent();
      follow(accepted);
    } catch (error) {
      ctx.error(error.message);
      update();
    }
  }

  async function follow(accepted) {
    progress.hidden = false;
    const counters = {};
    const bars = {};
    const row = (key) => {
      counters[key] = h('strong', { 'data-counter': key }, '0');
      bars[key] = h('progress', { max: Math.max(1, accepted.accepted), value: 0, 'aria-labelledby': `label-${key}` });
      return h('div', { class: `progress-row ${key}` },
        h('span', { id: `label-${key}` }, t(`batch.${key}`)), bars[key], counters[key]);
    };
    const state = h('p', { id: 'batch-state', class: 'batch-state' }, t('batch.running'));
    clear(progress,
      h('h2', {}, t('batch.title')),
      h('p', {}, t('batch.accepted', { accepted: accepted.accepted, requested: accepted.requested })),
      accepted.rejected.length > 0 && h('p', { class: 'warning' }, t('batch.rejected', { count: accepted.rejected.length })),
      row('issued'), row('delivered'), row('failed'),
      state,
      h('p', {}, h('a', { href: `#/messages?batchId=${encodeURIComponent(accepted.batchId)}` }, t('batch.messages'))));
    progress.scrollIntoView({ block: 'nearest' });
    for (;;) {
      try {
        const batch = await api(`/api/credentials/batches/${encodeURIComponent(accepted.batchId)}`);
        for (const key of ['issued', 'delivered', 'failed']) {
          counters[key].textContent = String(batch[key]);
          bars[key].value = batch[key];
        }
        if (finished(batch)) {
          state.textContent = batch.failed ? t('batch.doneWithFailures', batch) : t('batch.done', batch);
          state.className = batch.failed ? 'batch-state bad' : 'batch-state ok';
          ctx.say(state.textContent);
          refresh();
          refreshRecent();
          return;
        }
      } catch (error) {
        ctx.error(error.message);
      }
      if (!document.body.contains(progress)) return;
      await new Promise((resolve) => setTimeout(resolve, 1500));
    }
  }

  // read again every few seconds while a listed batch is running and this screen is shown
  let recentTimer = null;
  let recentLatest = 0;
  async function refreshRecent() {
    clearTimeout(recentTimer);
    const request = ++recentLatest;
    try {
      const data = await api(`/api/credentials/batches${query({ page: recentState.page, size: RECENT_SIZE })}`);
      if (request !== recentLatest) return;
      clear(recent,
        h('h2', { id: 'recent-title' }, t('batches.title')),
        h('p', { class: 'lead' }, t('batches.lead')),
        batchTable(data.items),
        data.total > RECENT_SIZE && pager(recentState, data.total, refreshRecent, RECENT_SIZE));
      if (data.items.some((batch) => !finished(batch))) {
        recentTimer = setTimeout(() => { if (document.body.contains(recent)) refreshRecent(); }, RECENT_REFRESH_MS);
      }
    } catch (error) {
      if (request === recentLatest) ctx.error(error.message);
    }
  }

  function batchTable(batches) {
    if (!batches.length) return h('p', { class: 'empty' }, t('batches.none'));
    return h('table', { class: 'data', id: 'batch-list' },
      h('caption', { class: 'visually-hidden' }, t('batches.title')),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, t('batches.started')), h('th', { scope: 'col' }, t('batches.by')),
        ...['batches.requested', 'batches.rejected', 'batch.issued', 'batch.delivered', 'batch.failed'].map((key) =>
          h('th', { scope: 'col', class: 'number' }, t(key))),
        h('th', { scope: 'col' }, t('batches.state')), h('th', { scope: 'col' }, t('col.actions')))),
      h('tbody', {}, batches.map((batch) => {
        const done = finished(batch);
        const stateKey = !done ? 'batches.running' : batch.failed ? 'batches.doneWithFailures' : 'batches.done';
        return h('tr', { 'data-batch-id': batch.batchId },
          h('th', { scope: 'row' }, formatDate(batch.createdAt)),
          h('td', {}, batch.requestedBy),
          ...['requested', 'rejected', 'issued', 'delivered', 'failed'].map((key) =>
            h('td', { class: 'number', 'data-field': key }, String(batch[key]))),
          h('td', {}, h('span', { class: `batch-state ${!done ? '' : batch.failed ? 'bad' : 'ok'}` }, t(stateKey))),
          h('td', {}, h('a', { href: `#/messages?batchId=${encodeURIComponent(batch.batchId)}`,
            'aria-label': t('batches.messagesOf', { date: formatDate(batch.createdAt) }) }, t('batches.messages'))));
      })));
  }

  update();
  refresh();
  refreshRecent();
}
