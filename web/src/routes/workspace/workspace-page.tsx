import { Show } from "solid-js";
import { PageHeader } from "../../components/page-header";
import { useWorkspace } from "../../stores/workspace";
import { PluginArea } from "./plugin-area";

/** The workspace home: every installed plugin rendered from its UI tree. */
export function WorkspacePage() {
  const workspace = useWorkspace();
  return (
    <div class="page stack-lg">
      <PageHeader title={workspace.current()?.name ?? "Workspace"} subtitle="Everything you see here is a plugin." />
      <Show when={workspace.currentId()} keyed>
        {(ws) => <PluginArea ws={ws} />}
      </Show>
    </div>
  );
}
