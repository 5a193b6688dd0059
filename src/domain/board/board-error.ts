/** @module Errors of the board's views and adjustments, with codes the admin API and the chat map to answers. */

/**
 * - `unknown_period`: the period is not a period code (2021-Q1, 2021-H1, 2021-9M, 2021-Y, 2021-M03);
 * - `wrong_year`: the period is of another year than the campaign;
 * - `unknown_unit`: no active unit with that code (or it is the board itself, which is not ranked);
 * - `unknown_cluster`: no cluster/block with that code;
 * - `reason_required`: an adjustment without a reason;
 * - `invalid_points`: adjustment points zero, not a number, or beyond ±100.
 */
export type BoardErrorCode = "unknown_period" | "wrong_year" | "unknown_unit" | "unknown_cluster" | "reason_required" | "invalid_points";

/** Thrown by the board service on bad input; expected, shown to the caller by code. */
export class BoardError extends Error {
  constructor(
    readonly code: BoardErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "BoardError";
  }
}
