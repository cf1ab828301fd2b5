import { listWebhookEndpoints } from "@/db/queries/webhooks";
import { readJsonBody } from "@/lib/api/request";
import { defineRoute } from "@/lib/api/route";
import { createWebhook } from "@/lib/services/webhooks";
import { webhookInputSchema } from "@/lib/validations/webhooks";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  {
    GET: async (_request, { principal }) => Response.json(await listWebhookEndpoints(principal.scope)),
    POST: async (request, { principal }) => {
      const input = webhookInputSchema.parse(await readJsonBody(request));
      return Response.json(await createWebhook(principal.scope, input), { status: 201, headers: { "Cache-Control": "no-store" } });
    },
  },
  { access: "integrations" },
);
