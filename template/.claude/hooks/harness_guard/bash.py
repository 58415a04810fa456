# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""The Bash policy: walk every simple command of a shell command and decide, failing closed.

Every word is either resolved statically (literal text, a variable assigned earlier in the same
command, ``~``, ``$HOME``, ``$PWD``, a brace expansion, ``$(echo ...)``) or marked *unknown*. A
sensitive command that needs to know an unknown word is asked (or denied), never allowed; a
command name that is unknown is always asked. The checks of each command are rules in
``rules.py``'s registry, found by table lookup (``CHECKS``); the handlers in ``HANDLERS`` only
parse a command's options into a :class:`Call` and pick the command key whose rules run.

What the walker evaluates itself: pipelines, lists, subshells, ``$( )``, backticks, process
substitution, here-documents and here-strings, redirections, ``cd``, assignments, functions,
wrappers (``env``, ``sudo``, ``timeout``, ``xargs``, ``uv run``...), ``bash -c``/``eval``/
``source`` with a literal script (parsed and checked like the command itself), and shell script
files run by path.
"""

from __future__ import annotations

import fnmatch
import os
import re
import shlex
import shutil
import stat

from . import protected
from .protocol import ASK, DENY, Budget, Decision, HookInput
from .rules import CHECKS, RULES, define
from .shell import MAX_DEPTH, UNKNOWN, Cmd, ParseError, Part, Word, parse

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from .git import CommitScanRequest, PushScanRequest

# A command longer than this is denied unread: no agent needs a 128 KiB one-liner, and the cap
# keeps the worst-case decision far inside the time budget.
MAX_COMMAND_CHARS = 128 * 1024
MAX_SCRIPT_FILE_BYTES = 64 * 1024
MAX_BRACE_FIELDS = 64
TEMP_ROOTS = ("/tmp", "/var/tmp", "/dev/shm")  # noqa: S108 - where a command may scribble
DEVICES = frozenset({"/dev/null", "/dev/stdout", "/dev/stderr", "/dev/tty", "/dev/zero"})


define(
    "write-protected",
    DENY,
    "a write, deletion, move, mode change or link that reaches a guard file (the list in "
    "protected.py), also through a symlink, a hard link or a parent directory",
    "the guards, the gates and the user's own configuration are the reviewed boundary; an agent "
    "that can change them has no boundary",
)
define(
    "write-review",
    ASK,
    "a shell write to a reviewed path (workflows, CODEOWNERS, the CI gates, security exceptions)",
    "these change what CI enforces; a person should see the change",
)
define(
    "write-outside-project",
    ASK,
    "a write or deletion outside the project and the temp directories",
    "an agent works in its project; anything else on the machine belongs to someone else",
)
define(
    "read-secret",
    ASK,
    "reading, copying or sending a local secret (.env files, ~/.ssh, cloud and registry "
    "credentials), also inside a directory that is archived, copied or uploaded",
    "what an agent reads reaches its transcript and any tool it calls",
)
define(
    "discard-uncommitted",
    ASK,
    "deleting or overwriting a file or tree that holds uncommitted (modified or untracked) work",
    "git cannot bring back work that was never committed",
)
define(
    "run-written-code",
    ASK,
    "writing a code or configuration file and then running a program that may load it, in "
    "one command",
    "the code that runs was never shown for review: a test, plugin or module written by a "
    "redirection does whatever it likes once pytest, python -m or npm loads it",
)


def tracked_only(args: Sequence[Arg]) -> bool:
    """Whether git ls-files / diff --name-only with ``args`` lists tracked files alone.

    Short options combine (``-co``, ``-to``, ``-zo``), so any of o, i, x or X in a cluster
    (others, ignored, exclude) counts, as do the long forms and --no-index.
    """
    for arg in args:
        text = str(arg)
        if arg.unknown:
            return False
        if text.startswith("--"):
            if text.startswith(("--o", "--i", "--ex", "--no-index", "--directory")):
                return False
        elif text.startswith("-") and set(text[1:]) & set("oixX"):
            return False
    return True


# Directories whose entries differ from one process to the next (/proc/$$/cwd is the shell's own
# directory): what they hold when the hook lists them is not what the command will see.
_PROCESS_VIEWS = ("/proc/", "/dev/fd/")
# A process's view of itself: its descriptors (/dev/fd, /dev/stdin...), its directory and root.
_PROCESS_VIEW = re.compile(
    r"^/(?:dev/(fd|stdin|stdout|stderr)|proc/(self|thread-self|\d+)(?:/task/\d+)?/(fd|cwd|root))"
    r"(?:/(.*))?$"
)
_DESCRIPTOR = re.compile(r"/dev/fd/\d+|/proc/(?:self|thread-self)/fd/\d+")
_PROC_ALIAS = re.compile(r"^/proc/(self|thread-self|\d+)(?:/task/\d+)?/(root|cwd)(/.*)?$")


# What printf puts between its arguments for the formats the guard follows.
PRINTF_JOINS = {"%s": "", "%s\\n": "\n", "%s ": " "}


def _mktemp_path(args: Sequence[str], cwd: str | None, tmpdir: str) -> str | None:
    """The path ``mktemp ARGS`` prints, its random letters left as the template's X's.

    Where it lies is all the guard needs: a fresh name in the temp directory (``tmpdir``, the
    command's $TMPDIR, or /tmp; or the ``-p`` directory, or the template's own), so writing into
    it and reading from it are judged there.
    """
    directory: str | None = None
    template: str | None = None
    in_tmpdir = False
    old_style = False  # -t
    words = list(args)
    while words:
        word = words.pop(0)
        if word.startswith("--tmpdir="):
            directory, in_tmpdir = word.partition("=")[2], True
        elif word == "--tmpdir":
            in_tmpdir = True
        elif word in ("--directory", "--quiet", "--dry-run") or word.startswith("--suffix="):
            continue
        elif word == "-p" and words:
            directory, in_tmpdir = words.pop(0), True
        elif word.startswith("-") and len(word) > 1 and set(word[1:]) <= set("dqut"):
            in_tmpdir = in_tmpdir or "t" in word
            old_style = old_style or "t" in word
        elif not word.startswith("-") and template is None:
            template = word
        else:
            return None
    if template is None:
        template, in_tmpdir = "tmp.XXXXXXXXXX", True
    if not in_tmpdir:
        return template if os.path.isabs(template) or cwd is None else os.path.join(cwd, template)
    # GNU mktemp: -p DIR wins over $TMPDIR, except for the old -t, where $TMPDIR wins.
    base = (tmpdir or directory) if old_style else (directory or tmpdir)
    base = base or "/tmp"  # noqa: S108 - mktemp's own default
    path = os.path.join(base, template)
    if os.path.isabs(path):
        return path
    return None if cwd is None else os.path.join(cwd, path)  # a relative $TMPDIR or -p DIR


class Arg(str):
    """One field of a command's argv: its text, and whether the guard really knows it."""

    unknown: bool
    glob: bool
    # For an unknown field: every value it may take, when the guard knows them all (a loop
    # variable's words); readers check each. Empty: judged by the handler that made it.
    candidates: tuple[Arg, ...] | None

    def __new__(
        cls,
        text: str,
        *,
        unknown: bool = False,
        glob: bool = False,
        candidates: tuple[Arg, ...] | None = None,
    ) -> Arg:
        self = super().__new__(cls, text)
        self.unknown = unknown or UNKNOWN in text
        self.glob = glob
        self.candidates = candidates
        return self

    @property
    def opaque(self) -> bool:
        """Not one known, literal value: unknown parts, or a glob that may match many files."""
        return self.unknown or self.glob


class BlockedError(Exception):
    """Stops the walk at the first deny."""

    def __init__(self, decision: Decision) -> None:
        super().__init__(decision.rule)
        self.decision = decision


class Call:
    """One simple command after expansion: what the rules inspect."""

    __slots__ = ("analyzer", "args", "env", "name", "operands", "options", "piped", "stdin")

    def __init__(
        self,
        analyzer: Analyzer,
        name: str,
        args: list[Arg],
        env: dict[str, Arg],
        stdin: list[Arg],
        piped: Cmd | None,
    ) -> None:
        self.analyzer = analyzer
        self.name = name
        self.args = args  # after the command name
        self.env = env  # prefix assignments
        self.stdin = stdin  # here-documents and here-strings
        self.piped = piped  # the pipeline stage whose output is this command's input
        self.options: list[tuple[str, Arg | None]] = []
        self.operands: list[Arg] = []

    def parse_options(
        self,
        value_short: str = "",
        value_long: Iterable[str] = (),
        *,
        stop_at_operand: bool = False,
    ) -> Call:
        """Split ``args`` getopt-style into options ``(name, value)`` and operands."""
        long_values = frozenset(value_long)
        options: list[tuple[str, Arg | None]] = []
        operands: list[Arg] = []
        args = self.args
        i = 0
        while i < len(args):
            arg = args[i]
            i += 1
            if arg == "--" and not arg.unknown:
                operands.extend(args[i:])
                break
            if arg.unknown or not arg.startswith("-") or arg == "-":
                operands.append(arg)
                if stop_at_operand:
                    operands.extend(args[i:])
                    break
                continue
            if arg.startswith("--"):
                name, equals, value = arg.partition("=")
                if equals:
                    options.append((name, Arg(value, unknown=arg.unknown)))
                elif name in long_values and i < len(args):
                    options.append((name, args[i]))
                    i += 1
                else:
                    options.append((name, None))
                continue
            for k in range(1, len(arg)):
                flag = "-" + arg[k]
                if arg[k] in value_short:
                    rest = arg[k + 1 :]
                    if rest:
                        options.append((flag, Arg(rest, unknown=arg.unknown)))
                    elif i < len(args):
                        options.append((flag, args[i]))
                        i += 1
                    else:
                        options.append((flag, None))
                    break
                options.append((flag, None))
        self.options = options
        self.operands = operands
        return self

    def has(self, *names: str) -> bool:
        """Whether any of the options ``names`` is given (long options also by a prefix)."""
        return any(_option_is(option, name) for option, _ in self.options for name in names)

    def values(self, *names: str) -> list[Arg]:
        return [
            value
            for option, value in self.options
            for name in names
            if value is not None and _option_is(option, name)
        ]


def _option_is(option: str, name: str) -> bool:
    if option == name:
        return True
    # GNU and git accept an unambiguous prefix of a long option (--forc for --force).
    return name.startswith("--") and len(option) >= 4 and name.startswith(option)


# ---------------------------------------------------------------------------------------------
# Expansion


_BRACE = re.compile(r"\{[^{}]*(?:,|\.\.)[^{}]*\}")


def brace_expand(text: str) -> list[str] | None:
    """Bash brace expansion of ``text`` (``a{b,c}`` and ``{1..3}``); None past the field cap."""
    match = _BRACE.search(text)
    if match is None:
        return [text]
    head, body, tail = text[: match.start()], match.group()[1:-1], text[match.end() :]
    if ".." in body and "," not in body:
        low, _, high = body.partition("..")
        if low.lstrip("-").isdigit() and high.lstrip("-").isdigit():
            a, b = int(low), int(high)
            step = 1 if b >= a else -1
            if abs(b - a) >= MAX_BRACE_FIELDS:
                return None
            choices = [str(n) for n in range(a, b + step, step)]
        elif len(low) == 1 and len(high) == 1:
            a, b = ord(low), ord(high)
            step = 1 if b >= a else -1
            choices = [chr(n) for n in range(a, b + step, step)]
        else:
            choices = ["{" + body + "}"]
    else:
        choices = body.split(",")
    fields: list[str] = []
    for choice in choices:
        expanded = brace_expand(head + choice + tail)
        if expanded is None:
            return None
        fields.extend(expanded)
        if len(fields) > MAX_BRACE_FIELDS:
            return None
    return fields


_GLOB_CHARS = frozenset("*?[")
_QUOTED = {"{": "\ue000", "}": "\ue001", ",": "\ue002", "*": "\ue003", "?": "\ue004", "[": "\ue005"}
_UNQUOTED = {value: key for key, value in _QUOTED.items()}


class Analyzer:
    """Walks a parsed command, tracking cwd, variables and what earlier commands wrote."""

    def __init__(self, hook_input: HookInput, budget: Budget) -> None:
        self.budget = budget
        self.cwd: str | None = hook_input.cwd
        self.project = hook_input.project_dir
        home = os.environ.get("HOME", "")
        self.home = os.path.normpath(home) if os.path.isabs(home) else ""
        self.vars: dict[str, str | None] = {}  # None: assigned, but to something unknown
        self.functions: set[str] = set()
        self.written: set[str] = set()  # files an earlier part of this command writes
        self.current: Cmd | None = None  # the simple command being checked
        self.conditional = False  # it follows a reserved word (if, then, do, {, !...)
        self.chain_cwd = False  # cwd holds only until the current && chain ends
        self.plain_vars: set[str] = set()  # unknown values that hold no code (loop words)
        # Names whose values the guard does not follow: namerefs (declare -n), and values bash
        # changes as they are assigned (declare -l/-u/-i).
        self.unfollowed: set[str] = set()
        self.integers: set[str] = set()  # declare -i: every later value is arithmetic
        self.group_input = False  # a group, subshell or loop of this command is given input
        # $PWD as bash keeps it (through links) for each directory a cd reached.
        self.logical_dirs: dict[str, str] = {}
        # ``for NAME in WORDS`` with every WORD known: the values NAME takes, for the readers
        # (``for f in src/*.py; do wc -l "$f"; done`` reads what the glob matches).
        self.loop_values: dict[str, tuple[Arg, ...]] = {}
        self.links: dict[str, str] = {}  # links this command makes: link path -> target path
        # Every path a write check looked at, in order (None: a word decided when it runs).
        self.write_targets: list[str | None] = []
        self.globstar = False  # shopt -s globstar ran: ** matches at any depth
        self.opened: set[str] | None = None  # files this command opens with < or <>
        self.asks: list[Decision] = []
        self.commits: list[CommitScanRequest] = []  # filled by git.py, scanned by decide.py
        self.pushes: list[PushScanRequest] = []
        self.staged_paths: list[str] = []  # named by `git add` in this command
        self.staged_unknown = False  # a `git add` of something unknown
        self.adds = False  # a `git add` in this command: the commit takes the work tree along
        self.fetched = False  # a network fetch appears in this command (curl, wget, nc...)
        self.stash_pending = False  # `git stash` without a later `git stash pop` in the command
        self.checked: set[tuple[str, bool, bool, str, bool, str | None, int]] = set()
        self.depth = 0

    # -- decisions ------------------------------------------------------------------------------

    def flag(self, rule_id: str, detail: str) -> None:
        """Fire a rule: deny stops the walk at once, ask is remembered."""
        rule = RULES[rule_id]
        decision = Decision(rule.decision, rule_id, detail)
        if rule.decision == DENY:
            raise BlockedError(decision)
        self.asks.append(decision)

    def run_checks(self, key: str, call: Call) -> None:
        for rule in CHECKS.get(key, ()):
            assert rule.check is not None  # noqa: S101 - registered with a check
            detail = rule.check(call)
            if detail:
                self.flag(rule.id, detail)

    # -- expansion ------------------------------------------------------------------------------

    def assign(self, name: str, value: str | None) -> None:
        """Set a shell variable; what the guard knew of its values as a loop variable is gone."""
        if name in self.integers and (value is None or _CODE_CHARS.search(value)):
            # n='x[$(rm -rf src)]' after declare -i n: the value is evaluated, and runs rm.
            self.flag("unknown-word", f"${name} is an integer: its value is evaluated")
        self.vars[name] = None if name in self.unfollowed else value
        self.plain_vars.discard(name)
        self.loop_values.pop(name, None)

    def lookup(self, name: str) -> str | None:
        if name in self.vars:
            return self.vars[name]
        if name == "HOME":
            return self.home or None
        if name == "PWD":
            return self.cwd
        if name == "CLAUDE_PROJECT_DIR":
            return self.project
        return None  # set outside this command: unknown

    def check_arithmetic(self, expression: str, depth: int = 0) -> None:
        """Arithmetic evaluates each variable it names as an expression in turn, so a value
        such as ``a[$(rm -rf src)]`` runs its substitution: ask unless every value is plain."""
        for name in _NAME_IN_EXPRESSION.findall(expression):
            if name not in self.vars or name in self.plain_vars:
                continue
            value = self.vars[name]
            if value is None or _CODE_CHARS.search(value) or depth > 4:
                self.flag(
                    "unknown-word",
                    f"arithmetic evaluates ${name}, whose text may run a command (a[$(...)])",
                )
                return
            self.check_arithmetic(value, depth + 1)

    def part_value(self, part: Part) -> str | None:
        if part.kind == "unk" and part.op == "((":
            self.check_arithmetic(part.text)
        if part.kind == "var":
            value = self.lookup(part.text)
            if part.op and part.op not in (":?", "?"):
                return None  # ${x:-...} and friends: which branch runs is not known here
            return value
        if part.kind == "sub" and part.script is not None:
            return self.static_output(part.script)
        if part.kind == "unk" and part.script is not None:
            return "/dev/fd/63"  # ``<(cmd)``: a pipe from cmd, which is checked on its own
        return None

    def expand(self, word: Word) -> list[Arg]:
        """The fields ``word`` becomes: quote removal, parameters, splitting, braces, globs."""
        text: list[str] = []
        unknown = False
        glob = False
        split_values: list[str] = []
        for part in word.parts:
            if part.kind == "lit":
                if part.quoted:
                    text.append("".join(_QUOTED.get(c, c) for c in part.text))
                else:
                    text.append(part.text)
                    glob = glob or _has_glob(part.text)
                continue
            value = self.part_value(part)
            if value is None:
                unknown = True
                text.append(UNKNOWN)
            elif part.quoted:
                text.append("".join(_QUOTED.get(c, c) for c in value))
            else:
                # An unquoted value is split into words and globbed when the command runs.
                glob = glob or _has_glob(value)
                text.append(value)
                split_values.append(value)
        joined = "".join(text)
        if unknown:
            candidates = self.loop_candidates(word)
            if candidates is None and self.lists_tracked_files(word):
                candidates = ()  # names of tracked files: none is a local secret
            if candidates is None:
                candidates = self.found_files(word)
            return [Arg(_unquote(joined), unknown=True, candidates=candidates)]
        fields = brace_expand(joined) if "{" in joined else [joined]
        if fields is None:
            return [Arg(_unquote(joined), unknown=True)]
        result: list[Arg] = []
        for field in fields:
            pieces = field.split() if split_values else [field]
            if split_values and not pieces:
                continue
            for piece in pieces:
                result.append(Arg(_unquote(piece), glob=glob and _has_glob(piece)))
        if not result and not split_values:
            result.append(Arg(""))
        return result

    def substituted_argv(self, word: Word) -> list[Arg] | None:
        """The argv of ``word`` when it is one plain ``$(command ...)`` and nothing else."""
        if len(word.parts) != 1 or word.parts[0].kind != "sub" or not word.parts[0].script:
            return None
        script = word.parts[0].script
        if len(script) != 1 or script[0].redirs or script[0].assigns or script[0].nested:
            return None
        return self.argv(script[0].words)

    def lists_tracked_files(self, word: Word) -> bool:
        """Whether ``word`` is ``$(git ls-files ...)`` or ``$(git diff --name-only ...)``."""
        argv = self.substituted_argv(word) or []
        if argv[:2] == ["git", "ls-files"] or argv[:3] == ["git", "diff", "--name-only"]:
            return tracked_only(argv[2:])
        return False

    def found_files(self, word: Word) -> tuple[Arg, ...] | None:
        """What ``$(find DIR... -name PAT -type f)`` prints, listed now; None when unbounded.

        Only find's name and type tests, below directories this command has not written to,
        so the listing now is the listing then. Every name is then checked as itself.
        """
        argv = self.substituted_argv(word)
        if not argv or argv[0] != "find" or any(arg.unknown or arg.glob for arg in argv[1:2]):
            return None
        words = list(argv[1:])
        starts: list[Arg] = []
        while words and not words[0].startswith(("-", "(", "!")):
            starts.append(words.pop(0))
        names: list[str] = []
        kinds = "fd"
        while words:
            test = words.pop(0)
            if test not in FOUND_TESTS or not words or words[0].unknown:
                return None  # -exec, -newer, -o...: not followed
            value = str(words.pop(0))
            if test in ("-name", "-iname"):
                names.append(f"{test}:{value}")
            elif value not in ("f", "d"):
                return None
            else:
                kinds = value
        found: list[Arg] = []
        listed = 0
        for start in starts or [Arg(".")]:
            root = self.absolute(start)
            if start.unknown or start.glob or root is None or not os.path.isdir(root):
                return None
            if self.wrote_under(root):
                return None
            for directory, subdirectories, files in os.walk(root):
                self.budget.check()
                listed += 1
                if listed > GLOB_MAX_LISTINGS:
                    return None
                entries = (files if "f" in kinds else []) + (subdirectories if "d" in kinds else [])
                for entry in entries:
                    if all(_found_name(entry, name) for name in names):
                        shown = os.path.relpath(os.path.join(directory, entry), root)
                        found.append(Arg(f"{str(start).rstrip('/')}/{shown}"))
                if len(found) > GLOB_MAX_MATCHES:
                    return None
        return tuple(found)

    def loop_candidates(self, word: Word) -> tuple[Arg, ...] | None:
        """Every field ``word`` may become when its one unknown part is a loop variable."""
        unknown = [p for p in word.parts if p.kind != "lit"]
        if len(unknown) != 1 or unknown[0].kind != "var" or unknown[0].op:
            return None
        name = unknown[0].text
        values = self.loop_values.get(name)
        if values is None or self.vars.get(name, "") is not None:
            return None
        candidates: list[Arg] = []
        try:
            for value in values:
                if value.unknown:  # a tracked file's name: read anything, write nothing known
                    candidates.append(Arg(UNKNOWN, unknown=True, candidates=()))
                    continue
                self.vars[name] = str(value)
                # A glob in the loop's words stands for what it matches, quoted "$f" or not.
                candidates += [Arg(a, glob=a.glob or value.glob) for a in self.expand(word)]
        finally:
            self.vars[name] = None
        return tuple(candidates)

    def argv(self, words: Sequence[Word]) -> list[Arg]:
        return [field for word in words for field in self.expand(word)]

    def static_output(self, script: list[Cmd]) -> str | None:
        """What ``$(echo ...)``, ``$(printf '%s' ...)`` or ``$(pwd)`` prints, when knowable."""
        if len(script) != 1:
            return None
        cmd = script[0]
        if cmd.redirs or cmd.assigns or cmd.pipe_from or cmd.nested:
            return None
        argv = self.argv(cmd.words)
        if cmd.stdin:
            texts = [arg for word in cmd.stdin for arg in self.expand_stdin(word)]
            if argv == ["cat"] and not any(t.unknown for t in texts):
                return "\n".join(texts)
            return None
        if not argv or any(arg.opaque for arg in argv):
            return None
        if argv == ["pwd"]:
            return self.cwd
        if argv[0] == "mktemp":
            # The temp directory this command sets (export TMPDIR=src), else the one it inherits.
            tmpdir = self.vars["TMPDIR"] if "TMPDIR" in self.vars else os.environ.get("TMPDIR", "")
            return None if tmpdir is None else _mktemp_path(argv[1:], self.cwd, tmpdir)
        if argv == ["git", "rev-parse", "--show-toplevel"] and self.cwd == self.project:
            # At the root only: below it, a repository this command makes is the top level.
            return self.project
        echo_option = any(a.startswith("-") for a in argv[1:2])
        if argv[0] == "echo" and not echo_option and not any("\\" in a for a in argv[1:]):
            # No backslash: echo turns 'sr\0143' into src under xpg_echo and in sh.
            return " ".join(argv[1:])
        if argv[0] == "printf" and len(argv) >= 2 and argv[1] in PRINTF_JOINS:
            # printf repeats its format for each argument: `printf %s s rc` prints "src". The
            # substitution drops trailing newlines.
            return PRINTF_JOINS[argv[1]].join(argv[2:]) + (" " if argv[1] == "%s " else "")
        return None

    # -- paths ----------------------------------------------------------------------------------

    def absolute(self, arg: Arg) -> str | None:
        """``arg`` as an absolute, normalised path; None when it cannot be known.

        A path through a link that an earlier part of this command makes (``ln -s``,
        ``cp -s``, ``cp -l``) is the path it will reach when it runs.
        """
        if arg.unknown or arg.startswith("~"):
            return None  # ~user, or a ~ the parser left literal
        found = self.physical(arg if os.path.isabs(arg) else os.path.join(self.cwd or "", arg))
        if found is None or not os.path.isabs(found):
            return None  # through a descriptor or another process, or from an unknown directory
        is_view, resolved = self.view_target(found)
        if is_view:
            if resolved is None:
                return None
            found = resolved
        path = found
        alias = _PROC_ALIAS.match(path)
        if alias is not None:
            # /proc/self/root/x is /x and /proc/self/cwd/x is ./x: the kernel resolves them.
            if alias.group(2) == "cwd":
                if self.cwd is None or alias.group(1) not in ("self", "thread-self"):
                    return None
                path = os.path.normpath(self.cwd + "/" + (alias.group(3) or "").lstrip("/"))
            else:
                path = "/" + os.path.normpath(alias.group(3) or "/").lstrip("/")
        for link, target in self.links.items():
            if path == link or path.startswith(link + "/"):
                return target + path[len(link) :]
        return path

    def physical(self, path: str) -> str | None:
        """``path`` normalised as the kernel walks it: each ``..`` leaves the directory the
        names before it lead to, through links (``/dev/fd/..`` is ``/proc/self``, and
        ``link/..`` is the parent of the link's target), not the text before it."""
        parts = path.split("/")
        if ".." not in parts:
            return os.path.normpath(path)
        current = "/"
        for part in parts:
            if part in ("", "."):
                continue
            if part == "..":
                made_link = any(current == k or current.startswith(k + "/") for k in self.links)
                if not made_link and not os.path.lexists(current) and self.wrote(current):
                    # Not there yet: a program this command runs may make it a link (rsync -l,
                    # tar), and NAME/.. is then the parent of wherever that leads.
                    return None
                followed = self.followed(current)
                if followed is None:
                    return None
                current = os.path.dirname(followed)
            else:
                current = os.path.join(current, part)
        return os.path.normpath(current)

    def view_target(self, path: str) -> tuple[bool, str | None]:
        """Whether ``path`` is in a process's view of itself, and where it leads for the
        command (None: nowhere the guard can know, such as below a descriptor).

        The hook's own /proc/self is not the command's: /proc/self/cwd is the command's
        directory, /dev/fd/3 whatever the command opened as 3 (a directory, after exec 3<src).
        """
        view = _PROCESS_VIEW.match(path)
        if view is None:
            return False, None
        device, process, entry, rest = view.groups()
        if process is not None and process not in ("self", "thread-self"):
            return True, None  # another process's view
        if entry == "cwd":
            if self.cwd is None:
                return True, None
            return True, os.path.normpath(os.path.join(self.cwd, rest or "."))
        if entry == "root":
            return True, os.path.normpath("/" + (rest or ""))
        streams = {"stdin": "0", "stdout": "1", "stderr": "2"}
        if device in streams:
            if rest:
                return True, None  # /dev/stdin/x: below whatever the input is
            rest = streams[device]
        if rest is None or rest.isdigit():
            return True, "/proc/self/fd" + (f"/{rest}" if rest else "")
        # A name below a descriptor (/dev/fd/3/x): it is decided by what the command opens,
        # not by the hook's own descriptors.
        return True, None

    def followed(self, path: str) -> str | None:
        """Where ``path`` leads: through a link this command makes, else the file system's;
        None when only the running command knows (a descriptor, another process)."""
        is_view, resolved = self.view_target(path)
        if is_view:
            if resolved is None or resolved.startswith("/proc/self/fd/"):
                return None  # /dev/fd/3/..: the parent of whatever 3 is
            return resolved
        for link, target in self.links.items():
            if path == link or path.startswith(link + "/"):
                path = target + path[len(link) :]
                break
        real = os.path.realpath(path)
        # /proc/self is the hook's own process here; in the command it is the command's.
        own = f"/proc/{os.getpid()}"
        if real == own or real.startswith(own + "/"):
            real = "/proc/self" + real[len(own) :]
        return real

    def guessed_path(self, arg: Arg) -> str | None:
        """A relative ``arg`` read from the project root, when the real directory is unknown."""
        if arg.unknown or arg.startswith("~") or os.path.isabs(arg):
            return None
        return os.path.normpath(os.path.join(self.project, arg))

    def remember_link(self, link: Arg, target: Arg) -> None:
        """``link`` will lead to ``target``: later words through it are checked as the target."""
        link_path = self.absolute(link)
        target_path = self.absolute(target)
        if link_path is not None and target_path is not None:
            self.remember_link_path(link_path, target_path)

    def remember_link_path(self, link_path: str, target_path: str) -> None:
        """A link made at ``link_path`` (or in it, when it is a directory) to ``target_path``."""
        if os.path.isdir(link_path) and not os.path.islink(link_path):
            link_path = os.path.join(link_path, os.path.basename(target_path))
        self.links[link_path] = target_path

    def protected_entry(self, path: str) -> protected.ProtectedPath | None:
        """The protected entry ``path`` reaches, through symlinks and hard links too."""
        entry = protected.classify(path, self.project, self.home)
        if entry is not None:
            return entry
        real = os.path.realpath(path)
        if real != path:
            entry = protected.classify(real, os.path.realpath(self.project), self.home)
            if entry is not None:
                return entry
        return self.hard_linked(path)

    def hard_linked(self, path: str) -> protected.ProtectedPath | None:
        """A protected file that ``path`` is a second name of (a hard link)."""
        try:
            info = os.stat(path)
        except OSError:
            return None
        if info.st_nlink < 2:
            return None
        for entry, candidate in protected_files(self.project, self.home):
            try:
                other = os.stat(candidate)
            except OSError:
                continue
            if os.path.samestat(other, info):
                return entry
        return None

    def check_write(self, arg: Arg, *, what: str = "overwrite", delete: bool = False) -> None:
        """Writes, deletions, moves, mode changes and links: refuse protected, ask unknown."""
        self.budget.check()
        if arg in _FD_PATHS or _DESCRIPTOR.fullmatch(arg):
            if self.opened:
                # /dev/stdout or /dev/fd/3 reopens whatever that descriptor is, and this
                # command opens files onto descriptors (exec 3<README.md; : > /dev/fd/3).
                self.flag(
                    "unknown-word",
                    f"{arg} may be a file this command opens with < or <>, and writing to it "
                    "would overwrite that file",
                )
            return
        if arg in DEVICES:
            return
        if arg.unknown and arg.candidates:
            # A loop variable's every value (each a path the loop's words name or match).
            for candidate in arg.candidates:
                self.check_write(candidate, what=what, delete=delete)
            return
        target = None if arg.unknown or arg.glob else self.absolute(arg)
        self.write_targets.append(target)
        if target is not None:
            # Whatever checks "written by this command" (a script run after cp put it there,
            # patch -i, make -f) sees every write the guard checks, not only redirections.
            self.written.add(target)
        key = (str(arg), arg.unknown, arg.glob, what, delete, self.cwd, len(self.links))
        if key in self.checked:
            return  # the same word checked the same way already: same answer
        self.checked.add(key)
        if arg.glob and not arg.unknown:
            self.check_glob(arg, what)
            return
        path = self.absolute(arg)
        if path is None:
            self.flag("unknown-word", f"cannot tell which path this command will {what}")
            return
        entry = self.protected_entry(path)
        if entry is not None and not (delete and _stale_git_lock(entry, path)):
            self.flag_protected(entry, what, path)
            return
        if (
            not self.inside_project_or_temp(path)
            or other_repository(path, self.project)
            or self.in_home_outside_project(path)
        ):
            self.flag("write-outside-project", f"it would {what} {path}, outside the project")
            return
        if delete or what in REPLACING:
            self.check_uncommitted(path, what, tree=delete and os.path.isdir(path))

    def check_glob(self, arg: Arg, what: str) -> None:
        """A glob: refused when it can match a guard file, else each current match is checked."""
        pattern = self.absolute(arg)
        if pattern is None or pattern.startswith(_PROCESS_VIEWS):
            self.flag("unknown-word", f"cannot tell which paths this command will {what}")
            return
        # fnmatch's * also crosses "/" and matches dotfiles: stricter than bash, on purpose.
        for entry, candidate in protected_targets(self.project, self.home):
            if fnmatch.fnmatchcase(candidate.lower(), pattern.lower()):
                self.flag_protected(entry, what, candidate)
                return
        matches = bounded_glob(pattern, self.budget, globstar=self.globstar)
        if matches is None:
            self.flag(
                "unknown-word", f"a glob decides which of many files this command will {what}"
            )
            return
        for match in matches:
            self.check_write(Arg(match), what=what, delete=what in ("delete", "destroy"))

    def flag_protected(self, entry: protected.ProtectedPath, what: str, path: str) -> None:
        rule = "write-protected" if entry.decision == DENY else "write-review"
        shown = self.show(path)
        self.flag(rule, f"it would {what} {shown}, which is {entry.what} ({entry.rule})")

    def check_read(self, arg: Arg, *, contains: bool = False) -> None:
        """Reading a local secret (``.env``, ``~/.ssh``...), directly or inside a directory."""
        self.budget.check()
        if arg.glob and not arg.unknown:
            pattern = self.absolute(arg) or self.guessed_path(arg)
            if pattern is not None and pattern.startswith(_PROCESS_VIEWS):
                self.flag("unknown-word", f"{arg} matches what the command's own process sees")
                return
            matches = bounded_glob(pattern, self.budget, globstar=self.globstar) if pattern else []
            if matches is None:
                self.flag("unknown-word", "a glob decides which of many files this command reads")
                return
            for match in matches:
                self.check_read(Arg(match), contains=contains)
            return
        if arg.unknown and arg.candidates is not None:
            for candidate in arg.candidates:
                self.check_read(candidate, contains=contains)
            return
        if arg.opaque:
            what = "copies or sends" if contains else "reads"
            self.flag("unknown-word", f"cannot tell which files this command {what}")
            return
        path = self.absolute(arg)
        if path is None and arg.startswith("~"):
            self.flag("unknown-word", f"cannot tell what {arg.split('/')[0]} is (another home)")
            return
        if path is None and (os.path.isabs(arg) or self.cwd is not None):
            # /proc/1234/cwd/.env: another process's directory, which the guard cannot see.
            self.flag("unknown-word", f"cannot tell which file {arg} leads to")
            return
        if path is None:
            # The directory is unknown (a cd that may or may not have run): judge the path as
            # if it ran from the project root, where the local secrets are.
            path = self.guessed_path(arg)
            if path is None:
                return
        entry = protected.classify_read(path, self.project, self.home, contains=contains)
        if entry is None:
            real = os.path.realpath(path)
            if real != path:
                entry = protected.classify_read(real, self.project, self.home, contains=contains)
        if entry is not None:
            self.flag("read-secret", f"it would read {self.show(path)}, {entry.what}")

    def in_home_outside_project(self, path: str) -> bool:
        """The home directory is never scratch space, even when it lies under a temp root."""
        project = self.project.rstrip("/") + "/"
        home = self.home.rstrip("/") + "/"
        inside_project = path == self.project or path.startswith(project)
        return bool(self.home) and path.startswith(home) and not inside_project

    def is_secret(self, text: str) -> bool:
        """Whether reading the literal path ``text`` would read a local secret."""
        path = self.absolute(Arg(text))
        return path is not None and (
            protected.classify_read(path, self.project, self.home) is not None
        )

    def inside_project_or_temp(self, path: str) -> bool:
        roots = [self.project, *TEMP_ROOTS]
        tmpdir = os.environ.get("TMPDIR", "")
        if os.path.isabs(tmpdir):
            roots.append(os.path.normpath(tmpdir))
        return any(path == root or path.startswith(root.rstrip("/") + "/") for root in roots)

    def check_uncommitted(self, path: str, what: str, *, tree: bool = False) -> None:
        """Deleting or overwriting the only copy of uncommitted work asks a person first.

        A whole tree that git tracks asks too: the files come back from git, the hours of
        someone rebuilding a deleted source tree do not.
        """
        if not path.startswith(self.project.rstrip("/") + "/") or not os.path.lexists(path):
            return
        if not os.path.isdir(os.path.join(self.project, ".git")):
            return
        changed = uncommitted(self.project, path, self.budget, tree=tree)
        if changed is None:
            self.flag(
                "unknown-word", f"cannot tell whether {self.show(path)} holds uncommitted work"
            )
        elif changed:
            self.flag(
                "discard-uncommitted",
                f"it would {what} {self.show(path)}, which holds uncommitted work "
                f"({changed}); commit or stash it first",
            )

    def show(self, path: str) -> str:
        if path.startswith(self.project.rstrip("/") + "/"):
            return path[len(self.project.rstrip("/")) + 1 :]
        return path

    # -- walking --------------------------------------------------------------------------------

    def run_text(self, text: str, what: str) -> None:
        """Parse and check ``text`` as shell code (``bash -c``, ``eval``, a script file)."""
        if self.depth >= MAX_DEPTH:
            self.flag("unparseable-command", "shells nest more than 12 levels deep")
        if len(text) > MAX_COMMAND_CHARS:
            self.flag("unparseable-command", f"the {what} is larger than the guard reads")
        try:
            script, functions = parse(text, self.depth + 1)
        except ParseError as exc:
            self.flag("unparseable-command", f"the {what} cannot be parsed ({exc})")
            return
        self.functions.update(functions)
        saved_cwd = self.cwd
        self.depth += 1
        try:
            self.run_script(script)
        finally:
            self.depth -= 1
            self.cwd = saved_cwd

    def run_script(self, script: list[Cmd]) -> None:
        if self.opened is None:
            self.opened = set()
            _opened_files(script, self.opened)
        # Input given to a group, a subshell or a loop (`{ ...; } <<< TEXT`, `done < FILE`)
        # is read by the commands inside it: the parser hangs it on the closing word.
        self.group_input = self.group_input or any(
            (not cmd.words or cmd.words[0].literal() in _CLOSERS)
            and (cmd.stdin or any(op in ("<", "<>") for op, _ in cmd.redirs))
            for cmd in script
        )
        for cmd in script:
            self.run_cmd(cmd)

    def run_cmd(self, cmd: Cmd) -> None:
        self.budget.check()
        if self.chain_cwd and cmd.before != "&&":
            self.cwd = None  # the && chain a cd began has ended; which directory is unknown
            self.chain_cwd = False
        self.current = cmd
        self.conditional = False
        if cmd.before.endswith("(("):  # ``(( expression ))``
            self.check_arithmetic(" ".join(word.literal() for word in cmd.words))
        for nested in cmd.nested:  # substitutions run before the command itself
            self.depth += 1
            try:
                self.run_script(nested)
            finally:
                self.depth -= 1
        env: dict[str, Arg] = {}
        for name, word in cmd.assigns:
            fields = self.expand(word)
            value = Arg(" ".join(fields), unknown=any(f.unknown for f in fields))
            env[name] = value
            check_assignment(self, name, value)
        for op, target in cmd.redirs:
            for field in self.expand(target):
                if op in ("<", "<&") and not field.isdigit():
                    self.check_read(field)
                elif op in (">", ">|", "&>", "<>"):  # <> writes over the file's start
                    self.check_write(field, what="overwrite")
                elif op in (">>", "&>>"):
                    self.check_write(field, what="append to")
                elif op == ">&" and not field.isdigit() and field != "-":
                    self.check_write(field, what="overwrite")
                if op not in ("<", "<&") and not field.opaque:
                    path = self.absolute(field)
                    if path is not None:
                        self.written.add(path)
        argv = self.argv(cmd.words)
        if not argv:
            for name, value in env.items():  # a standalone assignment sets a shell variable
                self.assign(name, None if value.unknown else str(value))
            return
        stdin = [arg for word in cmd.stdin for arg in self.expand_stdin(word)]
        self.dispatch(argv, env, stdin, cmd.pipe_from)

    def expand_stdin(self, word: Word) -> list[Arg]:
        """A here-document's text: literal, or unknown when it expands something unknowable."""
        pieces: list[str] = []
        unknown = False
        for part in word.parts:
            if part.kind == "lit":
                pieces.append(part.text)
            else:
                value = self.part_value(part)
                unknown = unknown or value is None
                pieces.append(UNKNOWN if value is None else value)
        return [Arg("".join(pieces), unknown=unknown)]

    def dispatch(
        self, argv: list[Arg], env: dict[str, Arg], stdin: list[Arg], piped: Cmd | None
    ) -> None:
        """Check one command: the handler of its name, or the rules for unknown programs."""
        self.budget.check()
        while argv:
            head = argv[0]
            if head.opaque:
                self.flag("unknown-command", "the command name is decided only when it runs")
                return
            name = head.rsplit("/", 1)[-1]
            if name in RESERVED_PREFIX:
                self.conditional = True  # inside if/while/{...}: the guard does not follow it
                # ``coproc NAME { ...; }``: NAME names the coprocess; the group is the command.
                named = name == "coproc" and len(argv) > 2 and argv[2] in ("{", "(")
                argv = argv[2:] if named else argv[1:]
                continue
            if name in LOOP_HEADERS:
                # What follows runs any number of times, or not at all.
                self.conditional = True
                # ``for NAME in WORDS``: NAME takes values the guard does not follow (but knows
                # to be plain words when every WORD is: arithmetic on it is then harmless).
                if len(argv) > 1 and not argv[1].opaque:
                    self.assign(str(argv[1]), None)
                    words = argv[3:] if len(argv) > 2 and argv[2] == "in" else []
                    if words and not any(w.opaque or _CODE_CHARS.search(w) for w in words):
                        self.plain_vars.add(str(argv[1]))
                    if (
                        name != "case"
                        and words
                        and all(not w.unknown or w.candidates == () for w in words)
                    ):
                        # Known words, and $(git ls-files) (names of tracked files).
                        self.loop_values[str(argv[1])] = tuple(words)
                return
            break
        if not argv:
            return
        head = argv[0]
        name = head.rsplit("/", 1)[-1]
        if name in self.functions:
            self.flag("unknown-command", f"'{name}' is a function defined in this command")
            return
        if name in EVALUATING_BUILTINS:
            for arg in argv[1:]:
                if _CODE_CHARS.search(arg):
                    self.flag(
                        "unknown-word",
                        f"{name} evaluates subscripts and arithmetic in its arguments, and "
                        f"'{arg[:40]}' may run a command there",
                    )
                    return
                if name == "let":
                    self.check_arithmetic(arg)
        if "/" in head:
            path = self.absolute(head)
            if path is None or self.wrote_under(path):
                self.flag("unknown-command", "it runs a program this command writes or names")
                return
        if name.startswith("git-") and len(name) > 4:
            # git's own programs (``/usr/lib/git-core/git-push``, a link named ``git-reset``)
            # act by the name they are run as: each is ``git SUBCOMMAND``.
            argv = [Arg("git"), Arg(name[4:]), *argv[1:]]
            head, name = argv[0], "git"
        if "/" in head:
            path = self.absolute(head) or ""
            if is_shell_script(path):
                self.run_script_file(path, argv[1:])
                return
        found = handler_for(name)
        loader = found[0] if found is not None else name
        if name in CODE_LOADERS or loader in CODE_LOADERS or _versionless(name) in CODE_LOADERS:
            self.check_written_code(loader)
        elif "/" not in head and self.wrote_program(name):
            self.flag(
                "run-written-code",
                f"it writes a program named {name} into a directory of programs and then runs "
                f"{name}; write it first (so it can be reviewed), then run",
            )
            return
        if found is not None:
            canonical, handler = found
            handler(Call(self, canonical, argv[1:], env, stdin, piped))
            return
        call = Call(self, name, argv[1:], env, stdin, piped)
        program = self.absolute(head) if "/" in head else shutil.which(str(head))
        known = impersonated(program) if program else None
        if known is not None:
            # A copy or a link of git (or of a shell...) under another name acts as git does.
            self.dispatch([Arg(known), *argv[1:]], env, stdin, piped)
            return
        unknown_program(call)

    def cd_is_certain(self) -> bool:
        """Whether a ``cd`` surely moves the commands that follow it.

        Only a cd that always runs does: not in a subshell, a pipeline, the background or a
        substitution, not after ``&&``/``||`` or inside if/while/{...}. Anywhere else the later
        commands may run here or there, and the guard treats their directory as unknown.
        """
        cmd = self.current
        if cmd is None or self.depth > 0 or self.conditional or cmd.level > 0:
            return False
        if cmd.pipe_from is not None or cmd.after in ("|", "&"):
            return False
        return all(char in ";\n" for char in cmd.before)

    def wrote(self, path: str) -> bool:
        """Whether this command may have written the file ``path``: itself, or a directory it
        copies or moves files into (cp -rT DIR docs, mv FILE docs/), or somewhere unknown."""
        if None in self.write_targets:
            return True
        targets = {*self.written, *(t for t in self.write_targets if t is not None)}
        return any(t == path or path.startswith(t.rstrip("/") + "/") for t in targets)

    def wrote_under(self, path: str) -> bool:
        """Whether this command wrote ``path`` or something below it (or somewhere unknown)."""
        if None in self.write_targets:
            return True
        targets = {*self.written, *(t for t in self.write_targets if t is not None)}
        return any(t == path or t.startswith(path.rstrip("/") + "/") for t in targets)

    def wrote_config(self, names: frozenset[str]) -> bool:
        """Whether this command wrote a file with one of ``names`` (or somewhere unknown)."""
        if None in self.write_targets:
            return True
        targets = {*self.written, *(t for t in self.write_targets if t is not None)}
        return any(os.path.basename(path) in names for path in targets)

    def wrote_program(self, name: str) -> bool:
        """Whether this command wrote a file ``name`` into a bin directory (``.venv/bin``...)."""
        targets = {*self.written, *(t for t in self.write_targets if t is not None)}
        return any(
            os.path.basename(path) == name
            and os.path.basename(os.path.dirname(path)) in ("bin", ".bin", "Scripts")
            for path in targets
        )

    def check_written_code(self, program: str) -> None:
        """A program that loads project code runs after this command wrote code: ask.

        Written means by any means the guard checks: a redirection, tee, cp, sed -i, mv...; a
        directory written into counts too (cp -r x tests/).
        """
        written = self.written_code()
        if written is None:
            return
        if written == UNKNOWN:
            self.flag("run-written-code", f"it writes somewhere unknown and then runs {program}")
            return
        self.flag(
            "run-written-code",
            f"it writes {self.show(written)} and then runs {program}, which may load it; "
            "write the file first (so it can be reviewed), then run",
        )

    def written_code(self) -> str | None:
        """The first code file or directory this command writes (UNKNOWN: somewhere unknown)."""
        if None in self.write_targets:
            return UNKNOWN
        targets = {*self.written, *(t for t in self.write_targets if t is not None)}
        for path in sorted(targets):
            if is_code_file(path) or os.path.isdir(path):
                return path
        return None

    def run_script_file(self, path: str, args: Sequence[Arg]) -> None:
        """A shell script run by path or by ``bash FILE``: check its text like a command."""
        del args  # positional parameters inside the script are unknown anyway
        if self.wrote(path):
            self.flag("unknown-word", "it runs a script that this same command writes")
            return
        try:
            if os.path.getsize(path) > MAX_SCRIPT_FILE_BYTES:
                self.flag("unknown-word", "the script is too large for the guard to read")
                return
            with open(path, encoding="utf-8", errors="replace") as handle:
                text = handle.read()
        except OSError:
            self.flag("unknown-word", "the script it runs cannot be read")
            return
        self.run_text(text, "script")


def other_repository(path: str, project: str) -> bool:
    """Whether ``path`` lies in a git repository other than the project (a bare remote, say)."""
    if path == project or path.startswith(project.rstrip("/") + "/"):
        return False
    current = path
    while current not in ("/", ""):
        if os.path.exists(os.path.join(current, ".git")) or (
            os.path.isfile(os.path.join(current, "HEAD"))
            and os.path.isdir(os.path.join(current, "refs"))
        ):
            return True
        current = os.path.dirname(current)
    return False


def _stale_git_lock(entry: protected.ProtectedPath, path: str) -> bool:
    """Removing a lock file a crashed git left behind is everyday work, not tampering."""
    return entry.rule == "guard-git-internals" and path.endswith(".lock") and "/hooks/" not in path


def _unquote(text: str) -> str:
    return "".join(_UNQUOTED.get(c, c) for c in text)


def _has_glob(text: str) -> bool:
    return "*" in text or "?" in text or re.search(r"\[[^\]]+\]", text) is not None


def _versionless(name: str) -> str:
    """``python3.12`` -> ``python3``, ``pip3.11`` -> ``pip3``: version-suffixed interpreters."""
    return re.sub(r"(\d)\.\d+$", r"\1", name)


# Names under which Debian installs or chooses a program the guard has a handler for.
ALIASES = {
    "editor": "vim",
    "sensible-editor": "vim",
    "select-editor": "vim",
    "rvim": "vim",
    "make-first-existing-target": "make",
    "gmake": "make",
}


def handler_for(name: str) -> tuple[str, Callable[[Call], None]] | None:
    """The handler of ``name`` and the name it knows it by: the name itself, its versionless
    name (``tclsh8.6``), its Debian variant (``vim.basic``) or what an alias stands for."""
    for candidate in (
        name,
        _versionless(name),
        re.sub(r"[\d.]+$", "", name),
        name.split(".", 1)[0],
        ALIASES.get(name, ""),
    ):
        handler = HANDLERS.get(candidate)
        if handler is not None:
            return candidate, handler
    return None


# The tests of find the guard follows in $(find ...) (see Analyzer.found_files).
FOUND_TESTS = frozenset({"-name", "-iname", "-type"})


def _found_name(entry: str, test: str) -> bool:
    kind, _, pattern = test.partition(":")
    return find_matches(entry, find_pattern(pattern, fold=kind == "-iname"))


FOLDED = "\x01"  # marks a find pattern that matches without regard to case (-iname, -ipath)


def find_pattern(pattern: str, *, fold: bool) -> str:
    """A find test's pattern as the guard keeps it: -iname's and -ipath's marked as folded."""
    return FOLDED + pattern if fold else pattern


def find_matches(text: str, pattern: str) -> bool:
    """Whether find's glob ``pattern`` matches ``text`` as find (fnmatch(3)) does: ``[^...]``
    negates a class as ``[!...]`` does (Python's fnmatch reads ^ as a member), and a folded
    pattern ignores case."""
    if pattern.startswith(FOLDED):
        text, pattern = text.lower(), pattern[1:].lower()
    return fnmatch.fnmatchcase(text, re.sub(r"\[\^", "[!", pattern))


GLOB_MAX_LISTINGS = 400  # directories one glob may list before the guard stops counting
GLOB_MAX_MATCHES = 200


def bounded_glob(pattern: str, budget: Budget, *, globstar: bool = False) -> list[str] | None:
    """What bash expands an absolute ``pattern`` to now, or None when that is too much to list.

    ``glob.glob`` cannot be stopped: ``/*/*/*/*/*/*/*/*`` lists the whole machine, long past
    the hook's timeout (and a hook that times out lets the command run). This walk lists one
    directory at a time, checks the budget between listings and gives up past a fixed count.
    Hidden names match only a pattern part that starts with a dot, as in bash.
    """
    parts = [part for part in pattern.split("/") if part]
    paths = ["/"]
    listed = 0
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        found: list[str] = []
        if part == "**" and globstar:
            # Every directory at any depth below (and including) each base, as bash does.
            expanded: list[str] = []
            for base in paths:
                for directory, subdirectories, _ in os.walk(base):
                    budget.check()
                    listed += 1
                    if listed > GLOB_MAX_LISTINGS:
                        return None
                    subdirectories[:] = [d for d in subdirectories if not d.startswith(".")]
                    expanded.append(directory)
            paths = sorted(expanded)
            continue
        for base in paths:
            if not _has_glob(part):
                candidate = os.path.join(base, part)
                if os.path.lexists(candidate) if last else os.path.isdir(candidate):
                    found.append(candidate)
                continue
            budget.check()
            listed += 1
            if listed > GLOB_MAX_LISTINGS:
                return None
            try:
                names = os.listdir(base)
            except OSError:
                continue
            for name in names:
                if name.startswith(".") and not part.startswith("."):
                    continue
                if fnmatch.fnmatchcase(name, part):
                    candidate = os.path.join(base, name)
                    if last or os.path.isdir(candidate):
                        found.append(candidate)
            if len(found) > GLOB_MAX_MATCHES:
                return None
        paths = sorted(found)
        if not paths:
            return []
    return paths


# Builtins that evaluate their arguments' array subscripts or arithmetic (test -v 'a[$(cmd)]').
EVALUATING_BUILTINS = frozenset(
    {"let", "declare", "typeset", "local", "export", "readonly", "read", "printf", "test", "["}
    | {"[[", "unset", "mapfile", "readarray", "getopts", "printf", "wait", "shift", "return"}
    | {"exit", "ulimit"}
)
_CODE_CHARS = re.compile(r"\$\(|`|\$\{|\$\[|\[\$")
_NAME_IN_EXPRESSION = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


_FD_PATHS = frozenset({"/dev/stdout", "/dev/stderr", "/dev/stdin"})


def _opened_files(script: list[Cmd], found: set[str]) -> None:
    """Every file a command of ``script`` (or a substitution in it) opens with < or <>."""
    for cmd in script:
        for op, target in cmd.redirs:
            text = target.literal()
            if op in ("<", "<>") and text not in DEVICES and not text.isdigit():
                found.add(text)
        for nested in cmd.nested:
            _opened_files(nested, found)


def is_code_file(path: str) -> bool:
    """A file a program may load as code or configuration when it runs in the project."""
    name = os.path.basename(path)
    return name in CODE_FILE_NAMES or os.path.splitext(name)[1] in CODE_SUFFIXES


# Programs an agent could copy or link under another name to escape their own rules.
IMPERSONATED = ("git", "bash", "sh", "dash", "zsh", "busybox", "python3", "perl", "node", "env")
IMPERSONATED_TOOLS = ("rm", "find", "curl", "wget", "tar", "cp", "mv", "sed", "ln", "rsync")


def impersonated(path: str) -> str | None:
    """The known program that ``path`` is a link or a copy of, if any (same file, same bytes)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode) or info.st_size == 0:
        return None
    for name in (*IMPERSONATED, *IMPERSONATED_TOOLS):
        known = shutil.which(name)
        if known is None:
            continue
        try:
            other = os.stat(known)
        except OSError:
            continue
        if os.path.samestat(other, info):
            return name
        if other.st_size == info.st_size and _same_start(path, known):
            return name
    return None


def _same_start(first: str, second: str, size: int = 65536) -> bool:
    try:
        with open(first, "rb") as one, open(second, "rb") as other:
            return one.read(size) == other.read(size)
    except OSError:
        return False


def is_shell_script(path: str) -> bool:
    """Whether ``path`` is a text file that a shell runs (a shell shebang, or none)."""
    try:
        with open(path, "rb") as handle:
            first = handle.readline(200)
    except OSError:
        return False
    if not first.startswith(b"#!"):
        return first[:1] != b"\x7f"  # no shebang and not ELF: the shell runs it
    interpreter = first[2:].decode("ascii", "replace").split()
    names = [os.path.basename(part) for part in interpreter[:2]]
    return any(name in SHELLS for name in names)


def uncommitted(project: str, path: str, budget: Budget, *, tree: bool = False) -> str | None:
    """``"modified"``/``"untracked"`` when ``path`` holds uncommitted work, ``""`` when not;
    with ``tree``, ``"tracked files"`` when the directory holds any file git tracks."""
    if tree:
        listed = _git_lines(project, ["ls-files", "--", path], budget)
        if listed is None:
            return None
        if listed:
            return "tracked files"
    lines = _git_lines(
        project, ["status", "--porcelain", "--untracked-files=all", "--", path], budget
    )
    if lines is None:
        return None
    states = {line[:2] for line in lines}
    if "??" in states:
        return "untracked"
    return "modified" if states else ""


def changed_paths(project: str, path: str, budget: Budget) -> list[str] | None:
    """The project-relative paths under ``path`` with uncommitted work (None: unknown)."""
    lines = _git_lines(
        project, ["status", "--porcelain", "--untracked-files=all", "--", path], budget
    )
    return None if lines is None else [line[3:] for line in lines]


def _git_lines(project: str, args: list[str], budget: Budget) -> list[str] | None:
    """The output lines of a read-only git command in ``project``; None when it fails."""
    import subprocess

    timeout = max(0.1, min(budget.left() - 0.2, 1.5))
    try:
        result = subprocess.run(  # noqa: S603 - a fixed argv; the path is one argument
            ["git", *args],  # noqa: S607
            cwd=project,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"},
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return [] if "not a git repository" in result.stderr else None
    return result.stdout.splitlines()


_PROTECTED_FILES: dict[tuple[str, str], list[tuple[protected.ProtectedPath, str]]] = {}


def protected_files(project: str, home: str) -> list[tuple[protected.ProtectedPath, str]]:
    """Every existing protected file (bounded), for hard-link comparison."""
    key = (project, home)
    if key not in _PROTECTED_FILES:
        found: list[tuple[protected.ProtectedPath, str]] = []
        for entry, root in protected_targets(project, home):
            if len(found) > 4000:
                break
            if entry.tree and os.path.isdir(root):
                for directory, _, files in os.walk(root):
                    found.extend((entry, os.path.join(directory, name)) for name in files)
            elif os.path.isfile(root):
                found.append((entry, root))
        _PROTECTED_FILES[key] = found
    return _PROTECTED_FILES[key]


def protected_targets(project: str, home: str) -> list[tuple[protected.ProtectedPath, str]]:
    """Each protected entry with its absolute path (the tree's root for trees)."""
    targets = []
    for entry in protected.PROTECTED:
        base = home if entry.home else project
        if base:
            targets.append((entry, os.path.join(base, entry.path)))
    targets.append((protected.PROJECT_ROOT, project))
    return targets


# ---------------------------------------------------------------------------------------------
# Command tables

SHELLS = frozenset({"bash", "sh", "zsh", "dash", "ksh", "mksh", "ash", "fish", "rbash", "yash"})
RESERVED_PREFIX = frozenset(
    {"!", "{", "}", "then", "else", "elif", "do", "if", "while", "until", "fi", "done", "esac"}
    | {"coproc", "time"}
)
LOOP_HEADERS = frozenset({"for", "select", "case", "in"})

# Programs the guard knows to only read files or print: unknown arguments are harmless there.
READERS = frozenset(
    [
        "ls",
        "cat",
        "head",
        "tail",
        "less",
        "more",
        "wc",
        "grep",
        "egrep",
        "fgrep",
        "rg",
        "ag",
        "echo",
        "printf",
        "pwd",
        "which",
        "type",
        "whereis",
        "file",
        "stat",
        "du",
        "df",
        "tree",
        "uniq",
        "cut",
        "tr",
        "diff",
        "cmp",
        "comm",
        "basename",
        "dirname",
        "realpath",
        "readlink",
        "date",
        "whoami",
        "id",
        "uname",
        "hostname",
        "printenv",
        "true",
        "false",
        "test",
        "[",
        "[[",
        "sleep",
        "seq",
        "jq",
        "yq",
        "column",
        "nl",
        "od",
        "hexdump",
        "base64",
        "base32",
        "md5sum",
        "sha1sum",
        "sha256sum",
        "sha512sum",
        "cksum",
        "tac",
        "rev",
        "fold",
        "fmt",
        "paste",
        "join",
        "expand",
        "unexpand",
        "strings",
        "nproc",
        "free",
        "uptime",
        "ps",
        "pgrep",
        "lsof",
        "groups",
        "locale",
        "tput",
        "clear",
        "help",
        "man",
        "info",
        "cal",
        "expr",
        "wait",
        "jobs",
        ":",
        "pstree",
        "top",
        "htop",
        "less",
        "bat",
        "delta",
        "difft",
        "numfmt",
        "shuf",
        "factor",
    ]
)
# Readers whose arguments are never file names.
NO_FILE_OPERANDS = frozenset(
    [
        "echo",
        "printf",
        "pwd",
        "true",
        "false",
        "test",
        "[",
        "[[",
        "sleep",
        "seq",
        "expr",
        ":",
        "wait",
        "jobs",
        "whoami",
        "id",
        "uname",
        "hostname",
        "nproc",
        "cal",
        "factor",
        "numfmt",
        "which",
        "type",
        "whereis",
        "locale",
        "tput",
        "clear",
        "help",
    ]
)
# Programs the template's own workflow runs that act only inside the project.
# What ``check_write`` treats as losing a file's current text (and so its uncommitted work).
REPLACING = frozenset({"overwrite", "replace", "edit in place", "move"})
# Programs that import, require or execute files of the project when they run.
CODE_LOADERS = frozenset(
    {
        "python", "python3", "pypy3", "uv", "uvx", "pytest", "coverage", "mypy", "tox", "nox",
        "node", "npm", "npx", "pnpm", "yarn", "bun", "deno", "vite", "vitest", "tsx", "ts-node",
        "make", "gmake", "just", "task", "pre-commit", "prek", "ruby", "perl", "php", "alembic",
        "uvicorn", "fastapi", "gunicorn", "hatch", "pdm", "poetry", "java", "cmake",
        "ninja",
    }
)  # fmt: skip
CODE_SUFFIXES = frozenset(
    {
        ".py", ".pyc", ".pth", ".pyi", ".so", ".js", ".mjs", ".cjs", ".ts", ".tsx", ".jsx",
        ".mts", ".cts", ".sh", ".bash", ".zsh", ".rb", ".pl", ".pm", ".php", ".toml", ".cfg",
        ".ini", ".mk", ".java", ".jar", ".class", ".ninja", ".cmake",
    }
)  # fmt: skip
CODE_FILE_NAMES = frozenset(
    {
        "Makefile",
        "GNUmakefile",
        "makefile",
        "justfile",
        "Taskfile.yml",
        ".npmrc",
        ".envrc",
        "package.json",
        "tsconfig.json",
        "conftest.py",
    }
)

DEV_TOOLS = frozenset(
    [
        "pytest",
        "ruff",
        "mypy",
        "coverage",
        "lint-imports",
        "cz",
        "tsc",
        "eslint",
        "prettier",
        "vitest",
        "vite",
        "playwright",
        "mkdocs",
        "schemathesis",
        "hadolint",
        "shellcheck",
        "actionlint",
        "zizmor",
        "check-jsonschema",
        "gitleaks",
        "pip-audit",
        "cyclonedx-py",
        "sqlite3",
        "psql",
        "pg_ctl",
        "initdb",
        "createdb",
        "alembic",
        "uvicorn",
        "fastapi",
        "tsx",
        "node-gyp",
        "cargo",
        "go",
        "rustc",
        "gcc",
        "cc",
        "g++",
        "clang",
        "javac",
        "mvn",
        "gradle",
        "dotnet",
    ]
)


def unknown_program(call: Call) -> None:
    """A program with no handler: fine when what it is handed is known and harmless.

    The guard cannot know what such a program does with its words, so it asks when one could
    be a command (a command name, shell syntax), or a path whose content matters: a protected
    file, a local secret, a file holding uncommitted work, a file in the home directory.
    """
    analyzer = call.analyzer
    for arg in call.args:
        problem = _unknown_program_problem(analyzer, arg)
        if problem:
            analyzer.flag(
                "unknown-program", f"'{call.name}' is not a program the guard knows, and {problem}"
            )
            return
    problem = _unknown_input_problem(call)
    if problem:
        analyzer.flag(
            "unknown-program", f"'{call.name}' is not a program the guard knows, and {problem}"
        )
        return
    for arg in call.args:
        # What it may create or overwrite (gio save FILE): running that file later in this
        # command is then "written, then run", as after any other write.
        path = analyzer.absolute(arg)
        if path is not None and not os.path.isdir(path):
            analyzer.written.add(path)


def _unknown_input_problem(call: Call) -> str | None:
    """An unknown program may run what it reads on its input (capsh --, a REPL, an installer)."""
    analyzer = call.analyzer
    redirected = analyzer.current is not None and any(
        op in ("<", "<>") for op, _ in analyzer.current.redirs
    )
    if redirected or analyzer.group_input:
        return "it reads a file or input given to its group, which it may run"
    if call.stdin:
        texts = list(call.stdin)  # here-documents and here-strings, expanded
    elif call.piped is not None:
        output = analyzer.static_output([call.piped])
        if output is None:
            return "it reads the output of the command before it, which the guard cannot know"
        texts = [Arg(output)]
    else:
        return None
    for text in texts:
        if text.unknown:
            return "it reads input the guard cannot know (it may run it)"
        try:
            words = shlex.split(str(text), comments=False)
        except ValueError:
            return "it reads input that does not split into words (it may run it)"
        for word in words:
            # Every word, unquoted: '"rm" -rf src' and 'exec rm -rf src' name rm too.
            found = handler_for(word.rsplit("/", 1)[-1])
            if found is not None and found[0] not in READERS:
                return f"its input names the command '{word}' (it may run it)"
        for line in str(text).splitlines():
            problem = _unknown_program_problem(analyzer, Arg(line.strip()))
            if problem:
                return problem.replace("it is handed", "its input is", 1)
    return None


_CLOSERS = frozenset({"}", "done", "fi", "esac"})


def _unknown_program_problem(analyzer: Analyzer, arg: Arg) -> str | None:
    if arg.opaque:
        return "it is handed a word decided only when it runs"
    text = str(arg)
    _, equals, value = text.partition("=")
    candidates = [text, value] if text.startswith("-") and equals else [text]
    if text.startswith("-") and not text.startswith("--") and len(text) > 2:
        candidates.append(text[2:])  # a value attached to a short option: -oFILE
    for candidate in candidates:
        first = candidate.split()[0] if candidate.split() else ""
        for word in {candidate.rsplit("/", 1)[-1], first.rsplit("/", 1)[-1]}:
            found = handler_for(word)  # python3.11 and perl5.36.0 are python and perl
            known = found[0] if found is not None else ""
            if known and known not in READERS and known not in HARMLESS_WORDS:
                return f"it is handed the command name '{word}' (it may run it)"
            if known in CODE_LOADERS and analyzer.written_code() is not None:
                # make is an everyday word, but not after this command wrote a makefile.
                return f"it is handed '{word}', which may load what this command writes"
        if _SHELL_SYNTAX.search(candidate) and " " in candidate:
            return "it is handed text that reads as shell commands (it may run them)"
        path = analyzer.absolute(Arg(candidate)) or analyzer.guessed_path(Arg(candidate))
        if path is None:
            continue
        if analyzer.protected_entry(path) is not None:
            return f"it is handed the protected path {analyzer.show(path)}"
        if protected.classify_read(path, analyzer.project, analyzer.home) is not None:
            return f"it is handed the local secret {analyzer.show(path)}"
        if analyzer.in_home_outside_project(path):
            return f"it is handed {path}, in your home directory"
        if analyzer.wrote_under(path):
            return f"it is handed {analyzer.show(path)}, which this command writes (it may run it)"
        in_project = path == analyzer.project or path.startswith(analyzer.project.rstrip("/") + "/")
        if os.path.exists(path) and in_project:
            # A directory too (gio move src ...): the work in it may be moved or deleted.
            changed = uncommitted(analyzer.project, path, analyzer.budget)
            if changed is None or changed:
                return (
                    f"it is handed {analyzer.show(path)}, which holds uncommitted work "
                    "(it may write it)"
                )
    return None


_SHELL_SYNTAX = re.compile(r"[;&|`]|\$\(|>|<")


# Command names that are also everyday words in arguments ("test", "install"...).
HARMLESS_WORDS = frozenset({"test", "install", "find", "time", "type", "make", "run", "exec"})

Handler = "Callable[[Call], None]"
HANDLERS: dict[str, Callable[[Call], None]] = {}


def handles(*names: str) -> Callable[[Callable[[Call], None]], Callable[[Call], None]]:
    def register(function: Callable[[Call], None]) -> Callable[[Call], None]:
        for name in names:
            HANDLERS[name] = function
        return function

    return register


# ---------------------------------------------------------------------------------------------
# Environment


# Variables through which a command's behaviour (or git's) is changed from outside its argv.
INJECTION_VARIABLES = re.compile(
    r"^(GIT_.*|HOME|XDG_.*|PATH|LD_.*|DYLD_.*|BASH_.*|ENV|SHELLOPTS|BASHOPTS|IFS|PS4|"
    r"PROMPT_COMMAND|EDITOR|VISUAL|PAGER|MANPAGER|SSH_.*|PERL5OPT|PERL5LIB|PERLLIB|RUBYOPT|"
    r"RUBYLIB|NODE_OPTIONS|NODE_PATH|npm_config_.*|NPM_CONFIG_.*|PIP_.*|UV_INDEX.*|"
    r"UV_EXTRA_INDEX_URL|UV_FIND_LINKS|UV_DEFAULT_INDEX|UV_CONFIG_FILE|PYTHONPATH|PYTHONSTARTUP|"
    r"PYTHONHOME|PYTHONINSPECT|PYTHONUSERBASE|PYTHONEXECUTABLE|PYTHONSAFEPATH|CDPATH|GLOBIGNORE|"
    r"CLAUDE_.*|GEMINI_.*|CODEX_.*|TMPDIR|SUDO_ASKPASS|GNUPGHOME|PRE_COMMIT_HOME|"
    r"PRE_COMMIT_CONFIG|HISTFILE|INPUTRC|TERMINFO|LESSOPEN|LESSCLOSE|CURL_HOME|WGETRC|"
    r"GH_.*|GITHUB_TOKEN|http_proxy|https_proxy|HTTP_PROXY|HTTPS_PROXY|ALL_PROXY|all_proxy|"
    r"no_proxy|NO_PROXY|PYTEST_ADDOPTS|PYTEST_PLUGINS|COVERAGE_.*|RUFF_.*|MYPY_.*|"
    r"UV_PROJECT_ENVIRONMENT|UV_TOOL_BIN_DIR|UV_TOOL_DIR|JAVA_TOOL_OPTIONS|_JAVA_OPTIONS|"
    r"NODE_EXTRA_CA_CERTS|MAKEFLAGS|MAKEFILES|GNUMAKEFLAGS)$"
)
# The variables through which tools take options, programs, configuration files or code
# locations from the environment (TAR_OPTIONS=--remove-files, ZIPOPT=-m, UV_PYTHON=./x,
# UV_ENV_FILE=.env, RUSTFLAGS=-Clinker=x, CLASSPATH...): by the shape of their names, so a tool
# the guard has never heard of is covered too. Each asks unless it is one of the few below.
TOOL_VARIABLES = re.compile(
    r"^[A-Za-z][A-Za-z0-9_]*(_OPTIONS|_OPTS|OPT|FLAGS|_ARGS|_CONFIG|_CONF|_RC|_RSH|_PROG|_CMD|"
    r"_COMMAND|_SHELL|_EDITOR|_HOOKS?|_ENV_FILE|_PLUGINS?|_PRELOAD|_HOME|PATH)$|"
    r"^[A-Za-z]{2,}RC$|"
    r"^(UV_.*|LESS.*|MORE|GZIP|BZIP2?|XZ_DEFAULTS|RSYNC_.*|TAR_.*|ZIP|UNZIP|PYTEST_.*)$|"
    # Programs make and build scripts run by these names; editors' start-up commands.
    r"^(CC|CXX|CPP|LD|AR|AS|FC|SHELL|BROWSER|VIMINIT|EXINIT|MYVIMRC)$|"
    # Code an interpreter loads at start-up: Tcl's init.tcl, perl -d's debugger, Lua's init,
    # Python's breakpoint hook and warning categories (imported by name), PHP's ini.
    r"^[A-Za-z][A-Za-z0-9_]*(_LIBRARY|_INIT|_INIT_\d+_\d+|_STARTUP|LIBPATH)$|"
    r"^(PERL5DB.*|PERLDB_OPTS|PYTHONBREAKPOINT|PYTHONWARNINGS|LUA_PATH.*|LUA_CPATH.*)$|"
    r"^(R_PROFILE.*|R_ENVIRON.*|PHPRC|PHP_INI_SCAN_DIR|NODE_REPL_EXTERNAL_MODULE)$"
)
# Variables that name where a program writes: each value is checked as a write target.
LOCATION_VARIABLES = re.compile(
    r"^([A-Za-z][A-Za-z0-9_]*(_DIR|_DIRECTORY|_FILE|_OUTPUT|_LOG|_COVERAGE|_PREFIX|_CACHE))$|"
    r"^(NODE_V8_COVERAGE|PYTHONPYCACHEPREFIX|SSLKEYLOGFILE|TMP|TEMP|TMPDIR)$"
)
# Location variables that only say where a tool keeps its cache or data: once the write there is
# checked (above), nothing else changes.
WRITE_LOCATIONS = frozenset(
    {"COVERAGE_FILE", "MYPY_CACHE_DIR", "RUFF_CACHE_DIR", "UV_CACHE_DIR", "TMPDIR"}
)
# What uv --python / UV_PYTHON may name without naming a file: a version, an implementation, a
# name on PATH (3.12, cpython@3.12, pypy3.10, python3.13, >=3.11).
UV_PYTHON_REQUEST = re.compile(r"[A-Za-z0-9@<>=!~.,+_-]*")
# PYTEST_ADDOPTS values that only change what pytest prints or when it stops.
QUIET_PYTEST_OPTION = re.compile(
    r"-(q+|v+|x|s|r[a-zA-Z]+)|--(tb=\w+|no-header|no-summary|lf|ff|maxfail=\d+|durations=\d+)"
    r"|--(strict-markers|color=\w+|showlocals|no-cov)"
)
# Tool variables that only make a tool stricter, quieter or offline.
QUIET_TOOL_VARIABLES = frozenset(
    {"UV_FROZEN", "UV_LOCKED", "UV_NO_SYNC", "UV_OFFLINE", "UV_NO_PROGRESS", "UV_NO_CACHE"}
    | {"UV_PYTHON_DOWNLOADS", "UV_LINK_MODE", "UV_COMPILE_BYTECODE", "UV_HTTP_TIMEOUT"}
    | {"UV_NATIVE_TLS", "UV_NO_EDITABLE", "UV_PREVIEW", "UV_CONCURRENT_DOWNLOADS"}
    | {"PYTEST_DISABLE_PLUGIN_AUTOLOAD", "PYTEST_CURRENT_TEST", "PYTEST_XDIST_AUTO_NUM_WORKERS"}
)
HOOK_BYPASS_VARIABLES = re.compile(
    r"^(SKIP|HUSKY|HUSKY_SKIP_HOOKS|HUSKY_SKIP_INSTALL|LEFTHOOK|LEFTHOOK_EXCLUDE|"
    r"PRE_COMMIT_ALLOW_NO_CONFIG|OVERCOMMIT_DISABLE|GIT_HOOKS_DISABLED)$"
)

define(
    "hook-bypass-env",
    DENY,
    "a variable that switches commit hooks off (SKIP, HUSKY=0, PRE_COMMIT_ALLOW_NO_CONFIG...)",
    "pre-commit is the second layer; an agent must not turn it off for itself",
)
define(
    "env-injection",
    ASK,
    "an assignment to a variable that changes how programs behave (GIT_*, HOME, XDG_*, PATH, "
    "LD_*, IFS, EDITOR, PYTHONPATH, NODE_OPTIONS, PIP_*/UV_INDEX...)",
    "such variables redirect git's config, hooks and repository, load code into interpreters "
    "or change how the shell splits words, without a single suspicious argument",
)


def check_assignment(analyzer: Analyzer, name: str, value: Arg) -> None:
    # An element of an array is checked as the array: BASH_CMDS[ls]=/usr/bin/rm.
    name = name.partition("[")[0]
    # HUSKY=0 switches husky off, HUSKY=1 is its default; the others skip hooks when set at all.
    switched_off = value in ("0", "false") if name == "HUSKY" else value != ""
    if HOOK_BYPASS_VARIABLES.match(name) and (value.unknown or switched_off):
        analyzer.flag("hook-bypass-env", f"{name}= switches commit hooks off")
    if INJECTION_VARIABLES.match(name) and not harmless_setting(analyzer, name, value):
        analyzer.flag("env-injection", f"{name}= changes how the commands that follow behave")
    if LOCATION_VARIABLES.match(name) and value:
        # Where a program writes (NODE_V8_COVERAGE=.git/hooks): checked as a write there.
        analyzer.check_write(value, what="write into")
    tool_variable = TOOL_VARIABLES.match(name) and name not in QUIET_TOOL_VARIABLES
    if tool_variable and not harmless_setting(analyzer, name, value):
        analyzer.flag("env-injection", f"{name}= may hand a tool options, a program or a file")


# Pagers that only print: GIT_PAGER=cat is how an agent keeps git from waiting on less.
PLAIN_PAGERS = frozenset({"cat", "less", "less -R", "less -FRX", "more", ""})


def harmless_setting(analyzer: Analyzer, name: str, value: Arg) -> bool:
    """The few known values of injection variables that change nothing the guard relies on."""
    if value.unknown:
        return False
    if name in WRITE_LOCATIONS:
        return True  # the write there was checked with the other location variables
    if name == "UV_PYTHON":
        return UV_PYTHON_REQUEST.fullmatch(str(value)) is not None
    if name == "PYTEST_ADDOPTS":
        return all(QUIET_PYTEST_OPTION.fullmatch(word) for word in str(value).split())
    if name in ("PAGER", "GIT_PAGER", "MANPAGER"):
        return str(value) in PLAIN_PAGERS
    if name == "PYTHONPATH":
        # Directories of the project that this command does not write: the same code any
        # ``uv run`` imports. Anything else (a temp dir, a file written here) still asks.
        parts = [part for part in str(value).split(":") if part]
        return bool(parts) and all(_project_directory(analyzer, part) for part in parts)
    return False


def _project_directory(analyzer: Analyzer, text: str) -> bool:
    path = analyzer.absolute(Arg(text))
    if path is None or not os.path.isdir(path):
        return False
    project = analyzer.project.rstrip("/") + "/"
    written = any(w == path or w.startswith(path + "/") for w in analyzer.written)
    return path.startswith(project) and not written and analyzer.protected_entry(path) is None


# declare's attributes that change what a name's value is: -n makes it another variable's name,
# -l/-u change its case, -i evaluates it as arithmetic (where a[$(cmd)] runs cmd).
UNFOLLOWED_ATTRIBUTES = frozenset("nlui")


@handles("export", "declare", "typeset", "local", "readonly")
def assignment_builtin(call: Call) -> None:
    analyzer = call.analyzer
    attributes = set()
    for arg in call.args:
        if arg.startswith(("-", "+")) and not arg.unknown:
            attributes |= set(arg[1:])
    # export -n only stops exporting; for the others these letters change the value.
    transformed = call.name != "export" and attributes & UNFOLLOWED_ATTRIBUTES
    for arg in call.args:
        if arg.startswith(("-", "+")) and not arg.unknown:
            continue
        if transformed:
            name = arg.partition("=")[0]
            analyzer.unfollowed.add(name)
            if "i" in attributes:
                analyzer.integers.add(name)
            if "n" in attributes and "=" in arg:
                # declare -n c=BASH_CMDS: an assignment to c[ls] assigns BASH_CMDS[ls].
                check_assignment(analyzer, arg.partition("=")[2], Arg("", unknown=True))
            value = arg.partition("=")[2]
            if "i" in attributes and (arg.unknown or _CODE_CHARS.search(value)):
                analyzer.flag(
                    "unknown-word",
                    f"declare -i evaluates '{value[:40]}' as arithmetic, which may run a command",
                )
                return
            if "i" in attributes:
                analyzer.check_arithmetic(value)
        if arg.unknown and "=" not in arg.split(UNKNOWN, 1)[0]:
            analyzer.flag("unknown-word", f"{call.name} is given a name decided only when it runs")
            continue
        name, equals, value = arg.partition("=")
        check_assignment(analyzer, name, Arg(value, unknown=arg.unknown))
        if equals:
            analyzer.assign(name, None if arg.unknown else value)
        else:
            analyzer.vars.setdefault(name, None)


# shopt options that change what a word expands to or what a name runs.
# (globstar is followed instead: ** then matches at any depth, see bounded_glob.)
SHOPT_EXPANSION = frozenset({"extglob", "dotglob", "nocaseglob", "expand_aliases"})


@handles("shopt")
def shopt(call: Call) -> None:
    if "-s" not in call.args:
        return
    if "globstar" in call.args:
        call.analyzer.globstar = True
    for arg in call.args:
        if arg.opaque or arg in SHOPT_EXPANSION:
            call.analyzer.flag(
                "unknown-word",
                f"shopt -s {arg} changes how bash expands the words that follow; the guard "
                "reads them with bash's defaults",
            )
            return


@handles("unset")
def unset(call: Call) -> None:
    for arg in call.args:
        if not arg.startswith("-"):
            call.analyzer.assign(str(arg), None)
            check_assignment(call.analyzer, str(arg), Arg(""))


@handles("read", "mapfile", "readarray", "getopts", "let")
def variable_from_input(call: Call) -> None:
    """These set variables (or array elements: read 'BASH_CMDS[ls]') to values the guard
    cannot know."""
    for arg in call.args:
        if arg.opaque:
            call.analyzer.flag("unknown-word", f"{call.name} sets a variable named when it runs")
            return
        if _VARIABLE.fullmatch(arg):
            call.analyzer.assign(str(arg), None)
            check_assignment(call.analyzer, str(arg), Arg("", unknown=True))


_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\[[^]]*\])?")


# ---------------------------------------------------------------------------------------------
# Directories


@handles("cd", "pushd", "popd", "chdir")
def change_directory(call: Call) -> None:
    analyzer = call.analyzer
    operands = [arg for arg in call.args if not (arg.startswith("-") and not arg.unknown)]
    if call.name == "popd" or (operands and operands[0] == "-"):
        analyzer.cwd = None
        return
    if not operands:
        analyzer.cwd = analyzer.home or None
        return
    target = operands[0]
    if target.opaque:
        analyzer.cwd = None  # later relative paths become unknown
        return
    path = analyzer.absolute(target)
    real = analyzer.followed(path) if path is not None else None
    logical = None
    if analyzer.cwd is not None or os.path.isabs(target):
        # cd is logical by default: it joins the target to $PWD as typed and drops each
        # `name/..` as text, so after `cd link`, `cd ..` goes back where the link is, not to
        # the parent of its target. With -P (or after set -P) it is physical. Where the two
        # readings lead to different directories the guard cannot tell which one applies.
        base = analyzer.logical_dirs.get(analyzer.cwd or "", analyzer.cwd or "/")
        logical = os.path.normpath(os.path.join(base, target))
        if real != analyzer.followed(logical) and "-P" not in call.args:
            analyzer.cwd = None
            return
    if real is not None and real.startswith("/proc/self/fd"):
        real = None  # cd /dev/fd/3: into whatever the command opened
    if real is not None and logical is not None and "-P" not in call.args:
        analyzer.logical_dirs[real] = logical
    if real is not None and os.path.isdir(real) and analyzer.cd_is_certain():
        analyzer.cwd = real
    elif real is not None and analyzer.current is not None and analyzer.current.after == "&&":
        # ``cd DIR && cmd``: cmd runs only if the cd worked, so in DIR, whatever came before.
        analyzer.cwd = real
        analyzer.chain_cwd = True
    else:
        analyzer.cwd = None  # the cd may fail or not run: later relative paths are unknown


# ---------------------------------------------------------------------------------------------
# Readers and everyday tools


@handles(*READERS)
def reader(call: Call) -> None:
    """Programs that only read: their file operands must not be local secrets."""
    if call.name == "printf":
        # printf -v NAME sets a variable (or an array element: BASH_CMDS[ls]) as read does.
        for index, arg in enumerate(call.args[:-1]):
            if arg == "-v":
                variable_from_input(
                    Call(call.analyzer, "read", [call.args[index + 1]], {}, [], None)
                )
    if call.name in NO_FILE_OPERANDS:
        return
    for arg in call.args:
        if arg.startswith("--") and "=" in arg and not arg.unknown:
            # A file named in an option's value: diff --from-file=.env reads it.
            value = str(arg).partition("=")[2]
            call.analyzer.check_read(Arg(value, glob=arg.glob))
        elif not arg.startswith("-") or arg.unknown:
            if call.name in NAME_LISTERS and (arg.unknown or _is_directory(call, arg)):
                continue  # ls ~/.ssh lists names; reading the keys is what is refused
            call.analyzer.check_read(arg)


# Readers that show a directory's entries (names, sizes), never a file's content.
NAME_LISTERS = frozenset({"ls", "tree", "du"})


def _is_directory(call: Call, arg: Arg) -> bool:
    path = call.analyzer.absolute(arg)
    return path is not None and os.path.isdir(path)


@handles("sort")
def sort(call: Call) -> None:
    call.parse_options(
        "okStT",
        (
            "--output",
            "--key",
            "--field-separator",
            "--buffer-size",
            "--compress-program",
            "--files0-from",
            "--temporary-directory",
        ),
    )
    for target in call.values("-o", "--output"):
        call.analyzer.check_write(target)
    if call.values("--compress-program"):
        call.analyzer.flag("unknown-program", "sort --compress-program runs another program")
    for arg in [*call.operands, *call.values("--files0-from")]:
        call.analyzer.check_read(arg)


@handles("kill", "pkill", "killall", "pgrep", "pidof")
def process_signals(call: Call) -> None:
    """Programs that find or signal processes: they never run, read or write their words, so a
    pid list decided when it runs (kill $(lsof -t -i :8000)) is fine. Only kill's -1, every
    process the user may signal (the agent and its sandbox among them), asks."""
    if call.name != "kill":
        return
    targets = list(call.args)
    if targets[:1] in (["-s"], ["-n"]):
        targets = targets[2:]  # -s SIGNAL, -n NUMBER
    elif targets and targets[0].startswith("-") and targets[0] != "--":
        targets = targets[1:]  # -9, -KILL, -SIGTERM: the signal; a later -1 is a process
    if targets[:1] == ["--"]:
        targets = targets[1:]
    if "-1" in targets:
        call.analyzer.flag("unknown-program", "kill -1 signals every process you may signal")


@handles("date")
def date(call: Call) -> None:
    """date -f FILE reads the file (and prints each line it cannot parse)."""
    call.parse_options("dfrs", ("--date", "--file", "--reference", "--set"))
    for name in call.values("-f", "--file"):
        call.analyzer.check_read(name)


@handles("xxd")
def xxd(call: Call) -> None:
    """xxd [options] [INFILE [OUTFILE]]: the second operand is overwritten."""
    call.parse_options("cgloOsn", ("-cols", "-groupsize", "-len", "-offset", "-seek", "-name"))
    operands = [arg for arg in call.operands if arg != "-"]
    for name in operands[:1]:
        call.analyzer.check_read(name)
    for name in operands[1:2]:
        call.analyzer.check_write(name, what="overwrite")


@handles("yq")
def yq(call: Call) -> None:
    """yq reads YAML, and with -i (alone or bundled: -yi) rewrites its files in place."""
    in_place = any(
        arg in ("-i", "--in-place", "--inplace")
        or (arg.startswith("-") and not arg.startswith("--") and "i" in arg[1:])
        for arg in call.args
    )
    for arg in call.args:
        if arg.startswith("-") or (arg.opaque and not in_place):
            continue
        if in_place:
            call.analyzer.check_write(arg, what="edit in place")
        else:
            call.analyzer.check_read(arg)


@handles("groff", "troff", "nroff", "gtroff")
def groff(call: Call) -> None:
    """groff -U (unsafe mode) lets the document run commands (.sy, .pso, .pi)."""
    if any(arg == "-U" or (arg.startswith("-") and "U" in arg[1:]) for arg in call.args):
        call.analyzer.flag("inline-code", f"{call.name} -U lets the document run commands")
    for arg in call.args:
        if not arg.startswith("-"):
            call.analyzer.check_read(arg)


@handles("tmux", "screen", "byobu", "zellij")
def terminal_multiplexer(call: Call) -> None:
    """A multiplexer runs the commands it is given in a session the guard never sees."""
    quiet = {"ls", "list-sessions", "list-windows", "-V", "-v", "--version", "-ls", "-list"}
    if call.args and all(arg in quiet for arg in call.args):
        return
    call.analyzer.flag("unknown-program", f"{call.name} runs commands the guard does not see")


@handles("cmake")
def cmake(call: Call) -> None:
    """Configuring and building run the project's own CMakeLists; scripts and -E tools are
    checked: -P runs a script, -E rm/copy/rename write what they name."""
    analyzer = call.analyzer
    args = call.args
    if "-P" in args:
        analyzer.flag("inline-code", "cmake -P runs a script the guard does not read")
        return
    if "-E" not in args:
        return
    tool_args = args[[str(arg) for arg in args].index("-E") + 1 :]
    tool, operands = (str(tool_args[0]), tool_args[1:]) if tool_args else ("", [])
    files = [arg for arg in operands if not arg.startswith("-")]
    if tool in CMAKE_READ_ONLY:
        for name in files:
            analyzer.check_read(name)
    elif tool in ("rm", "remove", "remove_directory"):
        for name in files:
            analyzer.check_write(name, what="delete", delete=True)
    elif tool in ("copy", "copy_if_different", "copy_directory", "rename", "create_symlink"):
        for name in files[:-1]:
            analyzer.check_read(name, contains=True)
            if tool == "rename":
                analyzer.check_write(name, what="move")
        for name in files[-1:]:
            analyzer.check_write(name, what="overwrite")
    elif tool in ("make_directory", "touch", "touch_nocreate"):
        for name in files:
            analyzer.check_write(name, what="touch")
    else:
        analyzer.flag("unknown-program", f"cmake -E {tool} is a tool the guard does not know")


CMAKE_READ_ONLY = frozenset(
    {"echo", "echo_append", "environment", "capabilities", "compare_files", "cat"}
    | {"md5sum", "sha1sum", "sha256sum", "sha512sum", "true", "false", "sleep"}
)


@handles("ninja", "samu")
def ninja(call: Call) -> None:
    """ninja runs the commands of a build file: the project's own, not one from elsewhere."""
    analyzer = call.analyzer
    args = call.args
    for index, arg in enumerate(args):
        if arg in ("-f", "-C") and index + 1 < len(args):
            path = analyzer.absolute(args[index + 1])
            project = analyzer.project.rstrip("/") + "/"
            if path is None or analyzer.wrote(path) or not (path + "/").startswith(project):
                analyzer.flag("inline-code", f"{call.name} runs a build file from elsewhere")
                return


@handles("java")
def java(call: Call) -> None:
    """java runs compiled classes, jars and (since Java 11) a single source file directly."""
    for arg in call.args:
        if arg.endswith(".java") or arg.opaque:
            call.analyzer.flag("inline-code", "java runs a source file the guard does not read")
            return


# Options of the project's tools that name a file or directory the tool writes, and how:
# "overwrite" replaces a file, "write into" adds files to a directory, "delete" empties it
# first (pytest's --basetemp, vite's outDir). An option with a value of None takes it only
# after "=" (pytest's --debug alone writes pytestdebug.log).
OVERWRITE, WRITE_INTO, DELETE = "overwrite", "write into", "delete"
TOOL_OUTPUTS: dict[str, dict[str, str]] = {
    "pytest": {
        "--junitxml": OVERWRITE, "--junit-xml": OVERWRITE, "--debug": OVERWRITE,
        "--resultlog": OVERWRITE, "--report-log": OVERWRITE, "--log-file": OVERWRITE,
        "--html": OVERWRITE, "--json-report-file": OVERWRITE, "--basetemp": DELETE,
        "--rootdir": WRITE_INTO,
    },
    "ruff": {"--output-file": OVERWRITE, "-o": OVERWRITE, "--cache-dir": WRITE_INTO},
    "mypy": {
        "--junit-xml": OVERWRITE, "--cache-dir": WRITE_INTO, "--html-report": WRITE_INTO,
        "--xml-report": WRITE_INTO, "--txt-report": WRITE_INTO, "--linecount-report": WRITE_INTO,
        "--linecoverage-report": WRITE_INTO, "--memory-xml-report": WRITE_INTO,
        "--cobertura-xml-report": WRITE_INTO, "--lineprecision-report": WRITE_INTO,
        "--any-exprs-report": WRITE_INTO,
    },
    "coverage": {
        "-o": OVERWRITE, "--data-file": OVERWRITE, "-d": WRITE_INTO, "--directory": WRITE_INTO,
    },
    "eslint": {"-o": OVERWRITE, "--output-file": OVERWRITE, "--cache-location": OVERWRITE},
    "tsc": {
        "--outDir": WRITE_INTO, "--outFile": OVERWRITE, "--tsBuildInfoFile": OVERWRITE,
        "--declarationDir": WRITE_INTO,
    },
    "vite": {"--outDir": DELETE},
    "vitest": {"--outputFile": OVERWRITE},
    "prettier": {"--cache-location": OVERWRITE, "--log-file": OVERWRITE},
}  # fmt: skip
OPTIONAL_VALUES = frozenset({"--debug"})
# pytest -o KEY=VALUE settings that name a place it writes, or that add options of their own.
PYTEST_INI_WRITES = frozenset({"cache_dir", "junit_logging"})
PYTEST_INI_UNKNOWN = frozenset({"addopts", "required_plugins", "pythonpath", "log_file"})


def tool_outputs(call: Call) -> list[tuple[Arg, str]]:
    """The files and directories a project tool is told to write, from its options."""
    table = TOOL_OUTPUTS.get(call.name, {})
    found: list[tuple[Arg, str]] = []
    args = call.args
    for i, arg in enumerate(args):
        text = str(arg)
        option, equals, value = text.partition("=")
        if option.startswith("--") and option not in table:
            # mypy, coverage and argparse tools take any unambiguous prefix (--junit-x=).
            longer = [key for key in table if len(option) > 3 and key.startswith(option)]
            option = longer[0] if longer else option
            text = option + equals + value if equals else option
        if option in table and equals:
            found.append((Arg(value, unknown=arg.unknown, glob=arg.glob), table[option]))
        elif text in table and text not in OPTIONAL_VALUES and i + 1 < len(args):
            found.append((args[i + 1], table[text]))
        elif len(option) > 2 and option[:2] in table and not option.startswith("--"):
            found.append((Arg(text[2:], unknown=arg.unknown, glob=arg.glob), table[option[:2]]))
        elif call.name == "pytest" and option == "--cov-report" and ":" in value:
            kind, _, path = value.partition(":")
            what = WRITE_INTO if kind == "html" else OVERWRITE
            found.append((Arg(path, unknown=arg.unknown, glob=arg.glob), what))
    return found


def _pytest_ini_overrides(call: Call) -> None:
    args = call.args
    for i, arg in enumerate(args):
        if arg in ("-o", "--override-ini") and i + 1 < len(args):
            setting = args[i + 1]
        elif str(arg).startswith("--override-ini="):
            setting = Arg(str(arg).split("=", 1)[1], unknown=arg.unknown)
        elif str(arg).startswith("-o") and len(arg) > 2:
            setting = Arg(str(arg)[2:], unknown=arg.unknown)
        else:
            continue
        key, _, value = str(setting).partition("=")
        if setting.unknown or (key.strip() in PYTEST_INI_UNKNOWN and value.strip()):
            call.analyzer.flag(
                "unknown-word", f"pytest -o {key} changes what pytest runs or writes"
            )
        elif key.strip() in PYTEST_INI_WRITES:
            call.analyzer.check_write(Arg(value), what=WRITE_INTO)


@handles(*DEV_TOOLS)
def dev_tool(call: Call) -> None:
    """The project's own tools: they act inside the project; secrets still stay unread.

    What they write is checked like any other write: a report written over a file with
    uncommitted work loses it as surely as ``>`` does.
    """
    for target, what in tool_outputs(call):
        call.analyzer.check_write(target, what=what, delete=what == DELETE)
    if call.name == "pytest":
        _pytest_ini_overrides(call)
    if call.name == "ruff":
        _ruff_rewrites(call)
    for arg in call.args:
        if not arg.startswith("-") and not arg.opaque:
            call.analyzer.check_read(arg)


# The files ruff reads its settings from: one written by the same command restyles as options do.
RUFF_CONFIGS = frozenset({"ruff.toml", ".ruff.toml", "pyproject.toml"})
# ruff options that change what a fix or a format writes, away from the project's settings.
RUFF_STYLE_OPTIONS = (
    "--line-length", "--config", "--select", "--extend-select", "--unsafe-fixes", "--preview",
    "--target-version", "--fixable", "--extend-fixable", "--isolated", "--exclude",
    "--ignore", "--extend-ignore", "--per-file-ignores", "--force-exclude", "--no-force-exclude",
)  # fmt: skip


def _ruff_rewrites(call: Call) -> None:
    """ruff format / check --fix rewrite the files they are pointed at.

    With the project's own settings that changes nothing a commit could not see and CI does
    not hold formatted already; with other settings a guard file is rewritten: review it.
    """
    args = [str(arg) for arg in call.args]
    writes = args[:1] == ["format"] and not {"--check", "--diff"} & set(args)
    writes = writes or (args[:1] == ["check"] and ("--fix" in args or "--unsafe-fixes" in args))
    analyzer = call.analyzer
    restyled = any(a.split("=", 1)[0] in RUFF_STYLE_OPTIONS for a in args)
    if not writes or not (restyled or analyzer.wrote_config(RUFF_CONFIGS)):
        return
    operands = [arg for arg in call.args[1:] if not arg.startswith("-")] or [Arg(".")]
    for operand in operands:
        path = analyzer.absolute(operand)
        if path is None:
            analyzer.flag("unknown-word", "cannot tell which files ruff rewrites")
            return
        for entry, candidate in protected_targets(analyzer.project, analyzer.home):
            if not entry.sandbox:
                continue  # .git and the secret fixtures: no Python file ruff would restyle
            if candidate == path or candidate.startswith(path.rstrip("/") + "/"):
                analyzer.flag_protected(entry, "rewrite (ruff with other settings)", candidate)
                return
