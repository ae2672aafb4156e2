import type { Role } from "../generated/prisma";

export const ROLES = ["admin", "expert", "viewer"] as const satisfies readonly Role[];

/**
 * Who may do what, as data. Every service checks its action with `can` before it touches the store;
 * the proxy and the UI only hide what this table already refuses.
 */
export const PERMISSIONS = {
  "sample:read": ["admin", "expert", "viewer"],
  "stats:read": ["admin", "expert", "viewer"],
  "image:read": ["admin", "expert", "viewer"],
  "sample:import": ["admin"],
  "dataset:configure": ["admin"],
  /** Make a sample gold, lift a pause, reset a calibration round (docs/quality-control.md). */
  "quality:manage": ["admin"],
  /** See which samples are gold and their known answers: never the experts who are scored on them. */
  "gold:read": ["admin", "viewer"],
  "sample:adjudicate": ["admin", "expert"],
  "flag:resolve": ["admin"],
  "comment:write": ["admin", "expert"],
  "prelabel:queue": ["admin"],
  "export:create": ["admin"],
  "export:read": ["admin"],
  "user:manage": ["admin"],
  "audit:read": ["admin"],
  /** Scrape /metrics with one's own credentials (a monitoring stack may use GTS_METRICS_TOKEN instead). */
  "metrics:read": ["admin"],
  "token:own": ["admin", "expert", "viewer"],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;

export function can(action: Action, role: Role): boolean {
  return (PERMISSIONS[action] as readonly Role[]).includes(role);
}
