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

// A count's bar sits in its own cell, after the number screen readers read.
function row(r) {
  return html`<tr><th scope="row">${r.head}</th>${r.cells.map((c) => html`<td>${cell(c)}${bar(c)}</td>`)}</tr>`;
}

function table(t) {
  return html`<table class="dist">
    <caption>${t.caption}</caption>
    <thead><tr>${t.columns.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>
    <tbody>${t.rows.map(row)}</tbody>
    ${t.total ? html`<tfoot>${row(t.total)}</tfoot>` : ''}
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
    // The report's title sits one level under the page's heading above it (`level`); a view
    // whose place already names it (`untitled`) starts its sections there instead.
    const level = Number(this.level) || 3;
    const sub = this.untitled ? level : level + 1;
    render(this, html`<article class="summary-view" lang="${r.lang}" aria-label="${this.heading || r.title}">
      ${this.untitled ? '' : html`<h${level}>${r.title}</h${level}>`}
      <p class="period">${r.period}</p>
      <div class="statement">${r.statement.heading ? html`<h${sub}>${r.statement.heading}</h${sub}>` : ''}
        <ul>${r.statement.lines.map((line) => html`<li>${line}</li>`)}</ul></div>
      ${r.sections.map((s) => html`<section><h${sub}>${s.heading}</h${sub}>${s.blocks.map(block)}</section>`)}
    </article>`);
    return undefined;
  }
}
