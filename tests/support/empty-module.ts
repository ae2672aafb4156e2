// Stands in for `server-only` outside Next.js, where the guard has nothing to guard.
export {};
