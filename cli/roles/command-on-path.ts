import { accessSync, constants } from "node:fs";
import { delimiter, isAbsolute, join } from "node:path";

/**
 * Whether `command` would run: a path to an executable file, or a name found executable in one
 * of PATH's directories (as the shell looks it up; no Windows extensions: MLX runs on macOS).
 */
export function commandOnPath(command: string, path: string | undefined): boolean {
  const executable = (file: string) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (isAbsolute(command) || command.includes("/")) return executable(command);
  return (path ?? "")
    .split(delimiter)
    .filter((directory) => directory !== "")
    .some((directory) => executable(join(directory, command)));
}
