/**
 * Documents that are snapshots of a file rather than the file a student
 * edits: the git extension's `git:` originals (quick diff, diff editors),
 * local history, merge views. They are not checked on their own, and their
 * diagnostics would repeat the file's in the Problems panel. Every other
 * scheme is checked: `file`, `untitled`, and virtual workspaces'
 * (`vscode-vfs`, `vscode-remote`, …).
 */
const SNAPSHOT_SCHEMES = new Set([
  'git',
  'gitfs',
  'vscode-local-history',
  'merge-conflict.conflict-diff',
  'vscode-scm',
  'review',
  'pr',
  'output',
]);

export function isSnapshotScheme(scheme: string): boolean {
  return SNAPSHOT_SCHEMES.has(scheme);
}
