#!/usr/bin/env python3
"""PreToolUse guard for file edits (Claude Code ``Edit|Write|MultiEdit|NotebookEdit``).

Standard library only, Python 3.10+. The target path (``tool_input.file_path``,
``notebook_path``, ``path``; Codex ``apply_patch`` texts) is resolved against the hook's ``cwd``
and the project directory, with ``..``, ``~`` and symlinks resolved, and compared with the
guard rails:

=========================  =====================================================================
decision / rule id         paths (project-relative unless noted)
=========================  =====================================================================
deny guard-hooks           ``.claude/hooks/**``
deny guard-agent-settings  ``.claude/settings.json``, ``.claude/settings.local.json``
deny guard-audit-log       ``.claude/audit/**``
deny guard-agent-hooks     ``.codex/**``, ``.gemini/**``, ``.cursor/hooks.json``,
                           ``.cursor/hooks/**``, ``.github/hooks/**``
deny guard-branch-...      ``.github/branch-protection/**`` (rule ``guard-branch-protection``)
deny guard-pre-commit-...  ``.pre-commit-config.yaml`` (rule ``guard-pre-commit-config``)
deny guard-secret-scan-..  ``.gitleaks.toml``, ``.gitleaksignore``, ``.secretsignore``
                           (rule ``guard-secret-scan-config``)
deny guard-git-internals   anything inside a ``.git`` directory
deny guard-user-*          ``~/.claude/settings*.json``, ``~/.claude/hooks/**``, ``~/.codex/**``,
                           ``~/.gemini/**``, ``~/.cursor/hooks.json``, ``~/.gitconfig``,
                           ``~/.config/git/**``
ask  guard-workflows       ``.github/workflows/**``
ask  guard-security-...    ``.github/security/**`` (rule ``guard-security-exceptions``)
ask  guard-codeowners      ``CODEOWNERS``, ``.github/CODEOWNERS``, ``docs/CODEOWNERS``
=========================  =====================================================================

A path that contains a protected tree (the directory ``.claude`` itself, say) counts as that
tree. Matching is case-insensitive (case-insensitive file systems exist).

Deny = exit 2 with the rule id on stderr; ask = ``hookSpecificOutput.permissionDecision: "ask"``
on stdout, exit 0 (Codex and Cursor get a block instead, see ``_guard.py``); anything else =
exit 0, no output. Input without a file path, malformed input and internal errors are blocks.

Usage: ``python3 guard_edits.py [--agent claude|codex|gemini|cursor|copilot]`` with the hook JSON
on stdin. Every decision is appended to ``.claude/audit/hook-audit.jsonl`` (see ``_guard.py``).
"""

from __future__ import annotations

import os
import sys

sys.dont_write_bytecode = False  # cache _guard's bytecode (see pretooluse_bash.py)
try:
    import _guard
except ImportError:  # run with -I or from another directory: find the sibling module
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    try:
        import _guard
    except ImportError:
        sys.stderr.write("harness guard_edits: BLOCKED [hook-internal-error] _guard missing\n")
        raise SystemExit(2) from None

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

HOOK = "guard_edits"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the edit guard on the hook JSON from stdin; returns the exit code."""
    return _guard.run_hook(HOOK, sys.argv[1:] if argv is None else argv, _guard.decide_edit)


if __name__ == "__main__":
    sys.exit(main())
