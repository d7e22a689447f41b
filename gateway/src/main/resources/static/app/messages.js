// Messages: the log with SPEC §4's filters, a message's detail, reveal (ADMIN), replay one or all failed.
import { api, query } from './api.js';
import { h, clear } from './dom.js';
import { t, formatDate } from './i18n.js';
import { pager, loading } from './shared.js';

const STATUSES = ['PENDING', 'SENDING', 'SENT', 'FAILED'];
const NO_FILTER = { q: '', subject: '', recipient: '', status: '', batchId: '', guardianId: '', from: '', to: '', page: 0 };
const filters = { ...NO_FILTER };
/** The name of the guardian whose messages are shown (guardianId has no field of its own in the form). */
let guardianName = '';

export function messagesView(main, ctx, params) {
  // a link from another screen: one batch's messages, or one guardian's, whatever the address they were sent to
  if (params.has('batchId')) Object.assign(filters, NO_FILTER, { batchId: params.get('batchId') });
  if (params.has('guardianId')) {
    Object.assign(filters, NO_FILTER, { guardianId: params.get('guardianId') });
    guardianName = params.get('name') || params.get('guardianId');
  }
  const results = h('div', { id: 'message-results' });
  const detail = h('section', { id: 'message-detail', class: 'panel', hidden: true, tabindex: '-1', 'aria-labelledby': 'detail-title' });
  const canReplay = ctx.roles.has('ADMIN') || ctx.roles.has('OPERATOR');
  const canReveal = ctx.roles.has('ADMIN');

  const field = (name, label, type = 'text') => h('div', { class: 'field' },
    h('label', { for: `filter-${name}` }, label),
    h('input', { id: `filter-${name}`, name, type, value: filters[name] }));
  const form = h('form', { class: 'filters', role: 'search', onsubmit: (event) => {
    event.preventDefault();
    for (const name of ['q', 'subject', 'recipient', 'status', 'batchId', 'from', 'to']) filters[name] = form.elements[name].value.trim();
    filters.page = 0;
    refresh();
  } },
  field('q', t('messages.words'), 'search'),
  field('subject', t('messages.subject')),
  field('recipient', t('messages.recipient')),
  h('div', { class: 'field' },
    h('label', { for: 'filter-status' }, t('col.status')),
    h('select', { id: 'filter-status', name: 'status' },
      h('option', { value: '' }, t('messages.anyStatus')),
      STATUSES.map((status) => h('option', { value: status, selected: filters.status === status }, t(`status.${status}`))))),
  field('batchId', t('messages.batch')),
  field('from', t('messages.from'), 'date'),
  field('to', t('messages.to'), 'date'),
  h('button', { type: 'submit', class: 'primary' }, t('action.search')));

  const guardianFilter = filters.guardianId && h('p', { id: 'filter-guardian', class: 'filter-chip' },
    t('messages.ofGuardian', { name: guardianName }), ' ',
    h('button', { type: 'button', class: 'link', onclick: () => {
      filters.guardianId = '';
      filters.page = 0;
      guardianFilter.remove();
      refresh();
    } }, t('messages.allGuardians')));

  clear(main,
    h('h1', {}, t('messages.title')),
    h('p', { class: 'lead' }, t('messages.lead')),
    form,
    guardianFilter,
    canReplay && h('div', { class: 'toolbar' },
      h('button', { type: 'button', class: 'secondary', id: 'replay-all', onclick: replayAll }, t('messages.replayAll'))),
    results,
    detail);

  function range() {
    const from = filters.from ? new Date(`${filters.from}T00:00:00`).toISOString() : '';
    let to = '';
    if (filters.to) {
      const end = new Date(`${filters.to}T00:00:00`);
      end.setDate(end.getDate() + 1);
      to = end.toISOString();
    }
    return { from, to };
  }

  // a newer search wins: an older answer arriving late must not replace its results
  let latest = 0;
  async function refresh() {
    const request = ++latest;
    clear(results, loading());
    try {
      const { from, to } = range();
      const data = await api(`/api/messages${query({ ...filters, from, to, size: 50 })}`);
      if (request !== latest) return;
      clear(results, table(data), pager(filters, data.total, refresh));
      ctx.say(t('messages.count', { total: data.total }));
    } catch (error) {
      if (request !== latest) return;
      clear(results);
      ctx.error(error.message);
    }
  }

  function table(data) {
    if (!data.items.length) return h('p', { class: 'empty' }, t('messages.none'));
    return h('table', { class: 'data' },
      h('caption', { class: 'visually-hidden' }, t('messages.title')),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, t('col.date')),
        h('th', { scope: 'col' }, t('messages.recipient')),
        h('th', { scope: 'col' }, t('messages.subject')),
        h('th', { scope: 'col' }, t('col.status')),
        h('th', { scope: 'col' }, t('col.attempts')),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('col.actions'))))),
      h('tbody', {}, data.items.map((message) => h('tr', { 'data-message-id': message.id },
        h('td', {}, formatDate(message.sentAt || message.createdAt)),
        h('td', {}, message.recipient),
        h('td', {}, message.subject),
        h('td', {}, statusBadge(message.status), message.lastError && h('span', { class: 'muted small' }, ` ${message.lastError}`)),
        h('td', {}, message.attempts),
        h('td', {}, h('button', { type: 'button', class: 'secondary', onclick: () => open(message.id),
          'aria-label': t('messages.openFor', { recipient: message.recipient }) }, t('action.open')))))));
  }

  async function open(id) {
    detail.hidden = false;
    clear(detail, loading());
    try {
      const message = await api(`/api/messages/${encodeURIComponent(id)}`);
      showDetail(message);
    } catch (error) {
      detail.hidden = true;
      ctx.error(error.message);
    }
  }

  function showDetail(message) {
    const revealed = h('div', { id: 'revealed', 'aria-live': 'polite' });
    const revealList = h('ul', { id: 'reveals' }, (message.reveals || []).map((reveal) => revealItem(reveal.by, reveal.at)));
    const reveals = h('div', { hidden: !message.reveals?.length }, h('h3', {}, t('messages.reveals')), revealList);
    const dl = (pairs) => h('dl', { class: 'facts' }, pairs.filter(([, v]) => v !== null && v !== undefined && v !== '')
      .flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
    clear(detail,
      h('h2', { id: 'detail-title' }, t('messages.detail')),
      dl([
        [t('col.status'), statusBadge(message.status)],
        [t('messages.recipient'), message.recipient],
        [t('messages.subject'), message.subject],
        [t('messages.batch'), message.batchId],
        [t('messages.requestedBy'), message.requestedBy],
        [t('messages.created'), formatDate(message.createdAt)],
        [t('messages.scheduled'), formatDate(message.scheduledFor)],
        [t('messages.sent'), formatDate(message.sentAt)],
        [t('col.attempts'), String(message.attempts)],
        [t('messages.lastError'), message.lastError],
      ]),
      h('h3', {}, t('messages.body')),
      h('pre', { class: 'mail-body', id: 'mail-body' }, message.body),
      h('div', { class: 'toolbar' },
        canReveal && h('button', { type: 'button', class: 'secondary', id: 'reveal', onclick: reveal }, t('messages.reveal')),
        canReplay && (message.status === 'FAILED' || message.status === 'SENT')
          && h('button', { type: 'button', class: 'secondary', id: 'replay', onclick: replay }, t('messages.replay')),
        h('button', { type: 'button', class: 'link', onclick: () => { detail.hidden = true; } }, t('action.close'))),
      canReveal && h('p', { class: 'help' }, t('messages.revealRecorded')),
      revealed,
      reveals);
    detail.focus();
    detail.scrollIntoView({ block: 'start' });

    async function reveal() {
      try {
        const result = await api(`/api/messages/${encodeURIComponent(message.id)}/reveal`, { method: 'POST' });
        clear(revealed, h('p', { class: 'revealed' }, t('messages.password'), ' ', h('code', { id: 'revealed-password' }, result.password)),
          h('p', { class: 'help' }, t('messages.revealDone')));
        revealList.append(revealItem(ctx.user, new Date().toISOString()));
        reveals.hidden = false;
      } catch (error) {
        ctx.error(error.message);
      }
    }

    async function replay() {
      try {
        const item = await api(`/api/messages/${encodeURIComponent(message.id)}/replay`, { method: 'POST' });
        ctx.ok(t('messages.replayed', { recipient: item.recipient }));
        open(message.id);
        refresh();
      } catch (error) {
        ctx.error(error.message);
      }
    }
  }

  async function replayAll() {
    try {
      const { from, to } = range();
      const scope = { status: 'FAILED', batchId: filters.batchId, from, to };
      const count = (await api(`/api/messages${query({ ...scope, size: 1 })}`)).total;
      if (count === 0) {
        ctx.ok(t('messages.noFailed'));
        return;
      }
      if (!window.confirm(t('messages.replayAllConfirm', { count }))) return;
      const body = { status: 'FAILED' };
      if (scope.batchId) body.batchId = scope.batchId;
      if (from) body.from = from;
      if (to) body.to = to;
      const result = await api('/api/messages/replays', { method: 'POST', json: body });
      ctx.ok(t('messages.replayedAll', { count: result.requeued }));
      refresh();
    } catch (error) {
      ctx.error(error.message);
    }
  }

  refresh();
}

function revealItem(by, at) {
  return h('li', {}, t('messages.revealedBy', { by, at: formatDate(at) }));
}

export function statusBadge(status) {
  return h('span', { class: `badge status-${status.toLowerCase()}` }, h('span', { 'aria-hidden': 'true' }, symbol(status)), ' ', t(`status.${status}`));
}

function symbol(status) {
  return { PENDING: '◷', SENDING: '↻', SENT: '✓', FAILED: '✕' }[status] || '';
}
