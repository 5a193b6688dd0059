/** @module CLI commands contributed by features (reminders run, report progress). */
import type { CliContext } from "./cli";

export const cliExtensions: Record<string, (ctx: CliContext, args: string[]) => Promise<void>> = {};
