import { readSearchParams } from "@/lib/api/request";
import { defineRoute } from "@/lib/api/route";
import { exportResultsCsv } from "@/lib/services/results";
import { csvQuerySchema } from "@/lib/validations/results";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute({
  GET: async (request, { principal }) => {
    const query = csvQuerySchema.parse(readSearchParams(request));
    return new Response(await exportResultsCsv(principal.scope, query), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": 'attachment; filename="lead_scores.csv"',
        "Cache-Control": "no-store",
      },
    });
  },
});
