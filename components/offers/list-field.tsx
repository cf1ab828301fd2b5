"use client";

import { useEffect, useRef } from "react";
import { fieldErrorClass, inputClass } from "../ui/field";

type Props = {
  id: string;
  label: string;
  hint?: string;
  itemLabel: string;
  items: string[];
  onChange: (items: string[]) => void;
  error?: string;
  placeholder?: string;
};

export const MAX_ITEMS = 50;

/** A list of short texts the user can add to and remove from; input i has the id `${id}-${i}`. */
export function ListField({ id, label, hint, itemLabel, items, onChange, error, placeholder }: Props) {
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [hint && hintId, error && errorId].filter(Boolean).join(" ") || undefined;
  // After "Add" the new input takes the focus, after a removal its neighbour does: never the page.
  const focusNext = useRef<number | null>(null);
  useEffect(() => {
    if (focusNext.current === null) return;
    document.getElementById(`${id}-${focusNext.current}`)?.focus();
    focusNext.current = null;
  }, [id, items.length]);
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-fg">{label}</legend>
      {hint && (
        <p id={hintId} className="text-xs text-fg-muted">
          {hint}
        </p>
      )}
      {items.map((item, index) => (
        <div key={index} className="flex gap-2">
          <input
            id={`${id}-${index}`}
            aria-label={`${itemLabel} ${index + 1}`}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            className={inputClass}
            value={item}
            placeholder={placeholder}
            onChange={(event) => onChange(items.map((current, i) => (i === index ? event.target.value : current)))}
          />
          <button
            type="button"
            aria-label={`Remove ${itemLabel.toLowerCase()} ${index + 1}`}
            disabled={items.length === 1}
            onClick={() => {
              focusNext.current = Math.max(0, index - 1);
              onChange(items.filter((_, i) => i !== index));
            }}
            className="shrink-0 rounded-control px-3 text-fg-muted ring-1 ring-line-strong ring-inset hover:bg-surface-muted disabled:opacity-40"
          >
            <span aria-hidden>×</span>
          </button>
        </div>
      ))}
      <button
        type="button"
        onClick={() => {
          focusNext.current = items.length;
          onChange([...items, ""]);
        }}
        disabled={items.length >= MAX_ITEMS}
        className="rounded-control text-sm font-medium text-accent hover:underline disabled:opacity-40"
      >
        + Add {itemLabel.toLowerCase()}
      </button>
      {error && (
        <p id={errorId} className={fieldErrorClass}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
