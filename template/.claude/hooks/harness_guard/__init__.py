# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""Harness agent guard: the policy behind the hook scripts in .claude/hooks (stdlib only)."""
