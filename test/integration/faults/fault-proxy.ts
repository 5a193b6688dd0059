/**
 * A scriptable HTTP proxy on 127.0.0.1:0 in front of a fake platform, for the faults the fakes cannot script
 * themselves: a platform that never answers (`hang`), one that accepts the call and then never answers
 * (`forward_then_hang`: the message WAS delivered, the caller cannot know), a connection reset, and slow answers.
 * Faults are consumed in order, one per request; with none queued, requests pass through.
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Fault = { type: "hang" } | { type: "forward_then_hang" } | { type: "reset" } | { type: "slow"; ms: number };

export interface FaultProxy {
  url: string;
  /** Queues `times` faults for the next requests whose path matches `pathPart` (all requests when omitted). */
  fail(fault: Fault, times?: number, pathPart?: string): void;
  /**
   * Requests seen, with the fault applied ("pass" when none). `late`: the platform answered after the caller had
   * given up (its timeout fired), so the caller cannot know the call succeeded: a retry will duplicate it.
   */
  log: { path: string; fault: Fault["type"] | "pass"; late?: boolean }[];
  /** Requests the platform handled but whose answer the caller never got (forward_then_hang, or late answers). */
  unacknowledged(pathPart?: string): number;
  close(): Promise<void>;
}

export async function createFaultProxy(target: string): Promise<FaultProxy> {
  const queue: { fault: Fault; pathPart?: string }[] = [];
  const log: FaultProxy["log"] = [];
  const hanging = new Set<ServerResponse>();

  function forward(req: IncomingMessage, body: Buffer, onAnswer: (status: number, headers: IncomingMessage["headers"], data: Buffer) => void) {
    const up = request(`${target}${req.url ?? "/"}`, { method: req.method, headers: { ...req.headers, host: new URL(target).host }, agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (c: Buffer) => parts.push(c));
      res.on("end", () => onAnswer(res.statusCode ?? 502, res.headers, Buffer.concat(parts)));
    });
    up.on("error", () => onAnswer(502, {}, Buffer.from("{}")));
    up.end(body);
  }

  const server: Server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on("data", (c: Buffer) => parts.push(c));
    req.on("end", () => {
      const body = Buffer.concat(parts);
      const i = queue.findIndex((q) => !q.pathPart || (req.url ?? "").includes(q.pathPart));
      const fault = i >= 0 ? queue.splice(i, 1)[0]!.fault : undefined;
      const entry: FaultProxy["log"][number] = { path: req.url ?? "", fault: fault?.type ?? "pass" };
      log.push(entry);
      let callerGone = false;
      res.on("close", () => {
        if (!res.writableFinished) callerGone = true;
      });
      const reply = (status: number, headers: IncomingMessage["headers"], data: Buffer) => {
        if (callerGone || res.destroyed) {
          entry.late = true;
          return;
        }
        res.writeHead(status, { "content-type": String(headers["content-type"] ?? "application/json") });
        res.end(data);
      };
      if (!fault) return forward(req, body, reply);
      switch (fault.type) {
        case "hang":
          hanging.add(res);
          return;
        case "forward_then_hang":
          hanging.add(res);
          return forward(req, body, () => undefined);
        case "reset":
          return req.socket.destroy();
        case "slow":
          return void setTimeout(() => forward(req, body, reply), fault.ms);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    unacknowledged: (pathPart) => log.filter((l) => (!pathPart || l.path.includes(pathPart)) && (l.late || l.fault === "forward_then_hang")).length,
    fail(fault, times = 1, pathPart) {
      for (let i = 0; i < times; i++) queue.push({ fault, pathPart });
    },
    async close() {
      for (const r of hanging) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
