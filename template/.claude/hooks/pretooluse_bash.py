#!/usr/bin/env python3
# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""PreToolUse guard for shell commands run by coding agents (Claude Code ``Bash`` and friends).

Standard library only, Python 3.10+. It parses the command the way bash reads it, checks every
simple command at any nesting depth against the rules in ``harness_guard/rules.py`` (the table
is in ``docs/SECURITY.md``), and fails closed: a word it cannot resolve inside a sensitive
command is asked about, never allowed, and bad input, an internal error or a decision past the
time budget is a block. Exit 0 = allow (no output) or ask (JSON on stdout); exit 2 = block.

Usage: ``python3 pretooluse_bash.py [--agent claude|codex|gemini|cursor|copilot]`` with the
hook JSON on stdin.
"""

from __future__ import annotations

import os
import sys

# Python caches the bytecode of imported modules, not of a script run as __main__; keep the
# logic in the package and cache it even under PYTHONDONTWRITEBYTECODE.
sys.dont_write_bytecode = False
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
try:
    from harness_guard import decide, protocol
except ImportError:
    sys.stderr.write("harness pretooluse_bash: BLOCKED [hook-internal-error] guard missing\n")
    raise SystemExit(2) from None


def main() -> int:
    """Run the Bash guard on the hook JSON from stdin; returns the exit code."""
    return protocol.run_hook("pretooluse_bash", sys.argv[1:], decide.decide_bash)


if __name__ == "__main__":
    sys.exit(main())
