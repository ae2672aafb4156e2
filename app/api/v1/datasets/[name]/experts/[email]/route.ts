import { NextResponse } from "next/server";
import { apiHandler, jsonBody } from "@/lib/http/api-handler";
import { changeStanding } from "@/lib/services/quality/change-standing";

/** An expert's standing on the dataset: `{"action": "lift_pause" | "reset_calibration"}`. */
export const PATCH = apiHandler(async (request, { params }: { params: Promise<{ name: string; email: string }> }, actor) => {
  const { name, email } = await params;
  return NextResponse.json(await changeStanding(actor, { dataset: decodeURIComponent(name), expert: decodeURIComponent(email) }, await jsonBody(request)));
});
