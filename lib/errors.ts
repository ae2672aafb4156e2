/**
 * Errors whose message is safe to show to the user. Anything else is logged and answered with a
 * generic message, so internals never leak into the UI or the API.
 */
export class UserError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(message: string, status = 400, code = "bad_request") {
    super(message);
    this.name = "UserError";
    this.status = status;
    this.code = code;
  }
}

export class UnauthenticatedError extends UserError {
  constructor(message = "Sign in first.") {
    super(message, 401, "unauthenticated");
  }
}

export class ForbiddenError extends UserError {
  constructor(message = "Your role does not allow this.") {
    super(message, 403, "forbidden");
  }
}

export class NotFoundError extends UserError {
  constructor(message = "Not found.") {
    super(message, 404, "not_found");
  }
}

export class ConflictError extends UserError {
  constructor(message: string) {
    super(message, 409, "conflict");
  }
}

export type FieldErrors = Record<string, string[]>;

export class ValidationError extends UserError {
  readonly fields: FieldErrors;
  constructor(fields: FieldErrors, message = "Some fields are not valid.") {
    super(message, 422, "invalid");
    this.fields = fields;
  }
}

/** The JSON body every user-safe error is answered with: `{error: {code, message, fields?}}`. */
export function userErrorBody(error: UserError): { error: { code: string; message: string; fields?: FieldErrors } } {
  return { error: { code: error.code, message: error.message, ...(error instanceof ValidationError ? { fields: error.fields } : {}) } };
}

/** Why the quality control (docs/quality-control.md) or safe viewing (docs/safe-viewing.md) holds an expert back from a dataset's queue; the UI branches on the code. */
export type HoldCode = "dataset_restricted" | "expert_paused" | "calibration_failed" | "calibration_unavailable" | "daily_cap_reached";

export class ExpertHeldError extends UserError {
  constructor(code: HoldCode, message: string) {
    // A closed door is 403; a queue that is empty for a reason the expert or an admin can change (no gold left, a cap the expert may pass) is 409.
    super(message, code === "calibration_unavailable" || code === "daily_cap_reached" ? 409 : 403, code);
  }
}
