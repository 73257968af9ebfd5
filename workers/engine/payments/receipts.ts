import type { PaymentsEnv } from "./config";

export interface ReceiptRow {
  id: string;
  payment_id: string;
  execution_id: string | null;
  payer: string;
  payload: string;
  jws: string;
  kid: string;
  created_at: string;
}

export const getReceipt = (env: PaymentsEnv, id: string) => env.DB.prepare("SELECT * FROM receipts WHERE id = ?1").bind(id).first<ReceiptRow>();

/** The receipt's signed fields plus the compact JWS itself. */
export function receiptView(r: ReceiptRow) {
  return { ...(JSON.parse(r.payload) as Record<string, unknown>), kid: r.kid, jws: r.jws };
}

/** Receipts a payer holds, newest first. */
export async function receiptsOf(env: PaymentsEnv, payer: string, limit = 50) {
  const { results } = await env.DB.prepare("SELECT * FROM receipts WHERE payer = ?1 ORDER BY created_at DESC LIMIT ?2").bind(payer, limit).all<ReceiptRow>();
  return results.map(receiptView);
}
