// An error shown where the worker will look for it: the core names the field it refused, and
// its sentence goes right after that field's input, is announced to screen readers, and takes
// the focus there. An error that names no field on the form goes to the form's own error line.
// The settings, first-run, people and summary screens share this; the words are always the
// core's (or the catalogue's), never composed here.
import { emit } from './html.js';

/** Removes every message `form` shows and the marks on its inputs. */
export function clearErrors(form) {
  for (const el of form.querySelectorAll('.field-error')) el.remove();
  for (const el of form.querySelectorAll('[aria-invalid]')) {
    el.removeAttribute('aria-invalid');
    const ids = (el.getAttribute('aria-describedby') || '').split(' ').filter((i) => i && !i.startsWith('err-'));
    if (ids.length) el.setAttribute('aria-describedby', ids.join(' ')); else el.removeAttribute('aria-describedby');
  }
  const line = form.querySelector('.error');
  if (line) line.textContent = '';
}

/**
 * Shows `message` after the input named `name` in `form`, marks the input invalid, points its
 * description at the message and focuses it (selecting what was typed, to type over). Without
 * such an input the message goes to the form's `.error` line. Any earlier toast goes, so a
 * stale "saved" never sits beside a refusal.
 */
export function showError(form, name, message) {
  clearErrors(form);
  emit(form, 'toast-clear');
  const input = name ? form.querySelector(`[name="${CSS.escape(name)}"]`) : null;
  if (!input) {
    const line = form.querySelector('.error');
    if (line) line.textContent = message;
    return;
  }
  const note = document.createElement('p');
  // `error` too, so the message reads like the form's own error line.
  note.className = 'error field-error';
  note.id = `err-${input.id || name}`;
  note.setAttribute('role', 'alert');
  note.textContent = message;
  input.after(note);
  input.setAttribute('aria-invalid', 'true');
  const ids = (input.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
  input.setAttribute('aria-describedby', [note.id, ...ids].join(' '));
  input.focus();
  if (typeof input.select === 'function' && input.type !== 'number') input.select();
}
