import { APIError, betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { nextCookies } from "better-auth/next-js";
import { organization } from "better-auth/plugins";
import { getDb } from "@/db";
import {
  activateWorkspaceForSessions,
  adoptOrCreateFirstWorkspace,
  countUsers,
  createWorkspace,
  findFirstWorkspaceId,
  hasPendingInvitation,
} from "@/db/queries/workspaces";
import * as schema from "@/db/schema";
import { env } from "@/lib/env";
import { ownOrigin } from "./origin";
import { authSecret } from "./secret";

const INVITE_DAYS = 7;
const MINUTE = 60;

export const SIGNUP_CLOSED_MESSAGE =
  "Sign-up is by invitation. Ask an owner or admin of your workspace for an invite link.";

/** Who may create an account: the first person (the owner), the invited, or anyone when ALLOW_SIGNUP is on. */
async function mayCreateAccount(email: string): Promise<boolean> {
  return env.ALLOW_SIGNUP || (await countUsers()) === 0 || (await hasPendingInvitation(email));
}

async function createAuth() {
  const db = await getDb();
  const google =
    env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET
      ? { google: { clientId: env.GOOGLE_CLIENT_ID, clientSecret: env.GOOGLE_CLIENT_SECRET } }
      : undefined;
  return betterAuth({
    appName: "IntentScore",
    baseURL: env.BETTER_AUTH_URL,
    // Sign-in and sign-up come from this app's own pages, wherever it is reached.
    trustedOrigins: (request) => (request ? [ownOrigin(request)] : []),
    secret: await authSecret(),
    database: drizzleAdapter(db, { provider: "pg", schema }),
    emailAndPassword: { enabled: true, minPasswordLength: 8 },
    socialProviders: google,
    telemetry: { enabled: false },
    // Counters in the database hold across instances. Sign-in and sign-up are limited per client IP.
    rateLimit: {
      enabled: true,
      storage: "database",
      window: MINUTE,
      max: 300,
      customRules: {
        "/sign-in/*": { window: MINUTE, max: env.AUTH_RATE_LIMIT_PER_MINUTE },
        "/sign-up/*": { window: MINUTE, max: env.AUTH_RATE_LIMIT_PER_MINUTE },
      },
    },
    // Secure cookies in production, unless BETTER_AUTH_URL says the server is reached over plain http.
    advanced: {
      useSecureCookies: env.BETTER_AUTH_URL ? env.BETTER_AUTH_URL.startsWith("https:") : env.NODE_ENV === "production",
      defaultCookieAttributes: { sameSite: "lax", httpOnly: true },
    },
    databaseHooks: {
      user: {
        create: {
          before: async (user) => {
            if (!(await mayCreateAccount(user.email))) throw new APIError("FORBIDDEN", { message: SIGNUP_CLOSED_MESSAGE });
          },
          after: async (user) => {
            let workspaceId: string | undefined;
            if ((await countUsers()) === 1) workspaceId = await adoptOrCreateFirstWorkspace(user.id, env.INTENTSCORE_INIT_WORKSPACE_NAME);
            else if (!(await hasPendingInvitation(user.email))) workspaceId = await createWorkspace(user.id, `${user.name}'s workspace`);
            // better-auth may create the sign-up's session before this hook runs.
            if (workspaceId) await activateWorkspaceForSessions(user.id, workspaceId);
          },
        },
      },
      session: {
        create: {
          // A session starts in the user's first workspace; the switcher changes it.
          before: async (session) => ({
            data: { ...session, activeOrganizationId: await findFirstWorkspaceId(session.userId) },
          }),
        },
      },
    },
    plugins: [
      organization({
        // Workspaces are made by sign-up (the first one, or one per self-registered user).
        allowUserToCreateOrganization: false,
        invitationExpiresIn: INVITE_DAYS * 24 * 60 * MINUTE,
        cancelPendingInvitationsOnReInvite: true,
      }),
      nextCookies(),
    ],
  });
}

export type Auth = Awaited<ReturnType<typeof createAuth>>;

// One instance per process, created on first use (it needs the connected database).
const STATE = Symbol.for("intentscore.auth");
type GlobalWithAuth = typeof globalThis & { [STATE]?: Promise<Auth> };

export function getAuth(): Promise<Auth> {
  const holder = globalThis as GlobalWithAuth;
  holder[STATE] ??= createAuth().catch((error: unknown) => {
    holder[STATE] = undefined;
    throw error;
  });
  return holder[STATE];
}
