import { checkDatabase } from "@/db";
import { defineRoute } from "@/lib/api/route";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute({
  GET: async () => {
    await checkDatabase();
    return Response.json({ status: "ok" });
  },
});
