// A few helpers to build the pages' DOM without a framework. Text is always set as text.

/** h("td.num", {title: "…"}, "12") */
export function h(tag, attrs = {}, ...children) {
  const [name, ...classes] = tag.split(".");
  const el = document.createElement(name);
  if (classes.length) el.className = classes.join(" ");
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) if (c !== undefined && c !== null) el.append(c instanceof Node ? c : String(c));
  return el;
}

export const card = (label, value, id) => h("div.card", {}, h("div.label", {}, label), h("div.value", { "data-figure": id }, value));

/** A table of rows: columns are [heading, (row) => cell, numeric?]. */
export function table(columns, rows) {
  return h("table", {},
    h("thead", {}, h("tr", {}, columns.map(([name, , num]) => h(num ? "th.num" : "th", {}, name)))),
    h("tbody", {}, rows.map((r) => h("tr", {}, columns.map(([, cell, num]) => h(num ? "td.num" : "td", {}, cell(r)))))));
}

export const fmt = (n, digits = 0) => (typeof n === "number" ? n.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits }) : "–");

export function age(seconds) {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} days`;
}
