import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSnapshotScheme } from '../../../src/extension/pure/schemes';

test('snapshots are not checked on their own; files, untitled and virtual workspaces are', () => {
  assert.equal(isSnapshotScheme('git'), true);
  assert.equal(isSnapshotScheme('vscode-local-history'), true);
  for (const scheme of ['file', 'untitled', 'vscode-vfs', 'vscode-remote', 'vscode-userdata'])
    assert.equal(isSnapshotScheme(scheme), false, scheme);
});
