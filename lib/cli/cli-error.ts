/** A command-line misuse: printed as one line, exit code 2. */
export class UsageError extends Error {}
