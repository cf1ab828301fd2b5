"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormCard } from "@/components/ui/form-card";
import { EmptyState } from "@/components/ui/empty-state";
import { inputClass, labelClass } from "@/components/ui/field";
import { formatDate, formatDateTime } from "@/components/ui/format";
import { Notice } from "@/components/ui/notice";
import { QueryBody } from "@/components/ui/query-body";
import { TextField } from "@/components/ui/text-field";
import { createApiKey, getApiKeys, queryKeys, revokeApiKey, type ApiKeySummary } from "@/lib/api/client";
import { CopyField } from "./copy-field";

const EXPIRY = [
  { days: null, label: "Never" },
  { days: 30, label: "In 30 days" },
  { days: 90, label: "In 90 days" },
  { days: 365, label: "In a year" },
] as const;

function status(key: ApiKeySummary): string {
  if (key.revoked_at) return `Revoked ${formatDate(key.revoked_at)}`;
  if (key.expires_at && new Date(key.expires_at) <= new Date()) return `Expired ${formatDate(key.expires_at)}`;
  return key.expires_at ? `Expires ${formatDate(key.expires_at)}` : "Does not expire";
}

/** Keys for integrations: create (the secret is shown once), see when each was last used, revoke. */
export function ApiKeysSettings() {
  const queryClient = useQueryClient();
  const keys = useQuery({ queryKey: queryKeys.apiKeys, queryFn: ({ signal }) => getApiKeys(signal) });
  const [name, setName] = useState("");
  const [days, setDays] = useState<number | null>(null);
  const [tried, setTried] = useState(false);
  const create = useMutation({
    mutationFn: createApiKey,
    onSuccess: () => {
      setName("");
      setTried(false);
      void queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys });
    },
  });
  const revoke = useMutation({
    mutationFn: revokeApiKey,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys }),
  });
  const nameProblem = tried && !name.trim() ? "Name the key after what uses it, for example “HubSpot sync”." : undefined;

  return (
    <div className="grid items-start gap-6 lg:grid-cols-[2fr_3fr]">
      <FormCard
        id="new-key"
        title="Create an API key"
        onSubmit={() => {
          setTried(true);
          if (name.trim()) create.mutate({ name: name.trim(), expires_in_days: days });
        }}
        after={
          create.data && (
            <div className="space-y-2" role="status">
              <p className="text-sm font-medium text-fg">Copy the key “{create.data.name}” now: it is not shown again.</p>
              <CopyField label="New API key" value={create.data.key} />
              <p className="text-sm text-fg-muted">
                Send it as <code className="font-mono">Authorization: Bearer &lt;key&gt;</code> with every API call.
              </p>
            </div>
          )
        }
      >
        <TextField id="key-name" label="Name" value={name} onChange={(event) => setName(event.target.value)} error={nameProblem} />
        <div className="space-y-1.5">
          <label htmlFor="key-expiry" className={labelClass}>
            Expires
          </label>
          <select id="key-expiry" className={inputClass} value={days ?? ""} onChange={(event) => setDays(event.target.value ? Number(event.target.value) : null)}>
            {EXPIRY.map((option) => (
              <option key={option.label} value={option.days ?? ""}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        {create.error && <Notice tone="danger">{create.error.message}</Notice>}
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create key"}
        </Button>
      </FormCard>

      <Card as="section" aria-labelledby="keys-heading" flush>
        <h2 id="keys-heading" className="px-4 pt-4 text-base font-semibold text-fg sm:px-5">
          Keys of this workspace
        </h2>
        <QueryBody query={keys}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState title="No API keys yet">Create one for each integration, so each can be revoked on its own.</EmptyState>
            ) : (
          <ul className="divide-y divide-line">
            {list.map((key) => (
              <li key={key.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-5">
                <div className="min-w-0">
                  <p className="font-medium text-fg">
                    {key.name} <span className="font-mono text-sm text-fg-muted">{key.hint}</span>
                  </p>
                  <p className="text-sm text-fg-muted" suppressHydrationWarning>
                    Created {formatDate(key.created_at)} · {key.last_used_at ? `last used ${formatDateTime(key.last_used_at)}` : "never used"} · {status(key)}
                  </p>
                </div>
                {!key.revoked_at && (
                  <Button
                    variant="secondary"
                    size="sm"
                    disabled={revoke.isPending}
                    aria-label={`Revoke ${key.name}`}
                    onClick={() => {
                      if (window.confirm(`Revoke “${key.name}”? Integrations using it stop working at once.`)) revoke.mutate(key.id);
                    }}
                  >
                    Revoke
                  </Button>
                )}
              </li>
            ))}
          </ul>
            )
          }
        </QueryBody>
      </Card>
    </div>
  );
}
