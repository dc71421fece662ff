// A readable picture of the runbook state machine (issue 15: the graph was 653×161 px of tangled arrows):
// the states in three lanes read left to right — the run's way through each step of phase 1 then phase 2,
// the stops, and the rollback — with the current state highlighted and, in words, where it can go from here.
// The complete graph stays one click away (stategraph.js).
import { esc, statusLabel } from './format.js';
import { parseMermaid, renderStateGraph } from './stategraph.js';

const LANES = [
  { name: 'Each step, phase 1 then phase 2', flow: true, states: ['Queued', 'Ready', 'AwaitingApproval', 'Running', 'AwaitingAcknowledgement', 'Completed'] },
  { name: 'Stops', states: ['Paused', 'Failed', 'Rejected', 'Aborted'] },
  { name: 'Rollback', flow: true, states: ['RollbackPending', 'RollingBack', 'RolledBack'] },
];

function lane(lane, graph, current) {
  const states = lane.states.filter(s => graph.states.includes(s));
  if (!states.length) return '';
  return `<li class="lane${lane.flow ? ' lane-flow' : ''}"><span class="lane-name">${esc(lane.name)}</span><ol class="lane-states">${states.map(s =>
    `<li class="state-box${s === current ? ' current' : ''}" data-state="${esc(s)}"${s === current ? ' aria-current="step"' : ''}>${esc(statusLabel(s))}</li>`).join('')}</ol></li>`;
}

/** Where the current state leads: "Approve → Running", with the guard in words. */
function exits(graph, current) {
  const ways = graph.edges.filter(e => e.from === current && !graph.choices.has(e.to));
  const viaChoice = graph.edges.filter(e => e.from === current && graph.choices.has(e.to))
    .flatMap(e => graph.edges.filter(x => x.from === e.to).map(x => ({ ...x, trigger: e.trigger })));
  const all = [...ways, ...viaChoice];
  if (!all.length) return '<p class="exits">This is an end state: the run goes nowhere from here.</p>';
  return `<p class="exits">From ${esc(statusLabel(current))}: ${all.map(e =>
    `${esc(e.trigger.replace(/([a-z])([A-Z])/g, '$1 $2'))} → <b>${esc(statusLabel(e.to))}</b>${e.guard ? ` (if ${esc(e.guard)})` : ''}`).join('; ')}.</p>`;
}

/** Fills `container` (the #graph element) from the host's Mermaid text. */
export function drawStatePicture(container, text, current) {
  const graph = parseMermaid(text);
  const listed = new Set(LANES.flatMap(l => l.states));
  const others = graph.states.filter(s => !listed.has(s) && !graph.choices.has(s));
  const lanes = [...LANES, ...(others.length ? [{ name: 'Other', states: others }] : [])];
  container.innerHTML = `<ol class="state-picture" aria-label="Runbook states, current: ${esc(statusLabel(current))}">${lanes.map(l => lane(l, graph, current)).join('')}</ol>
    ${exits(graph, current)}
    <details class="full-graph"><summary>Every transition (graph)</summary></details>`;
  container.querySelector('details').append(renderStateGraph(text, current));
}
