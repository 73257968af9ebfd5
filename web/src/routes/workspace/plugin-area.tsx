import { createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import { errorMessage } from "../../lib/api";
import { pluginApi } from "../../sdui/live/client";
import { LiveProvider, useHub } from "../../sdui/live/hub";
import type { Layout, Theme } from "./panel-logic";
import { parseLayout, parseTheme } from "./panel-logic";
import { PluginPanel } from "./plugin-panel";
import "../../sdui/look/tokens.css";
import "../../sdui/components/components.css";
import "./plugin-area.css";

/** Every installed plugin's panel, tiled or tabbed, over one live stream for the workspace. */
export function PluginArea(props: { ws: string }) {
  const [plugins] = createResource(() => props.ws, (ws) => pluginApi.list(ws).then((r) => r.installed));
  const [layout, setLayoutSignal] = createSignal<Layout>(parseLayout(localStorage.getItem("frameos.layout")));
  const [theme, setThemeSignal] = createSignal<Theme>(parseTheme(localStorage.getItem("frameos.theme")));
  const [active, setActive] = createSignal<string | null>(null);
  const setLayout = (l: Layout) => {
    localStorage.setItem("frameos.layout", l);
    setLayoutSignal(l);
  };
  const setTheme = (t: Theme) => {
    localStorage.setItem("frameos.theme", t);
    setThemeSignal(t);
  };
  const current = () => active() ?? plugins()?.[0]?.name ?? null;
  return (
    <LiveProvider ws={props.ws}>
      <section class="plugin-area" data-testid="plugin-area" aria-label="Plugins" data-layout={layout()} data-theme={theme() === "auto" ? undefined : theme()}>
        <Switch>
          <Match when={plugins.error}>
            <div class="alert alert-error" role="alert">{errorMessage(plugins.error)}</div>
          </Match>
          <Match when={plugins() && plugins()!.length === 0}>
            <div class="empty card">
              <h2>No plugins installed yet</h2>
              <p>Plugins bring state, commands and UI to this workspace. Installed plugins will appear here.</p>
            </div>
          </Match>
          <Match when={plugins()}>
            {(list) => (
              <>
                <div class="plugin-area-bar">
                  <Show when={layout() === "tabs"}>
                    <div role="tablist" class="plugin-tabs">
                      <For each={list()}>{(p) => <button type="button" role="tab" class="plugin-tab" data-testid={`tab-${p.name}`} aria-selected={current() === p.name} onClick={() => setActive(p.name)}>{p.title ?? p.name}</button>}</For>
                    </div>
                  </Show>
                  <span class="plugin-area-spacer" />
                  <ConnectionDot />
                  <select class="plugin-area-select" aria-label="Layout" data-testid="layout-select" value={layout()} onChange={(e) => setLayout(parseLayout(e.currentTarget.value))}>
                    <option value="tiles">Tiles</option>
                    <option value="tabs">Tabs</option>
                  </select>
                  <select class="plugin-area-select" aria-label="Theme" data-testid="theme-select" value={theme()} onChange={(e) => setTheme(parseTheme(e.currentTarget.value))}>
                    <option value="auto">Auto theme</option>
                    <option value="light">Light</option>
                    <option value="dark">Dark</option>
                  </select>
                </div>
                <TokenStyles />
                <div class="plugin-panels">
                  <For each={list()}>{(p) => <Show when={layout() === "tiles" || current() === p.name}><PluginPanel ws={props.ws} plugin={p} /></Show>}</For>
                </div>
              </>
            )}
          </Match>
        </Switch>
        <Toasts />
      </section>
    </LiveProvider>
  );
}

function TokenStyles() {
  const hub = useHub();
  return <style>{hub.tokenCss()}</style>;
}

function ConnectionDot() {
  const hub = useHub();
  return <span class="plugin-live" data-testid="live-status" data-connected={hub.connected()} title={hub.connected() ? "Live" : "Reconnecting…"}>{hub.connected() ? "Live" : "Offline"}</span>;
}

function Toasts() {
  const hub = useHub();
  return (
    <div class="plugin-toasts" data-testid="toasts" aria-live="polite">
      <For each={hub.toasts()}>
        {(t) => (
          <div class={`sd-toast-inline sd-tone-${t.level === "error" ? "danger" : t.level}`} role={t.level === "error" ? "alert" : "status"} data-testid="toast" data-level={t.level}>
            <span>{t.message}</span>
            <button type="button" class="sd-close" aria-label="Dismiss" onClick={() => hub.dismiss(t.id)}>×</button>
          </div>
        )}
      </For>
    </div>
  );
}
