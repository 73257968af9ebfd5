import { createSignal, For, Match, Show, Switch } from "solid-js";
import { api } from "../../lib/api";
import { createAction } from "../../lib/action";
import { absoluteUrl } from "../../lib/format";
import { useWorkspace } from "../../stores/workspace";
import { ErrorAlert, Notice } from "../../components/alert";
import { CopyButton } from "../../components/copy-button";
import { assignableRoles, inviteOutcome, validateInvite } from "./members";
import type { InviteOutcome } from "./members";

/** Invite by email: adds an existing identity, or shows a one-time accept link. */
export function InviteForm(props: { ws: string; onDone: () => void }) {
  const workspace = useWorkspace();
  const [email, setEmail] = createSignal("");
  const [role, setRole] = createSignal("member");
  const [outcome, setOutcome] = createSignal<InviteOutcome | null>(null);
  const action = createAction();
  const added = () => {
    const o = outcome();
    return o?.kind === "member" ? o : null;
  };
  const invited = () => {
    const o = outcome();
    return o?.kind === "invitation" ? o : null;
  };

  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    const checked = validateInvite(email(), role());
    if (!checked.ok) return action.setError(new Error(checked.message));
    setOutcome(null);
    await action.run(async () => {
      setOutcome(inviteOutcome(await api.inviteMember(props.ws, checked.email, checked.role)));
      setEmail("");
      props.onDone();
    });
  };

  return (
    <section class="card" aria-labelledby="invite-title">
      <div class="card-body stack">
        <h2 id="invite-title">Invite someone</h2>
        <form class="form-row" onSubmit={onSubmit} data-testid="invite-member-form">
          <label class="field grow">
            <span>Email</span>
            <input
              class="input"
              type="email"
              name="email"
              required
              placeholder="name@example.com"
              value={email()}
              onInput={(e) => setEmail(e.currentTarget.value)}
              data-testid="invite-email"
            />
          </label>
          <label class="field">
            <span>Role</span>
            <select class="select" name="role" value={role()} onChange={(e) => setRole(e.currentTarget.value)} data-testid="invite-role">
              <For each={assignableRoles(workspace.role())}>{(r) => <option value={r}>{r}</option>}</For>
            </select>
          </label>
          <button class="btn btn-primary" type="submit" disabled={action.busy()} data-testid="invite-submit">
            {action.busy() ? "Inviting…" : "Invite"}
          </button>
        </form>
        <ErrorAlert error={action.error()} testId="invite-member-error" />
        <Switch>
          <Match when={added()}>
            {(o) => (
              <Notice tone="success" testId="invite-added">
                {o().member.identity.name} was added to the workspace as {o().member.role}.
              </Notice>
            )}
          </Match>
          <Match when={invited()}>
            {(o) => (
              <div class="alert alert-success invite-result" role="status" data-testid="invite-created">
                <div class="alert-body stack-tight">
                  <div>
                    Invitation created for <strong>{o().invitation.email}</strong> as {o().invitation.role}. Share this link with
                    them; it works once.
                  </div>
                  <Show when={o().acceptPath} fallback={<span>The server did not return a link.</span>}>
                    {(path) => (
                      <div class="secret">
                        <input
                          class="input"
                          readonly
                          aria-label="Invitation link"
                          value={absoluteUrl(path(), window.location.origin)}
                          data-testid="invite-link"
                          onFocus={(e) => e.currentTarget.select()}
                        />
                        <CopyButton text={absoluteUrl(path(), window.location.origin)} testId="invite-link-copy" />
                      </div>
                    )}
                  </Show>
                </div>
              </div>
            )}
          </Match>
        </Switch>
      </div>
    </section>
  );
}
