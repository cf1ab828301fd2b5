import { multipartParts } from "@/lib/api/request";
import { defineRoute } from "@/lib/api/route";
import { importLeadsUpload, MAX_UPLOAD_BODY_BYTES, MAX_UPLOAD_BYTES } from "@/lib/services/uploads";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute({
  POST: async (request, { principal }) => {
    const result = await importLeadsUpload(principal.scope, principal.actor, multipartParts(request, MAX_UPLOAD_BODY_BYTES, MAX_UPLOAD_BYTES));
    return Response.json(result, { status: 201 });
  },
});
