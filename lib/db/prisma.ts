import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/index.js";
import { pool } from "./pool";

const cache = globalThis as unknown as { gtsPrisma?: { url: string; client: PrismaClient } };

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the app through `npm run gts -- serve` or set it");
  return url;
}

/** One Prisma client per process and database URL; created on first use, after the URL is known. */
export function db(): PrismaClient {
  const url = databaseUrl();
  if (cache.gtsPrisma?.url !== url) {
    const adapter = new PrismaPg(pool());
    cache.gtsPrisma = { url, client: new PrismaClient({ adapter }) };
  }
  return cache.gtsPrisma.client;
}

export async function disconnectDb(): Promise<void> {
  const current = cache.gtsPrisma;
  cache.gtsPrisma = undefined;
  await current?.client.$disconnect();
}

export type { PrismaClient };
