// Patches a container to new HTML in place: nodes that stay keep their identity, so a focused button,
// a scrolled output and a half-finished click survive an update (issue 15: a change rebuilt the page).
// Children are matched by key (id, data-key, data-step, data-testid) or else by position and tag.
// An element marked data-own has content drawn by someone else (the state picture): only its attributes are patched.

const keyOf = node => node.nodeType === 1
  ? node.id || node.getAttribute('data-key') || node.getAttribute('data-step') || node.getAttribute('data-testid') || ''
  : '';

export function patch(container, html) {
  const next = container.cloneNode(false);
  next.innerHTML = html;
  patchChildren(container, next);
}

function patchChildren(from, to) {
  const wanted = [...to.childNodes];
  for (let i = 0; i < wanted.length; i++) {
    const next = wanted[i];
    const current = from.childNodes[i];
    if (!current) { from.appendChild(next); continue; }
    if (same(current, next)) { patchNode(current, next); continue; }
    // A keyed node further on (a card that moved up) is brought here rather than drawn again.
    const key = keyOf(next);
    const later = key ? [...from.childNodes].slice(i + 1).find(n => keyOf(n) === key && same(n, next)) : null;
    if (later) { from.insertBefore(later, current); patchNode(later, next); } else { from.insertBefore(next, current); }
  }
  while (from.childNodes.length > wanted.length) from.lastChild.remove();
}

const same = (a, b) => a.nodeType === b.nodeType && a.nodeName === b.nodeName && keyOf(a) === keyOf(b);

function patchNode(current, next) {
  if (current.nodeType !== 1) {
    if (current.nodeValue !== next.nodeValue) current.nodeValue = next.nodeValue;
    return;
  }
  for (const { name } of [...current.attributes]) {
    if (!next.hasAttribute(name)) current.removeAttribute(name);
  }
  for (const { name, value } of [...next.attributes]) {
    if (current.getAttribute(name) !== value) current.setAttribute(name, value);
  }
  if ('disabled' in current) current.disabled = next.disabled;
  if (!current.hasAttribute('data-own')) patchChildren(current, next);
}
