"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormCard } from "@/components/ui/form-card";
import { inputClass, labelClass } from "@/components/ui/field";
import { formatDate } from "@/components/ui/format";
import { Notice } from "@/components/ui/notice";
import { QueryBody } from "@/components/ui/query-body";
import { isEmailAddress, TextField } from "@/components/ui/text-field";
import type { Role } from "@/db/queries/workspaces";
import { queryKeys } from "@/lib/api/client";
import { authClient } from "@/lib/auth/client";
import { CopyField } from "./copy-field";

type Props = { workspaceId: string; role: Role; currentUserId: string };

/** better-auth's client answers `{ data, error }`; queries and mutations want a value or a throw. */
async function unwrap<T>(call: Promise<{ data: T | null; error: { message?: string } | null }>): Promise<T> {
  const { data, error } = await call;
  if (error || data === null) throw new Error(error?.message ?? "The server did not answer.");
  return data;
}

const inviteLink = (id: string) => `${window.location.origin}/invite/${id}`;

/** Members and invitations: owners and admins invite by link (no mail server needed), change roles and remove people. */
export function MembersSettings({ workspaceId, role, currentUserId }: Props) {
  const queryClient = useQueryClient();
  const canManage = role !== "member";
  const workspace = useQuery({
    queryKey: [...queryKeys.workspace, workspaceId],
    queryFn: () => unwrap(authClient.organization.getFullOrganization({ query: { organizationId: workspaceId } })),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.workspace });
  const [email, setEmail] = useState("");
  const [inviteRole, setInviteRole] = useState<"member" | "admin">("member");
  const [tried, setTried] = useState(false);
  const invite = useMutation({
    mutationFn: () => unwrap(authClient.organization.inviteMember({ email: email.trim(), role: inviteRole, organizationId: workspaceId })),
    onSuccess: () => {
      setEmail("");
      setTried(false);
      void refresh();
    },
  });
  const change = useMutation({
    mutationFn: (input: { memberId: string; role: "member" | "admin" }) =>
      unwrap(authClient.organization.updateMemberRole({ ...input, organizationId: workspaceId })),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (memberId: string) => unwrap(authClient.organization.removeMember({ memberIdOrEmail: memberId, organizationId: workspaceId })),
    onSettled: refresh,
  });
  const cancel = useMutation({
    mutationFn: (invitationId: string) => unwrap(authClient.organization.cancelInvitation({ invitationId })),
    onSettled: refresh,
  });
  const emailProblem = tried && !isEmailAddress(email) ? "Enter the teammate's email address." : undefined;
  const problem = [change.error, remove.error, cancel.error].find(Boolean);
  const pending = workspace.data?.invitations.filter((invitation) => invitation.status === "pending") ?? [];

  return (
    <div className="grid items-start gap-6 lg:grid-cols-[3fr_2fr]">
      <Card as="section" aria-labelledby="members-heading" flush>
        <h2 id="members-heading" className="px-4 pt-4 text-base font-semibold text-fg sm:px-5">
          Members
        </h2>
        {problem && (
          <div className="px-4 pt-3 sm:px-5">
            <Notice tone="danger">{problem.message}</Notice>
          </div>
        )}
        <QueryBody query={workspace}>
          {(found) => (
          <ul className="divide-y divide-line">
            {found.members.map((person) => {
              const editable = canManage && person.role !== "owner" && person.userId !== currentUserId;
              return (
                <li key={person.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-5">
                  <div className="min-w-0">
                    <p className="font-medium text-fg">{person.user.name}</p>
                    <p className="truncate text-sm text-fg-muted">{person.user.email}</p>
                  </div>
                  {editable ? (
                    <div className="flex items-center gap-2">
                      <label className="sr-only" htmlFor={`role-${person.id}`}>
                        Role of {person.user.name}
                      </label>
                      <select
                        id={`role-${person.id}`}
                        className={`${inputClass} w-auto py-1.5`}
                        value={person.role}
                        disabled={change.isPending}
                        onChange={(event) => change.mutate({ memberId: person.id, role: event.target.value as "member" | "admin" })}
                      >
                        <option value="member">Member</option>
                        <option value="admin">Admin</option>
                      </select>
                      <Button
                        variant="secondary"
                        size="sm"
                        aria-label={`Remove ${person.user.name}`}
                        disabled={remove.isPending}
                        onClick={() => {
                          if (window.confirm(`Remove ${person.user.name} from this workspace?`)) remove.mutate(person.id);
                        }}
                      >
                        Remove
                      </Button>
                    </div>
                  ) : (
                    <span className="rounded-full bg-surface-muted px-2.5 py-1 text-xs font-medium text-fg-muted capitalize">{person.role}</span>
                  )}
                </li>
              );
            })}
          </ul>
          )}
        </QueryBody>
      </Card>

      {canManage && (
        <FormCard
          id="invite"
          title="Invite a teammate"
          onSubmit={() => {
            setTried(true);
            if (isEmailAddress(email)) invite.mutate();
          }}
          after={
            <>
              {invite.data && (
                <div className="space-y-2" role="status">
                  <p className="text-sm font-medium text-fg">Send this link to {invite.data.email}. It works once, for 7 days.</p>
                  <CopyField label="Invite link" value={inviteLink(invite.data.id)} />
                </div>
              )}
              {pending.length > 0 && (
                <div className="space-y-2">
                  <h3 className="text-sm font-semibold text-fg">Pending invitations</h3>
                  <ul className="space-y-3">
                    {pending.map((invitation) => (
                      <li key={invitation.id} className="space-y-1.5">
                        <p className="text-sm text-fg-muted" suppressHydrationWarning>
                          {invitation.email} · {invitation.role} · until {formatDate(new Date(invitation.expiresAt).toISOString())}
                        </p>
                        <div className="flex gap-2">
                          <div className="min-w-0 flex-1">
                            <CopyField label={`Invite link for ${invitation.email}`} value={inviteLink(invitation.id)} />
                          </div>
                          <Button variant="ghost" size="sm" aria-label={`Cancel the invitation for ${invitation.email}`} onClick={() => cancel.mutate(invitation.id)}>
                            Cancel
                          </Button>
                        </div>
                      </li>
                    ))}
                  </ul>
                </div>
              )}
            </>
          }
        >
          <TextField id="invite-email" label="Email" type="email" value={email} onChange={(event) => setEmail(event.target.value)} error={emailProblem} />
          <div className="space-y-1.5">
            <label htmlFor="invite-role" className={labelClass}>
              Role
            </label>
            <select id="invite-role" className={inputClass} value={inviteRole} onChange={(event) => setInviteRole(event.target.value as "member" | "admin")}>
              <option value="member">Member — works with leads, offers and scores</option>
              <option value="admin">Admin — also manages members and API keys</option>
            </select>
          </div>
          {invite.error && <Notice tone="danger">{invite.error.message}</Notice>}
          <Button type="submit" disabled={invite.isPending}>
            {invite.isPending ? "Creating link…" : "Create invite link"}
          </Button>
        </FormCard>
      )}
    </div>
  );
}
