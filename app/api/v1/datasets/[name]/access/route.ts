import { NextResponse } from "next/server";
import { apiHandler, jsonBody } from "@/lib/http/api-handler";
import { setDatasetAccess } from "@/lib/services/quality/set-dataset-access";

/** Who may work the dataset's queue: `{"experts": [emails], "groups": [names]}`; both empty opens it to every expert. */
export const PUT = apiHandler(async (request, { params }: { params: Promise<{ name: string }> }, actor) => {
  const { name } = await params;
  return NextResponse.json(await setDatasetAccess(actor, decodeURIComponent(name), await jsonBody(request)));
});
