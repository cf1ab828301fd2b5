"use client";

import { useEffect, useRef, useState } from "react";
import { exportHref, type ResultsFilters, type UploadSummary } from "@/lib/api/client";
import { INTENTS, type Intent } from "@/lib/scoring/types";
import { useIntentCounts, useOffers, useResultsPage } from "../queries";
import type { AiInfo } from "../shell/ai-info";
import { Button, ButtonLink, buttonClass } from "../ui/button";
import { EmptyState } from "../ui/empty-state";
import { inputClass } from "../ui/field";
import { about, formatDate } from "../ui/format";
import { Notice } from "../ui/notice";
import { PageHeader } from "../ui/page-header";
import { Skeleton } from "../ui/skeleton";
import { rememberOffer } from "./current-offer";
import { GetStarted } from "./get-started";
import { IntentSummary } from "./intent-summary";
import { Pager, ResultsTable, SortSelect } from "./results-table";
import { ScorePanel } from "./score-panel";
import { useResultsParams } from "./use-results-params";

const PAGE_SIZE = 50;

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

type Props = {
  defaultOfferId: number | null;
  uploads: UploadSummary[];
  leadCount: number;
  ai: AiInfo;
};

/** The results area: pick an offer and score, then sort, filter, page, inspect and export — all kept in the URL. */
export function ResultsView({ defaultOfferId, uploads, leadCount: leadsAtRender, ai }: Props) {
  const [params, setParams] = useResultsParams();
  const offers = useOffers();
  const offer = offers.find((item) => item.id === params.offer) ?? offers.find((item) => item.id === defaultOfferId) ?? offers[0] ?? null;
  const offerId = offer?.id ?? null;
  useEffect(() => {
    if (offerId !== null) rememberOffer(offerId);
  }, [offerId]);
  const page = Math.max(1, params.page);
  const q = useDebounced(params.q, 250);

  const counts = useIntentCounts(offerId, params.upload);
  const leadCount = params.upload === null && counts.data ? counts.data.total : leadsAtRender;
  const unscored = params.upload === null && counts.data ? counts.data.total - counts.data.High - counts.data.Medium - counts.data.Low : undefined;

  const filters: ResultsFilters = { offerId, uploadId: params.upload, intents: params.intent, q, sort: params.sort };
  const results = useResultsPage(filters, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const total = results.data?.total;
  const listTop = useRef<HTMLDivElement>(null);

  // A page past the end (an old link, or fewer leads after a filter) falls back to the first page.
  const pastEnd = !results.isPlaceholderData && results.data?.rows.length === 0 && (total ?? 0) > 0 && page > 1;
  useEffect(() => {
    if (pastEnd) void setParams({ page: null }, { history: "replace" });
  }, [pastEnd, setParams]);

  // With no leads at all, the empty list alone says what to do: no zero counts, filters or pages.
  const noLeads = params.upload === null && (counts.data ? counts.data.total === 0 : leadsAtRender === 0);
  const filtered = params.intent.length > 0 || params.q.trim() !== "" || params.upload !== null;
  const toggleIntent = (intent: Intent) =>
    setParams({ intent: params.intent.includes(intent) ? params.intent.filter((item) => item !== intent) : [...params.intent, intent], page: null });
  const clearFilters = () => setParams({ intent: null, q: null, upload: null, page: null });
  const goToPage = (next: number) => {
    void setParams({ page: next });
    if ((listTop.current?.getBoundingClientRect().top ?? 0) < 0) listTop.current?.scrollIntoView({ block: "start" });
  };

  return (
    <>
      <PageHeader
        title="Results"
        description={
          offer ? (
            <>
              Leads scored against <span className="font-medium text-fg">{offer.name}</span>, 0–100 for buying intent.
            </>
          ) : (
            "Every lead you upload, scored 0–100 for buying intent."
          )
        }
      />

      {(offers.length === 0 || leadCount === 0) && <GetStarted offerCount={offers.length} leadCount={leadCount} />}

      <ScorePanel
        offers={offers}
        offer={offer}
        onSelectOffer={(id) => setParams({ offer: id, page: null })}
        leadCount={leadCount}
        unscored={unscored}
        ai={ai}
      />

      <section aria-labelledby="leads-heading" className="space-y-4">
        <h2 id="leads-heading" className="sr-only">
          Leads and scores
        </h2>
        {counts.error && (
          <Notice tone="danger" className="flex flex-wrap items-center justify-between gap-2">
            Could not load the summary. The server may be restarting.
            <Button variant="secondary" size="sm" onClick={() => counts.refetch()}>
              Try again
            </Button>
          </Notice>
        )}
        {!noLeads && <IntentSummary counts={counts.data} />}

        <div ref={listTop} hidden={noLeads} className="flex scroll-mt-4 flex-col gap-3 lg:flex-row lg:items-center lg:justify-between">
          <div className="flex flex-wrap gap-2" role="group" aria-label="Filter by intent">
            <Chip pressed={params.intent.length === 0} onClick={() => setParams({ intent: null, page: null })}>
              All
            </Chip>
            {INTENTS.map((intent) => (
              <Chip key={intent} pressed={params.intent.includes(intent)} onClick={() => toggleIntent(intent)}>
                {intent}
                {counts.data ? (
                  <span className="tabular-nums opacity-80">
                    {about(counts.data.estimated[intent])}
                    {counts.data[intent].toLocaleString("en")}
                  </span>
                ) : (
                  <Skeleton className="inline-block h-3 w-4" />
                )}
              </Chip>
            ))}
          </div>
          <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
            {/* On phones the two selects share a row; either one alone takes the row. */}
            <div className="grid grid-cols-2 gap-2 sm:flex lg:contents [&>*:only-child]:col-span-2">
              {(uploads.length > 0 || params.upload !== null) && (
                <select
                  aria-label="Filter by upload"
                  value={params.upload ?? ""}
                  onChange={(event) => setParams({ upload: event.target.value ? Number(event.target.value) : null, page: null })}
                  className={`${inputClass} sm:w-52`}
                >
                  <option value="">All uploads</option>
                  {uploads.map((upload) => (
                    <option key={upload.id} value={upload.id} suppressHydrationWarning>
                      {upload.filename} · {formatDate(upload.created_at)}
                    </option>
                  ))}
                  {params.upload !== null && !uploads.some((upload) => upload.id === params.upload) && (
                    <option value={params.upload}>Upload #{params.upload}</option>
                  )}
                </select>
              )}
              <div className="min-w-0 lg:hidden">
                <SortSelect sort={params.sort} onSort={(sort) => setParams({ sort, page: null })} />
              </div>
            </div>
            <div className="flex gap-2">
              <input
                type="search"
                aria-label="Search leads"
                placeholder="Search name, company or role"
                value={params.q}
                onChange={(event) => setParams({ q: event.target.value || null, page: null }, { history: "replace" })}
                className={`${inputClass} flex-1 sm:w-64`}
              />
              {total ? (
                <a href={exportHref(filters)} download="lead_scores.csv" className={buttonClass("primary")}>
                  Export CSV
                </a>
              ) : (
                <Button disabled>Export CSV</Button>
              )}
            </div>
          </div>
        </div>

        {results.error && (
          <Notice tone="danger" className="flex flex-wrap items-center justify-between gap-2">
            {results.error.message || "Could not load results."}
            <Button variant="secondary" size="sm" onClick={() => results.refetch()}>
              Try again
            </Button>
          </Notice>
        )}

        <ResultsTable
          rows={results.data?.rows}
          busy={results.isPlaceholderData}
          sort={params.sort}
          onSort={(sort) => setParams({ sort, page: null })}
          empty={
            filtered ? (
              <EmptyState
                title="No leads match these filters."
                action={
                  <Button variant="secondary" onClick={clearFilters}>
                    Clear filters
                  </Button>
                }
              />
            ) : (
              <EmptyState title="No leads yet — upload a CSV" action={<ButtonLink href="/imports">Upload a CSV</ButtonLink>}>
                Every lead you upload shows here, with its score once you score it.
              </EmptyState>
            )
          }
        />
        {!noLeads && total !== 0 && (
          <Pager
            page={page}
            pageSize={PAGE_SIZE}
            total={results.data && { total: results.data.total, estimated: results.data.estimated, rows: results.data.rows.length }}
            onPage={goToPage}
          />
        )}
      </section>
    </>
  );
}

function Chip({ pressed, onClick, children }: { pressed: boolean; onClick: () => void; children: React.ReactNode }) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={onClick}
      className={`inline-flex items-center gap-1.5 rounded-full px-3 py-1.5 text-sm font-medium ring-1 ring-inset transition-colors ${
        pressed ? "bg-primary text-on-primary ring-primary" : "bg-surface text-fg ring-line-strong hover:bg-surface-muted"
      }`}
    >
      {children}
    </button>
  );
}
