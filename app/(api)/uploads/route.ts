import { listUploads } from "@/db/queries/upload-history";
import { defineRoute } from "@/lib/api/route";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute({
  GET: async (_request, { principal }) => Response.json(await listUploads(principal.scope)),
});
