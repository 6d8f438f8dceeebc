/** Imports one user may have in flight (uploading, waiting or being read) at once. */
export const MAX_IMPORTS_PER_USER = 2;
/** Imports the whole server takes in at once; the rest are told to come back. */
export const MAX_IMPORTS_IN_FLIGHT = 6;

export class ImportBusyError extends Error {
  constructor(
    readonly scope: 'user' | 'server',
    readonly limit: number,
  ) {
    super(
      scope === 'user'
        ? `import: you already have ${limit} imports running; wait for them to finish`
        : `import: the server is reading ${limit} imports; try again in a few seconds`,
    );
    this.name = 'ImportBusyError';
  }
}

/** Counts imports in flight per user and overall, refusing (not queueing) past the limits. */
export class ImportAdmission {
  private total = 0;
  private readonly perUser = new Map<string, number>();

  constructor(
    readonly userLimit = MAX_IMPORTS_PER_USER,
    readonly totalLimit = MAX_IMPORTS_IN_FLIGHT,
  ) {}

  /** Takes a place for `user`; the returned release may be called any number of times. */
  admit(user: string): () => void {
    const mine = this.perUser.get(user) ?? 0;
    if (mine >= this.userLimit) throw new ImportBusyError('user', this.userLimit);
    if (this.total >= this.totalLimit) throw new ImportBusyError('server', this.totalLimit);
    this.total++;
    this.perUser.set(user, mine + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const left = (this.perUser.get(user) ?? 1) - 1;
      if (left > 0) this.perUser.set(user, left);
      else this.perUser.delete(user);
    };
  }

  get inFlight(): number {
    return this.total;
  }
}
