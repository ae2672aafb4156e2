import { describe, expect, it } from "vitest";
import { routeTemplate } from "@/lib/metrics/route-template";

describe("routeTemplate", () => {
  it("labels a request by its OpenAPI path, whatever the ids in it", () => {
    expect(routeTemplate("/api/v1/samples/123/adjudications")).toBe("/api/v1/samples/{id}/adjudications");
    expect(routeTemplate("/api/v1/samples/9")).toBe("/api/v1/samples/{id}");
    expect(routeTemplate("/api/v1/datasets/demo/experts/a%40b.test")).toBe("/api/v1/datasets/{name}/experts/{email}");
  });

  it("keeps a fixed path as it is and tells a fixed segment from a parameter", () => {
    expect(routeTemplate("/api/v1/samples")).toBe("/api/v1/samples");
    expect(routeTemplate("/api/v1/imports/preview")).toBe("/api/v1/imports/preview");
    expect(routeTemplate("/api/v1/exports/preview")).toBe("/api/v1/exports/preview");
    expect(routeTemplate("/api/v1/imports/0c1e8f5a-3b7d-4c2e-9f10-2a3b4c5d6e7f")).toBe("/api/v1/imports/{id}");
    expect(routeTemplate("/api/v1/openapi.json")).toBe("/api/v1/openapi.json");
  });

  it("gives one label to every path that is no route, so no series grows per made-up URL", () => {
    expect(routeTemplate("/api/v1/samples/1/2/3")).toBe("other");
    expect(routeTemplate("/api/v1/openapiXjson")).toBe("other");
  });
});
