import { z } from "zod";
import { importLayoutSchema } from "../../import/import-layout-schema";

/**
 * An import from the import page: an uploaded file (by its upload id) or a file named by its path under
 * `GTS_IMPORT_DIR`, read with a layout and mapping. The one schema of the form and of
 * `POST /api/v1/imports` (and of the preview, which takes the same body).
 */
export const importRequestSchema = importLayoutSchema
  .extend({
    upload: z.uuid("is not an upload id").optional(),
    path: z.string().trim().min(1).max(1000).optional(),
    dataset: z.string().trim().min(1, "must not be empty").max(200),
    /** Where image names resolve, under `GTS_IMPORT_DIR`; the file's own folder when absent. */
    imageDir: z.preprocess((value) => (value === "" ? undefined : value), z.string().trim().min(1).max(1000).optional()),
    skipInvalid: z.boolean().default(false),
  })
  .refine((request) => (request.upload === undefined) !== (request.path === undefined), {
    path: ["path"],
    message: "give either an uploaded file or a server path",
  });

export type ImportRequest = z.output<typeof importRequestSchema>;
export type ImportRequestInput = z.input<typeof importRequestSchema>;
