import { createResource, createSignal, Match, Switch } from "solid-js";
import { api } from "../../lib/api";
import { latest } from "../../lib/resource";
import { useRouter } from "../../lib/router";
import { paths } from "../../lib/routes";
import { useSession } from "../../stores/session";
import { ErrorAlert } from "../../components/alert";
import { AuthLayout } from "../../components/auth-layout";
import { Loading } from "../../components/loading";
import { validateAccept } from "./invite";

/** Accept an invitation: shows the workspace and role, asks for a name and password. */
export function InvitePage(props: { token: string }) {
  const session = useSession();
  const router = useRouter();
  const [info] = createResource(() => props.token, (token) => api.invitation(token));
  const [name, setName] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [error, setError] = createSignal<unknown>(null);
  const [busy, setBusy] = createSignal(false);

  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    const checked = validateAccept(name(), password());
    if (!checked.ok) return setError(new Error(checked.message));
    setBusy(true);
    setError(null);
    try {
      const signedIn = await session.acceptInvitation(props.token, checked.name, password());
      const ws = signedIn.workspace?.id ?? info()?.workspace.id;
      router.navigate(ws ? paths.workspace(ws) : paths.home(), { replace: true });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <Switch>
      <Match when={info.loading}>
        <AuthLayout title="Invitation">
          <Loading label="Checking the invitation…" />
        </AuthLayout>
      </Match>
      <Match when={info.error}>
        <AuthLayout title="This invitation cannot be used" subtitle="It may have expired, been used already, or been withdrawn.">
          <ErrorAlert error={info.error} testId="invite-error" />
          <a class="btn btn-block" href={paths.login()}>
            Go to sign in
          </a>
        </AuthLayout>
      </Match>
      <Match when={latest(info)}>
        {(invitation) => (
          <AuthLayout
            title={`Join ${invitation().workspace.name}`}
            subtitle={
              <>
                You were invited as <strong>{invitation().role}</strong> with <strong>{invitation().email}</strong>.
              </>
            }
          >
            <form class="stack" onSubmit={onSubmit} data-testid="invite-form" aria-label="Accept invitation">
              <label class="field">
                <span>Your name</span>
                <input
                  class="input"
                  name="name"
                  autocomplete="name"
                  required
                  value={name()}
                  onInput={(e) => setName(e.currentTarget.value)}
                  data-testid="invite-name"
                />
              </label>
              <label class="field">
                <span>Choose a password</span>
                <input
                  class="input"
                  type="password"
                  name="password"
                  autocomplete="new-password"
                  required
                  value={password()}
                  onInput={(e) => setPassword(e.currentTarget.value)}
                  data-testid="invite-password"
                />
              </label>
              <ErrorAlert error={error()} testId="invite-accept-error" />
              <button class="btn btn-primary btn-block" type="submit" disabled={busy()} data-testid="invite-accept">
                {busy() ? "Joining…" : "Accept and sign in"}
              </button>
            </form>
          </AuthLayout>
        )}
      </Match>
    </Switch>
  );
}
