/** Text inputs and selects share one look; an invalid field turns its border to the danger colour. */
export const inputClass =
  "block w-full min-w-0 rounded-control border border-line-strong bg-surface px-3 py-2 text-sm text-fg shadow-xs placeholder:text-fg-subtle focus:border-primary-500 aria-invalid:border-danger-line";

export const labelClass = "text-sm font-medium text-fg";

export const fieldErrorClass = "text-sm text-danger-fg";
