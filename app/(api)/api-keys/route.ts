import { listApiKeys } from "@/db/queries/api-keys";
import { readJsonBody } from "@/lib/api/request";
import { defineRoute } from "@/lib/api/route";
import { createApiKey } from "@/lib/auth/api-keys";
import { apiKeyInputSchema } from "@/lib/validations/api-keys";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  {
    GET: async (_request, { principal }) => Response.json(await listApiKeys(principal.scope)),
    POST: async (request, { principal }) => {
      const input = apiKeyInputSchema.parse(await readJsonBody(request));
      const createdBy = principal.actor.kind === "user" ? principal.actor.userId : null;
      return Response.json(await createApiKey(principal.scope, input, createdBy), { status: 201, headers: { "Cache-Control": "no-store" } });
    },
  },
  { access: "admin" },
);
