// Draws the host's Mermaid stateDiagram-v2 text as SVG, locally (no Mermaid library, no CDN).
// Understands what the host emits: "A --> B : Trigger [guard]", "state X <<choice>>",
// "[*] --> Initial" and "class X current". States are laid out in columns by distance from the
// initial state; states with no way out (the ends) share the last column.

const NODE_W = 150, NODE_H = 34, COL_GAP = 70, ROW_GAP = 22, PAD = 16;
const svgNs = 'http://www.w3.org/2000/svg';

export function parseMermaid(text) {
  const edges = [], choices = new Set(), states = new Set();
  let initial = null, current = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    let m;
    if ((m = line.match(/^state\s+(\w+)\s+<<choice>>$/))) { choices.add(m[1]); states.add(m[1]); }
    else if ((m = line.match(/^\[\*\]\s*-->\s*(\w+)/))) { initial = m[1]; states.add(m[1]); }
    else if ((m = line.match(/^(\w+)\s*-->\s*(\w+)\s*(?::\s*(.*))?$/))) {
      const label = (m[3] || '').trim();
      const guard = label.match(/\[(.*)\]$/);
      edges.push({ from: m[1], to: m[2], trigger: label.replace(/\s*\[.*\]$/, ''), guard: guard ? guard[1] : null });
      states.add(m[1]); states.add(m[2]);
    }
    else if ((m = line.match(/^class\s+(\w+)\s+current$/))) { current = m[1]; }
  }
  return { edges, choices, states: [...states], initial, current };
}

function layout(graph) {
  const out = new Map(graph.states.map(s => [s, []]));
  graph.edges.forEach(e => out.get(e.from).push(e.to));
  const start = graph.edges.length ? graph.edges[0].from : graph.initial;
  const rank = new Map([[start, 0]]);
  const queue = [start];
  while (queue.length) {
    const s = queue.shift();
    for (const t of out.get(s) || []) {
      if (!rank.has(t)) { rank.set(t, rank.get(s) + 1); queue.push(t); }
    }
  }
  const ends = graph.states.filter(s => !graph.choices.has(s) && (out.get(s) || []).length === 0);
  const maxRank = Math.max(0, ...[...rank.entries()].filter(([s]) => !ends.includes(s)).map(([, r]) => r));
  graph.states.forEach(s => { if (ends.includes(s) || !rank.has(s)) rank.set(s, maxRank + 1); });
  const columns = [];
  graph.states.forEach(s => { (columns[rank.get(s)] ||= []).push(s); });
  const pos = new Map();
  const tallest = Math.max(...columns.map(c => (c || []).length));
  columns.forEach((column, c) => (column || []).forEach((s, r) => {
    const offset = (tallest - column.length) * (NODE_H + ROW_GAP) / 2;
    pos.set(s, { x: PAD + c * (NODE_W + COL_GAP), y: PAD + offset + r * (NODE_H + ROW_GAP) });
  }));
  return { pos, width: PAD * 2 + columns.length * NODE_W + (columns.length - 1) * COL_GAP, height: PAD * 2 + tallest * (NODE_H + ROW_GAP) - ROW_GAP };
}

function el(name, attrs, text) {
  const node = document.createElementNS(svgNs, name);
  Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Returns an SVG element; `highlight` (the run's state) wins over the graph's own class line. */
export function renderStateGraph(text, highlight) {
  const graph = parseMermaid(text);
  const current = highlight || graph.current || graph.initial;
  const { pos, width, height } = layout(graph);
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, class: 'state-graph', role: 'img', 'aria-label': `Runbook state machine, current state ${current}` });
  const defs = el('defs', {});
  const marker = el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
  marker.append(el('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrowhead' }));
  defs.append(marker);
  svg.append(defs);

  const center = s => ({ x: pos.get(s).x + NODE_W / 2, y: pos.get(s).y + NODE_H / 2 });
  for (const e of graph.edges) {
    const a = pos.get(e.from), b = pos.get(e.to);
    const from = center(e.from), to = center(e.to);
    let d;
    if (b.x > a.x) {
      const x1 = a.x + NODE_W, x2 = b.x - (graph.choices.has(e.to) ? (NODE_W / 2 - 12) : 0);
      d = `M${x1},${from.y} C${x1 + COL_GAP / 2},${from.y} ${x2 - COL_GAP / 2},${to.y} ${x2},${to.y}`;
    } else if (b.x < a.x) {
      const lift = Math.min(a.y, b.y) - 10;
      d = `M${from.x},${a.y} C${from.x},${lift - 30} ${to.x},${lift - 30} ${to.x},${b.y}`;
    } else {
      const dir = b.y > a.y ? 1 : -1;
      d = `M${a.x + NODE_W},${from.y} C${a.x + NODE_W + 30},${from.y} ${b.x + NODE_W + 30},${to.y} ${b.x + NODE_W},${to.y + dir * 0}`;
    }
    const path = el('path', { d, class: `edge${e.from === current ? ' edge-out' : ''}`, 'marker-end': 'url(#arrow)' });
    path.append(el('title', {}, `${e.from} → ${e.to}: ${e.trigger}${e.guard ? ` (only if ${e.guard})` : ''}`));
    svg.append(path);
  }
  for (const s of graph.states) {
    const { x, y } = pos.get(s);
    const g = el('g', { class: `node${s === current ? ' current' : ''}${graph.choices.has(s) ? ' choice' : ''}`, 'data-state': s });
    if (graph.choices.has(s)) {
      const cx = x + NODE_W / 2, cy = y + NODE_H / 2;
      g.append(el('path', { d: `M${cx},${cy - 12} L${cx + 12},${cy} L${cx},${cy + 12} L${cx - 12},${cy} z` }));
      g.append(el('title', {}, `${s}: the next step, or the end of the run`));
    } else {
      g.append(el('rect', { x, y, width: NODE_W, height: NODE_H, rx: 8 }));
      g.append(el('text', { x: x + NODE_W / 2, y: y + NODE_H / 2 + 4, 'text-anchor': 'middle' }, s.replace(/([a-z])([A-Z])/g, '$1 $2')));
    }
    svg.append(g);
  }
  return svg;
}
