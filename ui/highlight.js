// Marks what a search matched. The core says where, as UTF-16 ranges of each field it matched
// (JavaScript indexes strings the same way), so matching lives in one place: here the ranges
// are only wrapped in <mark>, through the escaping `html` helper.
import { html } from './html.js';

/** `text` as safe markup with each `[start, end)` of `ranges` in <mark>; ranges past `text`'s
 * end (a summary cut short) are clipped. */
export function highlight(text, ranges) {
  if (!text || !ranges || ranges.length === 0) return html`${text}`;
  const parts = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start >= text.length) break;
    if (start > at) parts.push(html`${text.slice(at, start)}`);
    parts.push(html`<mark>${text.slice(start, Math.min(end, text.length))}</mark>`);
    at = Math.min(end, text.length);
  }
  if (at < text.length) parts.push(html`${text.slice(at)}`);
  return html`${parts}`;
}
