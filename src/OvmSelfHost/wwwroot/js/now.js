// The "now" strip on top of a run: where it stands, what it waits for and from whom, the cutover while an
// environment has no manager, and the countdown to its maintenance window (in the window's zone and the viewer's).
import { esc, span, stamp, ended, statusLabel, stepLabel, tone, viewerZone } from './format.js';

const sameName = (a, b) => String(a).toLowerCase() === String(b).toLowerCase();

function waitsFor(gate, user) {
  if (!gate) return '';
  const approvals = gate.votes.filter(v => v.decision === 'approve').length;
  const need = Math.max(0, gate.requiredApprovals - approvals);
  const who = (gate.canVote || []).join(' or ');
  const mine = user && (gate.canVote || []).some(n => sameName(n, user));
  const voted = user && gate.votes.find(v => sameName(v.user, user));
  const you = voted ? `; you already ${voted.decision === 'approve' ? 'approved' : 'rejected'}` : mine ? '; you can decide' : '';
  return `${esc(gate.title)}: needs ${need} more approval${need === 1 ? '' : 's'}: ${who ? esc(who) : 'no one who may approve is left'}${esc(you)}.`;
}

// Between stopping the old manager and the new one's rediscovery, the phase's target has no manager.
function cutover(m) {
  if (ended(m.state)) return '';
  const steps = m.steps.filter(s => s.phase === m.phase);
  const stop = steps.find(s => s.name === 'StopOldManager');
  const rediscover = steps.find(s => s.name === 'Rediscover');
  if (stop?.status !== 'Succeeded' || !rediscover || ['Succeeded', 'Skipped'].includes(rediscover.status)) return '';
  const target = m.phases.find(p => p.phase === m.phase)?.target ?? 'The environment';
  return `<p class="cutover" data-testid="cutover" role="status">${esc(target)} has no manager since ${esc(stamp(stop.finishedAt))}: ${esc(stepLabel(rediscover))} ${rediscover.status === 'Running' ? 'running' : 'next'}.</p>`;
}

/** @param windows the host's maintenance windows (GET /api/windows), for the window's own zone and next opening. */
function windowLine(m, windows) {
  if (!m.window || ended(m.state) || m.state === 'Running') return '';
  const described = windows.find(w => w.name === m.window);
  const opensAt = m.windowOpensAt && new Date(m.windowOpensAt) > new Date() ? m.windowOpensAt
    : described?.next && !described.next.open ? described.next.opensAt : null;
  if (!opensAt) return '';
  const zone = described?.timeZone;
  const theirs = zone && zone !== viewerZone() ? `${esc(stamp(opensAt, zone))} (${esc(zone)}); ` : '';
  return `<p data-testid="window-countdown">Window <b>${esc(m.window)}</b> opens in <b data-countdown="${esc(opensAt)}">${esc(span(new Date(opensAt) - new Date()))}</b>: ${theirs}${esc(stamp(opensAt))} your time (${esc(viewerZone())}).</p>`;
}

export function nowStrip(m, open, ctx) {
  const step = m.steps.find(s => s.phase === m.phase && s.name === m.currentStep);
  const gate = open[0];
  const waits = waitsFor(gate, ctx.user);
  // The estimate is what the same step took in the phase already done (the host's learned job durations are not exposed yet).
  const earlier = step && m.steps.find(s => s.name === step.name && s.phase < step.phase && s.startedAt && s.finishedAt);
  const estimate = earlier ? `; in phase ${earlier.phase} it took ${span(new Date(earlier.finishedAt) - new Date(earlier.startedAt))}` : '';
  const running = step && step.status === 'Running' && step.startedAt
    ? ` · running for <b data-since="${esc(step.startedAt)}">${esc(span(new Date() - new Date(step.startedAt)))}</b>${esc(estimate)}` : '';
  const toneClass = tone(m.state) === 'bad' ? ' now-bad' : gate ? ' now-waiting' : '';
  return `
  <section class="now${toneClass}" data-testid="now" aria-label="Now">
    <p class="now-line">Phase ${m.phase} of 2 · ${esc(step ? stepLabel(step) : m.currentStep)} · ${esc(statusLabel(m.state))}${running}</p>
    ${waits ? `<p data-testid="now-waits">${waits}</p>` : ''}
    ${cutover(m)}${windowLine(m, ctx.windows || [])}
  </section>`;
}
