// A supervision summary as it reads on screen: the worker's preview of exactly what will leave,
// a summary a supervisor opened, or a team overview. It draws the core's report model (`report`:
// every sentence, label, week and number already in words, the same model the HTML report file
// is drawn from) and adds no words of its own.
import { html, render } from '../html.js';

function cell(c) {
  return c.withheld ? html`<span class="withheld">${c.text}</span>` : c.text;
}

// A count's bar, hidden from screen readers, which read the count beside it.
function bar(c) {
  if (c.bar === undefined || c.bar === null) return '';
  return html`<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true"><rect width="${(c.bar * 100).toFixed(1)}" height="10"></rect></svg>`;
}

function row(table, r) {
  return html`<tr><th scope="row">${r.head}</th>${r.cells.map((c) => html`<td>${cell(c)}</td>`)}
    ${table.bars ? html`<td class="bar-cell">${r.cells[0] ? bar(r.cells[0]) : ''}</td>` : ''}</tr>`;
}

function table(t) {
  return html`<table class="dist">
    <caption>${t.caption}</caption>
    <thead><tr>${t.columns.map((c) => html`<th scope="col">${c}</th>`)}${t.bars ? html`<th aria-hidden="true"></th>` : ''}</tr></thead>
    <tbody>${t.rows.map((r) => row(t, r))}</tbody>
    ${t.total ? html`<tfoot>${row(t, t.total)}</tfoot>` : ''}
  </table>`;
}

function block(b) {
  switch (b.type) {
    case 'note':
      return html`<p class="empty">${b.text}</p>`;
    case 'figure':
      return html`<p>${b.label}: ${cell(b.value)}</p>`;
    case 'agenda':
      return html`<ul class="agenda">${b.items.map((a) => html`<li>
        <strong>${a.title}</strong> <span class="week">${a.week}</span>
        ${a.text ? html`<p class="entry-text">${a.text}</p>` : ''}</li>`)}</ul>`;
    case 'table':
      return table(b);
    case 'quotes':
      return b.items.map((q) => html`<blockquote class="narrative">
        <p class="meta">${q.meta}</p><p class="entry-text">${q.text}</p></blockquote>`);
    default:
      return '';
  }
}

export class TandemSummaryView extends HTMLElement {
  connectedCallback() {
    this.draw();
  }

  disconnectedCallback() {
    this.report = null;
  }

  draw() {
    const r = this.report;
    if (!r) return render(this, html``);
    render(this, html`<article class="summary-view" lang="${r.lang}" aria-label="${this.heading || r.title}">
      ${this.untitled ? '' : html`<h3>${r.title}</h3>`}
      <p class="period">${r.period}</p>
      <div class="statement">${r.statement.heading ? html`<h4>${r.statement.heading}</h4>` : ''}
        <ul>${r.statement.lines.map((line) => html`<li>${line}</li>`)}</ul></div>
      ${r.sections.map((s) => html`<section><h4>${s.heading}</h4>${s.blocks.map(block)}</section>`)}
    </article>`);
    return undefined;
  }
}
