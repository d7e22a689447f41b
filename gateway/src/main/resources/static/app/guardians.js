// Guardians: search, edit or remove one email in place, enter many at once, import a list of emails.
import { api, query } from './api.js';
import { h, clear, uid } from './dom.js';
import { t } from './i18n.js';
import { loadGuardians, fullName, accessBadge, searchForm, pager, loading } from './shared.js';

const state = { q: '', hasEmail: '', page: 0 };

export function guardiansView(main, ctx) {
  const results = h('div', { id: 'guardian-results' });
  clear(main,
    h('h1', {}, t('guardians.title')),
    h('p', { class: 'lead' }, t('guardians.lead')),
    searchForm(state, () => refresh()),
    results,
    batchEntrySection(ctx, () => refresh()),
    importSection(ctx, () => refresh()));

  // a newer search wins: an older answer arriving late must not replace its results
  let latest = 0;
  async function refresh() {
    const request = ++latest;
    clear(results, loading());
    try {
      const data = await loadGuardians(state);
      if (request !== latest) return;
      clear(results, table(data), pager(state, data.total, refresh));
      ctx.say(t('guardians.count', { total: data.total }));
    } catch (error) {
      if (request !== latest) return;
      clear(results);
      ctx.error(error.message);
    }
  }

  function table(data) {
    if (!data.items.length) return h('p', { class: 'empty' }, t('guardians.none'));
    return h('table', { class: 'data' },
      h('caption', { class: 'visually-hidden' }, t('guardians.title')),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, t('col.name')),
        h('th', { scope: 'col' }, t('col.email')),
        h('th', { scope: 'col' }, t('col.access')),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('col.actions'))))),
      h('tbody', {}, data.items.map((guardian) => row(guardian, data.access.get(guardian.id)))));
  }

  function row(guardian, access) {
    const tr = h('tr', { 'data-guardian-id': guardian.id });
    const show = () => clear(tr,
      h('th', { scope: 'row' }, fullName(guardian)),
      h('td', { class: 'email' }, guardian.email || h('span', { class: 'muted' }, t('guardians.noEmail'))),
      h('td', {}, accessBadge(access)),
      h('td', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', onclick: edit,
          'aria-label': t('guardians.editFor', { name: fullName(guardian) }) }, t('action.edit')),
        guardian.email && h('button', { type: 'button', class: 'secondary danger', onclick: remove,
          'aria-label': t('guardians.removeFor', { name: fullName(guardian) }) }, t('action.remove')),
        access && access.status !== 'NONE' && h('a', { class: 'messages-link',
          href: `#/messages${query({ guardianId: guardian.id, name: fullName(guardian) })}`,
          'aria-label': t('guardians.messagesFor', { name: fullName(guardian) }) }, t('guardians.messages'))));

    function edit() {
      const inputId = uid('email');
      const errorId = uid('email-error');
      const input = h('input', { id: inputId, type: 'email', name: 'email', value: guardian.email || '',
        'aria-describedby': errorId, autocomplete: 'off' });
      const message = h('p', { id: errorId, class: 'field-error', 'aria-live': 'polite' });
      // novalidate: the server's own validation message is the one shown beside the field
      const form = h('form', { class: 'inline-edit', novalidate: true, onsubmit: save },
        h('label', { for: inputId, class: 'visually-hidden' }, t('guardians.emailOf', { name: fullName(guardian) })),
        input,
        h('button', { type: 'submit', class: 'primary' }, t('action.save')),
        h('button', { type: 'button', class: 'secondary', onclick: show }, t('action.cancel')),
        message);
      clear(tr, h('th', { scope: 'row' }, fullName(guardian)), h('td', { colspan: 3 }, form));
      input.focus();

      async function save(event) {
        event.preventDefault();
        const email = input.value.trim();
        if (!email) {
          remove();
          return;
        }
        try {
          guardian = await api(`/api/guardians/${encodeURIComponent(guardian.id)}/email`, { method: 'PUT', json: { email } });
          ctx.ok(t('guardians.saved', { name: fullName(guardian), email: guardian.email }));
          show();
        } catch (error) {
          const field = error.fieldErrors.find((candidate) => candidate.field === 'email');
          message.textContent = field ? field.message : error.message;
          input.setAttribute('aria-invalid', 'true');
          input.focus();
        }
      }
    }

    async function remove() {
      if (!window.confirm(t('guardians.confirmRemove', { name: fullName(guardian) }))) return;
      try {
        guardian = await api(`/api/guardians/${encodeURIComponent(guardian.id)}/email`, { method: 'DELETE' });
        ctx.ok(t('guardians.removed', { name: fullName(guardian) }));
        show();
      } catch (error) {
        ctx.error(error.message);
      }
    }

    show();
    return tr;
  }

  refresh();
}

/**
 * The guardians without an email, a field each: the secretary types those she knows and saves them together, as the
 * import of a list (one request, a reason beside each address refused). Saved rows show their address; refused ones
 * stay to be corrected and saved again.
 */
function batchEntrySection(ctx, afterSave) {
  const state = { q: '', hasEmail: 'false', page: 0 };
  const body = h('div', { id: 'batch-entry' });
  const opener = h('button', { type: 'button', class: 'secondary', id: 'batch-entry-open', onclick: refresh },
    t('entry.open'));

  let shownPage = 0;
  let unsaved = () => false;

  // another page: addresses typed and not saved are not left behind without asking
  function turnPage() {
    if (unsaved() && !window.confirm(t('entry.leave'))) {
      state.page = shownPage;
      return;
    }
    refresh();
  }

  async function refresh() {
    opener.hidden = true;
    clear(body, loading());
    try {
      const data = await loadGuardians(state);
      shownPage = state.page;
      clear(body, data.items.length ? form(data.items) : h('p', { class: 'empty' }, t('entry.none')),
        pager(state, data.total, turnPage));
    } catch (error) {
      clear(body);
      opener.hidden = false;
      ctx.error(error.message);
    }
  }

  function form(guardians) {
    const fields = guardians.map((guardian) => {
      const inputId = uid('entry');
      const errorId = uid('entry-error');
      return {
        guardian,
        cell: h('td', {}),
        input: h('input', { id: inputId, type: 'email', name: 'email', autocomplete: 'off',
          'aria-describedby': errorId, 'aria-label': t('guardians.emailOf', { name: fullName(guardian) }) }),
        message: h('p', { id: errorId, class: 'field-error', 'aria-live': 'polite' }),
      };
    });
    fields.forEach((field) => clear(field.cell, field.input, field.message));
    unsaved = () => fields.some((field) => field.input.isConnected && field.input.value.trim());
    const button = h('button', { type: 'submit', class: 'primary' }, t('entry.save'));
    const entry = h('form', { novalidate: true, onsubmit: save },
      h('table', { class: 'data' },
        h('caption', { class: 'visually-hidden' }, t('entry.title')),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('col.name')), h('th', { scope: 'col' }, t('col.email')))),
        h('tbody', {}, fields.map((field) => h('tr', { 'data-guardian-id': field.guardian.id },
          h('th', { scope: 'row' }, fullName(field.guardian)), field.cell)))),
      button);

    async function save(event) {
      event.preventDefault();
      const open = fields.filter((field) => field.input.isConnected);
      open.forEach((field) => {
        field.message.textContent = '';
        field.input.removeAttribute('aria-invalid');
      });
      const typed = open.filter((field) => field.input.value.trim());
      if (!typed.length) {
        ctx.error(t('entry.empty'));
        return;
      }
      const csv = ['guardianId,email', ...typed.map((field) => `${field.guardian.id},${csvValue(field.input.value.trim())}`)]
        .join('\n');
      button.disabled = true;
      try {
        const result = await api('/api/guardians/email-imports', { method: 'POST', text: csv, contentType: 'text/csv; charset=utf-8' });
        for (const row of result.rows) {
          const field = typed[row.line - 2];
          if (row.status === 'REJECTED') {
            field.message.textContent = row.reason;
            field.input.setAttribute('aria-invalid', 'true');
          } else {
            clear(field.cell, h('span', { class: 'saved' }, field.input.value.trim(), ' — ', t(`entry.status.${row.status}`)));
          }
        }
        ctx.ok(t('import.done', result));
        afterSave();
        typed.find((field) => field.input.isConnected)?.input.focus();
      } catch (error) {
        ctx.error(error.message);
      } finally {
        button.disabled = false;
      }
    }
    return entry;
  }

  return h('section', { class: 'panel', 'aria-labelledby': 'entry-title' },
    h('h2', { id: 'entry-title' }, t('entry.title')), h('p', { class: 'help' }, t('entry.help')), opener, body);
}

/** A CSV value, quoted when it holds a separator, a quote or a line break. */
function csvValue(value) {
  return /[",;\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function importSection(ctx, afterImport) {
  const report = h('div', { id: 'import-report', 'aria-live': 'polite' });
  const textarea = h('textarea', { id: 'import-csv', name: 'csv', rows: 6, spellcheck: 'false',
    'aria-describedby': 'import-help', placeholder: 'guardianId,email\n…' });
  const file = h('input', { id: 'import-file', type: 'file', accept: '.csv,text/csv,text/plain',
    onchange: async () => {
      if (file.files[0]) textarea.value = await file.files[0].text();
    } });
  const button = h('button', { type: 'submit', class: 'primary' }, t('import.submit'));
  const form = h('form', { class: 'import', onsubmit: submit },
    h('div', { class: 'field' },
      h('label', { for: 'import-csv' }, t('import.paste')),
      textarea,
      h('p', { id: 'import-help', class: 'help' }, t('import.help'))),
    h('div', { class: 'field' }, h('label', { for: 'import-file' }, t('import.file')), file),
    button);

  async function submit(event) {
    event.preventDefault();
    const csv = textarea.value;
    if (!csv.trim()) {
      ctx.error(t('import.empty'));
      textarea.focus();
      return;
    }
    button.disabled = true;
    clear(report, loading(t('import.running')));
    try {
      const result = await api('/api/guardians/email-imports', { method: 'POST', text: csv, contentType: 'text/csv; charset=utf-8' });
      clear(report, importReport(result, csv));
      ctx.ok(t('import.done', result));
      afterImport();
    } catch (error) {
      clear(report);
      ctx.error(error.message);
    } finally {
      button.disabled = false;
    }
  }

  return h('section', { class: 'panel', 'aria-labelledby': 'import-title' },
    h('h2', { id: 'import-title' }, t('import.title')), form, report);
}

function importReport(result, csv) {
  const lines = csv.split(/\r?\n/);
  const rejected = result.rows.filter((row) => row.status === 'REJECTED');
  const toFix = [lines[0], ...rejected.map((row) => lines[row.line - 1] ?? '')].join('\n');
  return h('div', { class: 'report' },
    h('h3', {}, t('import.report')),
    h('ul', { class: 'counts' },
      h('li', {}, h('strong', {}, result.total), ' ', t('import.total')),
      h('li', { class: 'ok' }, h('strong', {}, result.updated), ' ', t('import.updated')),
      h('li', {}, h('strong', {}, result.unchanged), ' ', t('import.unchanged')),
      h('li', { class: result.rejected ? 'bad' : '' }, h('strong', {}, result.rejected), ' ', t('import.rejected'))),
    rejected.length > 0 && h('div', { class: 'rejected' },
      h('table', { class: 'data', id: 'import-rejected' },
        h('caption', {}, t('import.rejectedRows')),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, t('import.line')),
          h('th', { scope: 'col' }, t('import.content')),
          h('th', { scope: 'col' }, t('import.reason')))),
        h('tbody', {}, rejected.map((row) => h('tr', {},
          h('td', {}, row.line), h('td', { class: 'mono' }, lines[row.line - 1] ?? ''), h('td', {}, row.reason))))),
      h('label', { for: 'import-to-fix' }, t('import.toFix')),
      h('textarea', { id: 'import-to-fix', rows: Math.min(10, rejected.length + 1), readonly: true, class: 'mono' }, toFix),
      h('button', { type: 'button', class: 'secondary', onclick: async (event) => {
        try {
          await navigator.clipboard.writeText(toFix);
          event.target.textContent = t('import.copied');
        } catch (e) {
          document.getElementById('import-to-fix').select();
        }
      } }, t('import.copy'))),
    result.rows.length > 0 && h('details', {},
      h('summary', {}, t('import.allRows')),
      h('table', { class: 'data' },
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, t('import.line')), h('th', { scope: 'col' }, 'guardianId'),
          h('th', { scope: 'col' }, t('col.status')), h('th', { scope: 'col' }, t('import.reason')))),
        h('tbody', {}, result.rows.map((row) => h('tr', {},
          h('td', {}, row.line), h('td', { class: 'mono' }, row.guardianId ?? ''),
          h('td', {}, h('span', { class: `badge row-${row.status.toLowerCase()}` }, t(`import.status.${row.status}`))),
          h('td', {}, row.reason ?? '')))))));
}
