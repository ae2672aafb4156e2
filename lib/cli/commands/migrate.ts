/** The database is migrated before every command runs; this command does only that. */
export async function migrateCommand(): Promise<number> {
  process.stderr.write("database is up to date\n");
  return 0;
}
