/** One problem found in a manifest; `path` is a field path such as `contributes.widgets[1].id`. */
export interface ManifestIssue {
  path: string;
  message: string;
}

/** A manifest was refused; `issues` lists every problem found, each with its path. */
export class ManifestError extends Error {
  override readonly name = 'ManifestError';
  constructor(
    readonly source: string,
    readonly issues: ManifestIssue[],
  ) {
    super(
      issues
        .map((issue) =>
          issue.path === '' ? `${source}: ${issue.message}` : `${source} › ${issue.path}: ${issue.message}`,
        )
        .join('\n'),
    );
  }
}
