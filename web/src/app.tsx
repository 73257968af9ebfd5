import { createEffect, ErrorBoundary, Match, Show, Switch } from "solid-js";
import type { JSX } from "solid-js";
import { RouterProvider, useRouter } from "./lib/router";
import { afterLogin, pageTitle, paths, requiresSession, routeWorkspace } from "./lib/routes";
import { latest } from "./lib/resource";
import { SessionProvider, useSession } from "./stores/session";
import { WorkspaceProvider, useWorkspace } from "./stores/workspace";
import { ErrorAlert } from "./components/alert";
import { AuthLayout } from "./components/auth-layout";
import { Loading } from "./components/loading";
import { Shell } from "./components/shell";
import { HomePage } from "./routes/home/home-page";
import { InvitePage } from "./routes/invite/invite-page";
import { LoginPage } from "./routes/login/login-page";
import { MarketplacePage } from "./routes/marketplace/marketplace-page";
import { MembersPage } from "./routes/members/members-page";
import { NotFoundPage } from "./routes/not-found/not-found-page";
import { TokensPage } from "./routes/tokens/tokens-page";
import { PaymentsPage } from "./routes/payments/payments-page";
import { WorkspacePage } from "./routes/workspace/workspace-page";

/** Root: router and session, then pages. */
export function App() {
  return (
    <ErrorBoundary
      fallback={(error, reset) => (
        <AuthLayout title="Something went wrong">
          <ErrorAlert error={error} testId="app-error" />
          <button class="btn btn-block" type="button" onClick={reset}>
            Try again
          </button>
        </AuthLayout>
      )}
    >
      <RouterProvider>
        <SessionProvider>
          <Pages />
        </SessionProvider>
      </RouterProvider>
    </ErrorBoundary>
  );
}

function Pages() {
  const router = useRouter();
  const session = useSession();
  const status = () => session.state.status;

  // Signed-out visitors of a protected page go to the login, and back afterwards.
  createEffect(() => {
    if (status() === "signed-out" && requiresSession(router.route())) {
      router.navigate(paths.login(router.pathname() + router.search()), { replace: true });
    }
  });
  // Pages inside the shell set their own title (with the workspace name).
  createEffect(() => {
    if (!requiresSession(router.route())) document.title = pageTitle(router.route());
  });
  // A signed-in visitor of /login goes on to the workspace.
  createEffect(() => {
    if (status() === "signed-in" && router.route().name === "login") {
      router.navigate(afterLogin(router.search(), session.state.session?.workspace?.id), { replace: true });
    }
  });

  const route = () => router.route();
  const invite = () => {
    const r = route();
    return r.name === "invite" ? r : null;
  };
  const notFound = () => {
    const r = route();
    return r.name === "not-found" ? r : null;
  };
  return (
    <Switch fallback={<Loading />}>
      <Match when={route().name === "login" && status() !== "loading" && status() !== "signed-in"}>
        <LoginPage />
      </Match>
      <Match when={invite()}>{(r) => <InvitePage token={r().token} />}</Match>
      <Match when={notFound()}>
        {(r) => (
          <main class="auth">
            <NotFoundPage path={r().path} />
          </main>
        )}
      </Match>
      <Match when={status() === "error"}>
        <AuthLayout title="FrameOS is not reachable">
          <ErrorAlert error={new Error(session.state.error ?? "Unknown error")} testId="session-error" />
          <button class="btn btn-block" type="button" onClick={() => void session.refresh()}>
            Retry
          </button>
        </AuthLayout>
      </Match>
      <Match when={status() === "signed-in" && requiresSession(route())}>
        <WorkspaceProvider currentId={() => routeWorkspace(route())}>
          <Shell>
            <WorkspaceGate>
              <Switch>
                <Match when={route().name === "home"}>
                  <HomePage />
                </Match>
                <Match when={route().name === "workspace"}>
                  <WorkspacePage />
                </Match>
                <Match when={route().name === "members" && routeWorkspace(route())}>{(ws) => <MembersPage ws={ws()} />}</Match>
                <Match when={route().name === "tokens" && routeWorkspace(route())}>{(ws) => <TokensPage ws={ws()} />}</Match>
                <Match when={route().name === "payments"}>
                  <PaymentsPage />
                </Match>
                <Match when={(() => { const r = route(); return r.name === "marketplace" ? r : null; })()}>{(r) => <MarketplacePage ws={r().ws} page={r().page} />}</Match>
              </Switch>
            </WorkspaceGate>
          </Shell>
        </WorkspaceProvider>
      </Match>
    </Switch>
  );
}

/** Shows the page only for a workspace the identity belongs to. */
function WorkspaceGate(props: { children: JSX.Element }) {
  const workspace = useWorkspace();
  const unknown = () => {
    const id = workspace.currentId();
    const list = latest(workspace.workspaces);
    return Boolean(id && list && !list.some((w) => w.id === id));
  };
  return (
    <Show
      when={!unknown()}
      fallback={
        <section class="empty" data-testid="workspace-not-found">
          <h1>Workspace not found</h1>
          <p>It does not exist, or you are not a member. Pick another one from the menu above.</p>
        </section>
      }
    >
      <Show
        when={workspace.currentId() === null || workspace.current()}
        fallback={
          <Show when={workspace.workspaces.error} fallback={<Loading />}>
            <ErrorAlert error={workspace.workspaces.error} testId="workspaces-error" />
          </Show>
        }
      >
        {props.children}
      </Show>
    </Show>
  );
}
