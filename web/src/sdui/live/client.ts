/** HTTP calls of the plugin area: plugins, files, state, dispatch, render acknowledgements. */
import type { JsonValue, PatchOp } from "../../../../lib/protocol/events";
import { api } from "../../lib/api";

export interface InstalledPlugin {
  name: string;
  title?: string;
  instances?: "single" | "per_document";
}

export interface PluginFiles {
  manifest: { name: string; title?: string; instances?: string } & Record<string, unknown>;
  files: Record<string, string>;
}

export type StateReply =
  | { version: number; state: JsonValue; reason?: string }
  | { version: number; patches: { version: number; dispatch_id: number; patch: PatchOp[] }[] };

const enc = encodeURIComponent;

export const pluginApi = {
  list: (ws: string) => api.request<{ installed: InstalledPlugin[] }>("GET", `/api/w/${enc(ws)}/plugins`),
  files: (ws: string, plugin: string, instance: string) => api.request<PluginFiles>("GET", `/api/w/${enc(ws)}/p/${enc(plugin)}?instance=${enc(instance)}`),
  state: (ws: string, plugin: string, instance: string, since?: number) =>
    api.request<StateReply>("GET", `/api/w/${enc(ws)}/p/${enc(plugin)}/state?instance=${enc(instance)}${since === undefined ? "" : `&since=${since}`}`),
  dispatch: (ws: string, plugin: string, instance: string, command: string, params: Record<string, unknown>) =>
    api.request<{ results: unknown[] }>("POST", `/api/w/${enc(ws)}/dispatch`, { commands: [{ plugin, instance, command, params }] }),
  renderAck: (ws: string, room: string, version: number, client: string, dispatchId?: number) =>
    api.request<{ ok: true }>("POST", `/api/w/${enc(ws)}/render-ack`, { room, version, client, ...(dispatchId === undefined ? {} : { dispatch_id: dispatchId }) }),
};

/** A random id for this tab (render acknowledgements), 22 characters of [A-Za-z0-9_-]. */
export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
