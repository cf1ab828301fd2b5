/** A numbered step card of the workspace. */
export function Panel({ step, title, children, id }: { step: number; title: string; children: React.ReactNode; id: string }) {
  return (
    <section aria-labelledby={id} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id={id} className="mb-4 flex items-center gap-2 text-base font-semibold text-slate-900">
        <span aria-hidden className="flex h-6 w-6 items-center justify-center rounded-full bg-indigo-600 text-xs font-bold text-white">
          {step}
        </span>
        {title}
      </h2>
      {children}
    </section>
  );
}
