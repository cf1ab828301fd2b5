import { fieldErrorClass, inputClass, labelClass } from "./field";

type Props = React.InputHTMLAttributes<HTMLInputElement> & { id: string; label: string; error?: string };

/** A labelled text input whose error, when there is one, is shown under it and announced with it. */
export function TextField({ id, label, error, ...input }: Props) {
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <input
        id={id}
        className={inputClass}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        {...input}
      />
      {error && (
        <p id={`${id}-error`} className={fieldErrorClass}>
          {error}
        </p>
      )}
    </div>
  );
}

export const isEmailAddress = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
