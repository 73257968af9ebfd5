import { For, Portal, Show } from "solid-js/web";
import { OWN_UI_ATTR } from "./dom";
import type { Perception } from "./responder";
import "./perception.css";

/**
 * What a person sees of perception: the AI "eye" over the rectangle an AI is reading (page
 * coordinates, fading after a few seconds) and an "AI is looking" pill while one perceives.
 */
export function PerceptionOverlay(props: { perception: Perception }) {
  const own = { [OWN_UI_ATTR]: "" };
  return (
    <Portal mount={document.body}>
      <For each={props.perception.eyes()}>
        {(eye) => (
          <div
            {...own}
            class="pe-ai-eye"
            data-ai-eye={eye.surface}
            data-plugin-target={eye.plugin ?? undefined}
            style={{ left: `${eye.rect.x}px`, top: `${eye.rect.y}px`, width: `${eye.rect.width}px`, height: `${eye.rect.height}px` }}
            aria-hidden="true"
          >
            <span class="pe-ai-eye-badge">
              <svg viewBox="0 0 24 24" width="12" height="12" aria-hidden="true"><path d="M1 12s4-7 11-7 11 7 11 7-4 7-11 7S1 12 1 12z" fill="none" stroke="currentColor" stroke-width="2" /><circle cx="12" cy="12" r="3" fill="currentColor" /></svg>
              {eye.agent}
            </span>
          </div>
        )}
      </For>
      <Show when={props.perception.watchers().length > 0}>
        <div {...own} class="pe-ai-active" data-ai-active="" role="status">
          <span class="pe-ai-active-dot" aria-hidden="true" /> AI is looking: {props.perception.watchers().join(", ")}
        </div>
      </Show>
    </Portal>
  );
}
