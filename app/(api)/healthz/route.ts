import { pingDatabase } from "@/db";
import { defineRoute } from "@/lib/api/route";
import { AppError } from "@/lib/errors";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoute({
  GET: async () => {
    try {
      await pingDatabase();
    } catch (error) {
      console.error("Health check failed", error);
      throw new AppError("unavailable", "The database is not reachable or not migrated yet.");
    }
    return Response.json({ status: "ok" });
  },
});
