"use client";

import { useState } from "react";
import { ApiError } from "@/components/app/api-client";
import { useViewing } from "@/components/viewing/ViewingContext";
import type { ViewingPreferences } from "@/lib/services/users/user.schema";

const OPTIONS: { field: keyof ViewingPreferences; label: string; hint: string }[] = [
  { field: "revealImages", label: "Show images unblurred", hint: "Images are blurred until you click them or press v. Each reveal is recorded; so is this choice." },
  { field: "grayscaleImages", label: "Show images in grayscale", hint: "Colour carries much of what makes a graphic image hard to look at." },
];

/** Safe viewing's preferences (docs/safe-viewing.md): saved on change, for every page and device. */
export function ViewingPreferencesForm() {
  const viewing = useViewing();
  const [message, setMessage] = useState("");

  async function toggle(field: keyof ViewingPreferences, value: boolean) {
    setMessage("");
    try {
      await viewing.change({ [field]: value });
      setMessage("Saved.");
    } catch (error) {
      setMessage(error instanceof ApiError ? `Not saved: ${error.message}` : "Not saved. Check your connection and try again.");
    }
  }

  return (
    <section aria-labelledby="viewing-heading" className="space-y-2">
      <h2 id="viewing-heading" className="text-sm font-semibold">
        Safe viewing
      </h2>
      {OPTIONS.map(({ field, label, hint }) => (
        <div key={field} className="flex items-start gap-2">
          <input id={`viewing-${field}`} type="checkbox" checked={viewing[field]} onChange={(event) => void toggle(field, event.target.checked)} aria-describedby={`viewing-${field}-hint`} className="mt-1 h-4 w-4" />
          <div>
            <label htmlFor={`viewing-${field}`} className="text-sm font-medium">
              {label}
            </label>
            <p id={`viewing-${field}-hint`} className="text-xs text-slate-600">
              {hint}
            </p>
          </div>
        </div>
      ))}
      <p role="status" aria-live="polite" className="min-h-5 text-sm text-slate-700">
        {message}
      </p>
    </section>
  );
}
