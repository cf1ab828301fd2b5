import { defineRoute } from "@/lib/api/route";
import { rotateWebhookSecret } from "@/lib/services/webhooks";
import { idPathSchema } from "@/lib/validations/common";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  {
    POST: async (_request, { params, principal }) =>
      Response.json(await rotateWebhookSecret(principal.scope, idPathSchema.parse(params).id), { headers: { "Cache-Control": "no-store" } }),
  },
  { access: "integrations" },
);
