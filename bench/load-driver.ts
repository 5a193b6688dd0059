/**
 * The load driver of bench/load.bench.ts, in its own process (forked by the bench): the fake Telegram Bot API and
 * the officers talking to the bot through its webhook. Commands arrive over IPC; every loop is bounded.
 */
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";
import { createFakeTelegramServer, type FakeTelegramServer } from "../test/fakes/fake-telegram-server.js";

export const LOAD_SECRET = "load-bench-SECRET";
const SECRET = LOAD_SECRET;
const QUESTIONS = ["điều kiện chiến sĩ thi đua cơ sở", "tiền thưởng giấy khen của chủ tịch UBND tỉnh", "tập thể lao động xuất sắc cần gì", "hồ sơ đề nghị khen thưởng gồm những gì"];
const REPORTS = [
  (n: number) => `Thu ngân sách quý 1 đạt ${n} tỷ đồng`,
  (n: number) => `Giải quyết việc làm tháng 3 được ${n} lượt người`,
  (n: number) => `Vốn đầu tư toàn xã hội quý 1 đạt ${n} tỷ`,
];

export type LoadCommand =
  | { cmd: "start" }
  | { cmd: "stop" }
  | { cmd: "run"; url: string; chats: number[]; mode: "closed" | "paced"; ms: number; rate?: number };

export interface PhaseOut {
  turns: number;
  messages: number;
  latencies: number[];
  errors: number;
  missing: number;
  elapsedMs: number;
  byKind: Record<string, number>;
}

function runDriver(): void {
  let fake: FakeTelegramServer | undefined;
  /** chat → resolvers waiting for the bot's next message to that chat. */
  const waiting = new Map<string, ((m: { text: string; messageId: number; data: string[] }) => void)[]>();
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  let updateId = 1;
  let msgId = 1;

  function hook(f: FakeTelegramServer) {
    const push = f.requests.push.bind(f.requests);
    f.requests.push = (...items) => {
      const out = push(...items);
      // The fake records a request before it handles it: read the delivered message once it has.
      setImmediate(() => deliverToWaiters(f, items));
      return out;
    };
  }

  function deliverToWaiters(f: FakeTelegramServer, items: FakeTelegramServer["requests"]) {
      for (const r of items) {
        if (!/\/(sendMessage|editMessageText|sendPhoto)$/.test(r.path)) continue;
        const chat = String(r.body.chat_id);
        const markup = (typeof r.body.reply_markup === "string" ? JSON.parse(r.body.reply_markup) : r.body.reply_markup) as { inline_keyboard?: { callback_data: string }[][] } | undefined;
        const data = markup?.inline_keyboard?.flat().map((b) => b.callback_data) ?? [];
        // The fake assigns message ids as it delivers: the edit keeps its id, a new message gets the newest one.
        const delivered = f.delivered(chat);
        const messageId = r.path.endsWith("editMessageText") ? Number(r.body.message_id) : (delivered.at(-1)?.messageId ?? 0);
        waiting.get(chat)?.shift()?.({ text: String(r.body.text ?? r.body.caption ?? ""), messageId, data });
      }
  }

  function postUpdate(url: string, update: unknown): Promise<number> {
    return new Promise((resolve) => {
      const req = request(`${url}/webhooks/telegram`, { method: "POST", agent, headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET } }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      });
      req.on("error", () => resolve(0));
      req.end(JSON.stringify(update));
    });
  }

  const from = (chat: number) => ({ id: chat, is_bot: false, first_name: "Cán bộ", language_code: "vi" });
  const textUpdate = (chat: number, text: string) => ({
    update_id: updateId++,
    message: { message_id: msgId++, date: Math.floor(Date.now() / 1000), text, from: from(chat), chat: { id: chat, type: "private" },
      ...(text.startsWith("/") ? { entities: [{ offset: 0, length: text.split(" ")[0]!.length, type: "bot_command" }] } : {}) },
  });
  const pressUpdate = (chat: number, data: string, messageId: number) => ({
    update_id: updateId++,
    callback_query: { id: `q${updateId}`, from: from(chat), chat_instance: "1", data, message: { message_id: messageId, date: Math.floor(Date.now() / 1000), chat: { id: chat, type: "private" } } },
  });

  /** Sends one update and waits (bounded) for the bot's next message to that chat. */
  async function exchange(url: string, chat: number, update: unknown, out: PhaseOut): Promise<{ text: string; messageId: number; data: string[] } | null> {
    const t0 = performance.now();
    const answer = new Promise<{ text: string; messageId: number; data: string[] } | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), 15_000);
      const list = waiting.get(String(chat)) ?? [];
      list.push((m) => {
        clearTimeout(timer);
        resolve(m);
      });
      waiting.set(String(chat), list);
    });
    const status = await postUpdate(url, update);
    if (status !== 200) out.errors++;
    const m = await answer;
    out.messages++;
    if (!m) {
      out.missing++;
      waiting.delete(String(chat));
      return null;
    }
    out.latencies.push(performance.now() - t0);
    if (m.text.includes("Xin lỗi, đã có lỗi")) out.errors++;
    return m;
  }

  /** One conversation turn of one officer, by the mix. */
  async function turn(url: string, chat: number, out: PhaseOut): Promise<void> {
    const r = Math.random();
    out.turns++;
    if (r < 0.45) {
      out.byKind.report = (out.byKind.report ?? 0) + 1;
      const text = REPORTS[Math.floor(Math.random() * REPORTS.length)]!(100 + Math.floor(Math.random() * 9000));
      let m = await exchange(url, chat, textUpdate(chat, text), out);
      for (let step = 0; m && step < 3; step++) {
        if (m.data.includes("rep:ok")) {
          await exchange(url, chat, pressUpdate(chat, "rep:ok", m.messageId), out);
          return;
        }
        if (/lý do/i.test(m.text)) m = await exchange(url, chat, textUpdate(chat, "cập nhật số liệu mới"), out);
        else return void (await exchange(url, chat, textUpdate(chat, "/huy"), out));
      }
    } else if (r < 0.8) {
      out.byKind.criteria = (out.byKind.criteria ?? 0) + 1;
      await exchange(url, chat, textUpdate(chat, `/tieuchuan ${QUESTIONS[Math.floor(Math.random() * QUESTIONS.length)]}`), out);
    } else {
      out.byKind.progress = (out.byKind.progress ?? 0) + 1;
      await exchange(url, chat, textUpdate(chat, "/tiendo"), out);
    }
  }

  async function run(c: Extract<LoadCommand, { cmd: "run" }>): Promise<PhaseOut> {
    const out: PhaseOut = { turns: 0, messages: 0, latencies: [], errors: 0, missing: 0, elapsedMs: 0, byKind: {} };
    const start = performance.now();
    const end = start + c.ms;
    if (c.mode === "closed") {
      await Promise.all(c.chats.map(async (chat) => {
        while (performance.now() < end) await turn(c.url, chat, out);
      }));
    } else {
      // Open loop: a turn every 1/rate s, each by an officer not already talking (skipped if all are busy).
      const idle = [...c.chats];
      const inflight: Promise<void>[] = [];
      for (let i = 0; performance.now() < end; i++) {
        const wait = start + (i * 1000) / (c.rate ?? 10) - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const chat = idle.shift();
        if (chat === undefined) {
          out.errors++;
          continue;
        }
        inflight.push(turn(c.url, chat, out).finally(() => idle.push(chat)));
      }
      await Promise.all(inflight);
    }
    out.elapsedMs = performance.now() - start;
    return out;
  }

  const reply = (m: unknown) => process.send!(m);
  process.on("message", (c: LoadCommand) => {
    void (async () => {
      if (c.cmd === "start") {
        fake = await createFakeTelegramServer();
        hook(fake);
        return reply({ url: fake.url, token: fake.token });
      }
      if (c.cmd === "stop") {
        agent.destroy();
        await fake?.close();
        reply({});
        return void setTimeout(() => process.exit(0), 50);
      }
      reply(await run(c));
      fake!.requests.length = 0;
    })();
  });
}

// Only in the forked driver (the tsx CLI gives every process an IPC channel, so process.send alone proves nothing).
if (process.env.LOAD_BENCH_ROLE === "driver") runDriver();
