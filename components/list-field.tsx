"use client";

type Props = {
  id: string;
  label: string;
  itemLabel: string;
  items: string[];
  onChange: (items: string[]) => void;
  error?: string;
  placeholder?: string;
};

/** A list of short texts the user can add to and remove from. */
export function ListField({ id, label, itemLabel, items, onChange, error, placeholder }: Props) {
  const errorId = `${id}-error`;
  return (
    <fieldset className="space-y-2" aria-describedby={error ? errorId : undefined}>
      <legend className="text-sm font-medium text-slate-800">{label}</legend>
      {items.map((item, index) => (
        <div key={index} className="flex gap-2">
          <input
            aria-label={`${itemLabel} ${index + 1}`}
            aria-invalid={error ? true : undefined}
            className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-indigo-500"
            value={item}
            placeholder={placeholder}
            onChange={(event) => onChange(items.map((current, i) => (i === index ? event.target.value : current)))}
          />
          <button
            type="button"
            aria-label={`Remove ${itemLabel.toLowerCase()} ${index + 1}`}
            disabled={items.length === 1}
            onClick={() => onChange(items.filter((_, i) => i !== index))}
            className="rounded-md border border-slate-300 px-2.5 text-slate-600 hover:bg-slate-100 disabled:opacity-40"
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        onClick={() => onChange([...items, ""])}
        disabled={items.length >= 50}
        className="text-sm font-medium text-indigo-700 hover:text-indigo-900 disabled:opacity-40"
      >
        + Add {itemLabel.toLowerCase()}
      </button>
      {error && (
        <p id={errorId} className="text-sm text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}
