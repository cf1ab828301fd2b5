import type { Metadata } from "next";
import { connection } from "next/server";
import { UploadHistory } from "@/components/uploads/upload-history";
import { UploadPanel } from "@/components/uploads/upload-panel";
import { PageHeader } from "@/components/ui/page-header";
import { listUploads } from "@/db/queries/upload-history";
import { asJson } from "@/lib/api/client";
import { requirePageSession } from "@/lib/auth/page";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Uploads" };

export default async function UploadsPage() {
  await connection();
  const uploads = await listUploads((await requirePageSession()).principal.scope);
  return (
    <>
      <PageHeader title="Uploads" description="Add leads from a CSV. Each upload adds to the leads you have; nothing is replaced." />
      <div className="grid items-start gap-6 lg:grid-cols-[3fr_2fr]">
        <UploadPanel maxUploadMb={env.MAX_UPLOAD_MB} />
        <UploadHistory uploads={uploads.map(asJson)} />
      </div>
    </>
  );
}
