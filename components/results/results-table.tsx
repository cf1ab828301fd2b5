"use client";

import { createColumnHelper, flexRender, getCoreRowModel, useReactTable, type SortingState, type Updater } from "@tanstack/react-table";
import { useState } from "react";
import type { LeadResult } from "@/lib/api/client";
import type { SortField } from "@/lib/validations/results";
import { Button } from "../ui/button";
import { inputClass } from "../ui/field";
import { about } from "../ui/format";
import { Skeleton } from "../ui/skeleton";
import { IntentBadge } from "./intent-badge";
import { LeadDetail } from "./lead-detail";
import { ProviderLabel } from "./provider-label";
import type { SortParam } from "./use-results-params";

const column = createColumnHelper<LeadResult>();
// Between 1024 and 1280 px the table leaves these out; the details dialog still shows them.
const WIDE_ONLY: Partial<Record<string, string>> = { industry: "hidden xl:table-cell", location: "hidden xl:table-cell" };
const text = (value: string) => value || <span className="text-fg-subtle">—</span>;

// Column ids are the API's sort fields, so a header click maps straight onto ?sort=.
const columns = [
  column.accessor("name", { header: "Name", cell: (info) => <span className="font-medium text-fg">{info.getValue()}</span> }),
  column.accessor("role", { header: "Role", cell: (info) => text(info.getValue()) }),
  column.accessor("company", { header: "Company", cell: (info) => text(info.getValue()) }),
  column.accessor("industry", { header: "Industry", cell: (info) => text(info.getValue()) }),
  column.accessor("location", { header: "Location", cell: (info) => text(info.getValue()) }),
  column.accessor("intent", { header: "Intent", sortDescFirst: true, cell: (info) => <IntentBadge intent={info.getValue()} /> }),
  column.accessor("score", {
    header: "Score",
    sortDescFirst: true,
    cell: (info) => <span className="font-semibold tabular-nums text-fg">{info.getValue() ?? "–"}</span>,
  }),
  column.accessor("rule_score", { header: "Rules", sortDescFirst: true, cell: (info) => <span className="tabular-nums">{info.getValue() ?? "–"}</span> }),
  column.accessor("ai_score", {
    header: "AI",
    sortDescFirst: true,
    cell: (info) => (
      <span className="flex items-center gap-1.5 tabular-nums">
        {info.getValue() ?? "–"}
        {info.row.original.ai_provider && <ProviderLabel provider={info.row.original.ai_provider} model={info.row.original.ai_model} compact />}
      </span>
    ),
  }),
];

const toSorting = (sort: SortParam): SortingState => [{ id: sort.replace(/^-/, ""), desc: sort.startsWith("-") }];
const fromSorting = (sorting: SortingState) => `${sorting[0]!.desc ? "-" : ""}${sorting[0]!.id}` as SortParam;

const SORT_CHOICES: { value: SortParam; label: string }[] = [
  { value: "-score", label: "Score, highest first" },
  { value: "score", label: "Score, lowest first" },
  { value: "name", label: "Name, A to Z" },
  { value: "-name", label: "Name, Z to A" },
  { value: "company", label: "Company, A to Z" },
  { value: "-company", label: "Company, Z to A" },
  { value: "-created_at", label: "Newest first" },
  { value: "created_at", label: "Oldest first" },
];

/** On phones there are no column headers to click, so the sort is a select. */
export function SortSelect({ sort, onSort }: { sort: SortParam; onSort: (sort: SortParam) => void }) {
  const field = sort.replace(/^-/, "") as SortField;
  const choices = SORT_CHOICES.some((choice) => choice.value === sort)
    ? SORT_CHOICES
    : [...SORT_CHOICES, { value: sort, label: `${field[0]!.toUpperCase()}${field.slice(1).replace(/_/g, " ")}, ${sort.startsWith("-") ? "descending" : "ascending"}` }];
  return (
    <select aria-label="Sort leads" value={sort} onChange={(event) => onSort(event.target.value as SortParam)} className={inputClass}>
      {choices.map((choice) => (
        <option key={choice.value} value={choice.value}>
          {choice.label}
        </option>
      ))}
    </select>
  );
}

type Props = {
  rows: LeadResult[] | undefined;
  busy: boolean;
  sort: SortParam;
  onSort: (sort: SortParam) => void;
  empty: React.ReactNode;
};

/** The leads of one page: a sortable table on wide screens, a card per lead on phones. */
export function ResultsTable({ rows, busy, sort, onSort, empty }: Props) {
  const [selected, setSelected] = useState<LeadResult | null>(null);
  const sorting = toSorting(sort);
  const table = useReactTable({
    data: rows ?? [],
    columns,
    state: { sorting },
    onSortingChange: (updater: Updater<SortingState>) => onSort(fromSorting(typeof updater === "function" ? updater(sorting) : updater)),
    manualSorting: true,
    manualPagination: true,
    enableSortingRemoval: false,
    getCoreRowModel: getCoreRowModel(),
  });
  const loading = rows === undefined;
  if (rows?.length === 0) return <div className="rounded-card border border-line bg-surface shadow-xs">{empty}</div>;

  return (
    <>
      <div className={`hidden overflow-x-auto rounded-card border border-line bg-surface shadow-xs lg:block ${busy ? "opacity-60" : ""}`}>
        <table className="min-w-full text-sm" aria-busy={loading || busy} aria-label="Scored leads">
          <thead className="border-b border-line bg-surface-muted text-left text-xs text-fg-muted">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}
                      className={`whitespace-nowrap px-3 py-2.5 font-semibold ${WIDE_ONLY[header.column.id] ?? ""}`}
                    >
                      <button
                        type="button"
                        onClick={header.column.getToggleSortingHandler()}
                        className={`inline-flex items-center gap-1 rounded-badge uppercase tracking-wide hover:text-fg ${sorted ? "text-fg" : ""}`}
                      >
                        {flexRender(header.column.columnDef.header, header.getContext())}
                        <span aria-hidden className={`text-[10px] ${sorted ? "" : "opacity-50"}`}>
                          {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
                        </span>
                      </button>
                    </th>
                  );
                })}
                <th scope="col" className="px-3 py-2.5">
                  <span className="sr-only">Details</span>
                </th>
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-line">
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className="hover:bg-surface-muted/60">
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className={`max-w-48 truncate px-3 py-2.5 text-fg-muted ${WIDE_ONLY[cell.column.id] ?? ""}`}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
                <td className="px-3 py-2 text-right">
                  <button
                    type="button"
                    onClick={() => setSelected(row.original)}
                    aria-label={`Details for ${row.original.name}`}
                    className="rounded-control px-2 py-1 text-xs font-medium text-accent hover:bg-accent-soft"
                  >
                    Details
                  </button>
                </td>
              </tr>
            ))}
            {loading &&
              Array.from({ length: 5 }, (_, i) => (
                <tr key={i}>
                  {table.getAllLeafColumns().map((leaf, j) => (
                    <td key={leaf.id} className={`px-3 py-3 ${WIDE_ONLY[leaf.id] ?? ""}`}>
                      <Skeleton className={`h-4 ${j === 0 ? "w-28" : "w-16"}`} />
                    </td>
                  ))}
                  <td />
                </tr>
              ))}
          </tbody>
        </table>
      </div>

      <div className="lg:hidden">
        <ul aria-label="Scored leads" aria-busy={loading || busy} className={`space-y-2 ${busy ? "opacity-60" : ""}`}>
          {rows?.map((lead) => (
            <li key={lead.id} className="relative rounded-card border border-line bg-surface p-3 shadow-xs">
              <div className="flex items-start justify-between gap-3">
                <div className="min-w-0">
                  <p className="truncate font-medium text-fg">{lead.name}</p>
                  <p className="truncate text-sm text-fg-muted">{[lead.role, lead.company].filter(Boolean).join(" · ") || "—"}</p>
                </div>
                <p className="shrink-0 text-2xl font-semibold tabular-nums text-fg">
                  <span className="sr-only">Score </span>
                  {lead.score ?? "–"}
                </p>
              </div>
              <div className="mt-2 flex items-center justify-between gap-2">
                <span className="flex min-w-0 items-center gap-1.5">
                  <IntentBadge intent={lead.intent} />
                  {lead.ai_provider && <ProviderLabel provider={lead.ai_provider} model={lead.ai_model} />}
                </span>
                <button
                  type="button"
                  onClick={() => setSelected(lead)}
                  className="rounded-control px-2 py-1 text-sm font-medium text-accent after:absolute after:inset-0 after:rounded-card focus-visible:outline-none focus-visible:after:outline-2 focus-visible:after:outline-focus"
                >
                  Details<span className="sr-only"> for {lead.name}</span>
                </button>
              </div>
            </li>
          ))}
          {loading &&
            Array.from({ length: 3 }, (_, i) => (
              <li key={i} className="rounded-card border border-line bg-surface p-3">
                <Skeleton className="h-4 w-32" />
                <Skeleton className="mt-2 h-3 w-48" />
                <Skeleton className="mt-3 h-5 w-16" />
              </li>
            ))}
        </ul>
      </div>

      <LeadDetail lead={selected} onClose={() => setSelected(null)} />
    </>
  );
}

/**
 * The page's place in the list. An estimated total (X-Total-Count-Estimated, past 10,000 matches)
 * reads "about N", and Next then follows whether this page was full rather than the page count.
 */
type PagerProps = {
  page: number;
  pageSize: number;
  total: { total: number; estimated: boolean; rows: number } | undefined;
  onPage: (page: number) => void;
};

export function Pager({ page, pageSize, total, onPage }: PagerProps) {
  const first = total?.total ? (page - 1) * pageSize + 1 : 0;
  const last = total === undefined ? 0 : total.estimated ? first + total.rows - 1 : Math.min(total.total, page * pageSize);
  // An estimate may fall short of where the pages have got to.
  const shown = total && Math.max(total.total, last);
  const pageCount = shown === undefined ? undefined : Math.max(1, page, Math.ceil(shown / pageSize));
  const approximately = about(total?.estimated === true);
  const hasNext = total !== undefined && (total.estimated ? total.rows === pageSize : page < (pageCount ?? 0));
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-3 text-sm text-fg-muted">
      {shown === undefined ? (
        <Skeleton className="h-4 w-36" />
      ) : (
        <p aria-live="polite">
          {first.toLocaleString("en")}–{last.toLocaleString("en")} of {approximately}
          {shown.toLocaleString("en")} leads
        </p>
      )}
      <div className="flex items-center gap-2">
        <Button variant="secondary" size="sm" onClick={() => onPage(page - 1)} disabled={page <= 1}>
          Previous
        </Button>
        {pageCount === undefined ? (
          <Skeleton className="h-4 w-20" />
        ) : (
          <span className="tabular-nums">
            Page {page.toLocaleString("en")} of {approximately}
            {pageCount.toLocaleString("en")}
          </span>
        )}
        <Button variant="secondary" size="sm" onClick={() => onPage(page + 1)} disabled={!hasNext}>
          Next
        </Button>
      </div>
    </nav>
  );
}
