# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""The two decisions the hook scripts make: one shell command, one file edit.

Both fail closed: the walk denies at the first deny rule, asks when any ask rule fired, and runs
the secret scans of what a commit or push would record only when nothing else stopped the
command (they are the slowest part, and a stopped command records nothing).
"""

from __future__ import annotations

import os

from . import execs, files, git  # noqa: F401 - importing them registers their handlers and rules
from .bash import MAX_COMMAND_CHARS, Analyzer, Arg, BlockedError
from .protocol import ALLOWED, ASK, DENY, Budget, Decision, HookInput, HookInputError
from .rules import RULES, define
from .shell import ParseError, parse

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .bash import Call  # noqa: F401

define(
    "secret-staged",
    DENY,
    "a git commit or push in the command would record or send something that looks like a "
    "secret (staged files, the work tree a commit takes along, force-added files, message "
    "files, every commit the remote lacks)",
    "a secret in history is a leaked secret: rotating it is the only fix",
)
define(
    "secret-scan-failed",
    DENY,
    "the secret scan for a commit or push failed, ran out of time or exceeded its size cap",
    "an unscanned commit might hold a secret; the scan fails closed",
)
define(
    "secret-allow-marker",
    ASK,
    "a shell command that carries a secret-scan allow marker (harness:allow-secret, "
    "gitleaks:allow)",
    "the scanners skip a line with the marker: written by a command, the line is never seen; "
    "add it with the file tools, where a person sees the line it excuses",
)
define(
    "secret-in-edit",
    DENY,
    "a file edit whose new content holds something that looks like a secret",
    "the file is one git add away from history; keep secrets in the environment",
)

SHELL_TOOLS = frozenset({"bash", "shell", "run_shell_command", "local_shell", "exec_command"})
EDIT_TOOLS = frozenset(
    {"edit", "create", "write", "multiedit", "notebookedit", "str_replace", "str_replace_editor"}
    | {"apply_patch", "write_file", "replace"}
)


def _command_of(tool_input: dict[str, object]) -> str:
    command = tool_input.get("command", tool_input.get("cmd"))
    if isinstance(command, list) and command and all(isinstance(p, str) for p in command):
        # Codex hands argv lists; quoting each word keeps it one word for the parser.
        return " ".join("'" + str(p).replace("'", "'\\''") + "'" for p in command)
    if isinstance(command, str) and command.strip():
        return command
    raise HookInputError(
        "input-missing-command", "tool_input.command is missing, empty or not a string"
    )


def _hit(rule_id: str, detail: str) -> Decision:
    return Decision(RULES[rule_id].decision, rule_id, detail)


def decide_bash(hook_input: HookInput) -> tuple[Decision, str]:
    """The decision for one shell command, and the text whose sha256 is audited.

    Copilot's ``preToolUse`` has no matcher, so every tool call reaches this hook there: edit
    tools get the edit guard, other non-shell tools (view, grep...) are allowed.
    """
    tool = hook_input.tool_name.lower()
    if hook_input.agent == "copilot" and tool and tool not in SHELL_TOOLS:
        if tool in EDIT_TOOLS:
            return decide_edit(hook_input)
        return ALLOWED, tool
    text = _command_of(hook_input.tool_input)
    budget = Budget()
    if len(text) > MAX_COMMAND_CHARS:
        return _hit(
            "unparseable-command",
            f"the command is longer than {MAX_COMMAND_CHARS // 1024} KiB; write long content "
            "with the file tools and run a short command",
        ), text
    import secret_scan

    found = secret_scan.scan_text(text, "<command>")
    budget.check()  # the scan cannot be interrupted; past the budget, deny before anything else
    if found:
        kinds = ", ".join(sorted({f.rule_id for f in found}))
        return _hit(
            "secret-in-command",
            f"the command text holds what looks like a secret ({kinds}); read it from the "
            "environment instead. The value is not logged.",
        ), text
    analyzer = Analyzer(hook_input, budget)
    try:
        script, functions = parse(text)
        analyzer.functions.update(functions)
        analyzer.run_script(script)
    except BlockedError as blocked:
        return blocked.decision, text
    except ParseError as exc:
        return _hit("unparseable-command", f"the command cannot be parsed ({exc})"), text
    except RecursionError:
        return _hit("unparseable-command", "the command nests too deeply"), text
    if any(marker in text.lower() for marker in secret_scan.ALLOW_MARKERS):
        analyzer.flag(
            "secret-allow-marker",
            "the command writes or passes on a secret-scan allow marker; add it with the file "
            "tools so that a person sees the line it excuses",
        )
    if analyzer.stash_pending:
        analyzer.flag(
            "git-history-rewrite",
            "git stash takes uncommitted work out of the tree (and into a commit no hook "
            "checked); pop it in the same command or ask",
        )
    if analyzer.asks:
        return analyzer.asks[0], text
    return _scan(analyzer, budget), text


def _scan(analyzer: Analyzer, budget: Budget) -> Decision:
    """Scan what the command's commits and pushes would record; deny on a finding."""
    if not analyzer.commits and not analyzer.pushes:
        return ALLOWED
    import secret_scan

    findings: list[object] = []
    try:
        for commit in analyzer.commits:
            findings += secret_scan.scan_commit(
                commit.repo,
                worktree=commit.worktree,
                untracked=commit.worktree,
                extra_paths=commit.extra_paths,
                message_files=commit.message_files,
                message_refs=commit.message_refs,
                deadline=budget.deadline,
            )
        for push in analyzer.pushes:
            refspecs = None if push.all_refs or not push.refspecs else push.refspecs
            findings += secret_scan.scan_push(
                push.repo, remote=push.remote, refspecs=refspecs, deadline=budget.deadline
            )
    except secret_scan.ScanError as exc:
        return _hit(
            "secret-scan-failed", f"the secret scan could not finish ({exc}); failing closed"
        )
    if not findings:
        return ALLOWED
    shown = ", ".join(str(f) for f in findings[:10])
    more = f" and {len(findings) - 10} more" if len(findings) > 10 else ""
    decision = _hit(
        "secret-staged",
        f"suspected secret(s) in what would be committed or pushed: {shown}{more}. Remove the "
        "value (rotate it if real); for a false positive add 'harness:allow-secret' on the line "
        "or a path glob to .secretsignore (a reviewed file).",
    )
    decision.findings = [str(f) for f in findings]
    return decision


# ---------------------------------------------------------------------------------------------
# File edits

_PATH_KEYS = ("file_path", "notebook_path", "path", "filePath", "absolute_path", "target_file")
_CONTENT_KEYS = ("content", "new_string", "new_source", "newText", "file_text", "new_str")
_PATCH_KEYS = ("patch", "input", "command")
_PATCH_MARKERS = ("*** Add File: ", "*** Update File: ", "*** Delete File: ", "*** Move to: ")


def _patch_texts(tool_input: dict[str, object]) -> list[str]:
    texts = []
    for key in _PATCH_KEYS:
        value = tool_input.get(key)
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and "*** Begin Patch" in text:
                texts.append(text)
    return texts


def edit_targets(tool_input: dict[str, object]) -> list[str]:
    """Every file path an edit-like tool input names (Codex ``apply_patch`` texts included)."""
    paths: list[str] = []
    entries: list[dict[str, object]] = [tool_input]
    edits = tool_input.get("edits")
    if isinstance(edits, list):
        entries += [edit for edit in edits if isinstance(edit, dict)]
    for entry in entries:
        for key in _PATH_KEYS:
            value = entry.get(key)
            if isinstance(value, str) and value.strip():
                paths.append(value.strip())
    for text in _patch_texts(tool_input):
        for line in text.splitlines():
            for marker in _PATCH_MARKERS:
                if line.startswith(marker):
                    paths.append(line[len(marker) :].strip())
    return paths


def edit_contents(tool_input: dict[str, object]) -> list[str]:
    """The new text an edit writes: whole contents, replacement strings, added patch lines."""
    texts: list[str] = []
    entries: list[dict[str, object]] = [tool_input]
    edits = tool_input.get("edits")
    if isinstance(edits, list):
        entries += [edit for edit in edits if isinstance(edit, dict)]
    for entry in entries:
        for key in _CONTENT_KEYS:
            value = entry.get(key)
            if isinstance(value, str):
                texts.append(value)
            elif isinstance(value, list):
                texts.append("".join(str(v) for v in value))
    for text in _patch_texts(tool_input):
        texts.append("\n".join(line[1:] for line in text.splitlines() if line.startswith("+")))
    return texts


# Where an agent's own tools write notes outside the project: Claude Code's plan mode saves each
# plan there. Markdown only; nothing there is run or loaded as settings.
AGENT_NOTES_DIRS = ("~/.claude/plans",)


def _agent_notes(target: str) -> bool:
    path = os.path.normpath(os.path.expanduser(target))
    return path.endswith(".md") and any(
        path.startswith(os.path.expanduser(root) + os.sep) for root in AGENT_NOTES_DIRS
    )


def decide_edit(hook_input: HookInput) -> tuple[Decision, str]:
    """The decision for one edit, and the text whose sha256 is audited (the target paths)."""
    targets = edit_targets(hook_input.tool_input)
    if not targets:
        raise HookInputError(
            "input-missing-path", "tool_input has no file_path/notebook_path to check"
        )
    subject = "\n".join(targets)
    analyzer = Analyzer(hook_input, Budget())
    try:
        for target in targets:
            expanded = os.path.expanduser(target) if target.startswith("~") else target
            analyzer.check_write(Arg(expanded), what="edit")
    except BlockedError as blocked:
        return blocked.decision, subject
    # Edits of uncommitted files are what file tools are for: only the guard rails (above),
    # places outside the project and the temp directories (start-up files, tools' settings and
    # programs in the home directory run later, outside this conversation) and secrets (below)
    # matter here.
    outside = "write-outside-project"
    if all(_agent_notes(target) for target in targets):
        outside = ""  # the agent's own plan files (plan mode writes them with Write)
    asks = [d for d in analyzer.asks if d.rule in ("write-review", "unknown-word", outside)]
    import secret_scan

    for text in edit_contents(hook_input.tool_input):
        found = secret_scan.scan_text(text, targets[0])
        if found:
            kinds = ", ".join(sorted({f.rule_id for f in found}))
            return _hit(
                "secret-in-edit",
                f"the new content holds what looks like a secret ({kinds}); keep it in the "
                "environment or a secret manager. The value is not logged.",
            ), subject
    if asks:
        return asks[0], subject
    return ALLOWED, subject


del ASK, DENY
