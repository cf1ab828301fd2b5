import { defineCronRoute } from "@/lib/api/route";
import { resumeBackgroundWork } from "@/lib/services/background";

/** On Vercel: picks up runs that wait (queued, or left by a function that reached its time limit). */
export const maxDuration = 300;

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = defineCronRoute({
  GET: async () => Response.json(await resumeBackgroundWork()),
});
