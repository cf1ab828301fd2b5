import { pingDatabase } from "@/db";
import { defineRoute } from "@/lib/api/route";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoute({
  GET: async () => {
    await pingDatabase();
    return Response.json({ status: "ok" });
  },
});
