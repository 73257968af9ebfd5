import { createEffect, Show } from "solid-js";
import type { ParentProps } from "solid-js";
import { Link, useRouter } from "../lib/router";
import { pageTitle, paths } from "../lib/routes";
import { useSession } from "../stores/session";
import { useWorkspace } from "../stores/workspace";
import { initials } from "../lib/format";
import { WorkspaceSwitcher } from "./workspace-switcher";

/** The signed-in frame: header (workspace switcher, identity, logout), tabs, content. */
export function Shell(props: ParentProps) {
  const session = useSession();
  const workspace = useWorkspace();
  const router = useRouter();
  const identity = () => session.state.session?.identity;
  createEffect(() => {
    document.title = pageTitle(router.route(), workspace.current()?.name);
  });

  const onLogout = async () => {
    await session.logout().catch(() => undefined);
    router.navigate(paths.login(), { replace: true });
  };

  const tab = (href: string, label: string, testId: string) => (
    <Link
      href={href}
      class="tab"
      classList={{ active: router.pathname() === href }}
      aria-current={router.pathname() === href ? "page" : undefined}
      data-testid={testId}
    >
      {label}
    </Link>
  );

  return (
    <div class="shell">
      <header class="topbar">
        <Link href={paths.home()} class="brand" aria-label="FrameOS home">
          <span class="brand-mark" aria-hidden="true" />
          <span class="brand-name">FrameOS</span>
        </Link>
        <span class="topbar-sep" aria-hidden="true">
          /
        </span>
        <WorkspaceSwitcher />
        <div class="topbar-spacer" />
        <Show when={identity()}>
          {(who) => (
            <div class="identity" data-testid="identity">
              <span class="avatar" aria-hidden="true">
                {initials(who().name)}
              </span>
              <span class="identity-text">
                <span class="identity-name" data-testid="identity-name">
                  {who().name}
                </span>
                <Show when={who().email}>
                  <span class="identity-email">{who().email}</span>
                </Show>
              </span>
            </div>
          )}
        </Show>
        <button type="button" class="btn btn-sm" onClick={onLogout} data-testid="logout">
          Log out
        </button>
      </header>
      <Show when={workspace.currentId()}>
        {(ws) => (
          <nav class="tabs" aria-label="Workspace">
            {tab(paths.workspace(ws()), "Plugins", "nav-plugins")}
            {tab(paths.members(ws()), "Members", "nav-members")}
            {tab(paths.tokens(ws()), "API tokens", "nav-tokens")}
            {tab(`/w/${encodeURIComponent(ws())}/marketplace`, "Marketplace", "nav-marketplace")}
          </nav>
        )}
      </Show>
      <main class="content">{props.children}</main>
    </div>
  );
}
