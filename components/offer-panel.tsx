"use client";

import { useState } from "react";
import type { OfferSummary } from "@/lib/api/client";
import { OfferForm } from "./offer-form";
import { Panel } from "./panel";

type Props = {
  offers: OfferSummary[];
  selectedId: number | null;
  onSelect: (id: number) => void;
  onCreated: (offer: OfferSummary) => void;
};

export function OfferPanel({ offers, selectedId, onSelect, onCreated }: Props) {
  const [creating, setCreating] = useState(offers.length === 0);
  const selected = offers.find((offer) => offer.id === selectedId);

  return (
    <Panel step={1} title="Describe your offer" id="offer-heading">
      {creating ? (
        <>
          {offers.length === 0 && (
            <p className="mb-4 text-sm text-slate-600">
              Leads are scored against what you sell. Start with its name, what it does for customers, and who it is for.
            </p>
          )}
          <OfferForm
            onCreated={(offer) => {
              setCreating(false);
              onCreated(offer);
            }}
            onCancel={offers.length > 0 ? () => setCreating(false) : undefined}
          />
        </>
      ) : (
        <div className="space-y-4">
          <div className="space-y-1">
            <label htmlFor="offer-select" className="text-sm font-medium text-slate-800">
              Score against
            </label>
            <select
              id="offer-select"
              value={selectedId ?? ""}
              onChange={(event) => onSelect(Number(event.target.value))}
              className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
            >
              {offers.map((offer) => (
                <option key={offer.id} value={offer.id}>
                  {offer.name}
                </option>
              ))}
            </select>
          </div>
          {selected && (
            <dl className="space-y-2 text-sm">
              <div>
                <dt className="font-medium text-slate-700">Value propositions</dt>
                <dd className="text-slate-600">{selected.value_props.join(" · ")}</dd>
              </div>
              <div>
                <dt className="font-medium text-slate-700">Ideal use cases</dt>
                <dd className="text-slate-600">{selected.ideal_use_cases.join(" · ")}</dd>
              </div>
            </dl>
          )}
          <button
            type="button"
            onClick={() => setCreating(true)}
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
          >
            New offer
          </button>
        </div>
      )}
    </Panel>
  );
}
