import { readSearchParams } from "@/lib/api/request";
import { defineRoute } from "@/lib/api/route";
import { listDeliveries } from "@/lib/services/webhooks";
import { idPathSchema } from "@/lib/validations/common";
import { deliveriesQuerySchema } from "@/lib/validations/webhooks";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  {
    GET: async (request, { params, principal }) => {
      const { id } = idPathSchema.parse(params);
      const { rows, total } = await listDeliveries(principal.scope, id, deliveriesQuerySchema.parse(readSearchParams(request)));
      return Response.json(rows, { headers: { "X-Total-Count": String(total) } });
    },
  },
  { access: "integrations" },
);
