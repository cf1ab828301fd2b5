import { defineRoute } from "@/lib/api/route";
import { eraseLead } from "@/lib/services/leads";
import { idPathSchema } from "@/lib/validations/common";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute({
  DELETE: async (_request, { params, principal }) => {
    await eraseLead(principal.scope, idPathSchema.parse(params).id);
    return new Response(null, { status: 204 });
  },
});
