import { NextResponse } from "next/server";
import { apiHandler, jsonBody } from "@/lib/http/api-handler";
import { updateDatasetSettings } from "@/lib/services/datasets/update-dataset-settings";

/** Sets a dataset's shares and quality control: `{"auditShare", "secondOpinionShare", "goldRate", "goldFloor", "calibrationItems"}`, each optional. */
export const PATCH = apiHandler(async (request, { params }: { params: Promise<{ name: string }> }, actor) => {
  const { name } = await params;
  return NextResponse.json(await updateDatasetSettings(actor, decodeURIComponent(name), await jsonBody(request)));
});
