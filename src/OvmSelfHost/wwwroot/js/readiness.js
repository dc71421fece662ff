// The standing readiness checks' last result per pair (GET /api/readiness), in a compact panel of its own:
// status, when it was checked, and the checks that did not pass. Self-contained: it mounts itself on
// #readiness and shares nothing with the rest of the console but the escaping helper.
import { esc } from './format.js';

const REFRESH_MS = 60_000;
const LABEL = { Pass: 'ready', Warn: 'warnings', Fail: 'not ready' };
const TONE = { Pass: 'ok', Warn: 'waiting', Fail: 'bad' };

function when(at) {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
}

/** "1.03:56:00" or "03:56:00" (TimeSpan's constant format) as "27 h 56 min". */
function hours(span) {
  const m = /^(?:(\d+)\.)?(\d+):(\d+):(\d+)/.exec(span || '');
  if (!m) return span || '';
  const h = Number(m[1] || 0) * 24 + Number(m[2]);
  return h > 0 ? `${h} h ${Number(m[3])} min` : `${Number(m[3])} min`;
}

function pairItem(report) {
  const problems = report.checks.filter(c => c.status !== 'Pass');
  const passed = report.checks.length - problems.length;
  return `<li class="readiness-pair" data-testid="readiness-pair" data-pair="${esc(report.pair)}" data-status="${esc(report.status)}">
    <div class="readiness-head">
      <strong>${esc(report.environments.join(' ↔ '))}</strong>
      <span class="readiness-status tone-${TONE[report.status] || 'idle'}" data-testid="readiness-status">${esc(LABEL[report.status] || report.status)}</span>
    </div>
    <div class="readiness-meta">checked ${esc(when(report.checkedAt))} · ${passed} of ${report.checks.length} checks passed · a migration takes about ${esc(hours(report.expectedDuration))}</div>
    ${problems.length === 0 ? '' : `<ul class="readiness-problems">${problems.map(c =>
      `<li class="readiness-${c.status === 'Fail' ? 'fail' : 'warn'}" data-testid="readiness-problem" data-check="${esc(c.name)}">
         <span class="readiness-mark">${c.status === 'Fail' ? 'FAIL' : 'WARN'}</span> <code>${esc(c.name)}</code> ${esc(c.detail)}</li>`).join('')}</ul>`}
  </li>`;
}

async function refresh(panel) {
  const list = panel.querySelector('[data-testid="readiness-list"]');
  let reports;
  try {
    const response = await fetch('/api/readiness', { cache: 'no-store' });
    if (!response.ok) return; // Not signed in yet, or the host restarts: keep what is shown.
    reports = await response.json();
  } catch {
    return;
  }
  list.innerHTML = reports.length === 0
    ? '<li class="empty">No readiness result yet. Ask with <code>/ovm check A B</code>, or wait for the daily check.</li>'
    : reports.map(pairItem).join('');
}

function mount() {
  const panel = document.getElementById('readiness');
  if (!panel) return;
  panel.innerHTML = '<h2>Readiness</h2><ul class="readiness-list" data-testid="readiness-list"><li class="empty">Loading…</li></ul>';
  panel.hidden = false;
  refresh(panel);
  setInterval(() => refresh(panel), REFRESH_MS);
  // A check asked for in the conversation (/ovm check A B) shows as soon as its answer arrives, not a minute later.
  const messages = document.getElementById('messages');
  if (messages) {
    let pending = null;
    new MutationObserver(() => {
      if (!/Readiness of/.test(messages.lastElementChild?.textContent || '')) return;
      clearTimeout(pending);
      pending = setTimeout(() => refresh(panel), 200);
    }).observe(messages, { childList: true });
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
else mount();
