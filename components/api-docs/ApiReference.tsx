"use client";

import { useEffect, useRef, useState } from "react";
import "swagger-ui-dist/swagger-ui.css";
import "./api-reference.css";

/**
 * The interactive API reference: Swagger UI over the app's own OpenAPI document, loaded from the app's
 * bundle (no CDN, nothing outside the origin, which the Content-Security-Policy enforces too). "Try it
 * out" calls the API with the reader's session, under their role. Deep links are off: Swagger UI puts
 * them inside each operation's toggle button, a link nested in a button that screen readers cannot reach.
 */
export function ApiReference({ specUrl }: { specUrl: string }) {
  const mount = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<"loading" | "ready" | "failed">("loading");
  useEffect(() => {
    let cancelled = false;
    import("swagger-ui-dist/swagger-ui-es-bundle.js")
      .then(({ default: SwaggerUI }) => {
        if (cancelled || !mount.current) return;
        SwaggerUI({ url: specUrl, domNode: mount.current, withCredentials: true, displayRequestDuration: true, defaultModelsExpandDepth: 0 });
        setState("ready");
      })
      .catch((error: unknown) => {
        console.error("API reference failed to load", error);
        if (!cancelled) setState("failed");
      });
    return () => {
      cancelled = true;
    };
  }, [specUrl]);
  return (
    <div>
      <p role="status" aria-live="polite" className="text-sm text-slate-700">
        {state === "loading" ? "Loading the API reference…" : state === "failed" ? "The API reference could not be loaded. Reload the page to try again." : ""}
      </p>
      <div ref={mount} className="api-reference rounded border border-slate-200 bg-white" data-testid="api-reference" />
    </div>
  );
}
