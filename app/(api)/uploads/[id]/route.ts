import { defineRoute } from "@/lib/api/route";
import { eraseUpload } from "@/lib/services/uploads";
import { idPathSchema } from "@/lib/validations/common";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute({
  DELETE: async (_request, { params, principal }) => {
    await eraseUpload(principal.scope, idPathSchema.parse(params).id);
    return new Response(null, { status: 204 });
  },
});
