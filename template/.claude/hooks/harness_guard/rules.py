# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""The rule registry: every decision the guards make names one of these rules.

Each rule has an id, the decision it makes (deny, or ask a person), a one-line summary, the why,
and its check. Checks of one command (``git push``, ``rm``...) are registered for that command
and run by table lookup in ``bash.py``; rules about the command as a whole (unknown parts, time
budget, input) are fired by the walker itself and name the walker as their check.
``docs/SECURITY.md``'s rule table is generated from this registry, and a test keeps them equal.
"""

from __future__ import annotations

from .protocol import ASK, DENY

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable


class Rule:
    """One rule: what it decides, what it is about, why, and which check fires it."""

    __slots__ = ("check", "commands", "decision", "id", "summary", "why")

    def __init__(
        self,
        rule_id: str,
        decision: str,
        summary: str,
        why: str,
        commands: tuple[str, ...] = (),
        check: Callable[..., str | None] | None = None,
    ) -> None:
        self.id = rule_id
        self.decision = decision
        self.summary = summary
        self.why = why
        self.commands = commands  # the command keys whose calls ``check`` inspects
        self.check = check  # returns a detail sentence when the rule fires, else None


RULES: dict[str, Rule] = {}
# command key ("git push", "rm", ...) -> the rules that check its calls, in registration order
CHECKS: dict[str, list[Rule]] = {}


def define(rule_id: str, decision: str, summary: str, why: str) -> Rule:
    """Register a rule that the walker or a command handler fires directly."""
    if rule_id in RULES:
        raise ValueError(f"duplicate rule id {rule_id}")
    entry = Rule(rule_id, decision, summary, why)
    RULES[rule_id] = entry
    return entry


def check(
    rule_id: str, decision: str, summary: str, why: str, *commands: str
) -> Callable[[Callable[..., str | None]], Callable[..., str | None]]:
    """Register the decorated function as the check of a rule for ``commands``."""

    def register(function: Callable[..., str | None]) -> Callable[..., str | None]:
        entry = define(rule_id, decision, summary, why)
        entry.commands = commands
        entry.check = function
        for command in commands:
            CHECKS.setdefault(command, []).append(entry)
        return function

    return register


# Rules about the input and the command as a whole, fired by protocol.py and the walker.
# Unusable input: a hook that cannot read its input cannot vouch for the call, and every agent
# treats a crashed hook as "allow", so each of these is a block.
for _rule_id, _summary in (
    ("bad-arguments", "the hook was started with an unknown argument or agent name"),
    ("input-too-large", "hook input larger than 256 KiB"),
    ("input-empty", "empty hook input"),
    ("input-malformed", "hook input (or its tool arguments) that is not valid JSON"),
    ("input-not-object", "hook input that is not a JSON object"),
    ("input-missing-tool-input", "hook input without a tool_input object"),
    ("input-missing-command", "a shell tool call without a command"),
    ("input-missing-path", "an edit tool call without a file path"),
):
    define(_rule_id, DENY, _summary, "a guard that cannot read its input fails closed")
define(
    "hook-internal-error",
    DENY,
    "an exception inside the guard",
    "a bug in the guard must not become a hole in it",
)
define(
    "budget-exceeded",
    DENY,
    "the decision took longer than its time budget",
    "the agent kills a hook that runs past its timeout and then runs the command anyway",
)
define(
    "unparseable-command",
    DENY,
    "a command that is not valid shell, nests more than 12 levels, or exceeds the size cap",
    "what the guard cannot read it cannot check, and bash may read it differently",
)
define(
    "unknown-command",
    ASK,
    "a command name that is not literal: a variable, a substitution, or a function or alias "
    "defined in the same command",
    "the guard cannot tell which program will run, so a person must",
)
define(
    "unknown-program",
    ASK,
    "a program the guard does not know, given unknown words, protected paths or the names of "
    "sensitive commands",
    "an unknown program may be a wrapper that runs its arguments as a command (flock, chronic, "
    "unbuffer...), so what it is handed must be known and harmless",
)
define(
    "unknown-word",
    ASK,
    "a word the guard cannot resolve (variable, glob, brace or command substitution, $'...') "
    "where a sensitive command needs to know it",
    "unknown is not safe: a value decided only when the command runs can name any file, branch "
    "or option",
)
define(
    "secret-in-command",
    DENY,
    "the command text itself holds something that looks like a secret",
    "commands end up in transcripts, logs and shell history",
)
