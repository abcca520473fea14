// The `filter=` expression of a list request: a small boolean language over an item's
// category, price, stock and attributes, compiled once into a test. The grammar (README):
//
//   expr       := term ("OR" term)*
//   term       := factor ("AND" factor)*
//   factor     := "NOT" factor | "(" expr ")" | comparison
//   comparison := field op value | field "IN" "(" value ("," value)* ")"
//   field      := "category" | "price" | "stock" | "attributes." name
//   op         := "=" | "!=" | "<" | "<=" | ">" | ">="
//   value      := "string" | 'string' | number | true | false
//
// Keywords are case-insensitive. A comparison with a missing value (no price, no such
// attribute) is false, and so is one between a number and a string; NOT negates that.
// A syntax error names what was found and its position (1-based).

/** The facets of one item a filter reads. */
export interface ItemFacets {
  category: string | null;
  price: number | null;
  stock: number | null;
  attributes(): Record<string, unknown>;
}

export type ItemTest = (item: ItemFacets) => boolean;

export interface FilterExpression {
  text: string;
  test: ItemTest;
  /** Whether it reads attributes (which are parsed only for such filters). */
  readsAttributes: boolean;
}

export class FilterSyntaxError extends Error {}

type Token = { kind: "word" | "string" | "number" | "op" | "punct"; text: string; value?: string | number; at: number };
type Value = string | number | boolean;

const TOKEN = /\s*(?:("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|(!=|<=|>=|=|<|>)|([(),])|([A-Za-z_][A-Za-z0-9_.]*))/y;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const start = TOKEN.lastIndex;
    if (/^\s*$/.test(text.slice(start))) break;
    const m = TOKEN.exec(text);
    if (!m) {
      const at = start + (text.slice(start).length - text.slice(start).trimStart().length);
      throw new FilterSyntaxError(`unexpected character '${text[at]}' at position ${at + 1}`);
    }
    const at = m.index + m[0].length - m[0].trimStart().length;
    if (m[1]) tokens.push({ kind: "string", text: m[1], value: m[1].slice(1, -1).replace(/\\(.)/g, "$1"), at });
    else if (m[2]) tokens.push({ kind: "number", text: m[2], value: Number(m[2]), at });
    else if (m[3]) tokens.push({ kind: "op", text: m[3], at });
    else if (m[4]) tokens.push({ kind: "punct", text: m[4], at });
    else tokens.push({ kind: "word", text: m[5], at });
  }
  return tokens;
}

export function parseFilter(text: string): FilterExpression {
  const tokens = tokenize(text);
  let p = 0;
  let readsAttributes = false;
  const peek = () => tokens[p];
  const fail = (what: string): never => {
    const t = tokens[p];
    throw new FilterSyntaxError(t ? `expected ${what}, found '${t.text}' at position ${t.at + 1}` : `expected ${what} at the end`);
  };
  const keyword = (word: string) => peek()?.kind === "word" && peek().text.toUpperCase() === word;
  const punct = (c: string) => peek()?.kind === "punct" && peek().text === c;

  /** next (word next)*: every part must hold (AND) or any (OR). */
  const chain = (word: string, next: () => ItemTest, every: boolean): ItemTest => {
    const parts = [next()];
    while (keyword(word)) {
      p++;
      parts.push(next());
    }
    if (parts.length === 1) return parts[0];
    return every ? (item) => parts.every((t) => t(item)) : (item) => parts.some((t) => t(item));
  };
  const expr = (): ItemTest => chain("OR", term, false);
  const term = (): ItemTest => chain("AND", factor, true);
  const factor = (): ItemTest => {
    if (keyword("NOT")) {
      p++;
      const inner = factor();
      return (item) => !inner(item);
    }
    if (punct("(")) {
      p++;
      const inner = expr();
      if (!punct(")")) fail("')'");
      p++;
      return inner;
    }
    return comparison();
  };
  const value = (): Value => {
    const t = peek();
    if (t?.kind === "string" || t?.kind === "number") {
      p++;
      return t.value!;
    }
    if (t?.kind === "word" && /^(true|false)$/i.test(t.text)) {
      p++;
      return t.text.toLowerCase() === "true";
    }
    return fail("a value (a quoted string, a number, true or false)");
  };
  const comparison = (): ItemTest => {
    const t = peek();
    if (t?.kind !== "word") return fail("a field (category, price, stock or attributes.NAME)");
    const read = field(t);
    p++;
    if (keyword("IN")) {
      p++;
      if (!punct("(")) fail("'('");
      p++;
      const values = [value()];
      while (punct(",")) {
        p++;
        values.push(value());
      }
      if (!punct(")")) fail("')' or ','");
      p++;
      return (item) => {
        const v = read(item);
        return v !== undefined && values.some((x) => x === v);
      };
    }
    const op = peek();
    if (op?.kind !== "op") return fail("an operator (=, !=, <, <=, >, >=) or IN");
    p++;
    const right = value();
    return compare(read, op.text, right);
  };
  const field = (t: Token): ((item: ItemFacets) => Value | undefined) => {
    const name = t.text.toLowerCase();
    if (name === "category") return (item) => item.category ?? undefined;
    if (name === "price") return (item) => item.price ?? undefined;
    if (name === "stock") return (item) => item.stock ?? undefined;
    if (name.startsWith("attributes.") && NAME.test(t.text.slice("attributes.".length))) {
      readsAttributes = true;
      const key = t.text.slice("attributes.".length);
      return (item) => {
        const v = item.attributes()[key];
        return typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : undefined;
      };
    }
    throw new FilterSyntaxError(`unknown field '${t.text}' at position ${t.at + 1}: use category, price, stock or attributes.NAME`);
  };

  if (tokens.length === 0) throw new FilterSyntaxError("the filter is empty");
  const test = expr();
  if (p < tokens.length) fail("AND, OR or the end");
  return { text, test, readsAttributes };
}

function compare(read: (item: ItemFacets) => Value | undefined, op: string, right: Value): ItemTest {
  return (item) => {
    const left = read(item);
    if (left === undefined || typeof left !== typeof right) return false;
    switch (op) {
      case "=": return left === right;
      case "!=": return left !== right;
      case "<": return left < right;
      case "<=": return left <= right;
      case ">": return left > right;
      default: return left >= right;
    }
  };
}
