import { checkDatabase } from "@/db";
import { definePublicRoute } from "@/lib/api/route";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = definePublicRoute({
  GET: async () => {
    await checkDatabase();
    return Response.json({ status: "ok" });
  },
});
