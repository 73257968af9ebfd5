import { createSignal, onCleanup } from "solid-js";

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.append(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}

/** Copies `text` to the clipboard and says so for a moment. */
export function CopyButton(props: { text: string; label?: string; testId?: string }) {
  const [state, setState] = createSignal<"idle" | "copied" | "failed">("idle");
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  const onClick = async () => {
    setState((await copyText(props.text)) ? "copied" : "failed");
    clearTimeout(timer);
    timer = setTimeout(() => setState("idle"), 2000);
  };
  const label = () => (state() === "copied" ? "Copied" : state() === "failed" ? "Copy failed" : (props.label ?? "Copy"));
  return (
    <button type="button" class="btn" onClick={onClick} data-testid={props.testId ?? "copy"} aria-live="polite">
      {label()}
    </button>
  );
}
