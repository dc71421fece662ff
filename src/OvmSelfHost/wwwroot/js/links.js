// A chat approval link opened in the console: what it approves and for whom, as HTML.
import { esc, words, stamp } from './format.js';

/** The panel for a chat approval link (?link=…): whose link, which gate, and the one button that fits the sign-in. */
export function linkPanel(l) {
  if (!l) return '';
  if (l.error) return `<section class="panel link-panel" data-testid="link-panel"><p class="error">${esc(l.error)}</p></section>`;
  const who = !l.signedInAs ? 'Sign in to confirm.' : l.signedInAs.toLowerCase() !== l.person.toLowerCase()
    ? `You are signed in as ${esc(l.signedInAs)}, but this link is for ${esc(l.person)}.` : '';
  const button = l.signedInAs && l.fresh && !who
    ? `<button type="button" class="approve danger" data-link-confirm data-testid="confirm-link">Confirm: approve as ${esc(l.signedInAs)}</button>`
    : `<button type="button" class="approve" data-link-signin data-testid="link-sign-in">Sign in again to confirm</button>`;
  return `<section class="panel link-panel" data-testid="link-panel">
    <h2>Approve ${esc(words(l.gate))} from ${esc(l.channel)}</h2>
    <p>Link for <b>${esc(l.person)}</b>: approve gate <b>${esc(l.gate)}</b> of phase ${l.phase} (opening ${l.round}). It expires at ${esc(stamp(l.expiresAt))} and counts once.</p>
    ${who ? `<p>${who}</p>` : ''}${l.signedInAs && !l.fresh ? '<p>This gate needs a fresh sign-in: sign in again at your identity provider.</p>' : ''}
    ${button}<p class="card-message" data-testid="link-message" hidden></p></section>`;
}
