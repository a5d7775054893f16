/** Choosing, verifying and applying fixes: one rule for every adapter. */
export { applyEdits, editsCollide, nonCollidingGroups, originalSpan } from './edits';
export {
  addsError,
  fillFixes,
  MAX_RECHECKS,
  safeFixCandidates,
  selectSafeFixes,
  selectSafeFixesInSteps,
  selectVerified,
  selectVerifiedInSteps,
  verifyFix,
  verifyFixInSteps,
  type Recheck,
  type RecheckInSteps,
  type Selection,
} from './select';
