import { headers } from "next/headers";
import { cache } from "react";
import { redirect } from "next/navigation";
import { countUsers, listUserWorkspaces, type WorkspaceMembership } from "@/db/queries/workspaces";
import { userPrincipal, type Principal } from "./principal";
import { getAuth } from "./server";

export type PageSession = {
  principal: Principal;
  user: { id: string; name: string; email: string };
  workspaces: WorkspaceMembership[];
};

/**
 * For pages of the app: the signed-in user and their active workspace. Without a session the visitor
 * goes to sign-in, or to owner setup while no account exists; a user who belongs to no workspace yet
 * is told to open their invite link.
 */
// Once per request, however many layouts and pages ask.
export const requirePageSession = cache(async (): Promise<PageSession> => {
  const requestHeaders = await headers();
  const session = await (await getAuth()).api.getSession({ headers: requestHeaders });
  if (!session) redirect((await countUsers()) === 0 ? "/setup" : "/sign-in");
  const principal = await userPrincipal(session.user.id, session.session.activeOrganizationId);
  if (!principal) redirect("/no-workspace");
  const { id, name, email } = session.user;
  return { principal, user: { id, name, email }, workspaces: await listUserWorkspaces(id) };
});
