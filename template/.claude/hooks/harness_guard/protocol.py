# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""How the hooks talk to each agent: input, answers, the audit log, and failing closed.

* reads the hook payload from stdin (size-capped) and normalises the input shapes of the supported
  agents into one :class:`HookInput`;
* runs a hook's decision function and fails closed: bad input, any internal exception or a
  decision past the time budget becomes a block (exit code 2), never an allow;
* appends one JSON line per decision to ``.claude/audit/hook-audit.jsonl`` under the project dir
  (time, hook, agent, tool, decision, rule id, sha256 of the command or target; never the command
  text or a secret). A failing audit write is reported on stderr and changes no decision;
* prints each agent's answer (:func:`respond`).

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
          the Bash hook routes edit tools to the edit   exit 0, no output
          guard and allows other non-shell tools
========  ============================================  =========================================

Every agent honours exit code 2 as "block", so a block always exits 2 and prints the agent's own
JSON as well where that agent reads stdout.
"""

from __future__ import annotations

import json
import os
import sys
import time

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import TextIO

MAX_INPUT_BYTES = 256 * 1024
# The agents' hook timeout is 10 s (.claude/settings.json); a hook killed by it counts as
# "allow" for every agent. The analysis stops well before: past this budget it denies.
TIME_BUDGET_SECONDS = 2.0
EXIT_ALLOW = 0
EXIT_BLOCK = 2
AGENTS = ("claude", "codex", "gemini", "cursor", "copilot")
AUDIT_DIR = (".claude", "audit")
AUDIT_FILE = "hook-audit.jsonl"
ALLOW, ASK, DENY = "allow", "ask", "deny"


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


class BudgetExceededError(Exception):
    """The decision took longer than :data:`TIME_BUDGET_SECONDS`; the hook denies."""


class Budget:
    """The time a decision may take, checked by the analysis at every command it walks."""

    __slots__ = ("deadline",)

    def __init__(self, seconds: float = TIME_BUDGET_SECONDS) -> None:
        self.deadline = time.monotonic() + seconds

    def left(self) -> float:
        return self.deadline - time.monotonic()

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise BudgetExceededError


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
    return find_repo_root(cwd) or cwd


def find_repo_root(start: str) -> str | None:
    """The nearest directory at or above ``start`` that holds ``.git``."""
    current = os.path.abspath(start)
    while True:
        if os.path.exists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


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
    except BudgetExceededError:
        decision = deny(
            "budget-exceeded",
            f"the decision took longer than its {TIME_BUDGET_SECONDS:g} s budget; failing closed "
            "(split the command into smaller ones)",
        )
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
