"""Harness agent guard: the policy behind the hook scripts in .claude/hooks (stdlib only)."""
