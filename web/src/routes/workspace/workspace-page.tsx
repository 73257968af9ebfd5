import { PageHeader } from "../../components/page-header";
import { useWorkspace } from "../../stores/workspace";

/** The workspace home: the plugin area, empty until plugins are installed. */
export function WorkspacePage() {
  const workspace = useWorkspace();
  return (
    <div class="page stack-lg">
      <PageHeader title={workspace.current()?.name ?? "Workspace"} subtitle="Everything you see here is a plugin." />
      <section class="plugin-area card" data-testid="plugin-area" aria-label="Plugins">
        <div class="empty">
          <div class="empty-icon" aria-hidden="true">
            <svg width="28" height="28" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round">
              <path d="M9 3h6v4a2 2 0 1 0 0 4v0h4v4h-4a2 2 0 1 0-4 0v0H7v-4a2 2 0 1 0 0-4V7h2z" />
            </svg>
          </div>
          <h2>No plugins installed yet</h2>
          <p>Plugins bring state, commands and UI to this workspace. Installed plugins will appear here.</p>
        </div>
      </section>
    </div>
  );
}
