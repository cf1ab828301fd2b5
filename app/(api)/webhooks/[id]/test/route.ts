import { defineRoute } from "@/lib/api/route";
import { sendTestEvent } from "@/lib/services/webhooks";
import { idPathSchema } from "@/lib/validations/common";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  {
    POST: async (_request, { params, principal }) => Response.json(await sendTestEvent(principal.scope, idPathSchema.parse(params).id)),
  },
  { access: "integrations" },
);
