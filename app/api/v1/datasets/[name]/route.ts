import { NextResponse } from "next/server";
import { actorFromRequest } from "@/lib/auth/request-actor";
import { apiHandler, jsonBody } from "@/lib/http/api-handler";
import { updateDatasetSettings } from "@/lib/services/datasets/update-dataset-settings";

/** Sets a dataset's audit and second-opinion shares: `{"auditShare": 0.05, "secondOpinionShare": 0.1}`. */
export const PATCH = apiHandler(async (request, { params }: { params: Promise<{ name: string }> }) => {
  const { name } = await params;
  return NextResponse.json(await updateDatasetSettings(await actorFromRequest(request), decodeURIComponent(name), await jsonBody(request)));
});
