// The page's frame on small and large screens: the migrations-and-chat drawer on a phone, and the
// "jump to decision" shortcut (key d, or the first Tab stop) that puts the focus on Approve.

export function jumpToDecision() {
  const target = document.querySelector('#decision [data-vote=approve]') || document.getElementById('decision') || document.getElementById('main');
  target.focus();
  target.scrollIntoView({ block: 'center' });
}

export function closeDrawer() {
  document.body.classList.remove('drawer-open');
  document.getElementById('drawer-toggle').setAttribute('aria-expanded', 'false');
}

export function wireLayout() {
  document.getElementById('skip-decision').addEventListener('click', e => { e.preventDefault(); jumpToDecision(); });
  document.addEventListener('keydown', e => {
    // Never while typing a command or a reason, or inside a dialog.
    const typing = e.target.closest('input, textarea, select, [contenteditable]') || document.querySelector('dialog[open]');
    if (e.key === 'd' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) { e.preventDefault(); jumpToDecision(); }
    if (e.key === 'Escape' && document.body.classList.contains('drawer-open')) closeDrawer();
  });
  const toggle = document.getElementById('drawer-toggle');
  toggle.addEventListener('click', () => {
    const open = document.body.classList.toggle('drawer-open');
    toggle.setAttribute('aria-expanded', String(open));
    if (open) document.getElementById('migration-list').querySelector('button')?.focus();
  });
}
