"""Shared plumbing for the harness' agent hooks (standard library only, cheap to import).

* reads the hook payload from stdin (size-capped) and normalises the input shapes of the supported
  agents into one :class:`HookInput`;
* runs a hook's decision function and fails closed: bad input or any internal exception becomes a
  block (exit code 2), never an allow;
* appends one JSON line per decision to ``.claude/audit/hook-audit.jsonl`` under the project dir
  (time, hook, agent, tool, decision, rule id, sha256 of the command or target; never the command
  text or a secret). A failing audit write is reported on stderr and changes no decision;
* prints each agent's answer (see :func:`respond`);
* classifies paths against the guard-rail files (:func:`classify_path`), shared by
  ``guard_edits.py`` and the shell-write checks of ``pretooluse_bash.py``;
* decides file edits for ``guard_edits.py`` (:func:`decide_edit`) and parses and checks shell
  commands for ``pretooluse_bash.py`` (:func:`decide_bash`); the rule tables are in those
  scripts' docstrings. The code lives here, not in the hook scripts, because Python caches the
  bytecode of imported modules but recompiles a ``__main__`` script on every run.

Agent contracts (``--agent``; default ``claude``):

========  ============================================  =========================================
agent     input accepted                                block / ask / allow answer
========  ============================================  =========================================
claude    ``tool_name``, ``tool_input`` (PreToolUse)     exit 2 + reason on stderr / JSON
                                                         ``hookSpecificOutput`` "ask", exit 0 /
                                                         exit 0, no output
codex     same shape; ``tool_input.command`` may be a   exit 2 + stderr (no stdout: Codex counts
          list of argv strings                          unknown output as a failed hook). "ask" is
                                                         unsupported by Codex and would run the
                                                         tool, so ask becomes a block.
gemini    BeforeTool: ``tool_name`` (e.g.               exit 2 + stderr + ``{"decision":"deny"}``
          ``run_shell_command``), ``tool_input``        on stdout / ``{"decision":"ask"}`` exit 0
                                                         / exit 0, no output
cursor    beforeShellExecution: top-level ``command``,  exit 2 + stderr + ``{"permission":"deny",
          ``cwd``, ``workspace_roots``; preToolUse       ...}`` / ask becomes a block (Cursor's
          shape as for claude                           auto-review mode ignores "ask") / exit 0
                                                         + ``{"permission":"allow"}``
copilot   preToolUse: ``toolName``, ``toolArgs`` (a     exit 2 + stderr + ``{"permissionDecision":
          JSON string), ``cwd``. It has no matcher:     "deny", ...}`` / same with "ask", exit 0 /
          pretooluse_bash.py routes edit tools to the   exit 0, no output
          edit guard and allows other non-shell tools
========  ============================================  =========================================

Every agent honours exit code 2 as "block", so a block always exits 2 and prints the agent's own
JSON as well where that agent reads stdout.
"""

from __future__ import annotations

import json
import os
import re
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import TextIO

MAX_INPUT_BYTES = 256 * 1024
EXIT_ALLOW = 0
EXIT_BLOCK = 2
AGENTS = ("claude", "codex", "gemini", "cursor", "copilot")
AUDIT_DIR = (".claude", "audit")
AUDIT_FILE = "hook-audit.jsonl"
ALLOW, ASK, DENY = "allow", "ask", "deny"

# Project-relative guard rails. ``/**`` protects a directory tree; anything else is one file.
# A path that *contains* a protected tree (``rm -rf .claude``) is treated like the tree itself.
PROJECT_RULES: tuple[tuple[str, str, str, str], ...] = (
    # (pattern, decision, rule id, what it protects)
    (".claude/hooks/**", DENY, "guard-hooks", "the agent hook scripts"),
    (".claude/settings.json", DENY, "guard-agent-settings", "the Claude Code project settings"),
    (".claude/settings.local.json", DENY, "guard-agent-settings", "the Claude Code local settings"),
    (".claude/audit/**", DENY, "guard-audit-log", "the hook audit log"),
    (".codex/**", DENY, "guard-agent-hooks", "the Codex configuration"),
    (".gemini/**", DENY, "guard-agent-hooks", "the Gemini CLI configuration"),
    (".cursor/hooks.json", DENY, "guard-agent-hooks", "the Cursor hook configuration"),
    (".cursor/hooks/**", DENY, "guard-agent-hooks", "the Cursor hook scripts"),
    (".github/hooks/**", DENY, "guard-agent-hooks", "the Copilot hook configuration"),
    (
        ".github/branch-protection/**",
        DENY,
        "guard-branch-protection",
        "the branch-protection settings",
    ),
    (".pre-commit-config.yaml", DENY, "guard-pre-commit-config", "the pre-commit configuration"),
    (".gitleaks.toml", DENY, "guard-secret-scan-config", "the gitleaks configuration"),
    (".gitleaksignore", DENY, "guard-secret-scan-config", "the gitleaks ignore list"),
    (".secretsignore", DENY, "guard-secret-scan-config", "the secret-scan ignore list"),
    (".github/workflows/**", ASK, "guard-workflows", "a CI workflow"),
    (".github/security/**", ASK, "guard-security-exceptions", "a security-scan exception list"),
    (".github/codeowners", ASK, "guard-codeowners", "the CODEOWNERS file"),
    ("codeowners", ASK, "guard-codeowners", "the CODEOWNERS file"),
    ("docs/codeowners", ASK, "guard-codeowners", "the CODEOWNERS file"),
)
# Home-relative files through which an agent could switch its own hooks or git's hooks off.
HOME_RULES: tuple[tuple[str, str, str, str], ...] = (
    (".claude/settings.json", DENY, "guard-user-agent-config", "the user's Claude Code settings"),
    (
        ".claude/settings.local.json",
        DENY,
        "guard-user-agent-config",
        "the user's Claude Code settings",
    ),
    (".claude/hooks/**", DENY, "guard-user-agent-config", "the user's Claude Code hooks"),
    (".codex/**", DENY, "guard-user-agent-config", "the user's Codex configuration"),
    (".gemini/**", DENY, "guard-user-agent-config", "the user's Gemini CLI configuration"),
    (".cursor/hooks.json", DENY, "guard-user-agent-config", "the user's Cursor hooks"),
    (".gitconfig", DENY, "guard-user-git-config", "the user's git configuration"),
    (".config/git/**", DENY, "guard-user-git-config", "the user's git configuration"),
)
GIT_DIR_RULE = (DENY, "guard-git-internals", "git's internal files (.git/)")


class Decision:
    """What a hook answers: allow, ask or deny, with a rule id and a one-line reason."""

    __slots__ = ("action", "findings", "reason", "rule")

    def __init__(
        self,
        action: str,
        rule: str | None = None,
        reason: str = "",
        findings: Sequence[str] = (),
    ) -> None:
        self.action = action
        self.rule = rule
        self.reason = " ".join(reason.split())  # always one line
        self.findings = list(findings)

    def __repr__(self) -> str:
        return f"Decision({self.action!r}, rule={self.rule!r})"


ALLOWED = Decision(ALLOW)


def deny(rule: str, reason: str, findings: Sequence[str] = ()) -> Decision:
    """A block with a rule id and a reason that never contains command text or secrets."""
    return Decision(DENY, rule, reason, findings)


def ask(rule: str, reason: str) -> Decision:
    """A request for human confirmation (blocks where the agent has no "ask")."""
    return Decision(ASK, rule, reason)


class HookInputError(Exception):
    """The payload is unusable; the hook blocks with ``rule``."""

    def __init__(self, rule: str, reason: str) -> None:
        super().__init__(reason)
        self.rule = rule
        self.reason = reason


class HookInput:
    """The parts of a hook payload the harness hooks use, whatever the agent."""

    __slots__ = ("agent", "cwd", "event", "project_dir", "session_id", "tool_input", "tool_name")

    def __init__(
        self,
        agent: str,
        tool_name: str,
        tool_input: dict[str, object],
        cwd: str,
        project_dir: str,
        event: str,
        session_id: str,
    ) -> None:
        self.agent = agent
        self.tool_name = tool_name
        self.tool_input = tool_input
        self.cwd = cwd
        self.project_dir = project_dir
        self.event = event
        self.session_id = session_id


# --------------------------------------------------------------------------------------------
# Input
# --------------------------------------------------------------------------------------------


def parse_agent(argv: Sequence[str]) -> str:
    """The ``--agent`` option (``--agent X`` or ``--agent=X``); unknown values are an error."""
    agent = "claude"
    args = list(argv)
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--agent" and i + 1 < len(args):
            agent = args[i + 1]
            i += 2
            continue
        if arg.startswith("--agent="):
            agent = arg.split("=", 1)[1]
            i += 1
            continue
        raise HookInputError("bad-arguments", "unknown hook argument; expected --agent NAME")
    if agent not in AGENTS:
        raise HookInputError("bad-arguments", f"unknown agent; expected one of {', '.join(AGENTS)}")
    return agent


def read_stdin(limit: int = MAX_INPUT_BYTES) -> bytes:
    """Read at most ``limit`` bytes; more than that is rejected without parsing anything."""
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise HookInputError(
            "input-too-large", f"hook input is larger than {limit // 1024} KiB; refusing to parse"
        )
    if not data.strip():
        raise HookInputError("input-empty", "hook input is empty; expected a JSON object")
    return data


def _maybe_json(value: object) -> object:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError as exc:
            raise HookInputError("input-malformed", "tool arguments are not valid JSON") from exc
    return value


def _first_str(*values: object) -> str:
    for value in values:
        if isinstance(value, str) and value:
            return value
    return ""


_PROJECT_ENV = {
    "claude": ("CLAUDE_PROJECT_DIR",),
    "gemini": ("GEMINI_PROJECT_DIR", "CLAUDE_PROJECT_DIR"),
}


def project_dir_for(agent: str, cwd: str, payload: dict[str, object] | None = None) -> str:
    """The project root: the agent's env var, Cursor's workspace root, the git root, or ``cwd``."""
    for name in _PROJECT_ENV.get(agent, ()):
        value = os.environ.get(name, "")
        if value and os.path.isabs(value):
            return os.path.normpath(value)
    if payload is not None:
        roots = payload.get("workspace_roots")
        first = roots[0] if isinstance(roots, list) and roots else None
        if isinstance(first, str) and os.path.isabs(first):
            return os.path.normpath(first)
    import secret_scan  # the Bash hook imports it anyway; its regexes compile lazily

    return secret_scan.find_repo_root(cwd) or cwd


def parse_payload(data: bytes, agent: str) -> HookInput:
    """Decode and normalise a payload; raises :class:`HookInputError` when it is unusable."""
    try:
        payload = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise HookInputError("input-malformed", "hook input is not valid JSON") from exc
    if not isinstance(payload, dict):
        raise HookInputError("input-not-object", "hook input must be a JSON object")
    tool_name = _first_str(payload.get("tool_name"), payload.get("toolName"))
    tool_input = _maybe_json(payload.get("tool_input"))
    if tool_input is None and "toolArgs" in payload:  # Copilot
        tool_input = _maybe_json(payload.get("toolArgs"))
    if tool_input is None:  # Cursor beforeShellExecution / beforeReadFile: top-level fields
        flat = {k: payload[k] for k in ("command", "file_path") if k in payload}
        tool_input = flat or None
    if not isinstance(tool_input, dict):
        raise HookInputError("input-missing-tool-input", "hook input has no tool_input object")
    raw_cwd = _first_str(payload.get("cwd"))
    cwd = raw_cwd if os.path.isabs(raw_cwd) else os.path.join(os.getcwd(), raw_cwd)
    cwd = os.path.normpath(cwd)
    return HookInput(
        agent=agent,
        tool_name=tool_name,
        tool_input={str(k): v for k, v in tool_input.items()},
        cwd=cwd,
        project_dir=project_dir_for(agent, cwd, payload),
        event=_first_str(payload.get("hook_event_name"), payload.get("hookEventName")),
        session_id=_first_str(payload.get("session_id"), payload.get("sessionId")),
    )


# --------------------------------------------------------------------------------------------
# Audit log and answers
# --------------------------------------------------------------------------------------------


def sha256_hex(text: str | bytes) -> str:
    """Hex digest used in the audit log instead of the command text."""
    data = text.encode("utf-8", errors="surrogatepass") if isinstance(text, str) else text
    try:  # the builtin module loads faster than hashlib's OpenSSL binding
        from _sha2 import sha256  # type: ignore[import-not-found,unused-ignore]  # 3.12+
    except ImportError:
        try:
            from _sha256 import sha256  # type: ignore[import-not-found,no-redef,unused-ignore]
        except ImportError:
            from hashlib import sha256  # type: ignore[assignment,unused-ignore]
    digest: str = sha256(data).hexdigest()
    return digest


def _utc_now() -> str:
    import time

    now = time.time()
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(now))
    return f"{stamp}.{int(now % 1 * 1000):03d}Z"


def audit(
    project_dir: str,
    hook: str,
    agent: str,
    tool: str,
    decision: Decision,
    digest: str,
) -> bool:
    """Append one JSON line for ``decision``; returns False (and never raises) on failure."""
    try:
        record: dict[str, object] = {
            "time": _utc_now(),
            "hook": hook,
            "agent": agent,
            "tool": tool,
            "decision": decision.action,
            "rule": decision.rule,
            "sha256": digest,
        }
        if decision.findings:
            record["findings"] = decision.findings
        line = json.dumps(record, ensure_ascii=True, separators=(",", ":")) + "\n"
        directory = os.path.join(project_dir, *AUDIT_DIR)
        os.makedirs(directory, exist_ok=True)
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
        handle = os.open(os.path.join(directory, AUDIT_FILE), flags, 0o600)
        try:
            os.write(handle, line.encode("ascii"))
        finally:
            os.close(handle)
    except Exception:  # logging must never change a decision
        return False
    return True


def _write(stream: TextIO, text: str) -> None:
    try:
        stream.write(text)
        stream.flush()
    except (OSError, ValueError):
        pass  # a closed pipe must not turn a block into a crash with another exit code


def respond(agent: str, hook: str, decision: Decision, event: str = "") -> int:
    """Print ``decision`` the way ``agent`` reads it and return the exit code."""
    action = decision.action
    if action == ASK and agent in ("codex", "cursor"):
        action = DENY  # these agents would run the tool on "ask"
    if action == ALLOW:
        if agent == "cursor":
            _write(sys.stdout, json.dumps({"permission": "allow"}) + "\n")
        return EXIT_ALLOW
    rule = decision.rule or "unspecified"
    if action == ASK:
        reason = f"harness {hook} [{rule}]: {decision.reason}"
        answer: dict[str, object]
        if agent == "claude":
            answer = {
                "hookSpecificOutput": {
                    "hookEventName": event or "PreToolUse",
                    "permissionDecision": "ask",
                    "permissionDecisionReason": reason,
                }
            }
        elif agent == "gemini":
            answer = {"decision": "ask", "reason": reason}
        else:  # copilot
            answer = {"permissionDecision": "ask", "permissionDecisionReason": reason}
        _write(sys.stdout, json.dumps(answer) + "\n")
        return EXIT_ALLOW
    message = f"harness {hook}: BLOCKED [{rule}] {decision.reason}"
    _write(sys.stderr, message + "\n")
    if agent == "gemini":
        _write(sys.stdout, json.dumps({"decision": "deny", "reason": message}) + "\n")
    elif agent == "cursor":
        answer = {
            "permission": "deny",
            "user_message": message,
            "agent_message": message,
            "userMessage": message,
            "agentMessage": message,
        }
        _write(sys.stdout, json.dumps(answer) + "\n")
    elif agent == "copilot":
        answer = {"permissionDecision": "deny", "permissionDecisionReason": message}
        _write(sys.stdout, json.dumps(answer) + "\n")
    return EXIT_BLOCK


def run_hook(
    hook: str,
    argv: Sequence[str],
    decide: Callable[[HookInput], tuple[Decision, str]],
) -> int:
    """Read, decide, audit and answer. ``decide`` returns the decision and the audited subject.

    Every failure path ends in a block: a bad argument, bad input or an exception inside
    ``decide`` is exit code 2 with a reason, never an allow.
    """
    agent = "claude"
    hook_input: HookInput | None = None
    digest = ""
    try:
        agent = parse_agent(argv)
        raw = read_stdin()
        digest = sha256_hex(raw)
        hook_input = parse_payload(raw, agent)
        decision, subject = decide(hook_input)
        digest = sha256_hex(subject)
    except HookInputError as exc:
        decision = deny(exc.rule, exc.reason)
    except Exception as exc:  # fail closed on anything unexpected
        decision = deny(
            "hook-internal-error",
            f"internal error ({type(exc).__name__}); failing closed. Report this hook bug.",
        )
    if hook_input is not None:
        project, tool, event = hook_input.project_dir, hook_input.tool_name, hook_input.event
    else:
        cwd = os.getcwd()
        project, tool, event = project_dir_for(agent, cwd), "", ""
    if not audit(project, hook, agent, tool, decision, digest) and decision.action != ALLOW:
        _write(sys.stderr, f"harness {hook}: warning: could not write the audit log\n")
    return respond(agent, hook, decision, event)


# --------------------------------------------------------------------------------------------
# Guard-rail paths
# --------------------------------------------------------------------------------------------


def _match_rules(
    relative: str, rules: Sequence[tuple[str, str, str, str]]
) -> tuple[str, str, str] | None:
    rel = relative.replace(os.sep, "/").strip("/").casefold()
    if rel in ("", "."):
        return None
    best: tuple[str, str, str] | None = None
    for pattern, action, rule, label in rules:
        tree = pattern.endswith("/**")
        base = pattern[:-3] if tree else pattern
        hit = rel == base or (tree and rel.startswith(base + "/")) or base.startswith(rel + "/")
        if hit and (best is None or (action == DENY and best[0] != DENY)):
            best = (action, rule, label)
    return best


def _within(path: str, root: str) -> str | None:
    if path == root:
        return ""
    prefix = root.rstrip(os.sep) + os.sep
    return path[len(prefix) :] if path.startswith(prefix) else None


def classify_path(path: str, cwd: str, project_dir: str) -> tuple[str, str, str] | None:
    """``(decision, rule id, label)`` when ``path`` touches a guard rail, else None.

    ``path`` may be relative (to ``cwd``), absolute or ``~``-prefixed. ``..`` and symlinks are
    resolved; the lexical and the resolved path are both checked, as are the project root and
    its resolved form, so neither a symlinked checkout nor a symlink inside it slips through.
    """
    expanded = os.path.expanduser(path) if path.startswith("~") else path
    absolute = expanded if os.path.isabs(expanded) else os.path.join(cwd, expanded)
    candidates = {os.path.normpath(absolute), os.path.realpath(absolute)}
    roots = {os.path.normpath(project_dir), os.path.realpath(project_dir)}
    home = os.path.expanduser("~")
    homes = {os.path.normpath(home), os.path.realpath(home)} if os.path.isabs(home) else set()
    best: tuple[str, str, str] | None = None
    for candidate in candidates:
        found: list[tuple[str, str, str] | None] = []
        for root in roots:
            relative = _within(candidate, root)
            if relative is None:
                continue
            parts = relative.replace(os.sep, "/").split("/")
            if ".git" in (part.casefold() for part in parts):
                found.append(GIT_DIR_RULE)
            found.append(_match_rules(relative, PROJECT_RULES))
        for home_root in homes:
            relative = _within(candidate, home_root)
            if relative is not None:
                found.append(_match_rules(relative, HOME_RULES))
        for hit in found:
            if hit is not None and (best is None or (hit[0] == DENY and best[0] != DENY)):
                best = hit
    return best


def relative_label(path: str, cwd: str, project_dir: str) -> str:
    """A short, project-relative form of ``path`` for messages."""
    absolute = path if os.path.isabs(path) else os.path.join(cwd, path)
    normalized = os.path.normpath(os.path.expanduser(absolute))
    relative = _within(normalized, os.path.normpath(project_dir))
    return relative.replace(os.sep, "/") if relative else normalized


# --------------------------------------------------------------------------------------------
# File edits (guard_edits.py)
# --------------------------------------------------------------------------------------------

_PATH_KEYS = ("file_path", "notebook_path", "path", "filePath", "absolute_path", "target_file")
_PATCH_KEYS = ("patch", "input", "command")
_PATCH_MARKERS = ("*** Add File: ", "*** Update File: ", "*** Delete File: ", "*** Move to: ")


def _patch_paths(text: str) -> list[str]:
    """Files named in a Codex ``apply_patch`` text."""
    found: list[str] = []
    for line in text.splitlines():
        for marker in _PATCH_MARKERS:
            if line.startswith(marker):
                found.append(line[len(marker) :].strip())
    return found


def edit_target_paths(tool_input: dict[str, object]) -> list[str]:
    """Every file path an edit-like tool input names."""
    paths: list[str] = []
    for key in _PATH_KEYS:
        value = tool_input.get(key)
        if isinstance(value, str) and value.strip():
            paths.append(value.strip())
    edits = tool_input.get("edits")
    if isinstance(edits, list):
        for edit in edits:
            if isinstance(edit, dict):
                for key in _PATH_KEYS:
                    value = edit.get(key)
                    if isinstance(value, str) and value.strip():
                        paths.append(value.strip())
    for key in _PATCH_KEYS:  # Codex apply_patch: the patch text names the files
        value = tool_input.get(key)
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and "*** Begin Patch" in text:
                paths.extend(_patch_paths(text))
    return paths


def decide_edit(hook_input: HookInput) -> tuple[Decision, str]:
    """The decision for one edit, and the text whose sha256 is audited (the target paths)."""
    paths = edit_target_paths(hook_input.tool_input)
    if not paths:
        raise HookInputError(
            "input-missing-path", "tool_input has no file_path/notebook_path to check"
        )
    subject = "\n".join(paths)
    pending: Decision | None = None
    for path in paths:
        hit = classify_path(path, hook_input.cwd, hook_input.project_dir)
        if hit is None:
            continue
        action, rule, label = hit
        shown = relative_label(path, hook_input.cwd, hook_input.project_dir)
        if action == DENY:
            reason = (
                f"{shown} is {label}, a guard rail the agent must not change; ask a human to "
                "edit it in a reviewed pull request"
            )
            return deny(rule, reason), subject
        if pending is None:
            pending = ask(rule, f"{shown} is {label}; a human should confirm this edit")
    return (pending or ALLOWED), subject


# --------------------------------------------------------------------------------------------
# Shell commands (pretooluse_bash.py): parser and analysis
# --------------------------------------------------------------------------------------------

MAX_DEPTH = 12
MAX_SCRIPT_FILE_BYTES = 256 * 1024
# Text the commit/push secret scan may read; beyond it the hook blocks (fails closed) rather than
# risk the agent's hook timeout, which every agent treats as "allow".
MAX_SCAN_BYTES = 8 * 1024 * 1024
UNKNOWN = "\x00"  # marks text the hook cannot know before the command runs
_META = frozenset(" \t\n;&|()<>")
_WRITE_REDIRECTS = frozenset({">", ">>", ">|", "&>", "&>>", "<>"})
_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ASSIGN_RE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?:\[[^\]]*\])?\+?=")
_SHELLS = frozenset({"bash", "sh", "zsh", "dash", "ksh", "mksh", "ash", "fish", "rbash"})
_RESERVED_PREFIX = frozenset(
    {"!", "{", "}", "then", "else", "elif", "do", "if", "while", "until", "fi", "done", "esac"}
    | {"coproc"}
)
_RESERVED_HEADER = frozenset({"for", "case", "select", "in"})
_SHELL_TOOLS = frozenset({"bash", "shell", "run_shell_command", "local_shell", "exec_command"})
_EDIT_TOOLS = frozenset(
    {"edit", "create", "write", "multiedit", "notebookedit", "str_replace", "str_replace_editor"}
    | {"apply_patch", "write_file", "replace"}
)


class _ParseError(Exception):
    pass


class _BlockedError(Exception):
    """Raised inside the analysis to stop at the first block; carries the decision."""

    def __init__(self, decision: Decision) -> None:
        super().__init__(decision.rule)
        self.decision = decision


def _block(rule: str, reason: str) -> _BlockedError:
    return _BlockedError(deny(rule, reason))


# --------------------------------------------------------------------------------------------
# Parsing: source text -> simple commands made of words made of parts
# --------------------------------------------------------------------------------------------


class _Part:
    """A piece of a word: literal text, a parameter, a command substitution or something opaque."""

    __slots__ = ("default", "kind", "op", "quoted", "script", "text")

    def __init__(
        self,
        kind: str,
        text: str = "",
        quoted: bool = False,
        script: list[_Cmd] | None = None,
        default: list[_Word] | None = None,
        op: str = "",
    ) -> None:
        self.kind = kind  # "lit", "var", "sub", "unk"
        self.text = text  # literal text, or the parameter name
        self.quoted = quoted
        self.script = script
        self.default = default
        self.op = op  # parameter-expansion operator such as ":-"


class _Word:
    __slots__ = ("parts",)

    def __init__(self, parts: list[_Part]) -> None:
        self.parts = parts

    def literal(self) -> str:
        return "".join(p.text if p.kind == "lit" else UNKNOWN for p in self.parts)

    def is_quoted(self) -> bool:
        return any(p.quoted for p in self.parts)


class _Cmd:
    """A simple command: assignments, words, redirections, stdin texts and nested scripts."""

    __slots__ = ("assigns", "nested", "pipe_from", "redirs", "stdin", "words")

    def __init__(self) -> None:
        self.assigns: list[tuple[str, _Word]] = []
        self.words: list[_Word] = []
        self.redirs: list[tuple[str, _Word]] = []
        self.stdin: list[_Word] = []
        self.nested: list[list[_Cmd]] = []
        self.pipe_from: _Cmd | None = None

    def empty(self) -> bool:
        return not (self.assigns or self.words or self.redirs or self.nested or self.stdin)


_ANSI_SIMPLE = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "a": "\a",
    "b": "\b",
    "e": "\x1b",
    "E": "\x1b",
    "f": "\f",
    "v": "\v",
    "\\": "\\",
    "'": "'",
    '"': '"',
    "?": "?",
}


class _Parser:
    def __init__(self, src: str, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise _ParseError("nesting too deep")
        self.src = src
        self.n = len(src)
        self.i = 0
        self.depth = depth
        self.heredocs: list[tuple[_Cmd, str, bool, bool]] = []
        self.nested: list[list[_Cmd]] = []

    # -- command lists ------------------------------------------------------------------------

    def parse(self, closer: str | None = None) -> list[_Cmd]:
        src, n = self.src, self.n
        cmds: list[_Cmd] = []
        cur = _Cmd()
        paren = 0
        while True:
            if self.i >= n:
                if closer is not None:
                    raise _ParseError("unterminated command substitution")
                self._finish(cur, cmds, pipe=False)
                return cmds
            c = src[self.i]
            nxt = src[self.i + 1] if self.i + 1 < n else ""
            if c in " \t":
                self.i += 1
            elif c == "\\" and nxt == "\n":
                self.i += 2
            elif c == "\n":
                self.i += 1
                cur = self._finish(cur, cmds, pipe=False)
                self._read_heredocs()
            elif c == "#":
                end = src.find("\n", self.i)
                self.i = n if end < 0 else end
            elif c == ")":
                self.i += 1
                if closer == ")" and paren == 0:
                    self._finish(cur, cmds, pipe=False)
                    return cmds
                paren = max(0, paren - 1)
                cur = self._finish(cur, cmds, pipe=False)
            elif c == "(":
                self.i += 1
                paren += 1
                cur = self._finish(cur, cmds, pipe=False)
            elif c == ";":
                while self.i < n and src[self.i] in ";&":
                    self.i += 1
                cur = self._finish(cur, cmds, pipe=False)
            elif c == "&":
                if nxt == "&":
                    self.i += 2
                    cur = self._finish(cur, cmds, pipe=False)
                elif nxt == ">":
                    op = "&>>" if src.startswith("&>>", self.i) else "&>"
                    self.i += len(op)
                    self._redirect(cur, op)
                else:
                    self.i += 1
                    cur = self._finish(cur, cmds, pipe=False)
            elif c == "|":
                if nxt == "|":
                    self.i += 2
                    cur = self._finish(cur, cmds, pipe=False)
                else:
                    self.i += 2 if nxt == "&" else 1
                    cur = self._finish(cur, cmds, pipe=True)
            elif c in "<>":
                if nxt == "(":  # process substitution runs a command too
                    self.i += 2
                    script = self._substitution()
                    self.nested.append(script)
                    cur.words.append(_Word([_Part("unk", script=script)]))
                else:
                    self._redirect(cur, self._redirect_op())
            else:
                word = self._word()
                follows = src[self.i] if self.i < n else ""
                literal = word.literal()
                if (
                    follows in "<>"
                    and not word.is_quoted()
                    and re.fullmatch(r"\d+|\{\w+\}", literal)
                ):
                    continue  # file-descriptor number of the redirection that follows
                if not cur.words and self._assignment(word, cur):
                    continue
                cur.words.append(word)

    def _finish(self, cur: _Cmd, cmds: list[_Cmd], pipe: bool) -> _Cmd:
        if self.nested:
            cur.nested.extend(self.nested)
            self.nested = []
        nxt = _Cmd()
        if not cur.empty():
            cmds.append(cur)
            if pipe:
                nxt.pipe_from = cur
        return nxt

    def _assignment(self, word: _Word, cur: _Cmd) -> bool:
        first = word.parts[0] if word.parts else None
        if first is None or first.kind != "lit" or first.quoted:
            return False
        match = _ASSIGN_RE.match(first.text)
        if match is None:
            return False
        rest = first.text[match.end() :]
        value_parts = ([_Part("lit", rest, quoted=True)] if rest else []) + word.parts[1:]
        cur.assigns.append((match.group(1), _Word(value_parts)))
        return True

    def _redirect_op(self) -> str:
        for op in ("<<<", "<<-", "<<", "<>", "<&", ">>", ">|", ">&", "<", ">"):
            if self.src.startswith(op, self.i):
                self.i += len(op)
                return op
        raise _ParseError("bad redirection")  # pragma: no cover - caller saw < or >

    def _redirect(self, cur: _Cmd, op: str) -> None:
        while self.i < self.n and self.src[self.i] in " \t":
            self.i += 1
        if self.i >= self.n or self.src[self.i] in _META:
            raise _ParseError("redirection without a target")
        word = self._word()
        if op in ("<<", "<<-"):
            delimiter = "".join(p.text for p in word.parts if p.kind == "lit")
            self.heredocs.append((cur, delimiter, op == "<<-", not word.is_quoted()))
        elif op == "<<<":
            cur.stdin.append(word)
        else:
            cur.redirs.append((op, word))

    def _read_heredocs(self) -> None:
        pending, self.heredocs = self.heredocs, []
        for cmd, delimiter, strip_tabs, expand in pending:
            lines: list[str] = []
            while self.i < self.n:
                end = self.src.find("\n", self.i)
                stop = self.n if end < 0 else end
                line = self.src[self.i : stop]
                self.i = self.n if end < 0 else end + 1
                if strip_tabs:
                    line = line.lstrip("\t")
                if line == delimiter:
                    break
                lines.append(line)
            body = "\n".join(lines)
            if expand:
                sub = _Parser(body, self.depth + 1)
                word = _Word(sub._double_quoted(heredoc=True))
                cmd.nested.extend(sub.nested)
            else:
                word = _Word([_Part("lit", body, quoted=True)])
            cmd.stdin.append(word)

    # -- words ----------------------------------------------------------------------------------

    def _word(self) -> _Word:
        src, n = self.src, self.n
        parts: list[_Part] = []
        buf: list[str] = []
        start = self.i

        def flush() -> None:
            if buf:
                parts.append(_Part("lit", "".join(buf)))
                buf.clear()

        while self.i < n:
            c = src[self.i]
            if c in _META:
                break
            if c == "\\":
                if self.i + 1 >= n:
                    buf.append("\\")
                    self.i += 1
                elif src[self.i + 1] == "\n":
                    self.i += 2
                else:
                    flush()
                    parts.append(_Part("lit", src[self.i + 1], quoted=True))
                    self.i += 2
            elif c == "'":
                end = src.find("'", self.i + 1)
                if end < 0:
                    raise _ParseError("unterminated single quote")
                flush()
                parts.append(_Part("lit", src[self.i + 1 : end], quoted=True))
                self.i = end + 1
            elif c == '"':
                flush()
                self.i += 1
                parts.extend(self._double_quoted())
            elif c == "$":
                flush()
                parts.extend(self._dollar(quoted=False))
            elif c == "`":
                flush()
                parts.append(self._backtick(quoted=False))
            elif c == "~" and self.i == start:
                end = self.i + 1
                while end < n and src[end] not in _META and src[end] != "/":
                    end += 1
                user = src[self.i + 1 : end]
                if user:
                    buf.append("~" + user)
                else:
                    parts.append(_Part("var", "HOME", quoted=True))
                self.i = end
            else:
                buf.append(c)
                self.i += 1
        flush()
        return _Word(parts)

    def _double_quoted(self, heredoc: bool = False) -> list[_Part]:
        src, n = self.src, self.n
        parts: list[_Part] = []
        buf: list[str] = []
        escapable = "$`\\\n" if heredoc else '$`"\\\n'
        while self.i < n:
            c = src[self.i]
            if c == '"' and not heredoc:
                self.i += 1
                if buf or not parts:
                    parts.append(_Part("lit", "".join(buf), quoted=True))
                return parts
            if c == "\\" and self.i + 1 < n and src[self.i + 1] in escapable:
                if src[self.i + 1] != "\n":
                    buf.append(src[self.i + 1])
                self.i += 2
            elif c == "$" or c == "`":
                if buf:
                    parts.append(_Part("lit", "".join(buf), quoted=True))
                    buf = []
                if c == "$":
                    parts.extend(self._dollar(quoted=True))
                else:
                    parts.append(self._backtick(quoted=True))
            else:
                buf.append(c)
                self.i += 1
        if heredoc:
            if buf:
                parts.append(_Part("lit", "".join(buf), quoted=True))
            return parts
        raise _ParseError("unterminated double quote")

    def _substitution(self) -> list[_Cmd]:
        """Parse ``...)`` after ``$(`` / ``<(`` with the same source and a fresh state."""
        if self.depth + 1 > MAX_DEPTH:
            raise _ParseError("nesting too deep")
        saved = (self.heredocs, self.nested)
        self.heredocs, self.nested = [], []
        self.depth += 1
        try:
            return self.parse(closer=")")
        finally:
            self.heredocs, self.nested = saved
            self.depth -= 1

    def _dollar(self, quoted: bool) -> list[_Part]:
        src, n, i = self.src, self.n, self.i
        nxt = src[i + 1] if i + 1 < n else ""
        if nxt == "(":
            if src.startswith("((", i + 1):
                end = self._matching_parens(i + 1)
                inner = _Parser(src[i + 3 : end - 2], self.depth + 1)
                inner._double_quoted(heredoc=True)
                self.nested.extend(inner.nested)
                self.i = end
                return [_Part("unk", quoted=quoted)]
            self.i = i + 2
            script = self._substitution()
            self.nested.append(script)
            return [_Part("sub", quoted=quoted, script=script)]
        if nxt == "{":
            end = self._matching_brace(i + 1)
            self.i = end + 1
            return [self._parameter(src[i + 2 : end], quoted)]
        if nxt == "'" and not quoted:
            return [self._ansi_c()]
        if nxt == '"' and not quoted:
            self.i = i + 2
            return self._double_quoted()
        match = _NAME_RE.match(src, i + 1)
        if match is not None:
            self.i = match.end()
            return [_Part("var", match.group(), quoted=quoted)]
        if nxt and (nxt.isdigit() or nxt in "@*#?-$!"):
            self.i = i + 2
            return [_Part("var", nxt, quoted=quoted)]
        self.i = i + 1
        return [_Part("lit", "$", quoted=quoted)]

    def _parameter(self, inner: str, quoted: bool) -> _Part:
        match = re.match(r"[A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!-]", inner)
        if not inner or (inner[0] in "#!" and len(inner) > 1) or match is None:
            return _Part("unk", quoted=quoted)
        name, rest = match.group(), inner[match.end() :]
        if not rest:
            return _Part("var", name, quoted=quoted)
        for op in (":-", ":=", ":+", ":?", "-", "=", "+", "?"):
            if rest.startswith(op):
                sub = _Parser(rest[len(op) :], self.depth + 1)
                script = sub.parse()
                words = [w for cmd in script for w in [v for _, v in cmd.assigns] + cmd.words]
                for cmd in script:
                    self.nested.extend(cmd.nested)
                return _Part("var", name, quoted=quoted, default=words, op=op)
        return _Part("unk", quoted=quoted)

    def _ansi_c(self) -> _Part:
        src, n = self.src, self.n
        j = self.i + 2
        out: list[str] = []
        while j < n and src[j] != "'":
            c = src[j]
            if c != "\\" or j + 1 >= n:
                out.append(c)
                j += 1
                continue
            e = src[j + 1]
            if e in _ANSI_SIMPLE:
                out.append(_ANSI_SIMPLE[e])
                j += 2
            elif e in "xuU":
                width = {"x": 2, "u": 4, "U": 8}[e]
                digits = re.match("[0-9A-Fa-f]+", src[j + 2 : j + 2 + width])
                if digits is None:
                    out.append("\\" + e)
                    j += 2
                else:
                    out.append(chr(min(int(digits.group(), 16), 0x10FFFF)))
                    j += 2 + len(digits.group())
            elif e in "01234567":
                digits_o = re.match(r"[0-7]{1,3}", src[j + 1 : j + 4])
                assert digits_o is not None  # noqa: S101 - e is an octal digit
                out.append(chr(int(digits_o.group(), 8)))
                j += 1 + len(digits_o.group())
            else:
                out.append("\\" + e)
                j += 2
        if j >= n:
            raise _ParseError("unterminated $'...' string")
        self.i = j + 1
        return _Part("lit", "".join(out), quoted=True)

    def _backtick(self, quoted: bool) -> _Part:
        src, n = self.src, self.n
        j = self.i + 1
        out: list[str] = []
        while j < n and src[j] != "`":
            if src[j] == "\\" and j + 1 < n and src[j + 1] in "$`\\":
                out.append(src[j + 1])
                j += 2
            else:
                out.append(src[j])
                j += 1
        if j >= n:
            raise _ParseError("unterminated backtick substitution")
        self.i = j + 1
        script = _Parser("".join(out), self.depth + 1).parse()
        self.nested.append(script)
        return _Part("sub", quoted=quoted, script=script)

    def _skip_quoted(self, j: int) -> int:
        """Index after the quoted string that starts at ``j``."""
        quote = self.src[j]
        k = j + 1
        while k < self.n and self.src[k] != quote:
            k += 2 if self.src[k] == "\\" and quote == '"' else 1
        if k >= self.n:
            raise _ParseError("unterminated quote")
        return k + 1

    def _matching_parens(self, j: int) -> int:
        """Index after the ``)`` that closes the ``(`` at ``j``."""
        depth = 0
        while j < self.n:
            c = self.src[j]
            if c in "'\"":
                j = self._skip_quoted(j)
                continue
            if c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
                if depth == 0:
                    return j + 1
            j += 1
        raise _ParseError("unterminated $((...))")

    def _matching_brace(self, j: int) -> int:
        """Index of the ``}`` that closes the ``{`` at ``j``."""
        depth = 0
        while j < self.n:
            c = self.src[j]
            if c in "'\"":
                j = self._skip_quoted(j)
                continue
            if c == "\\":
                j += 2
                continue
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 0:
                    return j
            j += 1
        raise _ParseError("unterminated ${...}")


def _parse(src: str, depth: int) -> list[_Cmd]:
    return _Parser(src, depth).parse()


# --------------------------------------------------------------------------------------------
# Analysis
# --------------------------------------------------------------------------------------------

# Wrappers that run the rest of their arguments as a command:
# name -> (short options taking a value, long options taking a value, positionals to skip)
_WRAPPERS: dict[str, tuple[str, frozenset[str], int]] = {
    "command": ("", frozenset(), 0),
    "builtin": ("", frozenset(), 0),
    "exec": ("a", frozenset(), 0),
    "nohup": ("", frozenset(), 0),
    "time": ("fo", frozenset({"--format", "--output"}), 0),
    "nice": ("n", frozenset({"--adjustment"}), 0),
    "ionice": ("cnp", frozenset({"--class", "--classdata", "--pid"}), 0),
    "timeout": ("sk", frozenset({"--signal", "--kill-after"}), 1),
    "stdbuf": ("ioe", frozenset({"--input", "--output", "--error"}), 0),
    "setsid": ("", frozenset(), 0),
    "chronic": ("", frozenset(), 0),
    "unbuffer": ("", frozenset(), 0),
    "caffeinate": ("tw", frozenset(), 0),
    "sudo": (
        "ugpCDrtTUhc",
        frozenset(
            {
                "--user",
                "--group",
                "--prompt",
                "--close-from",
                "--chdir",
                "--role",
                "--type",
                "--command-timeout",
                "--other-user",
                "--host",
            }
        ),
        0,
    ),
    "doas": ("uC", frozenset(), 0),
    "xargs": (
        "ILnPdEsa",
        frozenset(
            {
                "--max-lines",
                "--max-args",
                "--max-procs",
                "--delimiter",
                "--eof",
                "--max-chars",
                "--arg-file",
                "--process-slot-var",
            }
        ),
        0,
    ),
}
_UV_RUN_VALUE_OPTIONS = frozenset(
    {
        "--with",
        "--with-editable",
        "--with-requirements",
        "--python",
        "-p",
        "--extra",
        "--group",
        "--no-group",
        "--only-group",
        "--package",
        "--env-file",
        "--directory",
        "--project",
        "--index",
        "--default-index",
        "--index-url",
        "--extra-index-url",
        "--find-links",
        "-f",
        "--config-file",
        "--cache-dir",
        "--color",
        "--index-strategy",
        "--keyring-provider",
        "--resolution",
        "--prerelease",
        "--exclude-newer",
        "--link-mode",
        "--python-platform",
        "--refresh-package",
        "--reinstall-package",
        "--upgrade-package",
        "-P",
    }
)
_BYPASS_ENV_REASONS = {
    "SKIP": "SKIP=... makes pre-commit skip hooks",
    "PRE_COMMIT_ALLOW_NO_CONFIG": "PRE_COMMIT_ALLOW_NO_CONFIG lets commits run without pre-commit",
    "HUSKY": "HUSKY=0 disables husky's git hooks",
    "HUSKY_SKIP_HOOKS": "HUSKY_SKIP_HOOKS disables husky's git hooks",
    "LEFTHOOK": "LEFTHOOK=0 disables lefthook's git hooks",
}
_FALSY = frozenset({"false", "no", "off", "0", ""})
_HTTP_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"})
_FIND_NAME_TESTS = frozenset(
    {"-name", "-iname", "-path", "-ipath", "-wholename", "-iwholename", "-regex", "-iregex"}
)


def _long(arg: str) -> str:
    """The name of a ``--long[=value]`` option, without dashes and value."""
    return arg[2:].split("=", 1)[0].lower()


def _abbrev(name: str, full: str, minimum: int) -> bool:
    """``name`` is ``full`` or an unambiguous-looking abbreviation of it (git, GNU getopt)."""
    return len(name) >= minimum and full.startswith(name)


class _GitCall:
    """A git subcommand's arguments, split the way git's option parser splits them."""

    __slots__ = ("cwd", "long_names", "positionals", "short", "values")

    def __init__(
        self,
        flags: list[str],
        positionals: list[str],
        values: dict[str, list[str]],
        cwd: str,
    ) -> None:
        self.short = {f[1] for f in flags if len(f) == 2 and f[0] == "-"}
        self.long_names = [f[2:] for f in flags if f.startswith("--")]
        self.positionals = positionals
        self.values = values
        self.cwd = cwd


class _ScanRequest:
    """A secret scan to run before the command: what ``git commit``/``git push`` would send."""

    __slots__ = ("directory", "pathspecs", "tracked", "unpushed", "untracked")

    def __init__(self, directory: str) -> None:
        self.directory = directory
        self.tracked = False  # unstaged changes of tracked files (commit -a, pathspecs, git add)
        self.untracked = False  # untracked, not ignored files (git add in the same command)
        self.pathspecs: tuple[str, ...] | None = None  # None: everything
        self.unpushed = False  # commits not on any remote (git push)

    def key(self) -> tuple[str, bool, bool, tuple[str, ...] | None, bool]:
        return (self.directory, self.tracked, self.untracked, self.pathspecs, self.unpushed)


class _Analyzer:
    def __init__(self, hook_input: HookInput) -> None:
        self.cwd: str | None = hook_input.cwd
        self.start_cwd = hook_input.cwd
        self.project = hook_input.project_dir
        self.home = os.path.expanduser("~")
        self.vars: dict[str, str] = {}
        self.asks: list[Decision] = []
        self.scans: list[_ScanRequest] = []
        self.pending_adds: list[tuple[str, tuple[str, ...] | None]] = []
        self.depth = 0

    # -- expansion ------------------------------------------------------------------------------

    def lookup(self, name: str) -> str | None:
        if name in self.vars:
            return self.vars[name]
        if name == "HOME":
            return self.home
        if name == "PWD":
            return self.cwd
        if name == "CLAUDE_PROJECT_DIR":
            return self.project
        return os.environ.get(name)

    def part_value(self, part: _Part) -> str | None:
        if part.kind == "var":
            value = self.lookup(part.text)
            if part.op:
                defaults = part.default or []
                alt = " ".join(x for w in defaults for x in self.expand(w, split=False))
                is_set = value is not None and (value != "" or ":" not in part.op)
                if part.op in (":+", "+"):
                    return alt if is_set else ("" if value is not None else None)
                if not is_set and part.op not in (":?", "?"):
                    return alt
            return value
        if part.kind == "sub" and part.script is not None:
            return self.static_output(part.script)
        return None

    def expand(self, word: _Word, split: bool = True) -> list[str]:
        fields: list[str] = []
        cur: list[str] = []
        started = False
        for part in word.parts:
            if part.kind == "lit":
                cur.append(part.text)
                started = True
                continue
            value = self.part_value(part)
            if value is None:
                cur.append(UNKNOWN)
                started = True
            elif (part.quoted and part.text not in ("@", "*")) or not split:
                cur.append(value)
                started = True
            else:
                pieces = value.split()
                if not pieces:
                    continue
                if value[:1].isspace() and started:
                    fields.append("".join(cur))
                    cur = []
                cur.append(pieces[0])
                for piece in pieces[1:]:
                    fields.append("".join(cur))
                    cur = [piece]
                started = True
                if value[-1:].isspace():
                    fields.append("".join(cur))
                    cur, started = [], False
        if started:
            fields.append("".join(cur))
        return fields

    def argv_of(self, words: Sequence[_Word]) -> list[str]:
        return [field for word in words for field in self.expand(word)]

    def static_output(self, script: list[_Cmd]) -> str | None:
        """What ``$(echo ...)`` / ``$(printf ...)`` prints, when that is knowable."""
        if len(script) != 1:
            return None
        cmd = script[0]
        if cmd.redirs or cmd.assigns or cmd.pipe_from or cmd.nested:
            return None
        argv = self.argv_of(cmd.words)
        if not argv or any(UNKNOWN in a for a in argv):
            return None
        if argv == ["pwd"]:
            return self.cwd
        if argv[0] == "echo":
            args = argv[1:]
            while args and args[0] in ("-n", "-e", "-E", "-ne", "-en"):
                args = args[1:]
            return " ".join(args)
        if argv[0] == "printf" and len(argv) >= 2 and "%" not in argv[1]:
            return argv[1].replace("\\n", "\n")
        if argv[0] == "printf" and len(argv) >= 2 and argv[1] in ("%s", "%s\\n", "%s "):
            return " ".join(argv[2:])
        return None

    # -- scripts --------------------------------------------------------------------------------

    def run_text(self, text: str) -> None:
        if self.depth >= MAX_DEPTH:
            raise _block("unparseable-command", "command nests shells more than 12 levels deep")
        try:
            script = _parse(text, self.depth + 1)
        except _ParseError as exc:
            raise _block("unparseable-command", f"nested command cannot be parsed ({exc})") from exc
        self.depth += 1
        try:
            self.run_script(script)
        finally:
            self.depth -= 1

    def run_file(self, path: str) -> None:
        if UNKNOWN in path or self.cwd is None:
            return
        full = os.path.join(self.cwd, os.path.expanduser(path))
        try:
            if not os.path.isfile(full) or os.path.getsize(full) > MAX_SCRIPT_FILE_BYTES:
                return
            with open(full, encoding="utf-8", errors="replace") as handle:
                text = handle.read()
        except OSError:
            return
        self.run_text(text)

    def run_script(self, script: list[_Cmd]) -> None:
        for cmd in script:
            self.run_cmd(cmd)

    def run_cmd(self, cmd: _Cmd) -> None:
        for nested in cmd.nested:  # substitutions run before the command itself
            self.depth += 1
            try:
                self.run_script(nested)
            finally:
                self.depth -= 1
        env: dict[str, str] = {}
        for name, word in cmd.assigns:
            env[name] = "".join(self.expand(word, split=False))
        self.check_env(env)
        for op, target in cmd.redirs:
            if op in _WRITE_REDIRECTS or (op == ">&" and not target.literal().isdigit()):
                for path in self.expand(target):
                    if path != "-":
                        self.check_write(path)
        argv = self.argv_of(cmd.words)
        if not argv:
            self.vars.update(env)  # a standalone assignment sets a shell variable
            return
        stdin_texts = [" ".join(self.expand(w, split=False)) for w in cmd.stdin]
        piped = self.piped_text(cmd.pipe_from)
        if piped is not None:
            stdin_texts.append(piped)
        self.command(argv, stdin_texts)

    def piped_text(self, source: _Cmd | None) -> str | None:
        """Text a pipeline's previous stage writes, when it is an echo/printf/cat here-doc."""
        if source is None:
            return None
        argv = self.argv_of(source.words)
        if argv[:1] == ["cat"] and len(argv) == 1 and source.stdin:
            return "\n".join(" ".join(self.expand(w, split=False)) for w in source.stdin)
        return self.static_output([source]) if not source.stdin else None

    # -- dispatch -------------------------------------------------------------------------------

    def command(self, argv: list[str], stdin_texts: list[str]) -> None:
        stdin_used = False
        while argv:
            head = argv[0]
            if UNKNOWN in head:
                return
            name = head.rsplit("/", 1)[-1]
            if name in _RESERVED_PREFIX:
                argv = argv[1:]
                continue
            if name in _RESERVED_HEADER:
                return
            if name == "function":  # function NAME { body; }: the body follows on this line
                argv = argv[2:]
                continue
            if name == "env":
                argv = self.strip_env(argv)
                continue
            if name in _WRAPPERS:
                stripped = self.strip_wrapper(name, argv)
                if name == "xargs" and stdin_texts and not stdin_used:
                    stripped = stripped + [w for t in stdin_texts for w in t.split()]
                    stdin_used = True
                argv = stripped
                continue
            if name == "busybox":
                argv = argv[1:]
                continue
            if name == "uv" and argv[1:2] == ["run"]:
                argv = self.strip_options(argv[2:], "", _UV_RUN_VALUE_OPTIONS)
                continue
            break
        if not argv:
            return
        name = argv[0].rsplit("/", 1)[-1]
        args = argv[1:]
        if name == "git":
            self.git(args)
        elif name == "gh":
            self.gh(args)
        elif name == "rm":
            self.rm(args)
        elif name in _SHELLS:
            self.shell(args, stdin_texts)
        elif name == "eval":
            self.run_text(" ".join(args))
        elif name in ("source", "."):
            if args:
                self.run_file(args[0])
        elif name in ("export", "declare", "typeset", "local", "readonly"):
            self.declare(args)
        elif name == "alias":
            for arg in args:
                if "=" in arg:
                    self.run_text(arg.split("=", 1)[1])
        elif name in ("cd", "pushd", "popd"):
            self.change_dir(name, args)
        elif name == "find":
            self.find(args)
        elif name == "watch":
            rest = self.strip_options(args, "ndq", frozenset({"--interval", "--differences"}))
            if rest:
                self.run_text(" ".join(rest))
        elif name in ("apply_patch", "applypatch"):
            for text in [*args, *stdin_texts]:
                for path in re.findall(r"(?m)^\*\*\* (?:Add|Update|Delete) File: (.+)$", text):
                    self.check_write(path.strip())
                for path in re.findall(r"(?m)^\*\*\* Move to: (.+)$", text):
                    self.check_write(path.strip())
        elif name == "pre-commit" or (
            name.startswith("python") and args[:2] == ["-m", "pre_commit"]
        ):
            rest = args[2:] if args[:1] == ["-m"] else args
            if rest[:1] == ["uninstall"]:
                raise _block("pre-commit-uninstall", "pre-commit uninstall removes the git hooks")
        elif name in ("curl", "wget", "http", "https", "xh"):
            self.http_client(name, args)
            for path in _write_targets(name, args):
                self.check_write(path)
        elif name == "flock":
            rest = self.strip_options(args, "wEc", frozenset({"--timeout", "--conflict-exit-code"}))
            script = next(
                (args[k + 1] for k, a in enumerate(args[:-1]) if a in ("-c", "--command")), None
            )
            if script is not None:
                self.run_text(script)
            elif len(rest) > 1:
                self.command(rest[1:], stdin_texts)
        else:
            for path in _write_targets(name, args):
                self.check_write(path)

    def strip_options(
        self, args: list[str], short_values: str, long_values: frozenset[str]
    ) -> list[str]:
        i = 0
        while i < len(args):
            arg = args[i]
            if arg == "--":
                return args[i + 1 :]
            if arg.startswith("--"):
                i += 2 if ("=" not in arg and arg in long_values) else 1
                continue
            if arg.startswith("-") and len(arg) > 1:
                if arg in long_values:  # single-dash long forms such as uv's -p
                    i += 2
                    continue
                letters = arg[1:]
                takes = next((k for k, ch in enumerate(letters) if ch in short_values), None)
                i += 2 if takes is not None and takes == len(letters) - 1 else 1
                continue
            return args[i:]
        return []

    def strip_wrapper(self, name: str, argv: list[str]) -> list[str]:
        short_values, long_values, positionals = _WRAPPERS[name]
        rest = self.strip_options(argv[1:], short_values, long_values)
        if name in ("sudo", "doas"):
            env: dict[str, str] = {}
            while rest and _ASSIGN_RE.match(rest[0]):
                key, value = rest[0].split("=", 1)
                env[key.rstrip("+")] = value
                rest = rest[1:]
            self.check_env(env)
        return rest[positionals:]

    def strip_env(self, argv: list[str]) -> list[str]:
        i = 1
        env: dict[str, str] = {}
        rest: list[str] = []
        while i < len(argv):
            arg = argv[i]
            if arg in ("-u", "--unset", "-C", "--chdir"):
                i += 2
            elif arg in ("-S", "--split-string") or arg.startswith(("-S", "--split-string=")):
                if arg in ("-S", "--split-string"):
                    text, i = (argv[i + 1] if i + 1 < len(argv) else ""), i + 2
                else:
                    text, i = arg.split("=", 1)[1] if arg.startswith("--") else arg[2:], i + 1
                script = _parse(text, self.depth + 1)
                rest = [x for cmd in script[:1] for x in self.argv_of(cmd.words)]
                for cmd in script[:1]:
                    env.update({k: "".join(self.expand(v, split=False)) for k, v in cmd.assigns})
                rest += argv[i:]
                break
            elif _ASSIGN_RE.match(arg) and not arg.startswith("-"):
                key, value = arg.split("=", 1)
                env[key.rstrip("+")] = value
                i += 1
            elif arg.startswith("-"):
                i += 1
            else:
                rest = argv[i:]
                break
        self.check_env(env)
        return rest

    # -- environment ----------------------------------------------------------------------------

    def check_env(self, env: dict[str, str]) -> None:
        for name, value in env.items():
            stripped = value.strip()
            lowered = stripped.lower()
            if name in ("SKIP", "PRE_COMMIT_ALLOW_NO_CONFIG", "HUSKY_SKIP_HOOKS") and stripped:
                raise _block("hook-bypass-env", _BYPASS_ENV_REASONS[name])
            if name in ("HUSKY", "LEFTHOOK") and (UNKNOWN in value or lowered in _FALSY - {""}):
                raise _block("hook-bypass-env", _BYPASS_ENV_REASONS[name])
            if name.startswith("GIT_CONFIG_") or name == "GIT_CONFIG_PARAMETERS":
                if "hookspath" in lowered:
                    raise _block(
                        "git-hooks-path", "GIT_CONFIG_* would point core.hooksPath elsewhere"
                    )
                if "gpgsign" in lowered:
                    raise _block("git-no-gpg-sign", "GIT_CONFIG_* would change commit signing")

    def declare(self, args: list[str]) -> None:
        env: dict[str, str] = {}
        for arg in args:
            if arg.startswith(("-", "+")):
                continue
            if "=" in arg:
                key, value = arg.split("=", 1)
                env[key.rstrip("+")] = value
            elif arg in self.vars:
                env[arg] = self.vars[arg]
        self.check_env(env)
        self.vars.update(env)

    def change_dir(self, name: str, args: list[str]) -> None:
        targets = [a for a in args if not a.startswith("-") or a == "-"]
        if name == "popd" or targets[:1] == ["-"]:
            self.cwd = None
            return
        target = targets[0] if targets else self.home
        if UNKNOWN in target:
            self.cwd = None
        elif os.path.isabs(target):
            self.cwd = os.path.normpath(target)
        elif self.cwd is not None:
            self.cwd = os.path.normpath(os.path.join(self.cwd, target))

    # -- shells, find ---------------------------------------------------------------------------

    def shell(self, args: list[str], stdin_texts: list[str]) -> None:
        i = 0
        command_mode = stdin_mode = False
        while i < len(args):
            arg = args[i]
            if arg in ("--", "-"):
                i += 1
                break
            if arg.startswith("--"):
                if arg.startswith("--command="):  # fish
                    self.run_text(arg.split("=", 1)[1])
                    return
                command_mode = command_mode or arg == "--command"
                i += 2 if arg in ("--rcfile", "--init-file", "--init-command") else 1
                continue
            if arg[:1] in ("-", "+") and len(arg) > 1:
                letters = arg[1:]
                command_mode = command_mode or (arg[0] == "-" and "c" in letters)
                stdin_mode = stdin_mode or "s" in letters
                i += 2 if ("o" in letters or "O" in letters) else 1
                continue
            break
        rest = args[i:]
        if command_mode:
            if rest:
                # bash -c 'script' name args...: $0, $1..., "$@" are the following words
                for number, value in enumerate(rest[1:10]):
                    self.vars[str(number)] = value
                if len(rest) > 1:
                    self.vars["@"] = self.vars["*"] = " ".join(rest[2:])
                self.run_text(rest[0])
        elif rest and not stdin_mode:
            self.run_file(rest[0])
        else:
            for text in stdin_texts:
                self.run_text(text)

    def find(self, args: list[str]) -> None:
        roots = []
        for arg in args:
            if arg.startswith(("-", "(", "!")):
                break
            roots.append(arg)
        filtered = any(a in _FIND_NAME_TESTS for a in args)
        if "-delete" in args and not filtered:
            for root in roots or ["."]:
                if self.dangerous_rm_target(root):
                    raise _block(
                        "rm-rf-dangerous",
                        "find -delete without a -name/-path filter on /, the home directory or "
                        "the project root deletes everything",
                    )
        i = 0
        while i < len(args):
            if args[i] in ("-exec", "-execdir", "-ok", "-okdir"):
                j = i + 1
                while j < len(args) and args[j] not in (";", "+"):
                    j += 1
                self.command(args[i + 1 : j], [])
                i = j
            i += 1

    # -- paths ----------------------------------------------------------------------------------

    def check_write(self, path: str) -> None:
        if not path or UNKNOWN in path:
            return
        base = self.cwd if self.cwd is not None else self.project
        hit = classify_path(path, base, self.project)
        if hit is None:
            return
        action, rule, label = hit
        if action == DENY:
            raise _block(
                "shell-write-protected",
                f"the command would modify {label} ({rule}); guard-rail files are changed by a "
                "human in a reviewed pull request",
            )
        self.asks.append(
            ask(
                "shell-write-review",
                f"the command would modify {label} ({rule}); please confirm this change",
            )
        )

    def resolve(self, path: str) -> str | None:
        if os.path.isabs(path):
            return os.path.normpath(path)
        if self.cwd is None:
            return None
        return os.path.normpath(os.path.join(self.cwd, path))

    def dangerous_rm_target(self, target: str) -> bool:
        if UNKNOWN in target:
            # "$UNSET"/ or "$UNSET"/* turns into / or /* when the variable is empty
            return target.replace(UNKNOWN, "") in ("/", "/*", "/.", "/.*")
        if target.rstrip("/") in (".", "..") or target in ("./", "../", "~", "~/"):
            return True
        head, tail = os.path.split(target.rstrip("/")) if "/" in target else ("", target)
        glob = bool(tail) and "*" in tail and set(tail) <= set("*.?")
        base = (head or ".") if glob else target
        if base == "" and target.startswith("/"):
            base = "/"
        resolved = self.resolve(base)
        if resolved is None:
            return glob and not head  # "*" somewhere unknown: assume the worst
        candidates = {resolved, os.path.realpath(resolved)}
        protected = {os.path.normpath(self.project), os.path.realpath(self.project)}
        for candidate in candidates:
            if candidate == os.sep or candidate.count(os.sep) == 1:
                return True  # / or a top-level directory such as /usr or /home
            if candidate in (os.path.normpath(self.home), os.path.realpath(self.home)):
                return True
            for root in protected:
                if root == candidate or root.startswith(candidate.rstrip(os.sep) + os.sep):
                    return True  # the project root or a directory containing it
                if candidate == os.path.join(root, ".git"):
                    return True
        return False

    def rm(self, args: list[str]) -> None:
        recursive = False
        operands: list[str] = []
        options_done = False
        for arg in args:
            if not options_done and arg == "--":
                options_done = True
            elif not options_done and arg.startswith("--") and len(arg) > 2:
                name = _long(arg)
                if _abbrev(name, "no-preserve-root", 4):
                    raise _block("rm-rf-dangerous", "rm --no-preserve-root is never allowed")
                recursive = recursive or _abbrev(name, "recursive", 3)
            elif not options_done and arg.startswith("-") and len(arg) > 1:
                recursive = recursive or "r" in arg or "R" in arg
            else:
                operands.append(arg)
        if recursive:
            for operand in operands:
                if self.dangerous_rm_target(operand):
                    raise _block(
                        "rm-rf-dangerous",
                        "recursive rm of /, a top-level directory, the home directory, the "
                        "project root (., .., *, its path) or .git is forbidden; name the "
                        "directories to delete (e.g. rm -rf build/ dist/)",
                    )
        for operand in operands:
            if operand.endswith(".lock") and ".git" in operand.split("/")[:-1]:
                continue  # removing a stale git lock file is routine
            self.check_write(operand)

    # -- git ------------------------------------------------------------------------------------

    def git(self, args: list[str], aliases: dict[str, str] | None = None) -> None:
        aliases = dict(aliases or {})
        git_cwd = self.cwd
        i = 0
        while i < len(args):
            arg = args[i]
            if arg == "-C" and i + 1 < len(args):
                target = args[i + 1]
                if UNKNOWN in target or (git_cwd is None and not os.path.isabs(target)):
                    git_cwd = None
                else:
                    git_cwd = os.path.normpath(os.path.join(git_cwd or "/", target))
                i += 2
            elif arg == "-c" and i + 1 < len(args):
                self.git_config_pair(args[i + 1], aliases)
                i += 2
            elif arg.startswith("-c") and len(arg) > 2 and "=" in arg:
                self.git_config_pair(arg[2:], aliases)
                i += 1
            elif arg == "--config-env" and i + 1 < len(args):
                self.git_config_key(args[i + 1].split("=", 1)[0], None, aliases)
                i += 2
            elif arg.startswith("--config-env="):
                self.git_config_key(arg.split("=", 2)[1], None, aliases)
                i += 1
            elif arg in (
                "--git-dir",
                "--work-tree",
                "--namespace",
                "--super-prefix",
                "--attr-source",
            ):
                i += 2
            elif arg.startswith("-"):
                i += 1
            else:
                break
        if i >= len(args):
            return
        sub, rest = args[i], args[i + 1 :]
        if UNKNOWN in sub:
            return
        if sub in aliases:
            value = aliases.pop(sub)
            self.git_alias(value, rest, aliases)
            return
        if sub not in _GIT_BUILTINS:
            configured = _repo_git_alias(git_cwd or self.start_cwd, sub)
            if configured is not None:
                self.git_alias(configured, rest, aliases)
                return
        self.git_subcommand(sub, rest, git_cwd or self.start_cwd)

    def git_alias(self, value: str, rest: list[str], aliases: dict[str, str]) -> None:
        if self.depth >= MAX_DEPTH:
            raise _block("unparseable-command", "git aliases nest too deep")
        self.depth += 1
        try:
            if value.startswith("!"):
                self.run_text(value[1:] + " " + " ".join(rest))
            else:
                words = [
                    x for cmd in _parse(value, self.depth)[:1] for x in self.argv_of(cmd.words)
                ]
                self.git(words + rest, aliases)
        finally:
            self.depth -= 1

    def git_config_pair(self, pair: str, aliases: dict[str, str]) -> None:
        key, has_value, value = pair.partition("=")
        self.git_config_key(key, value if has_value else "true", aliases)

    def git_config_key(self, key: str, value: str | None, aliases: dict[str, str]) -> None:
        """Check one configuration write; ``value`` None means "unknown" or "unset"."""
        lowered = key.strip().lower()
        if UNKNOWN in lowered:
            return
        if lowered == "core.hookspath":
            raise _block(
                "git-hooks-path", "core.hooksPath must stay as configured (it runs pre-commit)"
            )
        switched_off = value is None or UNKNOWN in value or value.strip().lower() in _FALSY
        if lowered in ("commit.gpgsign", "tag.gpgsign", "rebase.gpgsign") and switched_off:
            raise _block("git-no-gpg-sign", "commit signing must not be switched off")
        if lowered.startswith("alias.") and value is not None:
            aliases[key.strip()[6:]] = value
        remote = lowered.startswith("remote.")
        forced = value is None or UNKNOWN in value or value.lstrip().startswith("+")
        if remote and lowered.endswith(".push") and forced:
            raise _block("git-force-push", "a '+' push refspec in config force-pushes")
        if remote and lowered.endswith(".mirror") and not switched_off:
            raise _block("git-force-push", "remote.*.mirror makes every push a mirror push")

    def git_subcommand(self, sub: str, args: list[str], git_cwd: str) -> None:
        spec = _GIT_OPTIONS.get(sub, ("", frozenset()))
        flags, positionals, values = _parse_git_options(args, spec[0], spec[1])
        gpg_min = 4 if sub in _GIT_COMMITTING else 6
        for flag in flags:
            if flag.startswith("--"):
                name = flag[2:]
                if _abbrev(name, "no-verify", 6):
                    raise _block(
                        "git-no-verify", f"git {sub} --no-verify skips the git hooks (pre-commit)"
                    )
                if _abbrev(name, "no-gpg-sign", gpg_min):
                    raise _block("git-no-gpg-sign", f"git {sub} --no-gpg-sign skips signing")
        call = _GitCall(flags, positionals, values, git_cwd)
        if sub in ("commit", "am") and "n" in call.short:
            raise _block("git-no-verify", f"git {sub} -n is --no-verify and skips the git hooks")
        if sub in _GIT_HANDLED:
            getattr(self, "git_" + sub)(call)

    def git_commit(self, call: _GitCall) -> None:
        every_tracked = "a" in call.short or any(_abbrev(n, "all", 2) for n in call.long_names)
        request = _ScanRequest(call.cwd)
        request.tracked = every_tracked or bool(call.positionals)
        chosen: list[str] = list(call.positionals)
        everything = every_tracked
        for directory, add_specs in self.pending_adds:
            request.tracked = request.untracked = True
            if add_specs is None or directory != call.cwd:
                everything = True
            else:
                chosen.extend(add_specs)
        if not everything and chosen and not any(UNKNOWN in spec for spec in chosen):
            request.pathspecs = tuple(chosen)
        self.scans.append(request)

    def git_add(self, call: _GitCall) -> None:
        everything = (
            "A" in call.short
            or "u" in call.short
            or any(_abbrev(n, "all", 2) or _abbrev(n, "update", 2) for n in call.long_names)
            or any(p in (".", ":/", "*", ":(top)") or UNKNOWN in p for p in call.positionals)
        )
        self.pending_adds.append((call.cwd, None if everything else tuple(call.positionals)))

    def git_push(self, call: _GitCall) -> None:
        for name in call.long_names:
            if name.startswith("no-"):
                continue
            if (
                _abbrev(name, "force", 2)
                or _abbrev(name, "force-with-lease", 2)
                or _abbrev(name, "force-if-includes", 2)
                or _abbrev(name, "mirror", 2)
            ):
                raise _block("git-force-push", "force pushes (in any spelling) are forbidden")
            if _abbrev(name, "delete", 2) or _abbrev(name, "prune", 3):
                raise _block("git-push-delete", "deleting remote branches is forbidden")
        if "f" in call.short:
            raise _block("git-force-push", "git push -f is a force push")
        if "d" in call.short:
            raise _block("git-push-delete", "git push -d deletes a remote branch")
        for refspec in call.positionals[1:] if len(call.positionals) > 1 else call.positionals:
            if refspec.startswith("+"):
                raise _block("git-force-push", "a '+' refspec is a force push")
            if refspec.startswith(":") and len(refspec) > 1:
                raise _block("git-push-delete", "a ':branch' refspec deletes a remote branch")
        request = _ScanRequest(call.cwd)
        request.unpushed = True
        self.scans.append(request)

    def git_reset(self, call: _GitCall) -> None:
        if any(_abbrev(n, "hard", 2) for n in call.long_names):
            raise _block("git-reset-hard", "git reset --hard discards work; use --soft/--mixed")

    def git_clean(self, call: _GitCall) -> None:
        force = "f" in call.short or any(_abbrev(n, "force", 1) for n in call.long_names)
        dry = "n" in call.short or any(_abbrev(n, "dry-run", 2) for n in call.long_names)
        wide = bool(call.short & {"d", "x", "X"})
        if force and wide and not dry:
            raise _block(
                "git-clean-force", "git clean -f with -d/-x deletes untracked work; use -n first"
            )

    def git_checkout(self, call: _GitCall) -> None:
        if "f" in call.short or any(_abbrev(n, "force", 2) for n in call.long_names):
            raise _block("git-discard-changes", "git checkout --force discards local changes")
        if any(_is_everything_pathspec(p) for p in call.positionals):
            raise _block("git-discard-changes", "git checkout . discards all local changes")
        for path in call.positionals[1:]:  # checkout <ref> <paths> overwrites those files
            self.check_write(path)

    def git_restore(self, call: _GitCall) -> None:
        staged = "S" in call.short or any(_abbrev(n, "staged", 2) for n in call.long_names)
        worktree = "W" in call.short or any(_abbrev(n, "worktree", 2) for n in call.long_names)
        if staged and not worktree:
            return
        if any(_is_everything_pathspec(p) for p in call.positionals):
            raise _block("git-discard-changes", "git restore . discards all local changes")
        if call.values.get("-s") or any(n.startswith("so") for n in call.long_names):
            for path in call.positionals:  # restoring another version of a guard rail
                self.check_write(path)

    def git_config(self, call: _GitCall) -> None:
        verb = (
            call.positionals[0]
            if call.positionals[:1] and call.positionals[0] in _GIT_CONFIG_VERBS
            else ""
        )
        names = call.positionals[1:] if verb else call.positionals
        if not names or verb in ("get", "list", "get-color", "edit"):
            return
        if verb in ("rename-section", "remove-section"):
            if names[0].lower() in ("core", "commit", "remote"):
                raise _block("git-hooks-path", "removing the core/commit/remote config sections")
            return
        unset = verb == "unset" or any(
            _abbrev(n, "unset", 3) or _abbrev(n, "unset-all", 7) for n in call.long_names
        )
        reads = "l" in call.short or any(
            n.startswith("get") or _abbrev(n, "list", 2) for n in call.long_names
        )
        if unset:
            key, value = names[0], None
        elif verb == "set" or (not reads and len(names) >= 2):
            key, value = names[0], (names[1] if len(names) > 1 else None)
        else:
            return  # a read such as `git config core.hooksPath`
        self.git_config_key(key, value, {})
        if key.lower().startswith("alias.") and value is not None:
            self.git_alias(value, [], {})

    def git_rm(self, call: _GitCall) -> None:
        for path in call.positionals:
            self.check_write(path)

    def git_mv(self, call: _GitCall) -> None:
        for path in call.positionals:
            self.check_write(path)

    def git_submodule(self, call: _GitCall) -> None:
        if call.positionals[:1] == ["foreach"] and len(call.positionals) > 1:
            self.run_text(" ".join(call.positionals[1:]))

    def git_rebase(self, call: _GitCall) -> None:
        for script in call.values.get("-x", []) + call.values.get("--exec", []):
            self.run_text(script)

    # -- gh -------------------------------------------------------------------------------------

    def gh(self, args: list[str]) -> None:
        positionals: list[str] = []
        i = 0
        while i < len(args) and len(positionals) < 2:
            arg = args[i]
            if arg in ("-R", "--repo", "--hostname"):
                i += 2
                continue
            if not arg.startswith("-"):
                positionals.append(arg)
            i += 1
        if not positionals:
            return
        group = positionals[0]
        sub = positionals[1] if len(positionals) > 1 else ""
        if group == "pr" and sub == "merge":
            for arg in args:
                if arg == "--admin" or (
                    arg.startswith("--admin=") and arg.split("=", 1)[1].lower() not in _FALSY
                ):
                    raise _block("gh-admin-merge", "gh pr merge --admin bypasses branch protection")
        elif group == "api":
            self.gh_api(args[args.index("api") + 1 :])
        elif group in ("ruleset", "rs") and sub and sub not in ("list", "ls", "view", "check"):
            raise _block("gh-ruleset", "rulesets are changed by a human, not by the agent")
        elif group == "secret" and sub in ("set", "delete", "remove", "rm"):
            raise _block("gh-secret", "repository secrets are managed by a human")
        elif group == "repo" and sub == "delete":
            raise _block("gh-repo-delete", "gh repo delete is never run by the agent")
        elif group == "alias" and sub == "set":
            rest = [a for a in args[args.index("set") + 1 :] if not a.startswith("-")]
            shell = any(a in ("-s", "--shell") for a in args)
            if len(rest) >= 2:
                expansion = rest[1]
                if shell or expansion.startswith("!"):
                    self.run_text(expansion.lstrip("!"))
                else:
                    words = [
                        x
                        for c in _parse(expansion, self.depth + 1)[:1]
                        for x in self.argv_of(c.words)
                    ]
                    self.gh(words)

    def http_client(self, name: str, args: list[str]) -> None:
        """curl/wget/httpie straight at the GitHub API: same rule as ``gh api``."""
        urls = [a for a in args if "api.github.com" in a.lower() or "/api/v3/" in a.lower()]
        if not urls:
            return
        method = "GET"
        for k, arg in enumerate(args):
            nxt = args[k + 1] if k + 1 < len(args) else ""
            if arg in ("-X", "--request") and nxt:
                method = nxt.upper()
            elif arg.startswith("--request=") or (arg.startswith("-X") and len(arg) > 2):
                method = arg.split("=", 1)[1].upper() if "=" in arg else arg[2:].upper()
            elif method == "GET" and (
                arg in ("-d", "-F", "-T", "--json", "--form", "--upload-file")
                or arg.startswith(("--data", "--post-data", "--post-file", "--method="))
            ):
                method = arg.split("=", 1)[1].upper() if arg.startswith("--method=") else "POST"
            elif name in ("http", "https", "xh") and arg.upper() in _HTTP_METHODS:
                method = arg.upper()
        if method in ("GET", "HEAD"):
            return
        for url in urls:
            if any(m in url.lower() for m in ("/protection", "/rulesets", "/secrets", "/git/refs")):
                raise _block(
                    "gh-api-protected",
                    f"{name} {method} on branch protection, rulesets, secrets or refs is forbidden",
                )

    def gh_api(self, args: list[str]) -> None:
        method: str | None = None
        has_body = False
        endpoint: str | None = None
        field_values: list[str] = []
        i = 0
        while i < len(args):
            arg = args[i]
            nxt = args[i + 1] if i + 1 < len(args) else ""
            if arg in ("-X", "--method"):
                method, i = nxt, i + 2
            elif arg.startswith("--method="):
                method, i = arg.split("=", 1)[1], i + 1
            elif arg.startswith("-X") and len(arg) > 2:
                method, i = arg[2:], i + 1
            elif arg in ("-f", "-F", "--field", "--raw-field"):
                has_body = True
                field_values.append(nxt)
                i += 2
            elif arg.startswith(("--field=", "--raw-field=")):
                has_body = True
                field_values.append(arg.split("=", 1)[1])
                i += 1
            elif arg.startswith(("-f", "-F")) and len(arg) > 2:
                has_body = True
                field_values.append(arg[2:])
                i += 1
            elif arg == "--input" or arg.startswith("--input="):
                has_body = True
                i += 1 if "=" in arg else 2
            elif arg in _GH_API_VALUE_OPTIONS:
                i += 2
            elif arg.startswith("-"):
                i += 1
            else:
                if endpoint is None:
                    endpoint = arg
                i += 1
        effective = (method or ("POST" if has_body else "GET")).strip().upper()
        if effective in ("GET", "HEAD"):
            return
        path = (endpoint or "").lower()
        if any(marker in path for marker in ("/protection", "/rulesets", "/secrets", "/git/refs")):
            raise _block(
                "gh-api-protected",
                f"gh api {effective} on branch protection, rulesets, secrets or refs is forbidden",
            )
        if path.rstrip("/").endswith("graphql"):
            text = " ".join(field_values).lower()
            if "mutation" in text and any(
                k in text for k in ("branchprotection", "ruleset", "secret")
            ):
                raise _block(
                    "gh-api-protected", "GraphQL mutations of protection/rulesets are forbidden"
                )


# --------------------------------------------------------------------------------------------
# git option tables
# --------------------------------------------------------------------------------------------

_GH_API_VALUE_OPTIONS = frozenset(
    {"-H", "--header", "-q", "--jq", "-t", "--template", "--cache", "-p", "--preview", "--hostname"}
)
_GIT_HANDLED = frozenset(
    {
        "commit",
        "add",
        "push",
        "reset",
        "clean",
        "checkout",
        "restore",
        "config",
        "rm",
        "mv",
        "submodule",
        "rebase",
    }
)
_GIT_COMMITTING = frozenset({"commit", "merge", "rebase", "cherry-pick", "revert", "am", "pull"})
_GIT_CONFIG_VERBS = frozenset(
    {"get", "set", "unset", "list", "edit", "rename-section", "remove-section", "get-color"}
)
# subcommand -> (short options with a value, long options with a value)
_GIT_OPTIONS: dict[str, tuple[str, frozenset[str]]] = {
    "commit": (
        "mFCct",
        frozenset(
            {
                "message",
                "file",
                "reuse-message",
                "reedit-message",
                "template",
                "author",
                "date",
                "cleanup",
                "fixup",
                "squash",
                "trailer",
                "pathspec-from-file",
            }
        ),
    ),
    "push": ("o", frozenset({"repo", "receive-pack", "exec", "push-option"})),
    "merge": ("mFsX", frozenset({"message", "file", "strategy", "strategy-option", "into-name"})),
    "pull": ("sXo", frozenset({"strategy", "strategy-option", "depth", "upload-pack"})),
    "rebase": ("xsXC", frozenset({"exec", "strategy", "strategy-option", "onto"})),
    "cherry-pick": ("msX", frozenset({"mainline", "strategy", "strategy-option"})),
    "revert": ("msX", frozenset({"mainline", "strategy", "strategy-option"})),
    "am": ("CpS", frozenset({"patch-format", "resolvemsg", "directory", "exclude", "include"})),
    "reset": ("", frozenset({"pathspec-from-file"})),
    "clean": ("e", frozenset({"exclude"})),
    "checkout": ("bB", frozenset({"orphan", "conflict", "pathspec-from-file"})),
    "restore": ("s", frozenset({"source", "conflict", "pathspec-from-file"})),
    "config": ("f", frozenset({"file", "blob", "type", "default", "comment", "value"})),
    "add": ("", frozenset({"chmod", "pathspec-from-file"})),
}
_GIT_BUILTINS = frozenset(
    {
        "add",
        "am",
        "annotate",
        "apply",
        "archive",
        "bisect",
        "blame",
        "branch",
        "bundle",
        "cat-file",
        "check-attr",
        "check-ignore",
        "checkout",
        "cherry",
        "cherry-pick",
        "citool",
        "clean",
        "clone",
        "commit",
        "commit-tree",
        "config",
        "count-objects",
        "describe",
        "diff",
        "diff-files",
        "diff-index",
        "diff-tree",
        "difftool",
        "fetch",
        "for-each-ref",
        "format-patch",
        "fsck",
        "gc",
        "grep",
        "gui",
        "hash-object",
        "help",
        "hook",
        "index-pack",
        "init",
        "instaweb",
        "log",
        "ls-files",
        "ls-remote",
        "ls-tree",
        "maintenance",
        "merge",
        "merge-base",
        "mergetool",
        "mktag",
        "mv",
        "notes",
        "pull",
        "push",
        "range-diff",
        "read-tree",
        "rebase",
        "reflog",
        "remote",
        "repack",
        "replace",
        "request-pull",
        "reset",
        "restore",
        "rev-list",
        "rev-parse",
        "revert",
        "rm",
        "send-email",
        "shortlog",
        "show",
        "show-branch",
        "show-ref",
        "sparse-checkout",
        "stash",
        "status",
        "submodule",
        "switch",
        "symbolic-ref",
        "tag",
        "update-index",
        "update-ref",
        "verify-commit",
        "verify-tag",
        "version",
        "whatchanged",
        "worktree",
        "write-tree",
        "lfs",
    }
)


def _parse_git_options(
    args: list[str], short_values: str, long_values: frozenset[str]
) -> tuple[list[str], list[str], dict[str, list[str]]]:
    """Split git arguments into normalised flags (``-x`` per letter, ``--name``), positionals
    and option values, as git's parse-options would (options may follow positionals)."""
    flags: list[str] = []
    positionals: list[str] = []
    values: dict[str, list[str]] = {}
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            positionals.extend(args[i + 1 :])
            break
        if arg.startswith("--") and len(arg) > 2:
            name = _long(arg)
            flags.append("--" + name)
            if "=" in arg:
                values.setdefault("--" + name, []).append(arg.split("=", 1)[1])
            elif any(_abbrev(name, full, 3) for full in long_values) and i + 1 < len(args):
                values.setdefault("--" + name, []).append(args[i + 1])
                i += 1
        elif arg.startswith("-") and len(arg) > 1:
            letters = arg[1:]
            for k, letter in enumerate(letters):
                flags.append("-" + letter)
                if letter in short_values:
                    value = letters[k + 1 :]
                    if not value and i + 1 < len(args):
                        value = args[i + 1]
                        i += 1
                    values.setdefault("-" + letter, []).append(value)
                    break
        else:
            positionals.append(arg)
        i += 1
    return flags, positionals, values


def _is_everything_pathspec(spec: str) -> bool:
    stripped = spec.rstrip("/")
    return stripped in (".", "*", ":/", ":(top)", ":/*", "./*", "") or stripped.startswith(":(top)")


def _repo_git_alias(cwd: str, name: str) -> str | None:
    """A git alias defined in the user's or repository's config (only for unknown commands)."""
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}", name):
        return None
    import subprocess  # only unknown git subcommands pay for this lookup

    try:
        result = subprocess.run(  # noqa: S603 - fixed argv, no shell
            ["git", "-C", cwd, "config", "--get", f"alias.{name}"],  # noqa: S607
            capture_output=True,
            timeout=3,
            check=False,
            text=True,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    value = result.stdout.strip()
    return value if result.returncode == 0 and value else None


def _write_targets(name: str, args: list[str]) -> list[str]:
    """Paths a file-modifying command would write, delete or move (best effort)."""
    operands = [a for a in args if not a.startswith("-") or a == "-"]
    if name == "tee":
        return operands
    if name in ("unlink", "rmdir", "shred", "truncate", "touch"):
        return operands
    if name in ("chmod", "chown", "chgrp", "chattr", "setfacl"):
        return operands[1:]
    if name == "mv":
        return operands
    if name in ("cp", "install", "ln", "rsync", "scp"):
        for k, arg in enumerate(args):
            if arg in ("-t", "--target-directory") and k + 1 < len(args):
                return [args[k + 1]]
            if arg.startswith("--target-directory="):
                return [arg.split("=", 1)[1]]
        return operands[-1:] if len(operands) >= 2 else []
    if name == "sed" and any(a == "-i" or a.startswith(("-i", "--in-place")) for a in args):
        explicit_script = any(a in ("-e", "-f", "--expression", "--file") for a in args)
        return operands if explicit_script else operands[1:]
    if name in ("perl", "ruby") and any(a.startswith("-") and "i" in a for a in args):
        files: list[str] = []
        skip = False
        for arg in args:
            if skip:
                skip = False
            elif arg in ("-e", "-E"):
                skip = True
            elif not arg.startswith("-"):
                files.append(arg)
        return files
    if name == "dd":
        return [a[3:] for a in args if a.startswith("of=")]
    if name == "curl":
        return [args[k + 1] for k, a in enumerate(args[:-1]) if a in ("-o", "--output")]
    if name == "wget":
        return [args[k + 1] for k, a in enumerate(args[:-1]) if a in ("-O", "--output-document")]
    return []


# --------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------


def _command_of(tool_input: dict[str, object]) -> str | list[str]:
    command = tool_input.get("command", tool_input.get("cmd"))
    if isinstance(command, str) and command.strip():
        return command
    if isinstance(command, list) and command and all(isinstance(part, str) for part in command):
        return [str(part) for part in command]
    raise HookInputError(
        "input-missing-command", "tool_input.command is missing, empty or not a string"
    )


def _scan_decision(analyzer: _Analyzer, text: str) -> Decision | None:
    import secret_scan  # regexes are compiled lazily inside

    in_command = secret_scan.scan_text(text, "<command>")
    if in_command:
        rules = sorted({f.rule_id for f in in_command})
        return deny(
            "secret-in-command",
            f"the command text contains what looks like a secret ({', '.join(rules)}, command "
            f"line {in_command[0].line}); read it from the environment or a secret manager "
            "instead of pasting it. The value is not logged.",
            [str(f) for f in in_command],
        )
    done: set[tuple[str, bool, bool, tuple[str, ...] | None, bool]] = set()
    for request in analyzer.scans:
        root = secret_scan.find_repo_root(request.directory)
        if root is None or request.key() in done:
            continue  # not a repository: git itself will refuse the commit
        done.add(request.key())
        try:
            findings = secret_scan.scan_staged(
                request.directory,
                include_worktree=request.tracked,
                include_untracked=request.untracked,
                pathspecs=request.pathspecs,
                max_bytes=MAX_SCAN_BYTES,
            )
            if request.unpushed:
                findings += secret_scan.scan_unpushed(root, max_bytes=MAX_SCAN_BYTES)
        except secret_scan.ScanError as exc:
            return deny(
                "secret-scan-failed", f"the secret scan could not run ({exc}); failing closed"
            )
        if findings:
            shown = ", ".join(str(f) for f in findings[:10])
            more = f" and {len(findings) - 10} more" if len(findings) > 10 else ""
            return deny(
                "secret-staged",
                f"suspected secret(s) in what would be committed/pushed: {shown}{more}. Remove "
                "the value (rotate it if real); for a false positive add 'harness:allow-secret' "
                "on the line or a path glob to .secretsignore (human review).",
                [str(f) for f in findings],
            )
    return None


def decide_bash(hook_input: HookInput) -> tuple[Decision, str]:
    """The decision for one shell command, and the text whose sha256 is audited.

    Copilot's ``preToolUse`` has no matcher, so every tool call reaches this hook there: edit
    tools get the edit guard, other non-shell tools (view, grep, ...) are allowed.
    """
    tool = hook_input.tool_name.lower()
    if hook_input.agent == "copilot" and tool and tool not in _SHELL_TOOLS:
        if tool in _EDIT_TOOLS:
            return decide_edit(hook_input)
        return ALLOWED, tool
    command = _command_of(hook_input.tool_input)
    text = command if isinstance(command, str) else " ".join(command)
    analyzer = _Analyzer(hook_input)
    try:
        if isinstance(command, str):
            analyzer.run_script(_parse(command, 0))
        else:
            analyzer.command(list(command), [])
    except _BlockedError as blocked:
        return blocked.decision, text
    except _ParseError as exc:
        return deny("unparseable-command", f"the command cannot be parsed ({exc})"), text
    except RecursionError:
        return deny("unparseable-command", "the command nests too deeply"), text
    scanned = _scan_decision(analyzer, text)
    if scanned is not None:
        return scanned, text
    if analyzer.asks:
        return analyzer.asks[0], text
    return ALLOWED, text
