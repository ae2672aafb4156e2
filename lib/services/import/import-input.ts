import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { UserError } from "../../errors";
import { importWorkDir, serverImportDir } from "../../paths";
import type { ImportRequest } from "./import-request";

export type ResolvedInput = { file: string; displayName: string; imageDir: string | undefined };

/**
 * The file an import request names, checked: an upload must exist; a server path and an image folder
 * must stay inside `GTS_IMPORT_DIR` (symlinks resolved), as image paths must stay inside their folder.
 */
export async function resolveImportInput(request: ImportRequest): Promise<ResolvedInput> {
  const imageDir = request.imageDir === undefined ? undefined : await insideImportDir(request.imageDir, "imageDir", "directory");
  if (request.upload) {
    const file = path.join(uploadsDir(), request.upload);
    const meta = await readUploadMeta(request.upload);
    if (!meta || !(await fs.stat(file).catch(() => null))?.isFile()) throw new UserError("that upload is not here any more; upload the file again", 404, "upload_missing");
    return { file, displayName: meta.name, imageDir };
  }
  const file = await insideImportDir(request.path!, "path", "file");
  return { file, displayName: path.basename(file), imageDir };
}

async function insideImportDir(relative: string, field: string, kind: "file" | "directory"): Promise<string> {
  const root = serverImportDir();
  if (!root) throw new UserError("imports by server path are off: set GTS_IMPORT_DIR to the folder they may read", 422, "import_dir_unset");
  if (path.isAbsolute(relative) || relative.includes("\u0000")) throw new UserError(`${field}: give a path relative to the import folder`, 422, "bad_path");
  const realRoot = await fs.realpath(root).catch(() => null);
  if (!realRoot) throw new UserError("the import folder (GTS_IMPORT_DIR) does not exist", 422, "import_dir_missing");
  const real = await fs.realpath(path.resolve(realRoot, relative)).catch(() => null);
  const inside = real !== null && (real === realRoot || (!path.relative(realRoot, real).startsWith("..") && !path.isAbsolute(path.relative(realRoot, real))));
  if (!real || !inside) throw new UserError(`${field}: no such ${kind} in the import folder`, 422, "bad_path");
  const stat = await fs.stat(real);
  if (kind === "file" ? !stat.isFile() : !stat.isDirectory()) throw new UserError(`${field}: not a ${kind}`, 422, "bad_path");
  return real;
}

export function uploadsDir(): string {
  return path.join(importWorkDir(), "uploads");
}

export type UploadMeta = { name: string; size: number; uploadedBy: string | null; uploadedAt: string };

export async function readUploadMeta(id: string): Promise<UploadMeta | null> {
  const text = await fs.readFile(path.join(uploadsDir(), `${id}.json`), "utf8").catch(() => null);
  return text === null ? null : (JSON.parse(text) as UploadMeta);
}
