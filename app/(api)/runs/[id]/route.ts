import { defineRoute } from "@/lib/api/route";
import { getRun, runView } from "@/lib/services/runs";
import { idPathSchema } from "@/lib/validations/common";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute({
  GET: async (_request, { params, principal }) => Response.json(runView(await getRun(principal.scope, idPathSchema.parse(params).id))),
});
