import { pingDatabase } from "@/db";
import { defineRoute } from "@/lib/api/route";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute({
  GET: async () => {
    await pingDatabase();
    return Response.json({ status: "ok" });
  },
});
