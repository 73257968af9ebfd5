import { createContext, createMemo, createSignal, onCleanup, useContext } from "solid-js";
import type { Accessor, JSX, ParentProps } from "solid-js";
import { matchRoute } from "./routes";
import type { Route } from "./routes";

interface RouterValue {
  route: Accessor<Route>;
  pathname: Accessor<string>;
  search: Accessor<string>;
  navigate(to: string, options?: { replace?: boolean }): void;
}

const RouterContext = createContext<RouterValue>();

/** A tiny History-API router: one signal for the location, {@link matchRoute} for pages. */
export function RouterProvider(props: ParentProps) {
  const read = () => ({ pathname: window.location.pathname, search: window.location.search });
  const [location, setLocation] = createSignal(read());
  const onPop = () => setLocation(read());
  window.addEventListener("popstate", onPop);
  onCleanup(() => window.removeEventListener("popstate", onPop));

  const navigate = (to: string, options: { replace?: boolean } = {}) => {
    const current = window.location.pathname + window.location.search;
    if (to === current) return;
    if (options.replace) window.history.replaceState(null, "", to);
    else window.history.pushState(null, "", to);
    setLocation(read());
    if (!options.replace) window.scrollTo(0, 0);
  };

  const pathname = () => location().pathname;
  const search = () => location().search;
  const route = createMemo(() => matchRoute(pathname()), undefined, {
    equals: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  });
  return <RouterContext.Provider value={{ route, pathname, search, navigate }}>{props.children}</RouterContext.Provider>;
}

export function useRouter(): RouterValue {
  const value = useContext(RouterContext);
  if (!value) throw new Error("useRouter() needs a <RouterProvider>");
  return value;
}

type LinkProps = JSX.AnchorHTMLAttributes<HTMLAnchorElement> & { href: string };

/** An anchor that navigates inside the SPA (plain clicks only; modifiers open normally). */
export function Link(props: LinkProps) {
  const { navigate } = useRouter();
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(props.href);
  };
  return <a {...props} onClick={onClick} />;
}
