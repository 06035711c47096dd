/** A problem with how kms-lint was called or with the project it was pointed at: exit code 2, one line. */
export class UsageError extends Error {
  override name = 'UsageError';
}
