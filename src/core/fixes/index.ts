/** Choosing, verifying and applying fixes: one rule for every adapter. */
export { applyEdits, editsCollide, nonCollidingGroups, originalSpan } from './edits';
export {
  addsError,
  fillFixes,
  MAX_RECHECKS,
  safeFixCandidates,
  selectSafeFixes,
  selectVerified,
  verifyFix,
  type Recheck,
  type Selection,
} from './select';
