// SQL shared with SQLite names its parameters (@name); node-postgres numbers them ($1).
/** `sql` with each @name replaced by its $n cast to its type (`type`, or `type(name)`), and the values in that order. */
export function numbered(sql: string, params: Record<string, unknown>, type: string | ((name: string) => string)): { sql: string; values: unknown[] } {
  const order: string[] = [];
  const text = sql.replace(/@(\w+)/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`no value for @${name}`);
    let n = order.indexOf(name);
    if (n < 0) n = order.push(name) - 1;
    return `$${n + 1}::${typeof type === "string" ? type : type(name)}`;
  });
  return { sql: text, values: order.map((name) => params[name]) };
}
