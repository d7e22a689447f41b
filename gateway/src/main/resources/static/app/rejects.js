// Records the services refused (their dead letters), feed by feed: why each was refused, and a re-drive once fixed.
import { api, query } from './api.js';
import { h, clear } from './dom.js';
import { t, formatDate } from './i18n.js';
import { PAGE_SIZE, pager, loading } from './shared.js';

// each feed a service consumes; the district's first, the one most often refused
const FEEDS = ['guardian.updates.v1', 'guardian.email-updated.v1', 'credential.commands.v1', 'credential.issued.v1',
  'notification.status-changed.v1'];
const state = { topic: FEEDS[0], redriven: '', page: 0 };
// per feed, how many refused records were never sent again (unknown when the count could not be read)
const waiting = {};

function feedName(topic) {
  const count = waiting[topic];
  return `${t(`rejects.feed.${topic}`)} (${topic})${count ? ` — ${t('rejects.waiting', { count })}` : ''}`;
}

export function rejectsView(main, ctx) {
  const results = h('div', { id: 'reject-results' });
  const feed = h('select', { id: 'reject-feed', onchange: () => { state.topic = feed.value; state.page = 0; refresh(); } },
    FEEDS.map((topic) => h('option', { value: topic, selected: state.topic === topic }, feedName(topic))));
  const redriven = h('select', { id: 'reject-redriven', onchange: () => { state.redriven = redriven.value; state.page = 0; refresh(); } },
    ['', 'false', 'true'].map((value) => h('option', { value, selected: state.redriven === value }, t(`rejects.redriven.${value || 'all'}`))));
  clear(main,
    h('h1', {}, t('rejects.title')),
    h('p', { class: 'lead' }, t('rejects.lead')),
    h('div', { class: 'filters' },
      h('div', { class: 'field' }, h('label', { for: 'reject-feed' }, t('rejects.feed')), feed),
      h('div', { class: 'field' }, h('label', { for: 'reject-redriven' }, t('rejects.redrives')), redriven)),
    h('div', { class: 'toolbar' },
      h('button', { type: 'button', class: 'secondary', id: 'redrive-all', onclick: redriveAll }, t('rejects.redriveAll'))),
    results);
  const path = () => `/api/dead-letters/${state.topic}`;

  // every feed's count of records never sent again, beside its name: where to look, without opening each feed
  async function countWaiting() {
    await Promise.all(FEEDS.map(async (topic) => {
      try {
        waiting[topic] = (await api(`/api/dead-letters/${topic}${query({ redriven: false, size: 1 })}`)).total;
      } catch (error) {
        delete waiting[topic];
      }
    }));
    for (const option of feed.options) option.textContent = feedName(option.value);
  }

  let latest = 0;
  async function refresh() {
    const request = ++latest;
    clear(results, loading());
    try {
      const data = await api(`${path()}${query({ redriven: state.redriven, page: state.page, size: PAGE_SIZE })}`);
      if (request !== latest) return;
      clear(results, table(data), pager(state, data.total, refresh),
        data.retentionDays && h('p', { class: 'help', id: 'reject-retention' }, t('rejects.retention', { days: data.retentionDays })));
      ctx.say(t('rejects.count', { total: data.total }));
    } catch (error) {
      if (request !== latest) return;
      clear(results);
      ctx.error(error.message);
    }
  }

  function table(data) {
    if (!data.items.length) return h('p', { class: 'empty' }, t('rejects.none'));
    return h('table', { class: 'data' },
      h('caption', { class: 'visually-hidden' }, t('rejects.title')),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, t('col.date')),
        h('th', { scope: 'col' }, t('rejects.key')),
        h('th', { scope: 'col' }, t('rejects.reason')),
        h('th', { scope: 'col' }, t('rejects.payload')),
        h('th', { scope: 'col' }, t('rejects.redrives')),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('col.actions'))))),
      h('tbody', {}, data.items.map((letter) => h('tr', { 'data-dead-letter-id': letter.id },
        h('td', {}, formatDate(letter.deadLetteredAt)),
        h('td', {}, letter.key ?? ''),
        h('td', {}, letter.reason ?? '',
          letter.redrivenFrom && h('span', { class: 'muted small' }, ` ${t('rejects.again')}`)),
        h('td', {}, h('code', { class: 'small record' }, letter.payload ?? '')),
        h('td', {}, letter.redrives.length ? h('ul', {}, letter.redrives.map((redrive) =>
          h('li', {}, t('rejects.redrivenBy', { by: redrive.by, at: formatDate(redrive.at) })))) : ''),
        h('td', {}, h('button', { type: 'button', class: 'secondary', onclick: () => redrive(letter),
          'aria-label': t('rejects.redriveFor', { key: letter.key ?? letter.id }) }, t('rejects.redrive')))))));
  }

  async function redrive(letter) {
    try {
      await api(`${path()}/${encodeURIComponent(letter.id)}/redrive`, { method: 'POST' });
      ctx.ok(t('rejects.redriven', { key: letter.key ?? letter.id }));
      refresh();
      countWaiting();
    } catch (error) {
      ctx.error(error.message);
    }
  }

  async function redriveAll() {
    try {
      const count = (await api(`${path()}${query({ redriven: false, size: 1 })}`)).total;
      if (count === 0) {
        ctx.ok(t('rejects.noneToRedrive'));
        return;
      }
      if (!window.confirm(t('rejects.redriveAllConfirm', { count }))) return;
      const result = await api(`${path()}/redrives`, { method: 'POST', json: {} });
      ctx.ok(t('rejects.redrivenAll', { count: result.redriven }));
      refresh();
      countWaiting();
    } catch (error) {
      ctx.error(error.message);
    }
  }

  refresh();
  countWaiting();
}
