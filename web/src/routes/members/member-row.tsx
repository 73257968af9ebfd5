import { createSignal, For, Show } from "solid-js";
import { createAction } from "../../lib/action";
import type { Member, Role } from "../../lib/api";
import { formatFull, formatRelative, identityTypeLabel, initials } from "../../lib/format";
import { assignableRoles, canEditMember } from "./members";

interface MemberRowProps {
  member: Member;
  viewerRole: Role | null;
  isSelf: boolean;
  onRole: (role: Role) => Promise<void>;
  onRemove: () => Promise<void>;
}

/** One member: role select for managers, two-step remove. */
export function MemberRow(props: MemberRowProps) {
  const [confirming, setConfirming] = createSignal(false);
  const action = createAction();
  const id = () => props.member.identity.id;
  const name = () => props.member.identity.name;
  const editable = () => canEditMember(props.viewerRole, props.member);
  const roles = () => {
    const list = assignableRoles(props.viewerRole);
    return list.includes(props.member.role) ? list : [props.member.role, ...list];
  };

  // The page shows what onRole and onRemove fail with; the row only waits for them.
  const act = async (fn: () => Promise<void>) => {
    await action.run(fn);
    setConfirming(false);
  };

  return (
    <tr data-testid={`member-row-${id()}`} data-email={props.member.identity.email ?? ""} data-role={props.member.role}>
      <td>
        <div class="person">
          <span class="avatar avatar-sm" classList={{ "avatar-ai": props.member.identity.type === "ai" }} aria-hidden="true">
            {initials(name())}
          </span>
          <span class="person-name">{name()}</span>
          <Show when={props.isSelf}>
            <span class="badge badge-accent">you</span>
          </Show>
          <Show when={props.member.identity.type !== "human"}>
            <span class="badge badge-plain">{identityTypeLabel(props.member.identity.type)}</span>
          </Show>
        </div>
      </td>
      <td class="muted">{props.member.identity.email ?? "—"}</td>
      <td>
        <Show when={editable()} fallback={<span class="badge" data-testid={`member-role-badge-${id()}`}>{props.member.role}</span>}>
          <select
            class="select select-sm"
            aria-label={`Role of ${name()}`}
            value={props.member.role}
            disabled={action.busy()}
            data-testid={`member-role-${id()}`}
            onChange={(e) => {
              const next = e.currentTarget.value as Role;
              if (next !== props.member.role) void act(() => props.onRole(next));
            }}
          >
            <For each={roles()}>{(r) => <option value={r}>{r}</option>}</For>
          </select>
        </Show>
      </td>
      <td title={formatFull(props.member.joined_at)}>{formatRelative(props.member.joined_at)}</td>
      <td class="actions">
        <Show when={editable() || props.isSelf}>
          <Show
            when={confirming()}
            fallback={
              <button
                type="button"
                class="btn btn-sm btn-ghost btn-danger"
                aria-label={props.isSelf ? "Leave workspace" : `Remove ${name()}`}
                data-testid={`member-remove-${id()}`}
                onClick={() => setConfirming(true)}
              >
                {props.isSelf ? "Leave" : "Remove"}
              </button>
            }
          >
            <span class="confirm">
              <button
                type="button"
                class="btn btn-sm btn-danger"
                disabled={action.busy()}
                data-testid={`member-remove-confirm-${id()}`}
                onClick={() => void act(props.onRemove)}
              >
                Confirm
              </button>
              <button type="button" class="btn btn-sm btn-ghost" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </span>
          </Show>
        </Show>
      </td>
    </tr>
  );
}
