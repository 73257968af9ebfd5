import { createResource, createSignal, For, Show } from "solid-js";
import { api } from "../../lib/api";
import { historyLine, money, type Receipt, type Revenue, type Wallet } from "./payments";

/** Wallet (balance, holds, history), receipts and, for developers, revenue (pending → paid out). */
export function PaymentsPage() {
  const [currency, setCurrency] = createSignal("INR");
  const [wallet] = createResource(currency, (c) => api.request<Wallet>("GET", `/api/payments/wallet?currency=${c}`));
  const [receipts] = createResource(() => api.request<{ receipts: Receipt[] }>("GET", "/api/payments/receipts"));
  const [revenue] = createResource(() => api.request<Revenue>("GET", "/api/developers/revenue").catch(() => null));
  return (
    <section class="page" data-testid="payments-page">
      <header class="page-header">
        <h1>Payments</h1>
        <select value={currency()} onChange={(e) => setCurrency(e.currentTarget.value)} aria-label="Currency">
          <option value="INR">INR</option>
          <option value="USD">USD</option>
        </select>
      </header>
      <Show when={wallet()} fallback={<p>Loading the wallet…</p>}>
        {(w) => (
          <div class="card" data-testid="wallet">
            <h2>Wallet</h2>
            <p>
              Balance <strong data-testid="wallet-balance">{money(w().balance, w().currency)}</strong> · held for running agents{" "}
              <strong data-testid="wallet-held">{money(w().held, w().currency)}</strong>
            </p>
            <table class="table">
              <tbody>
                <For each={w().entries} fallback={<tr><td>No activity yet.</td></tr>}>
                  {(e) => {
                    const line = historyLine(e, w().currency);
                    return (
                      <tr data-sign={line.sign}>
                        <td>{new Date(e.created_at).toLocaleString()}</td>
                        <td>{line.label}</td>
                        <td class="num">{line.amount}</td>
                      </tr>
                    );
                  }}
                </For>
              </tbody>
            </table>
          </div>
        )}
      </Show>
      <div class="card" data-testid="receipts">
        <h2>Receipts</h2>
        <table class="table">
          <tbody>
            <For each={receipts()?.receipts ?? []} fallback={<tr><td>No paid runs yet.</td></tr>}>
              {(r) => (
                <tr>
                  <td>{new Date(r.captured_at).toLocaleString()}</td>
                  <td>{r.agent.name}</td>
                  <td class="num">{money(r.amount, r.currency)}</td>
                  <td>
                    <a href={`/api/payments/receipts/${encodeURIComponent(r.receipt_id)}`} target="_blank" rel="noreferrer">signed receipt</a>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Show when={revenue()}>
        {(rev) => (
          <div class="card" data-testid="revenue">
            <h2>Developer revenue</h2>
            <For each={rev().totals}>{(t) => <p>{t.currency}: pending {money(t.pending, t.currency)} · paid out {money(t.paid_out, t.currency)}</p>}</For>
            <table class="table">
              <tbody>
                <For each={rev().per_agent}>
                  {(a) => (
                    <tr>
                      <td>{a.slug ?? a.agent_id}</td>
                      <td class="num">{a.payments} runs</td>
                      <td class="num">{money(a.developer, a.currency)}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        )}
      </Show>
    </section>
  );
}
