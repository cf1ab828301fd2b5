import { readMultipart } from "@/lib/api/request";
import { defineRoute } from "@/lib/api/route";
import { importLeadsFile, MAX_UPLOAD_BODY_BYTES } from "@/lib/services/uploads";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute({
  POST: async (request, { principal }) => {
    const form = await readMultipart(request, MAX_UPLOAD_BODY_BYTES);
    return Response.json(await importLeadsFile(principal.scope, form.get("csv_file")), { status: 201 });
  },
});
