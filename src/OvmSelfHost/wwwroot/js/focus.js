// Keeps the keyboard focus through updates: a control is found again by what it does (its vote, action or
// toggle, within its card), and one that is gone (a decided card) hands the focus to the decision rail.
const focusAttributes = ['data-vote', 'data-action', 'data-toggle', 'data-link-confirm', 'data-link-signin'];
export function focusKey(el) {
  if (!el || !document.getElementById('main').contains(el)) return null;
  if (el === document.getElementById('main') || el.id === 'decision') return `#${el.id}`;
  const attr = focusAttributes.find(a => el.hasAttribute(a));
  if (!attr) return null;
  const card = el.closest('[data-key]');
  return `${card && card.dataset.key ? `[data-key="${CSS.escape(card.dataset.key)}"] ` : ''}[${attr}="${CSS.escape(el.getAttribute(attr))}"]`;
}

export function restoreFocus(key) {
  const el = document.querySelector(key) || (key.includes('data-vote') ? document.getElementById('decision') : null);
  if (el) el.focus({ preventScroll: true });
}
