"use client";

import { parseAsArrayOf, parseAsInteger, parseAsString, parseAsStringLiteral, useQueryStates } from "nuqs";
import { INTENTS } from "@/lib/scoring/types";
import { SORT_FIELDS } from "@/lib/validations/results";

const SORTS = SORT_FIELDS.flatMap((field) => [field, `-${field}`] as const);
export type SortParam = (typeof SORTS)[number];
export const DEFAULT_SORT: SortParam = "-score";

/**
 * The results view lives in the URL (?offer=&upload=&intent=&q=&sort=&page=), so a link or the
 * back button brings back exactly what was on screen. Each change is a history entry, except typing.
 */
export function useResultsParams() {
  return useQueryStates(
    {
      offer: parseAsInteger,
      upload: parseAsInteger,
      intent: parseAsArrayOf(parseAsStringLiteral(INTENTS)).withDefault([]),
      q: parseAsString.withDefault(""),
      sort: parseAsStringLiteral(SORTS).withDefault(DEFAULT_SORT),
      page: parseAsInteger.withDefault(1),
    },
    { history: "push" },
  );
}

export type ResultsParams = ReturnType<typeof useResultsParams>[0];
export type SetResultsParams = ReturnType<typeof useResultsParams>[1];
