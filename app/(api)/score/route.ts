import { acceptsNdjson, ndjsonResponse } from "@/lib/api/ndjson";
import { readJsonBody } from "@/lib/api/request";
import { defineRoute } from "@/lib/api/route";
import { startScoring } from "@/lib/services/scoring";
import { scoreRequestSchema } from "@/lib/validations/score";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoute({
  POST: async (request) => {
    const run = await startScoring(scoreRequestSchema.parse(await readJsonBody(request)));
    if (!acceptsNdjson(request)) return Response.json(await run.execute());
    // The browser asks for progress: one line per finished batch, then a summary.
    return ndjsonResponse(async (send) => {
      send({ type: "start", offer_id: run.offer.id, total: run.total });
      const scored = await run.execute((progress) => send({ type: "progress", ...progress }));
      send({ type: "done", scored: scored.length, total: run.total });
    });
  },
});
