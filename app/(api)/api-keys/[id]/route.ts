import { defineRoute } from "@/lib/api/route";
import { revokeKey } from "@/lib/auth/api-keys";
import { idPathSchema } from "@/lib/validations/common";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  {
    DELETE: async (_request, { params, principal }) => {
      await revokeKey(principal.scope, idPathSchema.parse(params).id);
      return new Response(null, { status: 204 });
    },
  },
  { access: "admin" },
);
