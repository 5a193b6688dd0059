/**
 * @module The registration capability (đăng ký thi đua and giao ước cụm/khối), composed for the bot (see
 * src/app/feature.ts): the /dangky and /giaouoc conversations over Prisma storage, and the board's admin routes
 * (registrations, units missing, the XLSX/CSV file).
 */
import type { Router } from "express";
import { z } from "zod";
import type { Feature } from "../feature";
import type { Runtime } from "../build-runtime";
import type { ChannelAccount } from "../../domain/organisation/organisation";
import { conversationKey, type ChannelName } from "../../conversation/channel-port";
import { createPledgeService } from "../../domain/registration/pledge-service";
import { createRegistrationService } from "../../domain/registration/registration-service";
import { createPledgeFlow } from "../../conversation/flows/pledge.flow";
import { createRegistrationFlow } from "../../conversation/flows/registration.flow";
import { createNotifier, type ChoiceOffer } from "../../conversation/flows/registration-notify";
import { HttpError } from "../../http/http-error";
import { EXPORT_CONTENT_TYPES } from "../../reports/export-report";
import { exportRegistrationWorkbook } from "../../reports/registration-export";
import type { Db } from "../../storage/prisma-client";
import { createPrismaPlanTitleSource, createPrismaPledgeRepository, createPrismaRegistrationRepository } from "../../storage/prisma-registration-repository";
import { createPrismaSessionStore } from "../../storage/prisma-session-store";
import { exportInput, loadRegistrationBoard, missingJson, registrationsJson } from "./registration-board";
import { reportRegistrationsCommand } from "./registration-cli";

/**
 * Offers a message's buttons as numbered choices in the recipient's private dialogue (its conversation key). Not while the recipient is in the middle of a dialogue: a number they type
 * there is an answer (a value, a choice of that dialogue), not this message's button; /dangky or /giaouoc shows
 * the buttons again later.
 */
function createSessionChoiceOffer(db: Db): ChoiceOffer {
  const sessions = createPrismaSessionStore(db);
  return {
    async offer(account: ChannelAccount, choices: string[]) {
      const key = conversationKey({ address: { channel: account.platform as ChannelName, chatId: account.chatId }, userId: account.externalId });
      await sessions.update(key, (state) => (typeof state?.flow === "string" ? undefined : { ...state, choices }));
    },
  };
}

const exportQuery = z.object({ format: z.enum(["xlsx", "csv"]).default("xlsx") });

function campaignOf(runtime: Runtime, code: string) {
  const c = runtime.campaigns.byCode(code);
  if (!c) throw new HttpError("not_found", `no campaign ${code}`);
  return c;
}

function boardOf(runtime: Runtime, code: string) {
  return loadRegistrationBoard({ db: runtime.db, org: runtime.org, timeZone: runtime.services.timeZone }, campaignOf(runtime, code));
}

function adminRoutes(router: Router, runtime: Runtime): void {
  router.get("/campaigns/:code/registrations", async (req, res) => {
    res.json(registrationsJson(await boardOf(runtime, req.params.code)));
  });
  router.get("/campaigns/:code/registrations/missing", async (req, res) => {
    res.json(missingJson(await boardOf(runtime, req.params.code), runtime.clock.now()));
  });
  router.get("/campaigns/:code/registrations/export", async (req, res) => {
    const q = exportQuery.safeParse(req.query);
    if (!q.success) throw new HttpError("bad_request", "format must be xlsx or csv");
    const board = await boardOf(runtime, req.params.code);
    const bytes = await exportRegistrationWorkbook(exportInput(board, runtime.clock.now(), runtime.services.timeZone), q.data.format);
    const type = EXPORT_CONTENT_TYPES[q.data.format];
    res.setHeader("Content-Type", type.mime);
    res.setHeader("Content-Disposition", `attachment; filename="dang-ky-thi-dua-${board.campaign.code}.${type.extension}"`);
    res.send(Buffer.from(bytes));
  });
}

export const registrationFeature: Feature = {
  name: "registration",
  build(services, db) {
    const { audit } = services;
    const repo = createPrismaRegistrationRepository(db);
    const pledgeRepo = createPrismaPledgeRepository(db);
    const notifier = createNotifier({ services, choices: createSessionChoiceOffer(db) });
    const registration = createRegistrationFlow({
      registrations: createRegistrationService({ repo, audit }), repo, planTitles: createPrismaPlanTitleSource(db), notifier,
    });
    const pledge = createPledgeFlow({ pledges: createPledgeService({ repo: pledgeRepo, audit }), repo: pledgeRepo, notifier });
    return { flows: [registration.flow, pledge.flow], commands: { dangky: registration.command, giaouoc: pledge.command }, freeText: [] };
  },
  adminRoutes,
  cliCommands: { "report registrations": reportRegistrationsCommand },
};
