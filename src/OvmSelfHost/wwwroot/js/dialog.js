// A confirmation dialog (native <dialog>): resolves { ok, reason }.
const $ = id => document.getElementById(id);

export function ask({ title, body, ok, reason = false }) {
  const dialog = $('confirm');
  $('confirm-title').textContent = title;
  $('confirm-body').innerHTML = body.startsWith('<') ? body : `<p>${body.replace(/[&<>]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' }[c]))}</p>`;
  $('confirm-ok').textContent = ok;
  $('confirm-reason-label').hidden = !reason;
  const text = $('confirm-reason');
  text.value = '';
  text.required = reason;
  return new Promise(resolve => {
    const done = answer => {
      dialog.removeEventListener('close', onClose);
      $('confirm-cancel').onclick = null;
      resolve(answer);
    };
    const onClose = () => done({ ok: dialog.returnValue === 'ok', reason: text.value.trim() || null });
    dialog.addEventListener('close', onClose);
    $('confirm-cancel').onclick = () => dialog.close('cancel');
    dialog.returnValue = '';
    dialog.showModal();
    (reason ? text : $('confirm-ok')).focus();
  });
}
