import { API_CONTENT_SECURITY_POLICY } from "@/lib/api/route";
import { getAuth } from "@/lib/auth/server";

// better-auth's own endpoints (sign-up, sign-in, sign-out, sessions, workspaces, invitations).
async function handle(request: Request): Promise<Response> {
  const answer = await (await getAuth()).handler(request);
  // A copy, since a redirect's headers cannot be changed in place.
  const response = new Response(answer.body, answer);
  response.headers.set("Content-Security-Policy", API_CONTENT_SECURITY_POLICY);
  return response;
}

export { handle as GET, handle as POST };
