import { createContext, createMemo, createResource, useContext } from "solid-js";
import type { Accessor, ParentProps, Resource } from "solid-js";
import { api } from "../lib/api";
import type { Role, WorkspaceRef, WorkspaceSummary } from "../lib/api";
import { latest } from "../lib/resource";
import { sortWorkspaces } from "./workspace-logic";

interface WorkspaceValue {
  /** Workspaces the identity belongs to, sorted by name. */
  workspaces: Resource<WorkspaceSummary[]>;
  /** The workspace the current page is about (from the route), if any. */
  currentId: Accessor<string | null>;
  current: Accessor<WorkspaceSummary | undefined>;
  role: Accessor<Role | null>;
  refresh(): Promise<void>;
  create(name: string): Promise<WorkspaceRef>;
}

const WorkspaceContext = createContext<WorkspaceValue>();

/** Workspaces of the signed-in identity and the one in view. */
export function WorkspaceProvider(props: ParentProps<{ currentId: Accessor<string | null> }>) {
  const [workspaces, { refetch }] = createResource(async () => sortWorkspaces((await api.listWorkspaces()).workspaces));
  const current = createMemo(() => {
    const id = props.currentId();
    return id ? latest(workspaces)?.find((w) => w.id === id) : undefined;
  });

  const value: WorkspaceValue = {
    workspaces,
    currentId: () => props.currentId(),
    current,
    role: () => current()?.role ?? null,
    refresh: async () => {
      await refetch();
    },
    create: async (name) => {
      const { workspace } = await api.createWorkspace(name);
      await refetch();
      return workspace;
    },
  };
  return <WorkspaceContext.Provider value={value}>{props.children}</WorkspaceContext.Provider>;
}

export function useWorkspace(): WorkspaceValue {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error("useWorkspace() needs a <WorkspaceProvider>");
  return value;
}
