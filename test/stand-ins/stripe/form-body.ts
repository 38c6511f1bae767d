/** A value from a Stripe form body: strings at the leaves (Stripe's own wire has no other types). */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };

/**
 * Reads `application/x-www-form-urlencoded` as Stripe does: `line_items[0][price]=p` becomes
 * `{ line_items: [{ price: "p" }] }`. Empty objects sent as `metadata=` read as "".
 */
export function parseFormBody(body: string): Record<string, FormValue> {
  const root: Record<string, FormValue> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = keyPath(key);
    let node: Record<string, FormValue> = root;
    path.forEach((part, index) => {
      if (index === path.length - 1) {
        node[part] = value;
        return;
      }
      const next = node[part];
      if (typeof next !== "object" || next === null || Array.isArray(next)) node[part] = {};
      node = node[part] as Record<string, FormValue>;
    });
  }
  return arraysOf(root) as Record<string, FormValue>;
}

function keyPath(key: string): string[] {
  const head = key.split("[", 1)[0] ?? key;
  const rest = [...key.slice(head.length).matchAll(/\[([^\]]*)\]/g)].map((match) => match[1] ?? "");
  return [head, ...rest];
}

/** Objects whose keys are 0..n-1 become arrays. */
function arraysOf(value: FormValue): FormValue {
  if (typeof value === "string" || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const converted = Object.fromEntries(keys.map((key) => [key, arraysOf(value[key] as FormValue)]));
  const indexed = keys.length > 0 && keys.every((key, index) => key === String(index));
  return indexed ? keys.map((key) => converted[key] as FormValue) : converted;
}

/** The string at `object[key]`, or undefined when it is absent or not a string. */
export function formString(object: FormValue | undefined, key: string): string | undefined {
  if (typeof object !== "object" || object === null || Array.isArray(object)) return undefined;
  const value = object[key];
  return typeof value === "string" ? value : undefined;
}

/** The nested object at `object[key]` (a Stripe hash parameter), or an empty one. */
export function formObject(object: FormValue | undefined, key: string): Record<string, FormValue> {
  if (typeof object !== "object" || object === null || Array.isArray(object)) return {};
  const value = object[key];
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value : {};
}

/** String leaves of a hash (metadata). */
export function stringMap(object: Record<string, FormValue>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(object).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
}
