import { acceptsNdjson, ndjsonResponse } from "@/lib/api/ndjson";
import { readJsonBody } from "@/lib/api/request";
import { defineRoute } from "@/lib/api/route";
import { awaitScoring, reportScoring, startScoring, streamScoredLeads } from "@/lib/services/scoring";
import { scoreRequestSchema } from "@/lib/validations/score";

/** On Vercel the request works on its run for one slice (lib/services/background.ts). */
export const maxDuration = 300;

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute({
  POST: async (request, { principal }) => {
    const { scope } = principal;
    const run = await startScoring(principal, scoreRequestSchema.parse(await readJsonBody(request)));
    // The original API answers with the scored leads once the run ends; the browser asks for progress lines instead.
    if (acceptsNdjson(request)) return ndjsonResponse((send) => reportScoring(scope, run, send, request.signal));
    const ended = await awaitScoring(scope, run, request.signal);
    return new Response(await streamScoredLeads(scope, ended), { headers: { "Content-Type": "application/json; charset=utf-8", "X-Run-Id": String(ended.id) } });
  },
});
