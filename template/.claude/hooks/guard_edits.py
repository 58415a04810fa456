#!/usr/bin/env python3
# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""PreToolUse guard for file edits (Claude Code ``Edit|Write|MultiEdit|NotebookEdit``).

Standard library only, Python 3.10+. Each target path (``file_path``, ``notebook_path``,
``path``; Codex ``apply_patch`` texts) is resolved against the hook's ``cwd``, with ``..``, ``~``,
symlinks and hard links followed, and checked against the one list of protected paths in
``harness_guard/protected.py``: a guard file is denied, a reviewed path (workflows, CODEOWNERS,
the CI gates) is asked about. New content that holds a secret is denied. Malformed input and
internal errors are blocks.

Usage: ``python3 guard_edits.py [--agent claude|codex|gemini|cursor|copilot]`` with the hook JSON
on stdin. Every decision is appended to ``.claude/audit/hook-audit.jsonl``.
"""

from __future__ import annotations

import os
import sys

sys.dont_write_bytecode = False
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
try:
    from harness_guard import decide, protocol
except ImportError:
    sys.stderr.write("harness guard_edits: BLOCKED [hook-internal-error] guard missing\n")
    raise SystemExit(2) from None


def main() -> int:
    """Run the edit guard on the hook JSON from stdin; returns the exit code."""
    return protocol.run_hook("guard_edits", sys.argv[1:], decide.decide_edit)


if __name__ == "__main__":
    sys.exit(main())
