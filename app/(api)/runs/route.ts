import { readJsonBody, readSearchParams } from "@/lib/api/request";
import { defineRoute } from "@/lib/api/route";
import { createRun, listRunViews, runView } from "@/lib/services/runs";
import { runListQuerySchema, runRequestSchema } from "@/lib/validations/score";

/** On Vercel the request works on its run for one slice (lib/services/background.ts). */
export const maxDuration = 300;

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute({
  GET: async (request, { principal }) =>
    Response.json(await listRunViews(principal.scope, runListQuerySchema.parse(readSearchParams(request)))),
  POST: async (request, { principal }) => {
    const run = await createRun(principal, runRequestSchema.parse(await readJsonBody(request)));
    return Response.json(runView(run), { status: 202, headers: { Location: `/runs/${run.id}/` } });
  },
});
