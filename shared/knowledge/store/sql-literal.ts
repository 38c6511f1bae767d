/** A SQL string literal for LanceDB filters: quotes doubled, so no value can end the literal. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** `'a', 'b'` for an `IN (…)` list. */
export function sqlStringList(values: readonly string[]): string {
  return values.map(sqlString).join(", ");
}
