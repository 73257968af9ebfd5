import type { CommandError, HandlerContext, Source, SubCommand } from "../../lib/protocol/dispatch";
import type { JsonValue, PatchOp, Rendering } from "../../lib/protocol/events";

/** Which room: a workspace's plugin instance. */
export interface RoomKey {
  workspace: string;
  plugin: string;
  instance: string;
}

export interface Author {
  id: string;
  name: string;
  type: string;
}

/** One command as the Worker hands it to a room, after auth. */
export interface RoomCommand {
  command: string;
  params: Record<string, JsonValue>;
  expect_version?: number;
  author: Author;
  source: Source;
  batch_id: string;
  changeset: string;
  rendering: Rendering;
  /** Extra trailers for the history record, e.g. `Reverts`. */
  trailers?: [string, string][];
}

export type RoomOutcome =
  | { ok: true; version: number; dispatch_id: number; result: JsonValue; patch: PatchOp[]; sub_commands: SubCommand[] }
  | { ok: false; status: 400 | 404 | 409 | 422; version: number; dispatch_id?: number; error: CommandError };

export type { HandlerContext };
