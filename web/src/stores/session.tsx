import { createContext, onCleanup, onMount, useContext } from "solid-js";
import type { ParentProps } from "solid-js";
import { createStore } from "solid-js/store";
import { api, ApiError, errorMessage } from "../lib/api";
import type { Session } from "../lib/api";

export type SessionStatus = "loading" | "signed-in" | "signed-out" | "error";

interface SessionState {
  status: SessionStatus;
  session: Session | null;
  error: string | null;
}

interface SessionValue {
  state: SessionState;
  /** Asks the server who we are (the session cookie is HttpOnly). */
  refresh(): Promise<void>;
  login(email: string, password: string): Promise<Session>;
  logout(): Promise<void>;
  acceptInvitation(token: string, name: string, password: string): Promise<Session>;
}

const SessionContext = createContext<SessionValue>();

/** Holds the signed-in identity for the whole app. */
export function SessionProvider(props: ParentProps) {
  const [state, setState] = createStore<SessionState>({ status: "loading", session: null, error: null });

  const signedIn = (session: Session) => {
    setState({ status: "signed-in", session, error: null });
    return session;
  };

  const refresh = async () => {
    try {
      signedIn(await api.whoami());
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setState({ status: "signed-out", session: null, error: null });
      else setState({ status: "error", session: null, error: errorMessage(error) });
    }
  };

  const value: SessionValue = {
    state,
    refresh,
    login: async (email, password) => signedIn(await api.login(email, password)),
    logout: async () => {
      try {
        await api.logout();
      } finally {
        setState({ status: "signed-out", session: null, error: null });
      }
    },
    acceptInvitation: async (token, name, password) => signedIn(await api.acceptInvitation(token, name, password)),
  };

  onMount(() => void refresh());
  // A session that ends while the app is open (expired, logged out elsewhere) goes to the login.
  onCleanup(
    api.onUnauthorized(() => {
      if (state.status === "signed-in") setState({ status: "signed-out", session: null, error: null });
    }),
  );
  return <SessionContext.Provider value={value}>{props.children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession() needs a <SessionProvider>");
  return value;
}
