import { openApiDocument } from "@/lib/api/openapi";
import { definePublicRoute } from "@/lib/api/route";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = definePublicRoute({
  GET: async () => Response.json(openApiDocument()),
});
