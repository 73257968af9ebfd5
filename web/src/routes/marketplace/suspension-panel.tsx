import { createSignal, Show } from "solid-js";
import { createAction } from "../../lib/action";
import { ErrorAlert } from "../../components/alert";
import { type AgentDetail, market } from "./client";

/** For platform admins: suspend an agent with a reason (out of the catalog, no runs), or reinstate it. */
export function SuspensionPanel(props: { detail: AgentDetail; onDone: () => void }) {
  const [reason, setReason] = createSignal("");
  const action = createAction();
  const suspended = () => props.detail.agent.status === "suspended";
  const act = () =>
    action.run(async () => {
      if (suspended()) await market.reinstate(props.detail.agent.id, reason().trim() || undefined);
      else await market.suspend(props.detail.agent.id, reason().trim());
      setReason("");
      props.onDone();
    });
  return (
    <Show when={props.detail.viewer.admin && (suspended() || props.detail.agent.status === "approved")}>
      <section class="card" data-testid="suspension-panel">
        <div class="card-header">
          <h2>{suspended() ? "Suspended" : "Suspend"}</h2>
        </div>
        <div class="card-body stack">
          <div class="market-filters">
            <label class="field">
              <span>{suspended() ? "Reason to reinstate (optional)" : "Reason"}</span>
              <input class="input" value={reason()} onInput={(e) => setReason(e.currentTarget.value)} data-testid="suspension-reason" />
            </label>
            <button
              class={suspended() ? "btn btn-primary" : "btn btn-danger"}
              type="button"
              disabled={action.busy() || (!suspended() && reason().trim() === "")}
              onClick={() => void act()}
              data-testid={suspended() ? "agent-reinstate" : "agent-suspend"}
            >
              {suspended() ? "Reinstate" : "Suspend"}
            </button>
          </div>
          <span class="hint">
            {suspended() ? "Reinstating lists the agent again and lets it run." : "A suspended agent leaves the catalog, cannot be deployed or run, and its queued runs are refused."}
          </span>
          <ErrorAlert error={action.error()} testId="suspension-error" />
        </div>
      </section>
    </Show>
  );
}
