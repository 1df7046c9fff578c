/**
 * The few error types of the tool. Each carries its exit code; `src/cli/main.ts` is the one
 * place that turns them into a message on stderr and an exit status.
 */

/** A failure the user can act on: one clear line, exit 1. */
export class RoadmapError extends Error {
  readonly exitCode: number = 1;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The command line itself was wrong (unknown flag, missing argument): exit 2. */
export class UsageError extends RoadmapError {
  override readonly exitCode = 2;
}

/** A value outside its allowed set, named with the field and the allowed values. */
export class ValidationError extends RoadmapError {}

/** No entity answers to the id, prefix or name given. */
export class NotFoundError extends RoadmapError {
  constructor(
    message: string,
    /** The id or prefix that matched nothing, when it was one. */
    readonly ref?: string,
    /** What kind of entity the ref was looked up as (`issue`, `roadmap`). */
    readonly kind?: string,
  ) {
    super(message);
  }
}

/** An id prefix matches several entities, or one id lives in several files. */
export class AmbiguousError extends RoadmapError {}

/** The lock could not be taken in time, or a write could not complete. */
export class WriteError extends RoadmapError {}

/**
 * Not a failure: this process should not run the command (a watcher asked to run one that
 * writes). Thrown before anything is written or printed that counts; the caller runs the
 * command itself.
 */
export class RunElsewhere extends Error {}
