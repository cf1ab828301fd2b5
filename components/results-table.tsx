"use client";

import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  useReactTable,
  type PaginationState,
  type SortingState,
} from "@tanstack/react-table";
import { useEffect, useMemo, useState } from "react";
import { ApiRequestError, fetchJson, resultsQuery, type LeadResult, type ResultsFilters } from "@/lib/api/client";
import { INTENTS, type Intent } from "@/lib/scoring/types";
import { IntentBadge } from "./intent-badge";
import { LeadDetail } from "./lead-detail";
import { ProviderLabel } from "./provider-label";
import type { IntentCounts } from "./use-intent-counts";

const PAGE_SIZE = 50;
const column = createColumnHelper<LeadResult>();
const text = (value: string) => value || <span className="text-slate-400">—</span>;

// Column ids are the API's sort fields, so a header click maps straight onto ?sort=.
const columns = [
  column.accessor("name", { header: "Name", cell: (info) => <span className="font-medium text-slate-900">{info.getValue()}</span> }),
  column.accessor("role", { header: "Role", cell: (info) => text(info.getValue()) }),
  column.accessor("company", { header: "Company", cell: (info) => text(info.getValue()) }),
  column.accessor("industry", { header: "Industry", cell: (info) => text(info.getValue()) }),
  column.accessor("location", { header: "Location", cell: (info) => text(info.getValue()) }),
  column.accessor("intent", { header: "Intent", sortDescFirst: true, cell: (info) => <IntentBadge intent={info.getValue()} /> }),
  column.accessor("score", {
    header: "Score",
    sortDescFirst: true,
    cell: (info) => <span className="font-semibold tabular-nums">{info.getValue() ?? "–"}</span>,
  }),
  column.accessor("rule_score", { header: "Rules", sortDescFirst: true, cell: (info) => <span className="tabular-nums">{info.getValue() ?? "–"}</span> }),
  column.accessor("ai_score", {
    header: "AI",
    sortDescFirst: true,
    cell: (info) => (
      <span className="flex items-center gap-1.5 tabular-nums">
        {info.getValue() ?? "–"}
        {info.row.original.ai_provider && <ProviderLabel provider={info.row.original.ai_provider} model={info.row.original.ai_model} />}
      </span>
    ),
  }),
];

const toSort = (sorting: SortingState) => (sorting[0] ? `${sorting[0].desc ? "-" : ""}${sorting[0].id}` : "-score");

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

function downloadCsv(query: string) {
  const link = document.createElement("a");
  link.href = `/csv/?${query}`;
  link.download = "lead_scores.csv";
  document.body.append(link);
  link.click();
  link.remove();
}

/** Results for one offer, sorted, filtered and paged by the API so 10,000+ leads stay fast. */
export function ResultsTable({ offerId, refreshKey, counts }: { offerId: number | null; refreshKey: number; counts: IntentCounts | null }) {
  const [sorting, setSorting] = useState<SortingState>([{ id: "score", desc: true }]);
  const [pagination, setPagination] = useState<PaginationState>({ pageIndex: 0, pageSize: PAGE_SIZE });
  const [intents, setIntents] = useState<Intent[]>([]);
  const [search, setSearch] = useState("");
  const q = useDebounced(search, 250);
  const [rows, setRows] = useState<LeadResult[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<LeadResult | null>(null);

  const filters: ResultsFilters = useMemo(() => ({ offerId, intents, q, sort: toSort(sorting) }), [offerId, intents, q, sorting]);

  // A new filter starts again from the first page.
  useEffect(() => setPagination((current) => (current.pageIndex === 0 ? current : { ...current, pageIndex: 0 })), [offerId, intents, q]);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    const page = { limit: pagination.pageSize, offset: pagination.pageIndex * pagination.pageSize };
    fetchJson<LeadResult[]>(`/results/?${resultsQuery(filters, page)}`, { signal: controller.signal })
      .then(({ data, response }) => {
        if (controller.signal.aborted) return;
        setRows(data);
        setTotal(Number(response.headers.get("x-total-count") ?? data.length));
        setError(null);
        setLoading(false);
      })
      .catch((caught) => {
        if (controller.signal.aborted) return;
        setError(caught instanceof ApiRequestError ? caught.message : "Could not load results.");
        setLoading(false);
      });
    return () => controller.abort();
  }, [filters, pagination, refreshKey]);

  const pageCount = Math.max(1, Math.ceil(total / pagination.pageSize));
  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting, pagination },
    onSortingChange: setSorting,
    onPaginationChange: setPagination,
    manualSorting: true,
    manualPagination: true,
    enableSortingRemoval: false,
    pageCount,
    getCoreRowModel: getCoreRowModel(),
  });

  const toggleIntent = (intent: Intent) =>
    setIntents((current) => (current.includes(intent) ? current.filter((item) => item !== intent) : [...current, intent]));
  const filtered = intents.length > 0 || q.trim() !== "";
  const first = total === 0 ? 0 : pagination.pageIndex * pagination.pageSize + 1;
  const last = Math.min(total, (pagination.pageIndex + 1) * pagination.pageSize);

  return (
    <div className="space-y-3">
      <div className="flex flex-col gap-3 md:flex-row md:items-center md:justify-between">
        <div className="flex flex-wrap gap-2" role="group" aria-label="Filter by intent">
          <Chip pressed={intents.length === 0} onClick={() => setIntents([])}>
            All
          </Chip>
          {INTENTS.map((intent) => (
            <Chip key={intent} pressed={intents.includes(intent)} onClick={() => toggleIntent(intent)}>
              {intent} <span className="tabular-nums opacity-70">{counts?.[intent] ?? "…"}</span>
            </Chip>
          ))}
        </div>
        <div className="flex gap-2">
          <input
            type="search"
            aria-label="Search leads"
            placeholder="Search name, company or role"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm md:w-64"
          />
          <button
            type="button"
            onClick={() => downloadCsv(resultsQuery(filters))}
            disabled={total === 0}
            className="whitespace-nowrap rounded-md bg-slate-900 px-3 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-50"
          >
            Export CSV
          </button>
        </div>
      </div>

      {error && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {error}
        </p>
      )}

      <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="min-w-full text-sm" aria-busy={loading} aria-label="Scored leads">
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}
                      className="whitespace-nowrap px-3 py-2"
                    >
                      <button
                        type="button"
                        onClick={header.column.getToggleSortingHandler()}
                        className="inline-flex items-center gap-1 font-semibold uppercase hover:text-slate-900"
                      >
                        {flexRender(header.column.columnDef.header, header.getContext())}
                        <span aria-hidden className="text-[10px]">
                          {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
                        </span>
                      </button>
                    </th>
                  );
                })}
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">Details</span>
                </th>
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100">
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className="hover:bg-slate-50">
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className="max-w-56 truncate px-3 py-2 text-slate-700">
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
                <td className="px-3 py-2 text-right">
                  <button
                    type="button"
                    onClick={() => setSelected(row.original)}
                    aria-label={`Details for ${row.original.name}`}
                    className="rounded px-2 py-1 text-xs font-medium text-indigo-700 hover:bg-indigo-50"
                  >
                    Details
                  </button>
                </td>
              </tr>
            ))}
            {!loading && rows.length === 0 && (
              <tr>
                <td colSpan={columns.length + 1} className="px-3 py-10 text-center text-slate-500">
                  {filtered ? "No leads match these filters." : "No leads yet. Upload a CSV to see them here."}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>

      <nav aria-label="Pages" className="flex items-center justify-between text-sm text-slate-600">
        <p>
          {first}–{last} of {total.toLocaleString("en")} leads
        </p>
        <div className="flex items-center gap-2">
          <button
            type="button"
            onClick={() => table.previousPage()}
            disabled={!table.getCanPreviousPage()}
            className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100 disabled:opacity-40"
          >
            Previous
          </button>
          <span className="tabular-nums">
            Page {pagination.pageIndex + 1} of {pageCount}
          </span>
          <button
            type="button"
            onClick={() => table.nextPage()}
            disabled={!table.getCanNextPage()}
            className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100 disabled:opacity-40"
          >
            Next
          </button>
        </div>
      </nav>

      <LeadDetail lead={selected} onClose={() => setSelected(null)} />
    </div>
  );
}

function Chip({ pressed, onClick, children }: { pressed: boolean; onClick: () => void; children: React.ReactNode }) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={onClick}
      className={`rounded-full px-3 py-1 text-sm font-medium ring-1 ring-inset ${
        pressed ? "bg-indigo-600 text-white ring-indigo-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"
      }`}
    >
      {children}
    </button>
  );
}
