import { describe, expect, it } from "vitest";
import { historyLine, money } from "./payments";

describe("payments page helpers", () => {
  it("formats minor units with the currency symbol", () => {
    expect(money(105, "INR")).toBe("₹1.05");
    expect(money(-7, "USD")).toBe("−$0.07");
    expect(money(12_345_600, "INR")).toBe("₹1,23,456.00");
  });

  it("labels wallet history lines and tells holds apart", () => {
    const base = { transaction_id: "t", memo: null, execution_id: null, created_at: "2026-11-21T00:00:00Z" };
    expect(historyLine({ ...base, kind: "top_up", account: "wallet", amount: 1000 }, "INR")).toEqual({ label: "Top-up", amount: "₹10.00", sign: "in" });
    expect(historyLine({ ...base, kind: "hold", account: "hold", amount: 500 }, "INR")).toEqual({ label: "Hold for a run (held)", amount: "₹5.00", sign: "held" });
    expect(historyLine({ ...base, kind: "hold", account: "wallet", amount: -500 }, "INR").sign).toBe("out");
  });
});
