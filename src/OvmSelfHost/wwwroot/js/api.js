// The host's JSON API. Every call resolves (never throws): { ok, status, data, message, offline }.
// Changes carry the anti-forgery token GET /api/session hands out (with its cookie); a stale token
// (the host restarted) is refreshed once and the change sent again.

let antiforgeryToken = null;

async function call(method, url, body) {
  const first = await send(method, url, body);
  if (method === 'GET' || first.status !== 403 || !/anti-forgery/.test(first.message)) return first;
  const session = await send('GET', '/api/session');
  return session.ok ? send(method, url, body) : first;
}

async function send(method, url, body) {
  let response;
  const headers = body === undefined ? {} : { 'Content-Type': 'application/json' };
  if (method !== 'GET' && antiforgeryToken) headers['X-OVM-Antiforgery'] = antiforgeryToken;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch {
    return { ok: false, status: 0, offline: true, message: 'The host did not answer: it may be stopped or restarting. Nothing was sent; try again when the console says Live.' };
  }
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = text; }
  const message = data && typeof data === 'object'
    ? (data.detail || data.text || data.message || data.title || '')
    : (typeof data === 'string' ? data : '');
  if (url === '/api/session' && response.ok && data?.antiforgeryToken) antiforgeryToken = data.antiforgeryToken;
  return { ok: response.ok, status: response.status, data, message };
}

export const api = {
  session: () => call('GET', '/api/session'),
  people: () => call('GET', '/api/people'),
  // The newest page of summaries: what the list shows, however long the history.
  migrations: () => call('GET', '/api/migrations?limit=50'),
  windows: () => call('GET', '/api/windows?count=1'),
  // lean: without the steps' fixed texts, which the page already has from its first fetch of the run.
  migration: (id, lean = false) => call('GET', `/api/migrations/${id}${lean ? '?texts=none' : ''}`),
  proposals: id => call('GET', `/api/migrations/${id}/proposals`),
  graph: id => call('GET', `/api/migrations/${id}/graph`),
  command: (user, text) => call('POST', '/api/commands', { user, text }),
  // deliveryId: one per click, so a request the browser sends again is recognised by the host as the same vote.
  vote: (key, user, decision, reason, deliveryId) => call('POST', `/api/proposals/${encodeURIComponent(key)}/votes`, { user, decision, reason, deliveryId }),
  act: (id, user, action) => call('POST', `/api/migrations/${id}/actions`, { user, action }),
  link: ticket => call('GET', `/api/links/${encodeURIComponent(ticket)}`),
  confirmLink: ticket => call('POST', `/api/links/${encodeURIComponent(ticket)}/confirm`, {}),
};
