import path from "node:path";

/** Everything the app keeps on disk lives under one folder, `.data/` unless GTS_DATA_DIR says otherwise. */
export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.GTS_DATA_DIR ?? ".data");
}

export function imageDir(): string {
  return path.resolve(process.env.GTS_IMAGE_DIR ?? path.join(dataDir(), "images"));
}

export function migrationsDir(): string {
  return path.resolve(process.env.GTS_MIGRATIONS_DIR ?? path.join(process.cwd(), "prisma", "migrations"));
}

/** Files uploaded on the import page, and the rejects of the imports run from it. */
export function importWorkDir(): string {
  return path.join(dataDir(), "imports");
}

/** The server folder an admin may import from by path; unset, imports by path are off. */
export function serverImportDir(): string | null {
  const configured = process.env.GTS_IMPORT_DIR;
  return configured ? path.resolve(configured) : null;
}
