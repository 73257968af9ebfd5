import { createSignal, For, onCleanup, onMount, Show } from "solid-js";
import { createAction } from "../lib/action";
import { useRouter } from "../lib/router";
import { paths, switchWorkspacePath } from "../lib/routes";
import { latest } from "../lib/resource";
import { useWorkspace } from "../stores/workspace";
import { validateWorkspaceName } from "../stores/workspace-logic";
import { ErrorAlert } from "./alert";
import "./workspace-switcher.css";

/** Header menu: the workspaces of the identity and a "new workspace" form. */
export function WorkspaceSwitcher() {
  const workspace = useWorkspace();
  const router = useRouter();
  const [open, setOpen] = createSignal(false);
  const [name, setName] = createSignal("");
  const action = createAction();
  let root: HTMLDivElement | undefined;
  let button: HTMLButtonElement | undefined;

  const close = () => setOpen(false);
  const onDocClick = (event: MouseEvent) => {
    if (open() && root && !root.contains(event.target as Node)) close();
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === "Escape" && open()) {
      close();
      button?.focus();
    }
  };
  onMount(() => {
    document.addEventListener("click", onDocClick);
    document.addEventListener("keydown", onKey);
  });
  onCleanup(() => {
    document.removeEventListener("click", onDocClick);
    document.removeEventListener("keydown", onKey);
  });

  const go = (id: string) => {
    close();
    router.navigate(switchWorkspacePath(router.route(), id));
  };

  const onCreate = async (event: SubmitEvent) => {
    event.preventDefault();
    const checked = validateWorkspaceName(name());
    if (!checked.ok) return action.setError(new Error(checked.message));
    await action.run(async () => {
      const created = await workspace.create(checked.name);
      setName("");
      close();
      router.navigate(paths.workspace(created.id));
    });
  };

  return (
    <div class="switcher" ref={root}>
      <button
        ref={button}
        type="button"
        class="switcher-button"
        aria-haspopup="dialog"
        aria-expanded={open()}
        aria-controls="workspace-menu"
        data-testid="workspace-switcher"
        onClick={() => setOpen(!open())}
      >
        <span class="switcher-mark" aria-hidden="true">
          {(workspace.current()?.name ?? "?").slice(0, 1).toUpperCase()}
        </span>
        <span class="switcher-name" data-testid="current-workspace">
          {workspace.current()?.name ?? "Choose a workspace"}
        </span>
        <svg width="14" height="14" viewBox="0 0 20 20" fill="currentColor" aria-hidden="true">
          <path d="M5.3 7.3a1 1 0 0 1 1.4 0L10 10.6l3.3-3.3a1 1 0 1 1 1.4 1.4l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 0 1 0-1.4Z" />
        </svg>
      </button>
      <Show when={open()}>
        <div class="switcher-menu card" id="workspace-menu" role="dialog" aria-label="Workspaces">
          <div class="switcher-section-title">Workspaces</div>
          <ul class="switcher-list" data-testid="workspace-list">
            <For each={latest(workspace.workspaces) ?? []} fallback={<li class="muted switcher-empty">No workspaces yet</li>}>
              {(ws) => (
                <li>
                  <a
                    href={switchWorkspacePath(router.route(), ws.id)}
                    class="switcher-item"
                    classList={{ active: ws.id === workspace.currentId() }}
                    aria-current={ws.id === workspace.currentId() ? "page" : undefined}
                    data-testid={`workspace-option-${ws.id}`}
                    onClick={(event) => {
                      event.preventDefault();
                      go(ws.id);
                    }}
                  >
                    <span class="switcher-item-name">{ws.name}</span>
                    <span class="badge">{ws.role}</span>
                  </a>
                </li>
              )}
            </For>
          </ul>
          <form class="switcher-new" onSubmit={onCreate} data-testid="new-workspace-form">
            <label class="field">
              <span>New workspace</span>
              <div class="inline-form">
                <input
                  class="input"
                  name="workspace-name"
                  placeholder="Workspace name"
                  value={name()}
                  onInput={(e) => setName(e.currentTarget.value)}
                  data-testid="new-workspace-name"
                />
                <button class="btn btn-primary" type="submit" disabled={action.busy()} data-testid="new-workspace-submit">
                  Create
                </button>
              </div>
            </label>
            <ErrorAlert error={action.error()} testId="new-workspace-error" />
          </form>
        </div>
      </Show>
    </div>
  );
}
