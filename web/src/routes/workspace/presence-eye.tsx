import { createEffect, createSignal, onCleanup, Show } from "solid-js";
import { useHub } from "../../sdui/live/hub";

interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The AI "eye": marks where an AI is reading (a target_rect event), for a few seconds. */
export function PresenceEye(props: { room: string; panel: () => HTMLElement | undefined }) {
  const hub = useHub();
  const [box, setBox] = createSignal<Box | null>(null);
  createEffect(() => {
    const p = hub.presence(props.room);
    const panel = props.panel();
    if (!p || !panel) return setBox(null);
    const base = panel.getBoundingClientRect();
    let b: Box | null = null;
    if (p.target) {
      const el = panel.querySelector(`[data-id="${CSS.escape(p.target)}"], [data-key="${CSS.escape(p.target)}"]`);
      const r = el?.getBoundingClientRect();
      if (r) b = { left: r.left - base.left, top: r.top - base.top, width: r.width, height: r.height };
    } else if (p.rect) {
      b = { left: p.rect.x, top: p.rect.y, width: p.rect.width, height: p.rect.height };
    }
    setBox(b ?? { left: 8, top: 8, width: base.width - 16, height: 40 });
    const t = setTimeout(() => setBox(null), 5000);
    onCleanup(() => clearTimeout(t));
  });
  return (
    <Show when={box()}>
      {(b) => (
        <div class="ai-eye" data-testid="ai-eye" style={{ left: `${b().left}px`, top: `${b().top}px`, width: `${b().width}px`, height: `${b().height}px` }} aria-label="An AI is reading here">
          <span class="ai-eye-badge" aria-hidden="true">👁</span>
        </div>
      )}
    </Show>
  );
}
