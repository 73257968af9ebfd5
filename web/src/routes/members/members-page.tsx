import { createResource, createSignal, For, Show } from "solid-js";
import { api } from "../../lib/api";
import type { Member, Role } from "../../lib/api";
import { latest } from "../../lib/resource";
import { useRouter } from "../../lib/router";
import { paths } from "../../lib/routes";
import { formatFull, formatRelative } from "../../lib/format";
import { useSession } from "../../stores/session";
import { useWorkspace } from "../../stores/workspace";
import { canManage } from "../../stores/workspace-logic";
import { ErrorAlert } from "../../components/alert";
import { Loading } from "../../components/loading";
import { PageHeader } from "../../components/page-header";
import { InviteForm } from "./invite-form";
import { MemberRow } from "./member-row";
import { sortMembers } from "./members";

/** Members of a workspace: list, invite, change role, remove, pending invitations. */
export function MembersPage(props: { ws: string }) {
  const session = useSession();
  const workspace = useWorkspace();
  const router = useRouter();
  const [data, { refetch }] = createResource(() => props.ws, (ws) => api.listMembers(ws));
  const [error, setError] = createSignal<unknown>(null);
  const role = () => workspace.role();
  const me = () => session.state.session?.identity.id;

  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(err);
    } finally {
      await refetch();
    }
  };

  const changeRole = (member: Member, next: Role) => run(() => api.changeRole(props.ws, member.identity.id, next));
  const remove = async (member: Member) => {
    if (member.identity.id !== me()) return run(() => api.removeMember(props.ws, member.identity.id));
    // Leaving: the page is no longer ours to show, so go home (another workspace, or a new one).
    setError(null);
    try {
      await api.removeMember(props.ws, member.identity.id);
      await workspace.refresh();
      router.navigate(paths.home(), { replace: true });
    } catch (err) {
      setError(err);
    }
  };

  return (
    <div class="page stack-lg">
      <PageHeader title="Members" subtitle={`People and AI identities in ${workspace.current()?.name ?? "this workspace"}.`} />
      <Show when={canManage(role())}>
        <InviteForm ws={props.ws} onDone={() => void refetch()} />
      </Show>
      <ErrorAlert error={error()} testId="members-error" />
      <section class="card" aria-labelledby="members-title">
        <div class="card-header">
          <h2 id="members-title">Members</h2>
          <Show when={latest(data)}>{(d) => <span class="muted">{d().members.length}</span>}</Show>
        </div>
        <Show when={!data.error} fallback={<div class="card-body"><ErrorAlert error={data.error} testId="members-load-error" /></div>}>
          <Show when={latest(data)} fallback={<Loading />}>
            {(d) => (
              <div class="table-wrap">
                <table class="table" data-testid="members-table">
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Email</th>
                      <th scope="col">Role</th>
                      <th scope="col">Joined</th>
                      <th scope="col" class="actions">
                        <span class="visually-hidden">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={sortMembers(d().members)}>
                      {(member) => (
                        <MemberRow
                          member={member}
                          viewerRole={role()}
                          isSelf={member.identity.id === me()}
                          onRole={(next) => changeRole(member, next)}
                          onRemove={() => remove(member)}
                        />
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            )}
          </Show>
        </Show>
      </section>
      <Show when={(latest(data)?.invitations.length ?? 0) > 0}>
        <section class="card" aria-labelledby="invitations-title">
          <div class="card-header">
            <h2 id="invitations-title">Pending invitations</h2>
          </div>
          <div class="table-wrap">
            <table class="table" data-testid="invitations-table">
              <thead>
                <tr>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Expires</th>
                </tr>
              </thead>
              <tbody>
                <For each={latest(data)?.invitations ?? []}>
                  {(inv) => (
                    <tr data-testid={`invitation-row-${inv.id}`}>
                      <td>{inv.email}</td>
                      <td>
                        <span class="badge">{inv.role}</span>
                      </td>
                      <td title={formatFull(inv.expires_at)}>{formatRelative(inv.expires_at)}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </section>
      </Show>
    </div>
  );
}
