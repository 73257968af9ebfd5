/** An expected payments failure; routes render it as an AppError, preAuthorize returns it as a refusal. */
export class PaymentError extends Error {
  override name = "PaymentError";
  constructor(
    readonly status: 400 | 402 | 403 | 404 | 409 | 422 | 502,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
