import { createResource, createSignal, For, Show } from "solid-js";
import { createAction } from "../../lib/action";
import { api } from "../../lib/api";
import type { CreatedToken, TokenSummary } from "../../lib/api";
import { latest } from "../../lib/resource";
import { formatFull, formatRelative, identityTypeLabel } from "../../lib/format";
import { useWorkspace } from "../../stores/workspace";
import { canManage } from "../../stores/workspace-logic";
import { ErrorAlert, Notice } from "../../components/alert";
import { Loading } from "../../components/loading";
import { PageHeader } from "../../components/page-header";
import { CreateTokenForm } from "./create-token-form";
import { NewToken } from "./new-token";
import { sortTokens, tokenStatus } from "./tokens";

const STATUS_CLASS = { active: "badge-success", expired: "", revoked: "badge-danger" } as const;

/** API tokens of a workspace: create (shown once), list, revoke — for owners and admins. */
export function TokensPage(props: { ws: string }) {
  const workspace = useWorkspace();
  return (
    <Show
      when={canManage(workspace.role())}
      fallback={
        <div class="page stack-lg">
          <PageHeader title="API tokens" />
          <Notice tone="warning" testId="tokens-not-allowed">
            Only owners and admins of this workspace manage API tokens. Ask one of them for a token.
          </Notice>
        </div>
      }
    >
      <ManageTokens ws={props.ws} />
    </Show>
  );
}

function ManageTokens(props: { ws: string }) {
  const [data, { refetch }] = createResource(() => props.ws, (ws) => api.listTokens(ws));
  const [created, setCreated] = createSignal<CreatedToken | null>(null);
  const [error, setError] = createSignal<unknown>(null);

  const onCreated = (token: CreatedToken) => {
    setCreated(token);
    void refetch();
  };

  const revoke = async (token: TokenSummary) => {
    setError(null);
    try {
      await api.revokeToken(token.id);
      if (created()?.id === token.id) setCreated(null);
    } catch (err) {
      setError(err);
    } finally {
      await refetch();
    }
  };

  return (
    <div class="page stack-lg">
      <PageHeader title="API tokens" subtitle="Bearer tokens for scripts, the CLI and AI agents. Each acts as an identity in this workspace." />
      <Show when={created()}>{(token) => <NewToken token={token()} onDismiss={() => setCreated(null)} />}</Show>
      <CreateTokenForm ws={props.ws} onCreated={onCreated} />
      <ErrorAlert error={error()} testId="tokens-error" />
      <section class="card" aria-labelledby="tokens-title">
        <div class="card-header">
          <h2 id="tokens-title">Tokens</h2>
        </div>
        <Show when={!data.error} fallback={<div class="card-body"><ErrorAlert error={data.error} testId="tokens-load-error" /></div>}>
          <Show when={latest(data)} fallback={<Loading />}>
            {(d) => (
              <Show
                when={d().tokens.length > 0}
                fallback={
                  <p class="empty" data-testid="tokens-empty">
                    No tokens yet.
                  </p>
                }
              >
                <div class="table-wrap">
                  <table class="table" data-testid="tokens-table">
                    <thead>
                      <tr>
                        <th scope="col">Name</th>
                        <th scope="col">Identity</th>
                        <th scope="col">Prefix</th>
                        <th scope="col">Scopes</th>
                        <th scope="col">Created</th>
                        <th scope="col">Expires</th>
                        <th scope="col">Last used</th>
                        <th scope="col">Status</th>
                        <th scope="col" class="actions">
                          <span class="visually-hidden">Actions</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={sortTokens(d().tokens)}>{(token) => <TokenRow token={token} onRevoke={() => revoke(token)} />}</For>
                    </tbody>
                  </table>
                </div>
              </Show>
            )}
          </Show>
        </Show>
      </section>
    </div>
  );
}

function TokenRow(props: { token: TokenSummary; onRevoke: () => Promise<void> }) {
  const [confirming, setConfirming] = createSignal(false);
  const action = createAction();
  const status = () => tokenStatus(props.token);
  // The page shows what revoking fails with; the row only waits for it.
  const onConfirm = async () => {
    await action.run(props.onRevoke);
    setConfirming(false);
  };
  return (
    <tr data-testid={`token-row-${props.token.id}`} data-name={props.token.name} classList={{ dim: status() !== "active" }}>
      <td class="strong nowrap">{props.token.name}</td>
      <td>
        {props.token.identity.name}{" "}
        <Show when={props.token.identity.type !== "human"}>
          <span class="badge badge-plain">{identityTypeLabel(props.token.identity.type)}</span>
        </Show>
      </td>
      <td>
        <code>{props.token.prefix}…</code>
      </td>
      <td>
        <span class="badge-list">
          <For each={props.token.scopes}>{(s) => <span class="badge">{s}</span>}</For>
        </span>
      </td>
      <td class="nowrap" title={formatFull(props.token.created_at)}>{formatRelative(props.token.created_at)}</td>
      <td class="nowrap" title={formatFull(props.token.expires_at)}>{props.token.expires_at ? formatRelative(props.token.expires_at) : "Never"}</td>
      <td class="nowrap" title={formatFull(props.token.last_used_at)}>{props.token.last_used_at ? formatRelative(props.token.last_used_at) : "Never"}</td>
      <td>
        <span class={`badge ${STATUS_CLASS[status()]}`} data-testid={`token-status-${props.token.id}`}>
          {status()}
        </span>
      </td>
      <td class="actions">
        <Show when={status() === "active"}>
          <Show
            when={confirming()}
            fallback={
              <button
                type="button"
                class="btn btn-sm btn-ghost btn-danger"
                aria-label={`Revoke ${props.token.name}`}
                data-testid={`token-revoke-${props.token.id}`}
                onClick={() => setConfirming(true)}
              >
                Revoke
              </button>
            }
          >
            <span class="confirm">
              <button
                type="button"
                class="btn btn-sm btn-danger"
                disabled={action.busy()}
                data-testid={`token-revoke-confirm-${props.token.id}`}
                onClick={() => void onConfirm()}
              >
                Confirm
              </button>
              <button type="button" class="btn btn-sm btn-ghost" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </span>
          </Show>
        </Show>
      </td>
    </tr>
  );
}
