/**
 * A step of a run that did not do its job (trainer exit, timeout, no adapter, fuse wrote nothing,
 * Ollama refused the import, the smoke test got nothing): the run is `failed` with this reason and
 * the command's last lines. Retrying the same night would fail the same way, so nothing retries.
 */
export class TrainingFailure extends Error {
  readonly logTail: string;

  constructor(message: string, logTail = "") {
    super(message);
    this.name = "TrainingFailure";
    this.logTail = logTail;
  }
}
