// The web console: a conversation with the bot on the left, the selected migration on the right,
// kept live by the host's server-sent events (/api/events).
import { api } from './api.js';
import { esc, duration, tone, statusLabel, words, span, personFacing } from './format.js';
import { migrationHeader, proposalCard, phaseTimeline } from './views.js';
import { nowStrip } from './now.js';
import { drawStatePicture } from './statepicture.js';
import { ask } from './dialog.js';
import { patch } from './patch.js';
import { linkPanel } from './links.js';
import { focusKey, restoreFocus } from './focus.js';
import { notice, wireNotifyButton } from './alerts.js';
import { wireLayout, closeDrawer } from './layout.js';

const $ = id => document.getElementById(id);
const state = {
  session: null, people: [], user: null, connected: false,
  migrations: [], selectedId: null, migration: null, proposals: [], graph: null, windows: [],
  expanded: new Set(), messages: JSON.parse(sessionStorage.getItem('ovm.messages') || '[]'),
};
const signedIn = () => Boolean(state.session?.signIn && state.session.user);
const canAct = () => Boolean((state.session?.local || signedIn()) && state.connected);
const params = new URLSearchParams(location.search);
// A chat approval link (?link=…) or a dangerous approval waiting for a fresh sign-in (?confirm=<key>).
state.linkTicket = params.get('link');
state.confirmKey = params.get('confirm');

/** Whether the sign-in is recent enough for a gate that needs a fresh one. */
function freshEnough() {
  if (!state.session?.signIn) return true;
  if (!state.session.signedInAt) return false;
  return (Date.now() - new Date(state.session.signedInAt).getTime()) / 1000 <= state.session.freshSignInSeconds - 5;
}

function signInAgain(returnUrl) {
  location.href = `/signin?fresh=true&returnUrl=${encodeURIComponent(returnUrl)}`;
}

// ---- conversation -------------------------------------------------------------------------
function say(from, text, kind = 'reply') {
  state.messages.push({ from, text, kind, at: new Date().toISOString() });
  state.messages = state.messages.slice(-200);
  sessionStorage.setItem('ovm.messages', JSON.stringify(state.messages));
  renderMessages();
}

function renderMessages() {
  const list = $('messages');
  list.innerHTML = state.messages.length
    ? state.messages.map(m => `<li class="msg msg-${esc(m.kind)}" data-testid="message-${esc(m.kind)}"><span class="from">${esc(m.from)}</span><div class="text">${esc(m.text)}</div></li>`).join('')
    : '<li class="msg msg-hint">Type a command below, for example <code>/ovm help</code>, or click a suggestion.</li>';
  list.scrollTop = list.scrollHeight;
}

// Typed commands' replies keep internal gate names (they say what to type); vote and action replies use step titles.
async function sendCommand(text) {
  text = text.trim();
  if (!text) return;
  if (!canAct()) {
    say('console', state.session?.local === false ? state.session.message : 'Not connected to the host: nothing was sent. Wait until the console says Live.', 'error');
    return;
  }
  say(state.user, text, 'mine');
  const r = await api.command(state.user, text.startsWith('/ovm') || text.startsWith('/') ? text : `/ovm ${text}`);
  say('ovm', r.message || (r.ok ? 'Done.' : `The host answered ${r.status}.`), r.ok ? 'reply' : 'error');
  if (r.ok && r.data?.migrationId) {
    select(r.data.migrationId);
  }
  refreshSoon();
}

// ---- who you are --------------------------------------------------------------------------
function renderWho() {
  const picker = $('user');
  const signIn = Boolean(state.session?.signIn);
  picker.hidden = $('user-label').hidden = signIn;
  $('signed-in').hidden = !signedIn();
  $('sign-in').hidden = !signIn || signedIn();
  $('sign-out').hidden = !signedIn();
  if (signIn) {
    $('signed-in').textContent = signedIn() ? `Signed in as ${state.session.user}` : '';
    $('user-roles').textContent = signedIn() ? (state.session.roles.length ? state.session.roles.join(', ') : 'no role') : 'not signed in';
    $('sign-in').href = `/signin?returnUrl=${encodeURIComponent(location.pathname + location.search + location.hash)}`;
    return;
  }
  picker.innerHTML = state.people.map(p => `<option value="${esc(p.name)}">${esc(p.name)}</option>`).join('');
  picker.value = state.user ?? '';
  picker.disabled = !state.session?.local;
  const person = state.people.find(p => p.name === state.user);
  $('user-roles').textContent = state.session?.local ? (person ? person.roles.join(', ') : '') : 'read-only';
}

// ---- connection and banner ----------------------------------------------------------------
function setConnected(connected) {
  state.connected = connected;
  const badge = $('connection');
  badge.className = `connection ${connected ? 'live' : 'lost'}`;
  badge.textContent = connected ? 'Live' : 'Host unreachable: retrying…';
  renderBanner();
  $('command').disabled = $('send').disabled = !canAct();
  renderMain();
}

function renderBanner() {
  const banner = $('banner');
  const text = !state.connected && state.session
    ? 'Lost contact with the host. The console retries every few seconds and will catch up by itself; until then nothing can be sent.'
    : state.session && !state.session.local && !signedIn() ? state.session.message : '';
  banner.hidden = !text;
  banner.textContent = text;
  banner.className = `banner ${state.connected ? 'banner-info' : 'banner-error'}`;
}

function connectEvents() {
  const source = new EventSource('/api/events');
  source.addEventListener('hello', async () => {
    await loadSession();
    setConnected(true);
    await refresh();
  });
  source.addEventListener('changed', e => changed(JSON.parse(e.data)));
  source.addEventListener('output', e => appendOutput(JSON.parse(e.data)));
  source.onerror = () => {
    if (state.connected) setConnected(false);
    if (source.readyState === EventSource.CLOSED) {
      setTimeout(connectEvents, 3000);
    }
  };
}

function appendOutput(line) {
  if (line.migrationId !== state.selectedId || !state.migration) return;
  const step = state.migration.steps.find(s => s.phase === line.phase && s.name === line.step);
  if (!step) return;
  step.output.push(line.text);
  const pre = document.querySelector(`[data-output="${line.phase}.${line.step}"]`);
  if (pre) {
    pre.textContent += (pre.textContent ? '\n' : '') + line.text;
    pre.scrollTop = pre.scrollHeight;
  } else {
    renderMain();
  }
}

// ---- data ---------------------------------------------------------------------------------
async function loadSession() {
  const [session, people, windows] = await Promise.all([api.session(), api.people(), api.windows()]);
  if (session.ok) state.session = session.data;
  if (people.ok) state.people = people.data;
  if (windows.ok) state.windows = windows.data;
  const saved = localStorage.getItem('ovm.user');
  state.user = state.session?.signIn ? state.session.user
    : state.people.some(p => p.name === saved) ? saved
    : (state.people.find(p => p.roles.includes('requester')) || state.people[0])?.name ?? null;
  renderWho();
  if (state.linkTicket) await loadLink();
}

// ---- keeping up with changes ----------------------------------------------------------------
// A `changed` event names the run and its saved version. The shown run is fetched again only when the
// event is newer than what the page shows; another run's list entry is patched from the event itself;
// the list of summaries is fetched only for a run the page has not seen yet (issue 15: ≤ 5 KB per change).
const pending = { detail: false, list: false };
let timer = null;

function changed(event) {
  if (event.migrationId === state.selectedId) {
    if (!state.migration || !event.version || event.version > state.migration.version) pending.detail = true;
  } else {
    const i = state.migrations.findIndex(r => r.id === event.migrationId);
    if (i < 0) pending.list = true;
    else if (!event.version || event.version > (state.migrations[i].version ?? 0)) {
      state.migrations[i] = { ...state.migrations[i], state: event.state, phase: event.phase, currentStep: event.step, version: event.version };
      renderList();
    }
  }
  schedule();
}

/** After the viewer did something: the shown run (the event that follows finds it up to date). */
function refreshSoon() {
  pending.detail = true;
  schedule();
}

// Bursts (a step's save, then its gate opening) are coalesced into one fetch.
function schedule() {
  clearTimeout(timer);
  timer = setTimeout(() => {
    const want = { ...pending };
    pending.detail = pending.list = false;
    refresh(want);
  }, 120);
}

async function refresh(want = { detail: true, list: true }) {
  if (want.list || !state.migrations.length) {
    const list = await api.migrations();
    if (!list.ok) return;
    state.migrations = list.data;
  }
  if (!state.selectedId && state.migrations.length) {
    const fromHash = location.hash.match(/^#\/migrations\/([0-9a-f-]{36})$/);
    state.selectedId = fromHash ? fromHash[1] : state.migrations[0].id;
    want.detail = true;
  }
  if (!state.selectedId && state.link) state.selectedId = state.link.migrationId;
  renderList();
  if (state.selectedId && (want.detail || !state.migration)) await loadSelected();
  renderMain();
  if (state.confirmKey && canAct()) {
    const key = state.confirmKey;
    state.confirmKey = null;
    history.replaceState(null, '', location.pathname + location.hash);
    const button = document.querySelector(`.card[data-key="${CSS.escape(key)}"] [data-vote=approve]`);
    if (button) vote(button);
  }
}

/** A lean detail has no fixed step texts (they never change during a run): they are kept from the first fetch. */
function keepStepTexts(run, before) {
  for (const step of run.steps) {
    const known = before.steps.find(s => s.phase === step.phase && s.name === step.name);
    if (known) Object.assign(step, { whatHappens: known.whatHappens, touches: known.touches, whyRisky: known.whyRisky, check: known.check });
  }
}

/** What decides whether the proposals changed: a gate opened or closed, or a vote was cast. */
const proposalsMark = m => `${m.state}|${m.pendingGate}|${m.gateRound}|${m.phase}|${m.steps.reduce((n, s) => n + s.approval.votes.length, 0)}`;

async function loadSelected() {
  const id = state.selectedId;
  const before = state.migration;
  const fresh = !before || before.id !== id;
  const m = await api.migration(id, !fresh);
  if (id !== state.selectedId || !m.ok) return;
  if (before && before.id === id && m.data.version < before.version) return; // an older answer overtaken by a newer one
  if (!fresh) keepStepTexts(m.data, before);
  state.migration = m.data;
  const [p, g] = await Promise.all([
    fresh || proposalsMark(before) !== proposalsMark(m.data) ? api.proposals(id) : null,
    // The picture changes only with the state (the host marks the current one).
    fresh || !state.graph || before.state !== m.data.state ? api.graph(id) : null,
  ]);
  if (id !== state.selectedId) return;
  if (p?.ok) state.proposals = p.data;
  if (g?.ok) state.graph = g.data;
  // The list entry of the shown run is patched from its detail instead of fetching the list again.
  const i = state.migrations.findIndex(r => r.id === id);
  if (i >= 0) {
    const step = m.data.steps.find(s => s.phase === m.data.phase && s.name === m.data.currentStep);
    state.migrations[i] = { ...state.migrations[i], state: m.data.state, phase: m.data.phase, currentStep: m.data.currentStep, currentStepTitle: step?.title, version: m.data.version };
    renderList();
  }
  notice({ before, run: state.migration, proposals: state.proposals, user: state.user, say });
}

// ---- chat approval links ------------------------------------------------------------------
async function loadLink() {
  const r = await api.link(state.linkTicket);
  state.link = r.ok ? r.data : { error: r.message };
  renderMain();
}

async function confirmLink() {
  const r = await api.confirmLink(state.linkTicket);
  const text = r.message || (r.ok ? 'Recorded.' : `The host answered ${r.status}.`);
  say(state.user, `Approve ${state.link.gate} (from a ${state.link.channel} link)`, 'mine');
  say('ovm', personFacing(text, state.migration?.steps), r.ok ? 'reply' : 'error');
  if (r.ok) {
    state.selectedId = state.link.migrationId;
    state.link = null;
    state.linkTicket = null;
    history.replaceState(null, '', `/#/migrations/${state.selectedId}`);
  } else {
    const message = document.querySelector('[data-testid=link-message]');
    if (message) { message.hidden = false; message.textContent = text; message.className = 'card-message error'; }
    return;
  }
  refreshSoon();
}

function select(id) {
  if (state.selectedId !== id) {
    state.selectedId = id;
    state.migration = null;
    state.proposals = [];
    state.graph = null;
    state.expanded.clear();
  }
  history.replaceState(null, '', `#/migrations/${id}`);
  refreshSoon();
}

// ---- rendering ----------------------------------------------------------------------------
function renderList() {
  patch($('migration-list'), state.migrations.length
    ? state.migrations.map(m => `
      <li><button type="button" class="run-item${m.id === state.selectedId ? ' selected' : ''}"${m.id === state.selectedId ? ' aria-current="true"' : ''} data-select="${esc(m.id)}" data-testid="migration-item">
        <span class="run-item-top"><code>${esc(m.shortId)}</code> <b>${esc(m.environments.join(' ⇄ '))}</b><span class="state small tone-${tone(m.state)}">${esc(statusLabel(m.state))}</span></span>
        <span class="run-item-sub">phase ${m.phase} · ${esc(m.currentStepTitle || words(m.currentStep))}</span>
      </button></li>`).join('')
    : '<li class="empty">None yet. Start one with <code>/ovm start A B now</code>.</li>');
}

function renderMain() {
  const main = $('main');
  const m = state.migration;
  if (!m) {
    patch(main, `${linkPanel(state.link)}<div class="welcome"><h1>Run a migration from your browser</h1>
      <p>Each environment's Oracle VM Manager moves into an HA VM hosted by the other one, in two mirrored phases.
      The bot proposes every step; dangerous ones wait for approvers here.</p>
      <ol><li>Pick who you are at the top right (in local mode you can switch between people to try the four-eyes gates).</li>
      <li>Type <code>/ovm start A B now</code> in the command box, or click <em>start A B now</em>.</li>
      <li>Approve each gate on its card as an approver (bob, carol); watch the timeline.</li></ol></div>`);
    return;
  }
  const ctx = { canAct: canAct(), expanded: state.expanded, user: state.user, windows: state.windows };
  const focus = focusKey(document.activeElement);
  const open = state.proposals.filter(p => p.status === 'Open');
  const past = state.proposals.filter(p => p.status !== 'Open').reverse();
  const scrolls = [...main.querySelectorAll('pre.output')].map(p => [p.dataset.output, p.scrollTop, p.scrollTop + p.clientHeight >= p.scrollHeight - 4]);
  // Patched, not replaced: what stays the same keeps its node, so focus, scroll and a click in flight survive.
  patch(main, `
    ${linkPanel(state.link)}
    ${nowStrip(m, open, ctx)}
    ${migrationHeader(m, ctx.canAct)}
    <div class="run-body">
      <section class="run-rail" id="decision" tabindex="-1" aria-labelledby="decision-title">
        <h2 id="decision-title">Waiting for a decision</h2>
        <div data-testid="open-proposals">${open.length ? open.map(p => proposalCard(p, ctx)).join('') : `<p class="muted nothing">Nothing waits for a decision${['Completed', 'Aborted', 'RolledBack'].includes(m.state) ? ': the migration has ended.' : ' right now.'}</p>`}</div>
        ${!ctx.canAct && open.length ? `<p class="muted">${state.session?.local || signedIn() ? 'Reconnecting: buttons come back when the host is live.' : state.session?.signIn ? 'Sign in to vote.' : 'Read-only: votes are cast in Slack or Teams.'}</p>` : ''}
        ${past.length ? `<h2>Decided</h2><div data-testid="past-proposals">${past.map(p => proposalCard(p, ctx)).join('')}</div>` : ''}
      </section>
      <div class="run-center">
        ${phaseTimeline(m, 1, ctx)}
        ${phaseTimeline(m, 2, ctx)}
        <section class="graph-panel"><h2>Runbook state machine <span class="muted">current state: ${esc(statusLabel(m.state))}</span></h2><div id="graph" class="stategraph-wrap" data-own data-testid="state-graph"></div></section>
      </div>
    </div>`);
  drawGraph(m);
  for (const pre of main.querySelectorAll('pre.output')) {
    const before = scrolls.find(s => s[0] === pre.dataset.output);
    pre.scrollTop = !before || before[2] ? pre.scrollHeight : before[1];
  }
  // Only a control that is gone (a card that was decided) loses the focus: it then goes to the decision rail.
  if (focus && !main.contains(document.activeElement)) restoreFocus(focus);
}

let drawnGraph = null;
function drawGraph(m) {
  const graph = $('graph');
  if (!graph || !state.graph) return;
  const mark = `${m.id}|${m.state}|${state.graph.length}|${state.graph}`;
  if (drawnGraph === mark && graph.firstChild) return;
  drawnGraph = mark;
  drawStatePicture(graph, state.graph, m.state);
}

function tick() {
  for (const el of document.querySelectorAll('[data-since]')) {
    el.textContent = duration(el.dataset.since, el.dataset.until || null);
  }
  for (const el of document.querySelectorAll('[data-countdown]')) {
    el.textContent = span(Math.max(0, new Date(el.dataset.countdown) - new Date()));
  }
}

// ---- votes and actions --------------------------------------------------------------------
function deliveryId() {
  if (globalThis.crypto?.randomUUID) return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}

async function vote(button) {
  const card = button.closest('.card');
  const proposal = state.proposals.find(p => p.key === button.dataset.key);
  if (!proposal) return;
  const decision = button.dataset.vote;
  let reason = null;
  if (decision === 'reject') {
    const answer = await ask({ title: `Reject “${proposal.title}”?`, body: 'The migration stops at this gate. Say why, so the requester knows what to fix.', ok: 'Reject', reason: true });
    if (!answer.ok) return;
    reason = answer.reason;
  } else if (proposal.freshSignIn && !freshEnough()) {
    const answer = await ask({
      title: `Sign in again to approve: ${proposal.title}`,
      body: `<p>This step needs a fresh sign-in at your identity provider (within ${Math.round(state.session.freshSignInSeconds / 60)} minutes). You come back here to confirm.</p>`,
      ok: 'Sign in again',
    });
    if (answer.ok) signInAgain(`/?confirm=${encodeURIComponent(proposal.key)}#/migrations/${state.selectedId}`);
    return;
  } else if (proposal.dangerous) {
    const answer = await ask({
      title: `Approve a dangerous step: ${proposal.title}`,
      body: `<p><b>${esc(proposal.whatHappens || '')}</b></p><p>${esc(proposal.whyRisky || '')}</p>${proposal.check ? `<p>Check: ${esc(proposal.check)}</p>` : ''}<p>You approve as <b>${esc(state.user)}</b>.</p>`,
      ok: `Yes, approve as ${state.user}`,
    });
    if (!answer.ok) return;
  }
  card.querySelectorAll('button').forEach(b => { b.disabled = true; });
  const r = await api.vote(proposal.key, state.user, decision, reason, deliveryId());
  const text = r.message || (r.ok ? 'Recorded.' : `The host answered ${r.status}.`);
  say(state.user, `${decision === 'approve' ? 'Approve' : 'Reject'}: ${proposal.title} (phase ${proposal.phase})`, 'mine');
  say('ovm', personFacing(text, state.migration?.steps), r.ok ? 'reply' : 'error');
  await refresh({ detail: true });
  if (!r.ok) {
    const fresh = document.querySelector(`.card[data-key="${CSS.escape(proposal.key)}"] .card-message`);
    if (fresh) { fresh.hidden = false; fresh.textContent = text; fresh.className = 'card-message error'; }
  }
}

async function act(button) {
  const action = button.dataset.action;
  if (action === 'abort' || action === 'rollback') {
    const answer = await ask({
      title: action === 'abort' ? 'Abort this migration?' : 'Roll back this phase?',
      body: action === 'abort' ? 'The migration ends here; what was done so far stays as it is.' : 'The new manager is stopped and the old one started again, once two approvers agree.',
      ok: action === 'abort' ? 'Abort' : 'Ask for rollback',
    });
    if (!answer.ok) return;
  }
  const r = await api.act(state.selectedId, state.user, action);
  say(state.user, `${words(action)} ${state.migration?.shortId ?? ''}`, 'mine');
  say('ovm', personFacing(r.message || (r.ok ? 'Done.' : `The host answered ${r.status}.`), state.migration?.steps), r.ok ? 'reply' : 'error');
  refreshSoon();
}

// ---- wiring -------------------------------------------------------------------------------
function wire() {
  $('command-form').addEventListener('submit', e => {
    e.preventDefault();
    const input = $('command');
    const text = input.value;
    input.value = '';
    sendCommand(text);
  });
  $('suggestions').addEventListener('click', e => {
    const b = e.target.closest('[data-command]');
    if (b) { $('command').value = b.dataset.command; $('command').focus(); }
  });
  $('user').addEventListener('change', e => {
    state.user = e.target.value;
    localStorage.setItem('ovm.user', state.user);
    renderWho();
    say('console', `You now act as ${state.user}.`, 'note');
    // A new viewer: their waiting decisions are counted in the title, not announced as new.
    notice({ before: null, run: state.migration, proposals: state.proposals, user: state.user, say });
    renderMain();
  });
  $('migration-list').addEventListener('click', e => {
    const b = e.target.closest('[data-select]');
    if (b) { select(b.dataset.select); closeDrawer(); }
  });
  $('main').addEventListener('click', e => {
    const target = e.target.closest('[data-vote],[data-action],[data-toggle],[data-link-confirm],[data-link-signin]');
    if (!target || target.disabled) return;
    if (target.hasAttribute('data-link-confirm')) confirmLink();
    else if (target.hasAttribute('data-link-signin')) location.href = state.link.freshSignInUrl;
    else if (target.dataset.vote) vote(target);
    else if (target.dataset.action) act(target);
    else {
      const key = target.dataset.toggle;
      state.expanded.has(key) ? state.expanded.delete(key) : state.expanded.add(key);
      renderMain();
    }
  });
  wireLayout();
  wireNotifyButton($('notify'), say);
  setInterval(tick, 1000);
}

wire();
renderMessages();
setConnected(false);
$('connection').className = 'connection connecting';
$('connection').textContent = 'Connecting…';
connectEvents();
