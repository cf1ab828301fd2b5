import { referencePage } from "@/lib/api/reference-page";

// proxy.ts gives every page request a script nonce and the policy that allows it.
export const GET = (request: Request) => referencePage(request.headers.get("x-nonce") ?? "");
