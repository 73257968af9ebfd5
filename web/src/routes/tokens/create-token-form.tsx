import { For, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { createAction } from "../../lib/action";
import { api } from "../../lib/api";
import type { CreatedToken } from "../../lib/api";
import { ErrorAlert } from "../../components/alert";
import { buildCreateToken, MAX_EXPIRY_DAYS, SCOPES, toggleScope } from "./tokens";
import type { TokenForm } from "./tokens";

const EMPTY: TokenForm = { name: "", scopes: ["read"], expiresInDays: "30", forAi: false, aiName: "" };

/** Create a token: name, scopes, expiry, optionally for a new AI identity. */
export function CreateTokenForm(props: { ws: string; onCreated: (token: CreatedToken) => void }) {
  const [form, setForm] = createStore<TokenForm>({ ...EMPTY, scopes: [...EMPTY.scopes] });
  const action = createAction();

  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    const built = buildCreateToken(props.ws, form);
    if (!built.ok) return action.setError(new Error(built.message));
    await action.run(async () => {
      const created = await api.createToken(built.body);
      setForm({ ...EMPTY, scopes: [...EMPTY.scopes] });
      props.onCreated(created);
    });
  };

  return (
    <section class="card" aria-labelledby="create-token-title">
      <form class="card-body stack" onSubmit={onSubmit} data-testid="create-token-form">
        <h2 id="create-token-title">Create a token</h2>
        <div class="form-grid">
          <label class="field">
            <span>Name</span>
            <input
              class="input"
              name="token-name"
              required
              placeholder="e.g. CI deploys"
              value={form.name}
              onInput={(e) => setForm("name", e.currentTarget.value)}
              data-testid="token-name"
            />
          </label>
          <label class="field">
            <span>Expires after (days)</span>
            <input
              class="input"
              type="number"
              name="expires-in-days"
              min="1"
              max={MAX_EXPIRY_DAYS}
              step="1"
              value={form.expiresInDays}
              onInput={(e) => setForm("expiresInDays", e.currentTarget.value)}
              data-testid="token-expiry"
            />
            <span class="hint">Leave empty for the default.</span>
          </label>
        </div>
        <fieldset class="checks" data-testid="token-scopes">
          <legend class="field-label">Scopes</legend>
          <For each={SCOPES}>
            {(s) => (
              <label class="check" title={s.hint}>
                <input
                  type="checkbox"
                  name="scopes"
                  value={s.scope}
                  checked={form.scopes.includes(s.scope)}
                  onChange={(e) => setForm("scopes", toggleScope(form.scopes, s.scope, e.currentTarget.checked))}
                  data-testid={`token-scope-${s.scope}`}
                />
                <span>{s.label}</span>
              </label>
            )}
          </For>
        </fieldset>
        <div class="stack-tight">
          <label class="check">
            <input
              type="checkbox"
              checked={form.forAi}
              onChange={(e) => setForm("forAi", e.currentTarget.checked)}
              data-testid="token-ai-toggle"
            />
            <span>For a new AI identity</span>
          </label>
          <Show when={form.forAi}>
            <label class="field narrow">
              <span>AI identity name</span>
              <input
                class="input"
                name="ai-name"
                placeholder="e.g. Release bot"
                value={form.aiName}
                onInput={(e) => setForm("aiName", e.currentTarget.value)}
                data-testid="token-ai-name"
              />
              <span class="hint">The token acts as this new identity, a member of the workspace.</span>
            </label>
          </Show>
        </div>
        <ErrorAlert error={action.error()} testId="create-token-error" />
        <div>
          <button class="btn btn-primary" type="submit" disabled={action.busy()} data-testid="token-create">
            {action.busy() ? "Creating…" : "Create token"}
          </button>
        </div>
      </form>
    </section>
  );
}
