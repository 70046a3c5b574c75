// Marks what a search matched, the way the core matches: each word of the query (or "quoted
// phrase") as the start of a word, ignoring case and accents. Works on a folded copy of the text
// with a map back to the original characters, so the marks land on what the worker wrote.
import { html } from './html.js';

function fold(ch) {
  return ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The query's terms, folded: words and quoted phrases. */
export function terms(query) {
  const out = [];
  const re = /"([^"]+)"|(\S+)/g;
  let m;
  while ((m = re.exec(query)) !== null) {
    const term = Array.from(m[1] ?? m[2]).map(fold).join('').trim();
    if (term) out.push(term);
  }
  return out;
}

const wordChar = /[\p{L}\p{N}]/u;

/** `text` as safe markup with every match of `query` in <mark>. */
export function highlight(text, query) {
  const found = query ? terms(query) : [];
  if (!text || found.length === 0) return html`${text}`;
  const chars = Array.from(text);
  let folded = '';
  const origin = []; // origin[i] = index in chars of folded[i]
  chars.forEach((ch, i) => {
    const f = fold(ch);
    for (let k = 0; k < f.length; k++) origin.push(i);
    folded += f;
  });
  const marked = new Array(chars.length).fill(false);
  for (const term of found) {
    let at = folded.indexOf(term);
    while (at !== -1) {
      if (at === 0 || !wordChar.test(folded[at - 1])) {
        for (let k = at; k < at + term.length; k++) marked[origin[k]] = true;
      }
      at = folded.indexOf(term, at + 1);
    }
  }
  const parts = [];
  let run = '';
  let inMark = false;
  chars.forEach((ch, i) => {
    if (marked[i] !== inMark) {
      if (run) parts.push(inMark ? html`<mark>${run}</mark>` : html`${run}`);
      run = '';
      inMark = marked[i];
    }
    run += ch;
  });
  if (run) parts.push(inMark ? html`<mark>${run}</mark>` : html`${run}`);
  return html`${parts}`;
}
