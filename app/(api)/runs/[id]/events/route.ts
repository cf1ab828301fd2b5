import { defineRoute } from "@/lib/api/route";
import { runEventStream } from "@/lib/services/run-stream";
import { idPathSchema } from "@/lib/validations/common";
import { lastEventIdSchema } from "@/lib/validations/score";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute({
  GET: async (request, { params, principal }) =>
    runEventStream(principal.scope, idPathSchema.parse(params).id, lastEventIdSchema.parse(request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("last_event_id")), request.signal),
});
