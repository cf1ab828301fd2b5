import { referenceAsset } from "@/lib/api/reference-page";

export const GET = async (_request: Request, { params }: { params: Promise<{ file: string }> }) => referenceAsset((await params).file);
