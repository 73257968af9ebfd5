import { describe, expect, it } from "vitest";
import { formatMoney, splitAmount } from "./money";

describe("splitAmount", () => {
  it("splits ₹1.00 into ₹0.70 developer, ₹0.20 platform (₹0.05 card fee inside) and ₹0.10 orchestrator", () => {
    expect(splitAmount(100, { orchestrator: true, feeBps: 500 })).toEqual({ amount: 100, developer: 70, platform: 20, orchestrator: 10, fee: 5, platformNet: 15 });
  });

  it("gives the orchestrator's share to the platform when nobody orchestrated", () => {
    expect(splitAmount(100, { orchestrator: false, feeBps: 0 })).toEqual({ amount: 100, developer: 70, platform: 30, orchestrator: 0, fee: 0, platformNet: 30 });
  });

  it("sends rounding remainders to the platform", () => {
    expect(splitAmount(1, { orchestrator: true, feeBps: 500 })).toEqual({ amount: 1, developer: 0, platform: 1, orchestrator: 0, fee: 0, platformNet: 1 });
    expect(splitAmount(333, { orchestrator: true, feeBps: 500 })).toEqual({ amount: 333, developer: 233, platform: 67, orchestrator: 33, fee: 16, platformNet: 51 });
  });

  it("refuses fractional, negative and oversized amounts", () => {
    expect(() => splitAmount(1.5, { orchestrator: false, feeBps: 0 })).toThrow(RangeError);
    expect(() => splitAmount(-1, { orchestrator: false, feeBps: 0 })).toThrow(RangeError);
    expect(() => splitAmount(1e13, { orchestrator: false, feeBps: 0 })).toThrow(RangeError);
    expect(() => splitAmount(100, { orchestrator: false, feeBps: 2001 })).toThrow(RangeError);
  });

  it("formats minor units for people", () => {
    expect(formatMoney(105, "INR")).toBe("₹1.05");
    expect(formatMoney(-7, "USD")).toBe("-$0.07");
  });
});
