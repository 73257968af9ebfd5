import { createEffect, createSignal, Show } from "solid-js";
import { useRouter } from "../../lib/router";
import { paths } from "../../lib/routes";
import { latest } from "../../lib/resource";
import { useSession } from "../../stores/session";
import { useWorkspace } from "../../stores/workspace";
import { validateWorkspaceName } from "../../stores/workspace-logic";
import { ErrorAlert } from "../../components/alert";
import { Loading } from "../../components/loading";
import { pickWorkspace } from "./home";

/** "/": opens a workspace, or offers to create the first one. */
export function HomePage() {
  const session = useSession();
  const workspace = useWorkspace();
  const router = useRouter();
  const [name, setName] = createSignal("");
  const [error, setError] = createSignal<unknown>(null);
  const [busy, setBusy] = createSignal(false);

  createEffect(() => {
    const list = latest(workspace.workspaces);
    if (!list) return;
    const id = pickWorkspace(session.state.session?.workspace?.id, list);
    if (id) router.navigate(paths.workspace(id), { replace: true });
  });

  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    const checked = validateWorkspaceName(name());
    if (!checked.ok) return setError(new Error(checked.message));
    setBusy(true);
    setError(null);
    try {
      const created = await workspace.create(checked.name);
      router.navigate(paths.workspace(created.id));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <Show when={latest(workspace.workspaces)?.length === 0} fallback={
        <Show when={workspace.workspaces.error} fallback={<Loading />}>
          <ErrorAlert error={workspace.workspaces.error} />
        </Show>
      }>
      <section class="card narrow-card" aria-labelledby="first-ws-title">
        <form class="card-body stack" onSubmit={onSubmit} data-testid="first-workspace-form">
          <h1 id="first-ws-title">Create your first workspace</h1>
          <p class="muted">A workspace holds plugins, members and tokens.</p>
          <label class="field">
            <span>Workspace name</span>
            <input class="input" value={name()} onInput={(e) => setName(e.currentTarget.value)} data-testid="first-workspace-name" />
          </label>
          <ErrorAlert error={error()} />
          <button class="btn btn-primary" type="submit" disabled={busy()} data-testid="first-workspace-submit">
            Create workspace
          </button>
        </form>
      </section>
    </Show>
  );
}
