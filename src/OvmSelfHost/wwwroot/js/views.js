// HTML for the main area: the migration header, proposal cards, the phase timelines, the diff.
import { esc, words, duration, clock, tone, statusLabel } from './format.js';

const stepStatus = { AwaitingApproval: 'Needs approval', AwaitingAcknowledgement: 'Needs ack', Succeeded: 'Done' };
const riskLabel = { None: 'read-only', Low: 'low risk', Medium: 'medium risk', Dangerous: 'dangerous' };

export function migrationHeader(m, canAct) {
  const actions = m.possibleActions.map(a =>
    `<button type="button" class="action${a === 'abort' || a === 'rollback' ? ' danger-outline' : ''}" data-action="${esc(a)}" ${canAct ? '' : 'disabled'}>${esc(words(a[0].toUpperCase() + a.slice(1)))}</button>`).join('');
  return `
  <section class="run-head" data-testid="run-head">
    <div class="run-title">
      <h1>Migration <code>${esc(m.shortId)}</code> <span class="pair">${esc(m.environments.join(' ⇄ '))}</span></h1>
      <span class="state tone-${tone(m.state)}" data-testid="run-state">${esc(statusLabel(m.state))}</span>
    </div>
    <p class="status-message" data-testid="status-message">${esc(m.statusMessage || '')}</p>
    <div class="run-meta">
      <span>Phase <b>${m.phase}</b> of 2 · step <b>${esc(words(m.currentStep))}</b></span>
      <span>requested by <b>${esc(m.requestedBy)}</b> at ${esc(clock(m.createdAt))}</span>
      ${['Completed', 'Aborted', 'RolledBack'].includes(m.state) ? '' : `<span data-testid="executor">${m.executor ? `executed by replica <b>${esc(m.executor)}</b>` : 'no replica executes it right now'}</span>`}
      <span>${m.state === 'Completed' ? 'took' : 'running for'} <b data-since="${esc(m.createdAt)}" ${['Completed', 'Aborted', 'RolledBack'].includes(m.state) ? `data-until="${esc(m.updatedAt)}"` : ''}>${esc(duration(m.createdAt, ['Completed', 'Aborted', 'RolledBack'].includes(m.state) ? m.updatedAt : null))}</b></span>
      <span class="actions">${actions}</span>
    </div>
  </section>`;
}

export function proposalCard(p, ctx) {
  const open = p.status === 'Open';
  const approvals = p.votes.filter(v => v.decision === 'approve').length;
  const votes = p.votes.length
    ? `<ul class="votes">${p.votes.map(v => `<li class="vote-${esc(v.decision)}"><b>${esc(v.user)}</b> ${v.decision === 'approve' ? 'approved' : 'rejected'}${v.reason ? `: “${esc(v.reason)}”` : ''} <span class="muted"${v.authenticated ? ` title="${esc(v.authenticated)}"` : ''}>${esc(clock(v.at))} via ${esc(v.channel)}${v.authenticated ? ' · signed in' : ''}</span></li>`).join('')}</ul>`
    : '';
  const outcome = {
    Approved: 'Approved: the step went ahead.',
    Rejected: 'Rejected: the migration stopped at this gate.',
    Closed: 'Closed without a decision: the gate expired or the migration moved on. Nothing more can be voted here.',
  }[p.status] || '';
  const buttons = open ? `
    <div class="card-actions">
      <button type="button" class="approve${p.dangerous ? ' danger' : ''}" data-vote="approve" data-key="${esc(p.key)}" ${ctx.canAct ? '' : 'disabled'}>Approve</button>
      <button type="button" class="reject" data-vote="reject" data-key="${esc(p.key)}" ${ctx.canAct ? '' : 'disabled'}>Reject</button>
      <span class="muted">${approvals} of ${p.requiredApprovals} approval${p.requiredApprovals === 1 ? '' : 's'}${p.requesterMayVote ? '' : ' · not the requester'}</span>
    </div>` : `<p class="card-outcome">${esc(outcome)}</p>`;
  return `
  <article class="card card-${open ? 'open' : esc(p.status.toLowerCase())}${p.dangerous ? ' card-dangerous' : ''}" data-testid="proposal" data-key="${esc(p.key)}" data-status="${esc(p.status)}" data-gate="${esc(p.gate)}" data-phase="${p.phase}">
    <header>
      <span class="risk risk-${esc(p.risk.toLowerCase())}">${esc(riskLabel[p.risk] || p.risk)}</span>
      <span class="card-where">Phase ${p.phase} · ${esc(p.target)}</span>
      <span class="card-status">${open ? 'Waiting for you' : esc(p.status)}</span>
    </header>
    <h3>${esc(p.title)}</h3>
    <dl>
      ${p.whatHappens ? `<dt>What happens</dt><dd>${esc(p.whatHappens)}</dd>` : ''}
      <dt>On</dt><dd>${esc(p.target)}</dd>
      ${p.whyRisky ? `<dt>Why it is risky</dt><dd>${esc(p.whyRisky)}</dd>` : ''}
      ${p.check ? `<dt>Please check</dt><dd>${esc(p.check)}</dd>` : ''}
      ${p.facts && p.facts.length ? `<dt>What you approve (snapshot ${esc(p.snapshotHash)})</dt><dd><ul class="snapshot-facts" data-testid="snapshot-facts">${p.facts.map(f => `<li>${esc(f.name)}: ${esc(f.value)}</li>`).join('')}</ul></dd>` : ''}
    </dl>
    ${votes}
    ${buttons}
    <p class="card-message" data-testid="card-message" hidden></p>
  </article>`;
}

function stepRow(step, ctx) {
  const expanded = ctx.expanded.has(`${step.phase}.${step.name}`);
  const finished = step.finishedAt;
  const jobs = step.jobs.filter(j => j.jobId).map(j => `<span class="job" title="${esc(j.description)}">job ${esc(j.jobId)}</span>`).join('');
  const gated = step.approval.required > 0;
  const votes = step.approval.votes.filter(v => v.gate === step.approval.gate || v.gate === step.name);
  const voteText = votes.map(v => `${v.decision === 'approve' ? '✓' : '✗'} ${v.user}`).join(', ');
  const gateText = voteText || `${step.approval.required} approver${step.approval.required === 1 ? '' : 's'}`;
  const details = expanded ? `
    <div class="step-details">
      <p>${esc(step.whatHappens)}</p>
      ${step.message ? `<p class="step-message">${esc(step.message)}</p>` : ''}
      ${step.jobs.length ? `<table class="jobs"><thead><tr><th>Oracle VM job</th><th>What</th><th>Status</th></tr></thead><tbody>${step.jobs.map(j => `<tr><td><code>${esc(j.jobId || '—')}</code></td><td>${esc(j.description)}${j.error ? `<div class="error">${esc(j.error)}</div>` : ''}</td><td>${esc(j.status)}</td></tr>`).join('')}</tbody></table>` : ''}
      ${votes.length ? `<p class="muted">Votes: ${votes.map(v => `${esc(v.user)} ${v.decision}d at ${esc(clock(v.at))}${v.reason ? ` (“${esc(v.reason)}”)` : ''}`).join('; ')}</p>` : ''}
    </div>` : '';
  const output = (step.output.length && (expanded || step.status === 'Running'))
    ? `<pre class="output" data-output="${step.phase}.${esc(step.name)}" data-testid="step-output">${esc(step.output.join('\n'))}</pre>` : '';
  return `
  <li class="step tone-${tone(step.status)}${expanded ? ' expanded' : ''}" data-step="${step.phase}.${esc(step.name)}" data-status="${esc(step.status)}" data-testid="step">
    <button type="button" class="step-line" data-toggle="${step.phase}.${esc(step.name)}" aria-expanded="${expanded}">
      <span class="dot" aria-hidden="true"></span>
      <span class="step-title">${esc(step.title)}</span>
      <span class="step-touches">${esc(step.touches)}</span>
      ${gated ? `<span class="gate" title="Gate: ${esc(words(step.approval.policy))}${voteText ? ` · ${esc(voteText)}` : ''}">${esc(gateText)}</span>` : '<span></span>'}
      <span class="jobs-inline">${jobs}</span>
      <span class="step-status">${esc(stepStatus[step.status] || words(step.status))}</span>
      <span class="step-time" ${step.startedAt && !finished ? `data-since="${esc(step.startedAt)}"` : ''}>${esc(duration(step.startedAt, finished))}</span>
    </button>
    ${details}${output}
  </li>`;
}

export function diffTable(phase) {
  if (!phase.diff) return '';
  const d = phase.diff;
  const rows = d.differences.map(x => `<tr class="diff-row"><td>${esc(words(x.kind))}</td><td>${esc(x.objectType)}</td><td>${esc(x.name)}</td><td><code>${esc(x.id)}</code></td><td>${esc(x.detail)}</td></tr>`).join('');
  return `
  <div class="diff" data-testid="diff-phase-${phase.phase}">
    <h4>Inventory after rediscovery <span class="muted">${d.recordedCount} recorded · ${d.seenCount} seen again</span></h4>
    <table class="diff-table" data-testid="diff-table">
      <thead><tr><th>Difference</th><th>Type</th><th>Name</th><th>Id</th><th>Detail</th></tr></thead>
      <tbody>${rows || '<tr class="diff-none"><td colspan="5">No differences: everything the old manager saw, the new one sees.</td></tr>'}</tbody>
    </table>
  </div>`;
}

export function phaseTimeline(m, phaseNumber, ctx) {
  const phase = m.phases.find(p => p.phase === phaseNumber);
  const steps = m.steps.filter(s => s.phase === phaseNumber);
  const done = steps.filter(s => s.status === 'Succeeded' || s.status === 'Skipped').length;
  const title = phase ? `Phase ${phaseNumber}: ${esc(phase.target)}'s manager moves into an HA VM in ${esc(phase.hosting)}` : `Phase ${phaseNumber}`;
  const facts = phase ? [
    phase.oldManagerUuid ? `UUID <code>${esc(phase.oldManagerUuid)}</code>` : '',
    phase.newVmId ? `new VM <code>${esc(phase.newVmId)}</code>` : '',
  ].filter(Boolean).join(' · ') : '';
  const warnings = phase && phase.warnings.length ? `<ul class="warnings">${phase.warnings.map(w => `<li>${esc(w)}</li>`).join('')}</ul>` : '';
  return `
  <section class="phase${m.phase === phaseNumber ? ' phase-current' : ''}" data-testid="phase-${phaseNumber}">
    <header><h2>${title}</h2><span class="muted">${done} of ${steps.length} steps done${facts ? ` · ${facts}` : ''}</span></header>
    ${warnings}
    <ol class="timeline">${steps.map(s => stepRow(s, ctx)).join('')}</ol>
    ${phase ? diffTable(phase) : ''}
  </section>`;
}
