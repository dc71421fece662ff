// Tells the viewer when something needs them, without their watching the page: the title counts the
// decisions waiting for them (and marks a failed run), and an opt-in browser notification fires when a
// gate opens that they can decide, or a run fails. Both are also said in the conversation.
import { statusLabel } from './format.js';

const STORAGE = 'ovm.notify';
const seenGates = new Set();
const seenFailures = new Set();
const sameName = (a, b) => String(a).toLowerCase() === String(b).toLowerCase();

/** The open proposals this person could vote on now (the host's who-can-vote list). */
export const decidableBy = (proposals, user) =>
  proposals.filter(p => p.status === 'Open' && user && (p.canVote || []).some(n => sameName(n, user)));

/**
 * Called after the shown run was fetched again. On the first look at a run its open gates and an old
 * failure count as seen (a reload does not ring); afterwards each newly opened gate and each failure rings once.
 */
export function notice({ before, run, proposals, user, say }) {
  if (!run) return;
  const firstLook = !before || before.id !== run.id;
  for (const p of decidableBy(proposals, user)) {
    const key = `${user}|${p.key}`;
    if (seenGates.has(key)) continue;
    seenGates.add(key);
    if (firstLook) continue;
    say('ovm', `Decision needed: ${p.title} (migration ${run.shortId}, phase ${p.phase}). ${user} can approve or reject it.`, 'reply');
    notify(`Decision needed: ${p.title}`, `Migration ${run.shortId}, phase ${p.phase}: you (${user}) can decide.`);
  }
  if (run.state === 'Failed' && !seenFailures.has(run.id)) {
    seenFailures.add(run.id);
    if (!firstLook) {
      say('ovm', `Migration ${run.shortId} failed: ${run.statusMessage || statusLabel(run.state)}`, 'error');
      notify(`Migration ${run.shortId} failed`, run.statusMessage || '');
    }
  }
  const count = decidableBy(proposals, user).length;
  document.title = `${count ? `(${count}) ` : ''}${run.state === 'Failed' ? '⚠ ' : ''}OvmSelfHost console`;
}

function enabled() {
  return localStorage.getItem(STORAGE) === 'on' && 'Notification' in window && Notification.permission === 'granted';
}

function notify(title, body) {
  if (!enabled()) return;
  try { new Notification(title, { body, tag: title }); } catch { /* some browsers allow notifications only from a service worker */ }
}

function render(button) {
  const on = enabled();
  button.textContent = on ? 'Notifications on' : 'Notify me';
  button.setAttribute('aria-pressed', String(on));
}

/** The "Notify me" toggle: asks the browser once; a refusal is explained, never retried behind the viewer's back. */
export function wireNotifyButton(button, say) {
  button.addEventListener('click', async () => {
    if (localStorage.getItem(STORAGE) === 'on') localStorage.removeItem(STORAGE);
    else if ('Notification' in window && await Notification.requestPermission() === 'granted') localStorage.setItem(STORAGE, 'on');
    else say('console', 'The browser refused notifications; the page title still counts the decisions waiting for you.', 'note');
    render(button);
  });
  render(button);
}
