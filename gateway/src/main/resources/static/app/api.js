// Calls the API with the session cookie, in the screens' language; every write carries the page's CSRF token.
import { currentLanguage, t } from './i18n.js';

const csrfToken = document.querySelector('meta[name="csrf-token"]')?.content ?? '';

export class ApiError extends Error {
  constructor(status, problem, message) {
    super(message);
    this.status = status;
    this.problem = problem;
    this.fieldErrors = Array.isArray(problem?.errors) ? problem.errors : [];
  }
}

export async function api(path, { method = 'GET', json, text, contentType } = {}) {
  const headers = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': currentLanguage(),
    'X-Requested-With': 'XMLHttpRequest',
  };
  let body;
  if (method !== 'GET') headers['X-CSRF-TOKEN'] = csrfToken;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (text !== undefined) {
    headers['Content-Type'] = contentType || 'text/plain; charset=utf-8';
    body = text;
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, null, t('error.network'));
  }
  const raw = await response.text();
  let data = null;
  try {
    data = raw ? JSON.parse(raw) : null;
  } catch (e) {
    data = null;
  }
  if (!response.ok) throw new ApiError(response.status, data, explain(response.status, data));
  return data;
}

/**
 * What the screen says of a refusal: the server's own detail, already worded for a person in the screen's language,
 * or a sentence of the screen's when the answer has none (a proxy's page, a network failure) or is about the session.
 */
function explain(status, problem) {
  if (status === 401) return t('error.401');
  if (status === 403 && /CSRF/i.test(problem?.detail || '')) return t('error.csrf');
  if (problem?.detail) return problem.detail;
  const known = [400, 403, 404, 409, 413, 423, 500, 502, 503, 504];
  return known.includes(status) ? t(`error.${status}`) : t('error.other', { status });
}

export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
