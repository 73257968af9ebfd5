import { createSignal, For, Show } from "solid-js";
import { createAction } from "../../lib/action";
import { ErrorAlert } from "../../components/alert";
import { type AgentDetail, market } from "./client";

/** For platform admins: approve or reject a version waiting for review, with a reason. */
export function ReviewPanel(props: { detail: AgentDetail; onDone: () => void }) {
  const pending = () => props.detail.versions.filter((v) => v.review.state === "pending");
  const [version, setVersion] = createSignal("");
  const [reason, setReason] = createSignal("");
  const action = createAction();
  const decide = (decision: "approve" | "reject") =>
    action.run(async () => {
      await market.review(props.detail.agent.id, version() || pending()[0]!.version, decision, reason().trim() || undefined);
      setReason("");
      props.onDone();
    });
  return (
    <Show when={props.detail.viewer.admin && pending().length > 0}>
      <section class="card" data-testid="review-panel">
        <div class="card-header">
          <h2>Review</h2>
        </div>
        <div class="card-body stack">
          <div class="market-filters">
            <label class="field">
              <span>Version</span>
              <select class="select" value={version()} onChange={(e) => setVersion(e.currentTarget.value)} data-testid="review-version">
                <For each={pending()}>{(v) => <option value={v.version}>{`${v.version}${v.scan_passed ? "" : " (scan flagged)"}`}</option>}</For>
              </select>
            </label>
            <label class="field">
              <span>Reason (optional)</span>
              <input class="input" value={reason()} onInput={(e) => setReason(e.currentTarget.value)} data-testid="review-reason" />
            </label>
            <button class="btn btn-primary" type="button" disabled={action.busy()} onClick={() => void decide("approve")} data-testid="review-approve">
              Approve
            </button>
            <button class="btn btn-danger" type="button" disabled={action.busy()} onClick={() => void decide("reject")} data-testid="review-reject">
              Reject
            </button>
          </div>
          <span class="hint">Check the scan findings in the versions table below before approving.</span>
          <ErrorAlert error={action.error()} testId="review-error" />
        </div>
      </section>
    </Show>
  );
}
