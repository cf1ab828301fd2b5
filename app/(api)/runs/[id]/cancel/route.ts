import { defineRoute } from "@/lib/api/route";
import { cancel, runView } from "@/lib/services/runs";
import { idPathSchema } from "@/lib/validations/common";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute({
  POST: async (_request, { params, principal }) => Response.json(runView(await cancel(principal.scope, idPathSchema.parse(params).id))),
});
