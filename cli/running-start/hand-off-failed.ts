/**
 * The running start could not be reached or did not take the job: nothing was done there, and the
 * command says what to do instead (start-holds-database-error.ts). `hint`, when set, says
 * it better than the general "stop start, or use PostgreSQL".
 */
export class HandOffFailed extends Error {
  readonly hint: string | undefined;

  constructor(message: string, hint?: string) {
    super(message);
    this.hint = hint;
  }
}
