import { createRoot } from "solid-js";
import { describe, expect, it } from "vitest";
import { createAction } from "./action";

const inRoot = <T>(fn: () => T): T => createRoot((dispose) => {
  try {
    return fn();
  } finally {
    dispose();
  }
});

describe("createAction", () => {
  it("is busy while the action runs and not after", async () => {
    const action = inRoot(createAction);
    let release!: () => void;
    const running = action.run(() => new Promise<void>((resolve) => (release = resolve)));
    expect(action.busy()).toBe(true);
    release();
    await running;
    expect(action.busy()).toBe(false);
  });

  it("keeps what the action threw, clears busy, and resolves to undefined", async () => {
    const action = inRoot(createAction);
    const failure = new Error("nope");
    await expect(action.run(() => Promise.reject(failure))).resolves.toBeUndefined();
    expect(action.error()).toBe(failure);
    expect(action.busy()).toBe(false);
  });

  it("clears the last error when the next run starts", async () => {
    const action = inRoot(createAction);
    await action.run(() => Promise.reject(new Error("first")));
    let release!: () => void;
    const running = action.run(() => new Promise<void>((resolve) => (release = resolve)));
    expect(action.error()).toBeNull();
    release();
    await running;
    expect(action.error()).toBeNull();
  });

  it("passes the action's value through", async () => {
    const action = inRoot(createAction);
    await expect(action.run(async () => ({ id: "ws_1" }))).resolves.toEqual({ id: "ws_1" });
  });

  it("lets a form set an error of its own", () => {
    const action = inRoot(createAction);
    const invalid = new Error("Name is required");
    action.setError(invalid);
    expect(action.error()).toBe(invalid);
  });
});
