"use client";

import { useState } from "react";
import {
  useCreateWebhook,
  useDeleteWebhook,
  useRotateWebhookSecret,
  useSendWebhookTest,
  useUpdateWebhook,
  useWebhookDeliveries,
  useWebhooks,
} from "@/components/queries";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormCard } from "@/components/ui/form-card";
import { EmptyState } from "@/components/ui/empty-state";
import { inputClass, labelClass } from "@/components/ui/field";
import { formatDateTime, plural } from "@/components/ui/format";
import { Notice } from "@/components/ui/notice";
import { QueryBody } from "@/components/ui/query-body";
import { TextField } from "@/components/ui/text-field";
import type { WebhookDeliverySummary, WebhookSummary } from "@/lib/api/client";
import type { Intent } from "@/lib/scoring/types";
import { WEBHOOK_EVENT_TYPES, webhookInputSchema, type WebhookEventType } from "@/lib/validations/webhooks";
import { CopyField } from "./copy-field";

const EVENT_LABELS: Record<WebhookEventType, string> = {
  "run.completed": "A scoring run completed",
  "run.failed": "A scoring run failed",
  "lead.scored": "A lead was scored",
};

type FormValues = { url: string; description: string; events: WebhookEventType[]; minIntent: Intent | null };

const EMPTY: FormValues = { url: "", description: "", events: ["lead.scored", "run.completed", "run.failed"], minIntent: null };

/** The same schema the API parses with; the server also checks that the address is public. */
function problems(values: FormValues): Partial<Record<"url" | "events", string>> {
  const parsed = webhookInputSchema.safeParse({ url: values.url, description: values.description, events: values.events, min_intent: values.minIntent });
  const found: Partial<Record<"url" | "events", string>> = {};
  for (const issue of parsed.error?.issues ?? []) {
    const field = issue.path[0];
    if ((field === "url" || field === "events") && !found[field]) found[field] = issue.message;
  }
  return found;
}

/** URL, description, events and minimum intent: creating and editing an endpoint share them. */
function EndpointFields({ id, values, onChange, errors }: { id: string; values: FormValues; onChange: (values: FormValues) => void; errors: ReturnType<typeof problems> }) {
  return (
    <>
      <TextField
        id={`${id}-url`}
        label="Endpoint URL"
        type="url"
        inputMode="url"
        placeholder="https://hooks.example.com/intentscore"
        value={values.url}
        onChange={(event) => onChange({ ...values, url: event.target.value })}
        error={errors.url}
      />
      <TextField id={`${id}-description`} label="Description (optional)" value={values.description} onChange={(event) => onChange({ ...values, description: event.target.value })} />
      <fieldset className="space-y-2" aria-describedby={errors.events ? `${id}-events-error` : undefined}>
        <legend className={labelClass}>Events</legend>
        {WEBHOOK_EVENT_TYPES.map((type) => (
          <label key={type} className="flex items-center gap-2 text-sm text-fg">
            <input
              type="checkbox"
              className="h-4 w-4 accent-primary"
              checked={values.events.includes(type)}
              onChange={(event) =>
                onChange({ ...values, events: event.target.checked ? [...values.events, type] : values.events.filter((chosen) => chosen !== type) })
              }
            />
            <span>
              <code className="font-mono">{type}</code> <span className="text-fg-muted">— {EVENT_LABELS[type]}</span>
            </span>
          </label>
        ))}
        {errors.events && (
          <p id={`${id}-events-error`} className="text-sm text-danger-fg">
            {errors.events}
          </p>
        )}
      </fieldset>
      {values.events.includes("lead.scored") && (
        <div className="space-y-1.5">
          <label htmlFor={`${id}-min-intent`} className={labelClass}>
            Send lead.scored for
          </label>
          <select
            id={`${id}-min-intent`}
            className={inputClass}
            value={values.minIntent ?? ""}
            onChange={(event) => onChange({ ...values, minIntent: (event.target.value || null) as Intent | null })}
          >
            <option value="">Every lead</option>
            <option value="Medium">Medium and High intent</option>
            <option value="High">High intent only</option>
          </select>
        </div>
      )}
    </>
  );
}

function SecretOnce({ label, secret }: { label: string; secret: string }) {
  return (
    <div className="space-y-2" role="status">
      <p className="text-sm font-medium text-fg">{label}: copy it now, it is not shown again.</p>
      <CopyField label="Signing secret" value={secret} />
      <p className="text-sm text-fg-muted">
        Check each request's <code className="font-mono">webhook-signature</code> with it (see the README&apos;s Webhooks section).
      </p>
    </div>
  );
}

function CreateEndpoint() {
  const create = useCreateWebhook();
  const [values, setValues] = useState<FormValues>(EMPTY);
  const [tried, setTried] = useState(false);
  const errors = tried ? problems(values) : {};
  return (
    <FormCard
      id="new-webhook"
      title="Add an endpoint"
      onSubmit={() => {
        setTried(true);
        if (Object.keys(problems(values)).length > 0) return;
        create.mutate(
          { url: values.url.trim(), description: values.description.trim(), events: values.events, min_intent: values.minIntent },
          {
            onSuccess: () => {
              setValues(EMPTY);
              setTried(false);
            },
          },
        );
      }}
      after={create.data && <SecretOnce label={`The signing secret of ${create.data.url}`} secret={create.data.secret} />}
    >
      <EndpointFields id="new-webhook" values={values} onChange={setValues} errors={errors} />
      {create.error && <Notice tone="danger">{create.error.message}</Notice>}
      <Button type="submit" disabled={create.isPending}>
        {create.isPending ? "Adding…" : "Add endpoint"}
      </Button>
    </FormCard>
  );
}

const STATUS_STYLE: Record<WebhookDeliverySummary["status"], string> = {
  delivered: "bg-success-bg text-success-fg",
  pending: "bg-warning-bg text-warning-fg",
  failed: "bg-danger-bg text-danger-fg",
};

function DeliveryLog({ endpointId }: { endpointId: number }) {
  const deliveries = useWebhookDeliveries(endpointId);
  return (
    <QueryBody query={deliveries}>
      {({ rows, total }) =>
        rows.length === 0 ? (
          <p className="px-4 py-3 text-sm text-fg-muted sm:px-5">No deliveries yet. Send a test event to try the endpoint.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="px-4 py-2 text-left text-sm text-fg-muted sm:px-5">
                Delivery log: the latest {rows.length} of {plural(total, "delivery", "deliveries")}
              </caption>
              <thead className="border-y border-line bg-surface-muted text-xs text-fg-muted uppercase">
                <tr>
                  {["Event", "Status", "Response", "Latency", "Attempts", "Next attempt", "Created"].map((heading) => (
                    <th key={heading} scope="col" className="px-3 py-2 font-medium first:pl-4 sm:first:pl-5">
                      {heading}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-line">
                {rows.map((delivery) => (
                  <tr key={delivery.id} className="align-top">
                    <td className="px-3 py-2 pl-4 sm:pl-5">
                      <code className="font-mono text-fg">{delivery.event_type}</code>
                      {delivery.last_error && <p className="mt-1 max-w-md text-xs break-words text-fg-muted">{delivery.last_error}</p>}
                    </td>
                    <td className="px-3 py-2">
                      <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[delivery.status]}`}>{delivery.status}</span>
                    </td>
                    <td className="px-3 py-2 text-fg">{delivery.last_response_code ?? "—"}</td>
                    <td className="px-3 py-2 text-fg">{delivery.last_latency_ms === null ? "—" : `${delivery.last_latency_ms} ms`}</td>
                    <td className="px-3 py-2 text-fg">{delivery.attempts}</td>
                    <td className="px-3 py-2 text-fg" suppressHydrationWarning>
                      {delivery.status === "pending" && delivery.next_attempt_at ? formatDateTime(delivery.next_attempt_at) : "—"}
                    </td>
                    <td className="px-3 py-2 text-fg-muted" suppressHydrationWarning>
                      {formatDateTime(delivery.created_at)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      }
    </QueryBody>
  );
}

function EndpointItem({ endpoint }: { endpoint: WebhookSummary }) {
  const update = useUpdateWebhook();
  const remove = useDeleteWebhook();
  const rotate = useRotateWebhookSecret();
  const test = useSendWebhookTest();
  const [editing, setEditing] = useState<FormValues | null>(null);
  const [tried, setTried] = useState(false);
  const [showLog, setShowLog] = useState(false);
  const error = update.error ?? remove.error ?? rotate.error ?? test.error;
  const errors = editing && tried ? problems(editing) : {};
  const name = endpoint.description || endpoint.url;

  return (
    <li className="space-y-3 py-4">
      <div className="space-y-1 px-4 sm:px-5">
        <p className="font-mono text-sm break-all text-fg">{endpoint.url}</p>
        <p className="text-sm text-fg-muted">
          {endpoint.description && <>{endpoint.description} · </>}
          {endpoint.events.join(", ")}
          {endpoint.events.includes("lead.scored") && endpoint.min_intent && endpoint.min_intent !== "Low" && <> · lead.scored from {endpoint.min_intent} intent</>}
          {" · "}
          <span className={endpoint.enabled ? "text-success-fg" : "text-danger-fg"}>{endpoint.enabled ? "On" : "Off"}</span>
        </p>
      </div>
      <div className="space-y-2 px-4 sm:px-5">
        {!endpoint.enabled && endpoint.disabled_reason && (
          <Notice tone="danger">
            <strong>This endpoint is off.</strong> {endpoint.disabled_reason} Deliveries waiting for it go out once it is on again.
          </Notice>
        )}
        {endpoint.enabled && endpoint.failing_since && (
          <Notice tone="warning">
            <span suppressHydrationWarning>Every delivery has failed since {formatDateTime(endpoint.failing_since)}.</span> After 24 hours of failures the endpoint is turned off. See the delivery log.
          </Notice>
        )}
        {error && <Notice tone="danger">{error.message}</Notice>}
        {test.data && test.variables === endpoint.id && (
          <Notice tone={test.data.status === "delivered" ? "success" : "warning"}>
            {test.data.status === "delivered"
              ? `Test event delivered: ${test.data.last_response_code} in ${test.data.last_latency_ms} ms.`
              : `Test event not delivered: ${test.data.last_error ?? "no answer"}. It will be retried.`}
          </Notice>
        )}
        {rotate.data && <SecretOnce label="The new signing secret" secret={rotate.data.secret} />}
      </div>
      {editing ? (
        <form
          className="space-y-4 px-4 sm:px-5"
          noValidate
          aria-label={`Edit ${name}`}
          onSubmit={(event) => {
            event.preventDefault();
            setTried(true);
            if (Object.keys(problems(editing)).length > 0) return;
            update.mutate(
              { id: endpoint.id, patch: { url: editing.url.trim(), description: editing.description.trim(), events: editing.events, min_intent: editing.minIntent } },
              { onSuccess: () => setEditing(null) },
            );
          }}
        >
          <EndpointFields id={`webhook-${endpoint.id}`} values={editing} onChange={setEditing} errors={errors} />
          <div className="flex gap-2">
            <Button type="submit" disabled={update.isPending}>
              Save
            </Button>
            <Button variant="secondary" onClick={() => setEditing(null)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <div className="flex flex-wrap gap-2 px-4 sm:px-5">
          <Button size="sm" variant="secondary" disabled={test.isPending} onClick={() => test.mutate(endpoint.id)}>
            {test.isPending ? "Sending…" : "Send test event"}
          </Button>
          <Button size="sm" variant="secondary" aria-expanded={showLog} onClick={() => setShowLog(!showLog)}>
            {showLog ? "Hide delivery log" : "Delivery log"}
          </Button>
          <Button
            size="sm"
            variant="secondary"
            onClick={() => {
              setTried(false);
              setEditing({ url: endpoint.url, description: endpoint.description, events: endpoint.events, minIntent: endpoint.min_intent });
            }}
          >
            Edit
          </Button>
          <Button size="sm" variant="secondary" disabled={update.isPending} onClick={() => update.mutate({ id: endpoint.id, patch: { enabled: !endpoint.enabled } })}>
            {endpoint.enabled ? "Turn off" : "Turn on"}
          </Button>
          <Button
            size="sm"
            variant="secondary"
            disabled={rotate.isPending}
            onClick={() => {
              if (window.confirm(`Rotate the signing secret of ${name}? The old secret keeps signing too for 24 hours.`)) rotate.mutate(endpoint.id);
            }}
          >
            Rotate secret
          </Button>
          <Button
            size="sm"
            variant="secondary"
            disabled={remove.isPending}
            onClick={() => {
              if (window.confirm(`Delete the endpoint ${name}? Its delivery log goes with it and nothing more is sent to it.`)) remove.mutate(endpoint.id);
            }}
          >
            Delete
          </Button>
        </div>
      )}
      {showLog && <DeliveryLog endpointId={endpoint.id} />}
    </li>
  );
}

/** Where this workspace's events go: endpoints, their secrets, test sends and delivery logs. */
export function WebhooksSettings() {
  const endpoints = useWebhooks();
  return (
    <div className="grid items-start gap-6 lg:grid-cols-[2fr_3fr]">
      <CreateEndpoint />
      <Card as="section" aria-labelledby="webhooks-heading" flush>
        <h2 id="webhooks-heading" className="px-4 pt-4 text-base font-semibold text-fg sm:px-5">
          Endpoints of this workspace
        </h2>
        <QueryBody query={endpoints}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState title="No webhook endpoints yet">Add one to have IntentScore tell your CRM or Zapier when runs finish and leads are scored.</EmptyState>
            ) : (
              <ul className="divide-y divide-line">
                {list.map((endpoint) => (
                  <EndpointItem key={endpoint.id} endpoint={endpoint} />
                ))}
              </ul>
            )
          }
        </QueryBody>
      </Card>
    </div>
  );
}
