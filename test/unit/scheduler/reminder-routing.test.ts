import { describe, expect, it } from "vitest";
import type { ContactBook } from "../../../src/conversation/flows/reminder-store";
import type { ChannelAccount, Officer } from "../../../src/domain/organisation/organisation";
import { indexContacts, routeToGroup, routeToOfficer, type RoutingPolicy } from "../../../src/scheduler/reminder-routing";

const NOW = new Date("2021-04-05T01:00:00Z");
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);
const ALL: RoutingPolicy = { channels: new Set(["telegram", "zalo", "zalo-bot"]) };

const officer = (id: string, unitId: string, role: Officer["role"] = "officer"): Officer => ({ id, unitId, name: `Name ${id}`, role, locale: null });
function account(officerId: string, platform: string, chatId: string, lastHoursAgo: number | null, extra: Partial<ChannelAccount> = {}): ChannelAccount {
  return {
    id: `${platform}-${chatId}`, platform, externalId: chatId, chatId, officerId, locale: null,
    lastInteractionAt: lastHoursAgo === null ? null : hoursAgo(lastHoursAgo), unreachableAt: null, ...extra,
  };
}

function book(accounts: ChannelAccount[], extra: Partial<ContactBook> = {}): ContactBook {
  return {
    officers: [officer("o1", "u1"), officer("h1", "u1", "unit_head"), officer("b1", "board", "board"), officer("o2", "u2")],
    accounts,
    groups: [],
    ...extra,
  };
}

describe("routeToOfficer", () => {
  it("uses a Zalo OA account inside 48 h freely, from 48 h to 7 days with a billing note, and never after 7 days", () => {
    expect(routeToOfficer(indexContacts(book([account("o1", "zalo", "z", 47)])), "o1", NOW, ALL)).toEqual({ type: "direct", address: "zalo:z", locale: null, note: null });
    expect(routeToOfficer(indexContacts(book([account("o1", "zalo", "z", 100)])), "o1", NOW, ALL)).toMatchObject({ type: "direct", address: "zalo:z", note: "zalo_billed_window=zalo:z" });
    const closed = routeToOfficer(indexContacts(book([account("o1", "zalo", "z", 169), account("h1", "telegram", "9", 1)])), "o1", NOW, ALL);
    expect(closed).toMatchObject({ type: "relay", via: "unit_head", address: "telegram:9" });
    expect(closed.note).toContain("zalo_window_closed=zalo:z@");
  });

  it("prefers the most recent interaction, but a free address over a billed Zalo one", () => {
    const recent = book([account("o1", "telegram", "1", 30), account("o1", "zalo", "z", 2)]);
    expect(routeToOfficer(indexContacts(recent), "o1", NOW, ALL)).toMatchObject({ address: "zalo:z" });
    const billed = book([account("o1", "telegram", "1", 300), account("o1", "zalo", "z", 60)]);
    expect(routeToOfficer(indexContacts(billed), "o1", NOW, ALL)).toMatchObject({ address: "telegram:1", note: null });
  });

  it("skips unreachable accounts (until the user writes again), disabled channels and addresses already tried", () => {
    const blocked = account("o1", "telegram", "1", 5, { unreachableAt: hoursAgo(1) });
    const back = account("o1", "telegram", "2", 1, { unreachableAt: hoursAgo(5) });
    expect(routeToOfficer(indexContacts(book([blocked, back])), "o1", NOW, ALL)).toMatchObject({ address: "telegram:2" });
    const onlyZaloBot: RoutingPolicy = { channels: new Set(["zalo-bot"]) };
    const two = book([account("o1", "telegram", "1", 1), account("o1", "zalo-bot", "b", 50)]);
    expect(routeToOfficer(indexContacts(two), "o1", NOW, onlyZaloBot)).toMatchObject({ address: "zalo-bot:b" });
    expect(routeToOfficer(indexContacts(two), "o1", NOW, ALL, new Set(["telegram:1"]))).toMatchObject({ address: "zalo-bot:b" });
  });

  it("falls back to the unit group, then the unit head; board officers to the board group; else says why", () => {
    const groups = [
      { id: "g1", platform: "telegram", chatId: "-1", unitId: "u1", clusterId: null, isBoard: false, active: true },
      { id: "g2", platform: "telegram", chatId: "-2", unitId: null, clusterId: null, isBoard: true, active: true },
      { id: "g3", platform: "telegram", chatId: "-3", unitId: null, clusterId: "c1", isBoard: false, active: true },
    ];
    const idx = indexContacts(book([account("h1", "telegram", "9", 1)], { groups }));
    expect(routeToOfficer(idx, "o1", NOW, ALL)).toMatchObject({ type: "relay", via: "unit_group", address: "telegram:g:-1" });
    expect(routeToOfficer(idx, "o1", NOW, ALL, new Set(["telegram:g:-1"]))).toMatchObject({ type: "relay", via: "unit_head", address: "telegram:9" });
    expect(routeToOfficer(idx, "b1", NOW, ALL)).toMatchObject({ type: "relay", via: "board_group", address: "telegram:g:-2" });
    const none = routeToOfficer(idx, "o2", NOW, ALL);
    expect(none).toEqual({ type: "none", note: "no_usable_account; no_fallback_path" });
    expect(routeToOfficer(idx, "h1", NOW, ALL, new Set(["telegram:9", "telegram:g:-1"]))).toMatchObject({ type: "none" });
  });
});

describe("routeToGroup", () => {
  it("posts to the group's address when its channel is enabled", () => {
    const groups = [{ id: "g1", platform: "zalo", chatId: "77", unitId: "u1", clusterId: null, isBoard: false, active: true }];
    const idx = indexContacts(book([], { groups }));
    expect(routeToGroup(idx, "g1", ALL)).toEqual({ type: "direct", address: "zalo:g:77", locale: null, note: null });
    expect(routeToGroup(idx, "g1", { channels: new Set(["telegram"]) })).toEqual({ type: "none", note: "channel_off=zalo:g:77" });
  });
});
