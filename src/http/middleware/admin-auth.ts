/** @module Bearer ADMIN_TOKEN for /api/* (constant-time compare); 503 when no token is configured. */
import { createHash, timingSafeEqual } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { HttpError } from "../http-error";

/** Compares via SHA-256 digests so lengths never leak and timingSafeEqual always gets equal-length buffers. */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash("sha256").update(a).digest();
  const hb = createHash("sha256").update(b).digest();
  return timingSafeEqual(ha, hb);
}

export function tokenFromRequest(req: Request): string | undefined {
  const h = req.headers.authorization;
  if (h?.startsWith("Bearer ")) return h.slice(7).trim();
  const cookie = req.headers.cookie?.split(";").map((c) => c.trim()).find((c) => c.startsWith("thidua_admin="));
  return cookie ? decodeURIComponent(cookie.slice("thidua_admin=".length)) : undefined;
}

export function adminAuth(adminToken: string | undefined) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!adminToken) return next(new HttpError("admin_disabled", "ADMIN_TOKEN is not configured"));
    const got = tokenFromRequest(req);
    if (!got || !safeEqual(got, adminToken)) return next(new HttpError("unauthorized", "missing or wrong bearer token"));
    next();
  };
}
