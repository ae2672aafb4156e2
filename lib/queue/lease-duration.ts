/** How long a claim holds a sample without renewal (the workspace renews while it is open). */
export function leaseSeconds(): number {
  const configured = Number(process.env.GTS_LEASE_SECONDS);
  return Number.isInteger(configured) && configured > 0 ? configured : 600;
}
