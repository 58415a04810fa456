#!/usr/bin/env python3
"""PreToolUse guard for shell commands run by coding agents (Claude Code ``Bash`` and friends).

Standard library only, Python 3.10+. The command is parsed the way a shell reads it (quotes,
escapes, ``;`` ``&&`` ``||`` ``|`` ``&`` newlines, ``$( )`` and backticks, here-documents,
``bash -c`` / ``sh -c`` / ``eval`` / ``env`` / ``sudo`` / ``xargs`` ... wrappers, variables set
earlier in the same command), and every simple command is checked, at any nesting depth.

Blocked (exit code 2, one-line reason with the rule id on stderr):

==========================  ==================================================================
rule id                     what
==========================  ==================================================================
git-no-verify               ``--no-verify`` on any git command; ``-n`` on ``git commit`` and
                            ``git am`` (also bundled: ``-an``, ``-nm msg``). ``git push -n`` is
                            ``--dry-run`` and stays allowed (nothing leaves the machine; any
                            force flag next to it is still blocked).
git-no-gpg-sign             ``--no-gpg-sign``; ``commit.gpgsign`` set false or unset by
                            ``git -c``, ``--config-env``, ``git config`` or ``GIT_CONFIG_*``.
git-force-push              ``-f``, ``--force``, ``--force-with-lease[=..]``,
                            ``--force-if-includes``, ``--mirror``, ``+refspec``; a
                            ``remote.*.push`` "+" refspec or ``remote.*.mirror`` in config.
git-push-delete             ``--delete``, ``-d``, ``:branch`` refspecs, ``--prune``.
git-reset-hard              ``git reset --hard``.
git-clean-force             ``git clean`` with force plus ``-d``/``-x``/``-X`` (any bundling),
                            unless ``-n``/``--dry-run``.
git-discard-changes         ``git checkout [-f|--force] [--] .`` and ``git restore .`` (all
                            changes), except ``git restore --staged`` (index only).
git-hooks-path              writing ``core.hooksPath`` (``git config``, ``git -c``,
                            ``--config-env``, ``GIT_CONFIG_*``), any case.
hook-bypass-env             ``SKIP=..``, ``HUSKY=0``, ``HUSKY_SKIP_HOOKS``, ``LEFTHOOK=0``,
                            ``PRE_COMMIT_ALLOW_NO_CONFIG`` as prefix assignment, standalone
                            assignment, ``env``, ``sudo``, ``export``/``declare``.
pre-commit-uninstall        ``pre-commit uninstall`` (also via ``uv run`` / ``python -m``).
gh-admin-merge              ``gh pr merge --admin``.
gh-api-protected            ``gh api`` with a non-GET method (``-X``/``--method`` or implied by
                            ``-f``/``-F``/``--field``/``--raw-field``/``--input``) on a path with
                            ``/protection``, ``/rulesets``, ``/secrets`` or ``/git/refs``; GraphQL
                            mutations of branch protection, rulesets or secrets; the same calls
                            made with ``curl``/``wget``/httpie against ``api.github.com``.
gh-ruleset                  ``gh ruleset`` other than list/view/check.
gh-secret                   ``gh secret set|delete|remove``.
gh-repo-delete              ``gh repo delete``.
rm-rf-dangerous             recursive ``rm`` (``-r``/``-R``/``--recursive``, with or without
                            ``-f``) of ``/``, a top-level directory, ``/*``, ``~``, ``$HOME``,
                            ``.``, ``./``, ``..``, the project root or one of its parents,
                            ``.git``, ``*`` in the project root, ``"$UNSET"/`` style paths;
                            ``--no-preserve-root`` always; ``find <such a dir> -delete`` without
                            a ``-name``/``-path``-style filter.
shell-write-protected       a shell write (``>``, ``tee``, ``sed -i``, ``cp``/``mv``/``ln``/
                            ``install`` target, ``rm``, ``chmod``, ``truncate``, ``git rm|mv``,
                            ``git checkout <ref> --``, ``git restore --source``, ``apply_patch``
                            ...) to a guard-rail file: ``.claude/hooks/**``,
                            ``.claude/settings*.json``, ``.claude/audit/**``, ``.git/**``,
                            ``.pre-commit-config.yaml``, ``.gitleaks.toml``, ``.secretsignore``,
                            ``.github/branch-protection/**``, agent hook configs, user-level agent
                            and git configs. (A shell write to ``.github/workflows/**``,
                            ``.github/security/**`` or CODEOWNERS answers "ask", rule
                            ``shell-write-review``.)
secret-in-command           the command text itself contains a secret (``secret_scan`` rules).
secret-staged               ``git commit`` / ``git push``: the staged diff (plus, for
                            ``commit -a``/pathspecs or a ``git add`` in the same command, the
                            unstaged and untracked files) or, for push, the unpushed commits
                            contain a secret. The reason names ``path:line: rule-id``; the value
                            is never printed or logged.
secret-scan-failed          the git diff for the scan failed, timed out or exceeded 8 MiB
                            (fail closed: a hook timeout would let the command run).
unparseable-command         unbalanced quotes/substitutions or nesting deeper than 12 levels.
input-*, bad-arguments,     unusable hook input (empty, > 256 KiB, not JSON, not an object, no
hook-internal-error         command) or an exception in the hook: always a block.
==========================  ==================================================================

Known limits (the second layer is ``permissions.deny`` in ``.claude/settings.json``, the third is
pre-commit + CI): commands hidden in interpreters (``python -c``, ``node -e``), in scripts that do
not exist yet when the command starts, in ``make`` recipes or package scripts, or in variables the
hook cannot evaluate statically are not seen.

Usage: ``python3 pretooluse_bash.py [--agent claude|codex|gemini|cursor|copilot]`` with the hook
JSON on stdin. Exit 0 = allow (no output; Cursor gets ``{"permission":"allow"}``), exit 2 = block.
"""

from __future__ import annotations

import os
import sys

# The logic lives in _guard.py so that its bytecode can be cached (a script run as __main__ is
# compiled on every start). Cache it even under PYTHONDONTWRITEBYTECODE: this process only
# imports the standard library and the harness' own hook modules.
sys.dont_write_bytecode = False
try:
    import _guard
except ImportError:  # run with -I or from another directory: find the sibling module
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    try:
        import _guard
    except ImportError:
        sys.stderr.write("harness pretooluse_bash: BLOCKED [hook-internal-error] _guard missing\n")
        raise SystemExit(2) from None

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

HOOK = "pretooluse_bash"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the Bash guard on the hook JSON from stdin; returns the exit code."""
    return _guard.run_hook(HOOK, sys.argv[1:] if argv is None else argv, _guard.decide_bash)


if __name__ == "__main__":
    sys.exit(main())
