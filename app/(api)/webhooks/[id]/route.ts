import { readJsonBody } from "@/lib/api/request";
import { defineRoute } from "@/lib/api/route";
import { editWebhook, getWebhook, removeWebhook } from "@/lib/services/webhooks";
import { idPathSchema } from "@/lib/validations/common";
import { webhookPatchSchema } from "@/lib/validations/webhooks";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  {
    GET: async (_request, { params, principal }) => Response.json(await getWebhook(principal.scope, idPathSchema.parse(params).id)),
    PATCH: async (request, { params, principal }) => {
      const { id } = idPathSchema.parse(params);
      return Response.json(await editWebhook(principal.scope, id, webhookPatchSchema.parse(await readJsonBody(request))));
    },
    DELETE: async (_request, { params, principal }) => {
      await removeWebhook(principal.scope, idPathSchema.parse(params).id);
      return new Response(null, { status: 204 });
    },
  },
  { access: "integrations" },
);
