import { randomUUID } from "node:crypto";
import { and, asc, count, eq, gt, isNull, sql } from "drizzle-orm";
import { getDb } from "../index";
import { invitation, member, organization, session, user } from "../schema";

export type Role = "owner" | "admin" | "member";
export const ROLES: readonly Role[] = ["owner", "admin", "member"];

export async function countUsers(): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(user);
  return row?.n ?? 0;
}

export async function hasPendingInvitation(email: string): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ id: invitation.id })
    .from(invitation)
    .where(and(sql`lower(${invitation.email}) = lower(${email})`, eq(invitation.status, "pending"), gt(invitation.expiresAt, sql`now()`)))
    .limit(1);
  return row !== undefined;
}

/** The user's role in a workspace, or undefined when they are not a member. */
export async function findRole(userId: string, workspaceId: string): Promise<Role | undefined> {
  const db = await getDb();
  const [row] = await db
    .select({ role: member.role })
    .from(member)
    .where(and(eq(member.userId, userId), eq(member.organizationId, workspaceId)));
  return row?.role as Role | undefined;
}

/** The workspace a user joined first: where a new session starts. */
export async function findFirstWorkspaceId(userId: string): Promise<string | undefined> {
  const db = await getDb();
  const [row] = await db
    .select({ id: member.organizationId })
    .from(member)
    .where(eq(member.userId, userId))
    .orderBy(asc(member.createdAt))
    .limit(1);
  return row?.id;
}

export async function findWorkspaceIdByOwnerEmail(email: string): Promise<string | undefined> {
  const db = await getDb();
  const [row] = await db
    .select({ id: member.organizationId })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(and(sql`lower(${user.email}) = lower(${email})`, eq(member.role, "owner")))
    .orderBy(asc(member.createdAt))
    .limit(1);
  return row?.id;
}

const slugFor = (name: string) =>
  `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "workspace"}-${randomUUID().slice(0, 8)}`;

/** Makes a user the owner of a new workspace. */
export async function createWorkspace(ownerId: string, name: string): Promise<string> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [workspace] = await tx.insert(organization).values({ id: randomUUID(), name, slug: slugFor(name) }).returning({ id: organization.id });
    await tx.insert(member).values({ id: randomUUID(), organizationId: workspace!.id, userId: ownerId, role: "owner" });
    return workspace!.id;
  });
}

/**
 * The first account owns the first workspace: the one that data from before accounts existed was
 * migrated into (a workspace with no members), or else a new one.
 */
export async function adoptOrCreateFirstWorkspace(ownerId: string, name: string): Promise<string> {
  const db = await getDb();
  const [orphan] = await db
    .select({ id: organization.id })
    .from(organization)
    .leftJoin(member, eq(member.organizationId, organization.id))
    .where(isNull(member.id))
    .orderBy(asc(organization.createdAt))
    .limit(1);
  if (!orphan) return createWorkspace(ownerId, name);
  await db.insert(member).values({ id: randomUUID(), organizationId: orphan.id, userId: ownerId, role: "owner" });
  return orphan.id;
}

/** Sessions of the user that have no workspace chosen yet start in this one. */
export async function activateWorkspaceForSessions(userId: string, workspaceId: string): Promise<void> {
  const db = await getDb();
  await db
    .update(session)
    .set({ activeOrganizationId: workspaceId })
    .where(and(eq(session.userId, userId), isNull(session.activeOrganizationId)));
}

export type WorkspaceMembership = { id: string; name: string; role: Role };

/** The workspaces a user belongs to, oldest first, for the switcher. */
export async function listUserWorkspaces(userId: string): Promise<WorkspaceMembership[]> {
  const db = await getDb();
  const rows = await db
    .select({ id: organization.id, name: organization.name, role: member.role })
    .from(member)
    .innerJoin(organization, eq(organization.id, member.organizationId))
    .where(eq(member.userId, userId))
    .orderBy(asc(member.createdAt));
  return rows as WorkspaceMembership[];
}

export type InvitationPreview = {
  id: string;
  email: string;
  role: string;
  workspaceName: string;
  inviterName: string;
  usable: boolean;
};

/**
 * What an invite link shows before its visitor has an account: the workspace, who invited, and for
 * which address. The link's id is the secret (better-auth makes it long and random).
 */
export async function findInvitationPreview(id: string): Promise<InvitationPreview | undefined> {
  const db = await getDb();
  const [row] = await db
    .select({
      id: invitation.id,
      email: invitation.email,
      role: invitation.role,
      workspaceName: organization.name,
      inviterName: user.name,
      usable: sql<boolean>`${invitation.status} = 'pending' and ${invitation.expiresAt} > now()`,
    })
    .from(invitation)
    .innerJoin(organization, eq(organization.id, invitation.organizationId))
    .innerJoin(user, eq(user.id, invitation.inviterId))
    .where(eq(invitation.id, id));
  return row ? { ...row, role: row.role ?? "member" } : undefined;
}

export async function userExists(email: string): Promise<boolean> {
  const db = await getDb();
  const [row] = await db.select({ id: user.id }).from(user).where(sql`lower(${user.email}) = lower(${email})`);
  return row !== undefined;
}
