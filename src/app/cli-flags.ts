/** @module Reading `--name value` flags of operator CLI commands. */

/** The value after `--name`, or undefined when the flag is absent (or has no value). */
export function flag(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}
