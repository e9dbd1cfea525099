/** Refusals the admin page answers with a status and a message for the admin (never a stack trace). */
export class AdminInputError extends Error {
  readonly code = 'admin_input';
  readonly httpStatus = 400;
}

export class AdminNotFoundError extends Error {
  readonly code = 'admin_not_found';
  readonly httpStatus = 404;
}
