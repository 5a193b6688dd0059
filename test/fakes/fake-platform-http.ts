/**
 * Small helpers shared by the fake platform servers: start node:http on 127.0.0.1:0, read a request body into a
 * parsed form (JSON, urlencoded or multipart via the WHATWG Request parser), and answer JSON.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as a fake saw it; multipart files appear as `{ filename, size, type }`. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  contentType: string;
  body: Record<string, unknown>;
}

export type FakeFile = { filename: string; size: number; type: string };

export async function readBody(req: IncomingMessage): Promise<{ contentType: string; body: Record<string, unknown> }> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks);
  const contentType = String(req.headers["content-type"] ?? "");
  if (raw.length === 0) return { contentType, body: {} };
  if (contentType.startsWith("application/json")) return { contentType, body: JSON.parse(raw.toString("utf8")) as Record<string, unknown> };
  if (contentType.startsWith("application/x-www-form-urlencoded")) {
    return { contentType, body: Object.fromEntries(new URLSearchParams(raw.toString("utf8"))) };
  }
  if (contentType.startsWith("multipart/form-data")) {
    const form = await new Request("http://fake/", { method: "POST", headers: { "content-type": contentType }, body: raw }).formData();
    const body: Record<string, unknown> = {};
    for (const [k, v] of form) {
      body[k] = typeof v === "string" ? v : ({ filename: v.name, size: v.size, type: v.type } satisfies FakeFile);
    }
    return { contentType, body };
  }
  return { contentType, body: { raw: raw.toString("utf8") } };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

export async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}` };
}

export async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
