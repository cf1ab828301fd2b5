"use client";

import { organizationClient } from "better-auth/client/plugins";
import { createAuthClient } from "better-auth/react";

/** The browser's side of better-auth: sign-up, sign-in, sign-out, workspaces, members and invitations. */
export const authClient = createAuthClient({ plugins: [organizationClient()] });
