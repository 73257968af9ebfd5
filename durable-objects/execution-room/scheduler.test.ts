import { env } from "cloudflare:test";
import { afterAll, describe, expect, it } from "vitest";
import { executionPosition, executionRoom, executionScheduler } from "../../workers/engine/marketplace/runner";
import { queueExecution, readExecution, seedAgent, waitForStatus } from "./test-fixtures";

const LONG = `console.log("busy"); setInterval(() => {}, 1000);`;

afterAll(() => executionScheduler(env).setCapacity(null));

describe("global concurrency cap", () => {
  it("keeps excess runs queued with their positions and drains paid runs first", async () => {
    await executionScheduler(env).setCapacity(2);
    const agent = await seedAgent({ code: LONG });
    const [a, b, c, d] = [await queueExecution(agent), await queueExecution(agent), await queueExecution(agent), await queueExecution(agent)];
    const paid = await queueExecution(agent, { name: "Paid" }, "paid");
    expect(await executionRoom(env, a).start(a, 1)).toMatchObject({ status: "running" });
    expect(await executionRoom(env, b).start(b, 1)).toMatchObject({ status: "running" });
    expect(await executionRoom(env, c).start(c, 1)).toEqual({ ok: true, status: "queued", position: 1 });
    expect(await executionRoom(env, d).start(d, 1)).toEqual({ ok: true, status: "queued", position: 2 });
    expect(await executionRoom(env, paid).start(paid, 1)).toEqual({ ok: true, status: "queued", position: 1 });
    expect([await executionPosition(env, paid), await executionPosition(env, c), await executionPosition(env, d)]).toEqual([1, 2, 3]);
    expect(await executionPosition(env, a)).toBeNull();
    expect((await readExecution(c)).status).toBe("queued");

    // A finished run frees its slot: the paid run goes next, ahead of earlier free ones.
    await executionRoom(env, a).cancel(a);
    await waitForStatus(paid, ["running"]);
    expect((await readExecution(c)).status).toBe("queued");
    expect([await executionPosition(env, c), await executionPosition(env, d)]).toEqual([1, 2]);

    // A queued run that is cancelled leaves the line.
    expect(await executionRoom(env, c).cancel(c)).toEqual({ ok: true, status: "cancelled" });
    expect(await executionPosition(env, d)).toBe(1);
    await executionRoom(env, b).cancel(b);
    await waitForStatus(d, ["running"]);
    for (const id of [paid, d]) await executionRoom(env, id).cancel(id);
    expect(await Promise.all([a, b, c, d, paid].map(async (id) => (await readExecution(id)).status))).toEqual(Array(5).fill("cancelled"));
  });
});
