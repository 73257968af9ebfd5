import { createEffect, createSignal, ErrorBoundary, For, on, onCleanup, Show } from "solid-js";
import { ErrorBox, RenderNode } from "../../sdui/render/render-node";
import type { RenderCtx } from "../../sdui/render/context";
import { scopeCss } from "../../sdui/look/scope-css";
import type { InstalledPlugin } from "../../sdui/live/client";
import { pluginApi } from "../../sdui/live/client";
import { useHub } from "../../sdui/live/hub";
import type { Room } from "../../sdui/live/room";
import { createRoom, parseJsonFile } from "../../sdui/live/room";
import { errorMessage } from "../../lib/api";
import { cleanInstance, fillsPanel, rememberInstance } from "./panel-logic";
import { PresenceEye } from "./presence-eye";

const recentKey = (ws: string, plugin: string) => `frameos.instances.${ws}.${plugin}`;

/** One plugin's panel: loads files and state, then renders its ui.json live. */
export function PluginPanel(props: { ws: string; plugin: InstalledPlugin }) {
  const hub = useHub();
  const name = props.plugin.name;
  const perDocument = props.plugin.instances === "per_document";
  const stored = () => {
    try {
      return JSON.parse(localStorage.getItem(recentKey(props.ws, name)) ?? "[]") as string[];
    } catch {
      return [];
    }
  };
  const [recent, setRecent] = createSignal<string[]>(stored().length ? stored() : ["main"]);
  const [instance, setInstance] = createSignal("main");
  const [room, setRoom] = createSignal<Room | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  let section: HTMLElement | undefined;

  createEffect(
    on(instance, (inst) => {
      let cancelled = false;
      let unregister: (() => void) | undefined;
      setRoom(null);
      setError(null);
      void (async () => {
        try {
          const files = await pluginApi.files(props.ws, name, inst);
          const state = await pluginApi.state(props.ws, name, inst);
          if (cancelled) return;
          const r = createRoom(name, inst, {
            ui: parseJsonFile(files.files["ui.json"], null),
            bindings: parseJsonFile(files.files["bindings.json"], {}),
            styles: files.files["styles.css"] ?? "",
          });
          if ("state" in state) r.setFull(state.state, state.version);
          setRoom(r);
          unregister = hub.register(r);
        } catch (e) {
          if (!cancelled) setError(errorMessage(e));
        }
      })();
      onCleanup(() => {
        cancelled = true;
        unregister?.();
      });
    }),
  );

  const open = (input: string) => {
    const inst = cleanInstance(input);
    if (!inst) return;
    const next = rememberInstance(recent(), inst);
    setRecent(next);
    localStorage.setItem(recentKey(props.ws, name), JSON.stringify(next));
    setInstance(inst);
  };

  const ctx = (r: Room): RenderCtx => ({
    plugin: name,
    room: r.name,
    state: r.state,
    bindings: r.bindings,
    dispatch: (command, params) => hub.dispatch(r, command, params),
    reducedMotion: hub.reducedMotion,
  });

  return (
    <section ref={section} class="plugin-panel" data-plugin={name} data-testid={`panel-${name}`} data-room={room()?.name} data-version={room()?.version()} aria-label={props.plugin.title ?? name}>
      <header class="plugin-panel-head">
        <h2>{props.plugin.title ?? name}</h2>
        <Show when={perDocument}>
          <form class="plugin-instance" onSubmit={(e) => { e.preventDefault(); open(new FormData(e.currentTarget).get("instance")?.toString() ?? ""); }}>
            <label>
              <span class="sr-only">Document</span>
              <input name="instance" list={`instances-${name}`} value={instance()} data-testid={`instance-${name}`} size="10" aria-label="Document (instance)" />
            </label>
            <datalist id={`instances-${name}`}><For each={recent()}>{(i) => <option value={i} />}</For></datalist>
            <button type="submit" class="btn btn-small">Open</button>
          </form>
        </Show>
        <span class="plugin-panel-version" title="State version">v{room()?.version() ?? "…"}</span>
      </header>
      <Show when={room()} fallback={<Show when={error()} fallback={<div class="plugin-panel-loading">Loading {name}…</div>}><ErrorBox plugin={name} message={error() ?? ""} /></Show>}>
        {(r) => (
          <>
            <style>{scopeCss(r().styles(), name)}</style>
            <div class={fillsPanel(r().ui()) ? "plugin-panel-body plugin-panel-fill" : "plugin-panel-body"}>
              <ErrorBoundary fallback={(e) => <ErrorBox plugin={name} message={errorMessage(e)} />}>
                <Show when={r().ui()} keyed fallback={<ErrorBox plugin={name} message="this plugin has no ui.json" />}>
                  {(ui) => <RenderNode node={ui} ctx={ctx(r())} />}
                </Show>
              </ErrorBoundary>
            </div>
            <PresenceEye room={r().name} panel={() => section} />
          </>
        )}
      </Show>
    </section>
  );
}
