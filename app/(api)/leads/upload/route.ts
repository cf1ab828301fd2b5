import { readMultipart } from "@/lib/api/request";
import { defineRoute } from "@/lib/api/route";
import { importLeadsFile, MAX_UPLOAD_BODY_BYTES } from "@/lib/services/uploads";
import { uploadOptionsSchema } from "@/lib/validations/uploads";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute({
  POST: async (request, { principal }) => {
    const form = await readMultipart(request, MAX_UPLOAD_BODY_BYTES);
    const options = uploadOptionsSchema.parse({ on_duplicate: form.get("on_duplicate") ?? undefined });
    const result = await importLeadsFile(principal.scope, principal.actor, form.get("csv_file"), options);
    return Response.json(result, { status: 201 });
  },
});
