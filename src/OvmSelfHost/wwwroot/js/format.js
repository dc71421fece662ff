// Small text helpers shared by the views.

export const esc = value => String(value ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

export const words = name => String(name ?? '').replace(/([a-z])([A-Z])/g, '$1 $2');

export function duration(from, to) {
  if (!from) return '';
  const ms = Math.max(0, (to ? new Date(to) : new Date()) - new Date(from));
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

export const clock = at => at ? new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' }) : '';

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
  AwaitingApproval: 'Waiting for approval',
  AwaitingAcknowledgement: 'Waiting for acknowledgement',
  RollbackPending: 'Rollback waiting for approval',
}[status] || words(status));
