import type { Env } from "../../env";

export interface Ack {
  rendered_by: number;
  version: number | null;
  timed_out: boolean;
}

interface HubAcks {
  awaitRender(room: string, version: number, timeoutMs: number): Promise<Ack>;
}

/** Waits (up to `timeoutMs`; 0 = not at all) for the workspace's browsers to render a room version. */
export async function awaitRender(env: Env, workspace: string, room: string, version: number, timeoutMs: number): Promise<Ack> {
  if (timeoutMs === 0) return { rendered_by: 0, version, timed_out: false };
  const hub = env.WORKSPACE_HUB.get(env.WORKSPACE_HUB.idFromName(workspace)) as unknown as HubAcks;
  return hub.awaitRender(room, version, timeoutMs);
}
