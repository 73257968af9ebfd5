import { createSignal } from "solid-js";
import { useRouter } from "../../lib/router";
import { afterLogin } from "../../lib/routes";
import { useSession } from "../../stores/session";
import { ErrorAlert } from "../../components/alert";
import { AuthLayout } from "../../components/auth-layout";

/** Email + password sign-in; on success, the workspace (or the `?next=` page). */
export function LoginPage() {
  const session = useSession();
  const router = useRouter();
  const [email, setEmail] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [error, setError] = createSignal<unknown>(null);
  const [busy, setBusy] = createSignal(false);

  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const search = router.search();
    try {
      const signedIn = await session.login(email().trim(), password());
      // The app may already have moved on (it redirects signed-in visitors of /login).
      if (router.route().name === "login") router.navigate(afterLogin(search, signedIn.workspace?.id), { replace: true });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <AuthLayout title="Sign in to FrameOS" subtitle="Plugins, agents and people, side by side.">
      <form class="stack" onSubmit={onSubmit} data-testid="login-form" aria-label="Sign in">
        <label class="field">
          <span>Email</span>
          <input
            class="input"
            type="email"
            name="email"
            autocomplete="username"
            required
            autofocus
            value={email()}
            onInput={(e) => setEmail(e.currentTarget.value)}
            data-testid="login-email"
          />
        </label>
        <label class="field">
          <span>Password</span>
          <input
            class="input"
            type="password"
            name="password"
            autocomplete="current-password"
            required
            value={password()}
            onInput={(e) => setPassword(e.currentTarget.value)}
            data-testid="login-password"
          />
        </label>
        <ErrorAlert error={error()} testId="login-error" />
        <button class="btn btn-primary btn-block" type="submit" disabled={busy()} data-testid="login-submit">
          {busy() ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </AuthLayout>
  );
}
