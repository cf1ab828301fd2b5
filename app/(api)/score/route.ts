import { acceptsNdjson, ndjsonResponse } from "@/lib/api/ndjson";
import { readJsonBody } from "@/lib/api/request";
import { defineRoute } from "@/lib/api/route";
import { reportScoring, startScoring } from "@/lib/services/scoring";
import { scoreRequestSchema } from "@/lib/validations/score";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute({
  POST: async (request, { principal }) => {
    const run = await startScoring(principal.scope, scoreRequestSchema.parse(await readJsonBody(request)));
    // The original API answers with the scored leads; the browser asks for progress lines instead.
    return acceptsNdjson(request) ? ndjsonResponse((send) => reportScoring(run, send)) : Response.json(await run.execute());
  },
});
