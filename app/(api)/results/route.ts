import { readSearchParams } from "@/lib/api/request";
import { defineRoute } from "@/lib/api/route";
import { getResults } from "@/lib/services/results";
import { resultsQuerySchema } from "@/lib/validations/results";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute({
  GET: async (request, { principal }) => {
    const query = resultsQuerySchema.parse(readSearchParams(request));
    const { rows, total } = await getResults(principal.scope, query);
    // The body stays a plain array, as the original API's clients expect; the total rides in a header.
    return Response.json(rows, {
      headers: { "X-Total-Count": String(total), "Access-Control-Expose-Headers": "X-Total-Count" },
    });
  },
});
