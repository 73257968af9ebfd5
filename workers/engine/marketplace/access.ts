import { eq } from "drizzle-orm";
import type { Context } from "hono";
import type { AppEnv } from "../../context";
import { database } from "../../db/client";
import { developers } from "../../db/schema";
import { notFound } from "../../middleware/errors";
import { isPlatformAdmin } from "./admins";
import { type CatalogItem, findAgent } from "./catalog";

/** Who looks at the catalog: an identity (or nobody) and whether they administer the platform. */
export async function viewerOf(c: Context<AppEnv>): Promise<{ identityId: string | null; admin: boolean }> {
  const caller = c.get("caller");
  if (caller.kind === "anonymous") return { identityId: null, admin: false };
  return { identityId: caller.identity.id, admin: await isPlatformAdmin(c.env, caller.identity.id) };
}

/**
 * An agent the caller may see, by slug or id: approved agents for everyone; any status for its
 * developer and platform admins; 404 otherwise. `mine` says whether the caller is its developer.
 */
export async function visibleAgent(c: Context<AppEnv>, slugOrId: string): Promise<{ item: CatalogItem; mine: boolean; admin: boolean }> {
  const item = await findAgent(c.env, slugOrId);
  if (!item) throw notFound("agent");
  return visible(c, item);
}

/** `visibleAgent` for an agent already read. */
export async function visible(c: Context<AppEnv>, item: CatalogItem): Promise<{ item: CatalogItem; mine: boolean; admin: boolean }> {
  const viewer = await viewerOf(c);
  let mine = false;
  if (viewer.identityId) {
    const [dev] = await database(c.env).select({ identityId: developers.identityId }).from(developers).where(eq(developers.id, item.developer.id)).limit(1);
    mine = dev?.identityId === viewer.identityId;
  }
  if (item.status !== "approved" && !mine && !viewer.admin) throw notFound("agent");
  return { item, mine, admin: viewer.admin };
}

