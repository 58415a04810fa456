"""Harness agent guard: the policy behind the hook scripts in .claude/hooks (standard library only)."""
