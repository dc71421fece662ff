// Small text helpers shared by the views.

export const esc = value => String(value ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

export const words = name => String(name ?? '').replace(/([a-z])([A-Z])/g, '$1 $2');

/** Durations one way everywhere: "42 s", "10 min", "2 h 05 min". */
export function duration(from, to) {
  if (!from) return '';
  return span(Math.max(0, (to ? new Date(to) : new Date()) - new Date(from)));
}

export function span(ms) {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** Times one way everywhere: ISO-like date and time with the zone, in the viewer's zone unless one is given. */
export function stamp(at, timeZone) {
  if (!at) return '';
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'short',
  }).formatToParts(new Date(at)).map(p => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second} ${parts.timeZoneName}`;
}

export const clock = stamp;

/** The viewer's IANA zone, e.g. Europe/Berlin. */
export const viewerZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** A step as people call it (its title), never its internal name. */
export const stepLabel = step => step?.title || words(step?.name);

/** A host message with the run's internal step names ("CreateManagerVm") replaced by their titles. */
export function personFacing(text, steps) {
  const titles = new Map((steps || []).map(s => [s.name, s.title]));
  return String(text ?? '').replace(/\b[A-Z][a-z]+(?:[A-Z][a-z]+)+\b/g, name => titles.has(name) ? `“${titles.get(name)}”` : name);
}

/** Runs that will not move again by themselves: their clocks stop. */
export const ended = state => ['Completed', 'Aborted', 'RolledBack', 'Rejected', 'Failed'].includes(state);

/** What a state or a step status means to an operator: ok, active, waiting, bad, idle. */
export function tone(status) {
  switch (status) {
    case 'Succeeded': case 'Completed': return 'ok';
    case 'Running': case 'Ready': case 'RollingBack': return 'active';
    case 'AwaitingApproval': case 'AwaitingAcknowledgement': case 'RollbackPending': case 'Paused': return 'waiting';
    case 'Failed': case 'Rejected': case 'Aborted': case 'RolledBack': return 'bad';
    default: return 'idle';
  }
}

export const statusLabel = status => ({
  Queued: 'Queued',
  Ready: 'Ready for the next step',
  AwaitingApproval: 'Waiting for approval',
  AwaitingAcknowledgement: 'Waiting for acknowledgement',
  RollbackPending: 'Rollback waiting for approval',
  RollingBack: 'Rolling back',
  RolledBack: 'Rolled back',
}[status] || words(status));
