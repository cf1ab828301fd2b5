import type { ResultsCount } from "@/db/queries/results";
import { readSearchParams } from "@/lib/api/request";
import { defineRoute } from "@/lib/api/route";
import { getResults, streamResults } from "@/lib/services/results";
import { resultsQuerySchema } from "@/lib/validations/results";

const EXPOSED = { "Access-Control-Expose-Headers": "X-Total-Count, X-Total-Count-Estimated, X-Next-Cursor" };

/** X-Total-Count, and X-Total-Count-Estimated: true when it is an estimate (more than EXACT_COUNT_LIMIT matched). */
const totalHeaders = ({ total, estimated }: ResultsCount) => ({
  "X-Total-Count": String(total),
  ...(estimated ? { "X-Total-Count-Estimated": "true" } : {}),
  ...EXPOSED,
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute({
  GET: async (request, { principal }) => {
    const query = resultsQuerySchema.parse(readSearchParams(request));
    // The body stays a plain array, as the original API's clients expect; the total and the next
    // page's cursor ride in headers.
    if (query.limit === undefined) {
      const { total, body } = await streamResults(principal.scope, query);
      return new Response(body, { headers: { "Content-Type": "application/json", ...totalHeaders(total) } });
    }
    const { rows, total, nextCursor } = await getResults(principal.scope, { ...query, limit: query.limit });
    return Response.json(rows, {
      headers: { ...totalHeaders(total), ...(nextCursor ? { "X-Next-Cursor": nextCursor } : {}) },
    });
  },
});
