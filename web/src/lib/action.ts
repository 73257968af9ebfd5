import { createSignal } from "solid-js";
import type { Accessor } from "solid-js";

/** An async action's state: `busy` while it runs, the `error` it last threw. */
export interface Action {
  busy: Accessor<boolean>;
  error: Accessor<unknown>;
  /** Sets the error by hand, e.g. when a form fails its own checks before running anything. */
  setError(error: unknown): void;
  /** Clears the error, sets busy, awaits `fn`; stores what it throws; always clears busy. */
  run<T>(fn: () => Promise<T>): Promise<T | undefined>;
}

/**
 * The busy/error state of a button or form that calls the API.
 *
 * @example
 * const action = createAction();
 * const onSubmit = () => action.run(async () => { await api.inviteMember(ws, email, role); props.onDone(); });
 * <button disabled={action.busy()}>Invite</button>
 * <ErrorAlert error={action.error()} />
 */
export function createAction(): Action {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<unknown>(null);
  const run = async <T>(fn: () => Promise<T>): Promise<T | undefined> => {
    setError(null);
    setBusy(true);
    try {
      return await fn();
    } catch (err) {
      setError(() => err);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError: (err: unknown) => void setError(() => err), run };
}
