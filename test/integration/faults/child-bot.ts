/**
 * The bot as its own process (src/main.ts under tsx, as `npm start` runs it), configured by environment variables
 * to use a test database and the fake platforms, so a test can kill it with SIGKILL and start it again.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export interface ChildBot {
  url: string;
  process: ChildProcess;
  /** Everything the process wrote (stdout and stderr). */
  output(): string;
  /** SIGKILL: no shutdown handler runs, nothing is flushed. Resolves when the process is gone. */
  kill9(): Promise<void>;
  /** SIGTERM and wait (graceful stop). */
  stop(): Promise<void>;
}

/** Starts `tsx src/main.ts` with `env` over a minimal environment and waits for its "ready" line (bounded). */
export async function startChildBot(env: Record<string, string>, timeoutMs = 90_000): Promise<ChildBot> {
  // node itself with tsx's loader (as `tsx src/main.ts` does), not the tsx CLI: the CLI runs the bot in a grandchild
  // process, which a SIGKILL sent to the CLI would leave running.
  const child = spawn(process.execPath, ["--import", pathToFileURL(path.join(ROOT, "node_modules/tsx/dist/loader.mjs")).href, "src/main.ts"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", NODE_ENV: "test", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString("utf8")));
  child.stderr!.on("data", (c: Buffer) => (out += c.toString("utf8")));
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bot did not start within ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const check = () => {
      const m = /ready in \d+ ms: (http:\/\/\S+?)\/healthz/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!.replace("localhost", "127.0.0.1"));
      }
    };
    child.stdout!.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`bot exited with ${code} before it was ready:\n${out}`));
    });
  });
  return {
    url,
    process: child,
    output: () => out,
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
