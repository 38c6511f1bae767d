/** A value MLX-LM's YAML config holds: scalars, and one level of mapping (lora_parameters). */
export type ConfigValue = string | number | boolean | readonly string[] | { [key: string]: ConfigValue };

/**
 * Writes a config as YAML without a dependency: strings are double-quoted (JSON strings are valid
 * YAML), lists and mappings are block style, and floats always carry a dot and a signed exponent
 * (`1.0e-05`), the form PyYAML's YAML 1.1 resolver reads as a float rather than a string.
 */
export function toYaml(config: Readonly<Record<string, ConfigValue>>, indent = ""): string {
  return Object.entries(config)
    .map(([key, value]) => {
      if (Array.isArray(value)) {
        return `${indent}${key}:\n${value.map((item) => `${indent}  - ${JSON.stringify(item)}`).join("\n")}`;
      }
      if (typeof value === "object" && value !== null) {
        return `${indent}${key}:\n${toYaml(value as Record<string, ConfigValue>, `${indent}  `)}`;
      }
      return `${indent}${key}: ${scalar(value as string | number | boolean)}`;
    })
    .join("\n");
}

function scalar(value: string | number | boolean): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (!Number.isFinite(value)) throw new Error(`config: ${value} is not a finite number`);
  if (Number.isInteger(value)) return String(value);
  const [mantissa = "0", exponent = "+0"] = value.toExponential().split("e");
  const withDot = mantissa.includes(".") ? mantissa : `${mantissa}.0`;
  const signed = exponent.startsWith("-") || exponent.startsWith("+") ? exponent : `+${exponent}`;
  const digits = signed.slice(1).padStart(2, "0");
  return `${withDot}e${signed[0]}${digits}`;
}
