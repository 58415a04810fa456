# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""Commands that run other code: wrappers, shells, interpreters, package tools and the network.

A wrapper is unwrapped and the command it runs is checked like any other. Code handed to a
shell (``bash -c``, ``eval``, ``source``, a here-document, a pipe) is parsed and checked when it
is literal, asked about when it is not, and denied when it comes from the network. Inline code
for Python is allowed only when it uses nothing but a small set of harmless names (checked with
``ast``); inline code for other interpreters is always asked about.
"""

from __future__ import annotations

import ast
import fnmatch
import functools
import os
import re
import shlex
import sys
import types

from . import protected
from .bash import (
    DEV_TOOLS,
    NO_FILE_OPERANDS,
    SHELLS,
    UV_PYTHON_REQUEST,
    Arg,
    Call,
    check_assignment,
    handles,
    tracked_only,
    unknown_program,
)
from .protocol import ASK, DENY
from .rules import define
from .shell import UNKNOWN

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    from .shell import Cmd

define(
    "shell-eval",
    ASK,
    "code handed to a shell (eval, bash -c, source, trap, a pipe or here-document into a "
    "shell) that is decided only when it runs",
    "the guard checks the code a shell will run; code it cannot see it cannot check",
)
define(
    "remote-code",
    DENY,
    "code fetched from the network and run in the same command (curl ... | sh, bash <(curl ...), "
    'python -c "$(wget -O- ...)")',
    "code nobody has read, run with the agent's rights",
)
define(
    "inline-code",
    ASK,
    "inline code for an interpreter (python -c with more than harmless names, node -e, perl -e, "
    "ruby -e, awk with system() or redirection...)",
    "an interpreter can do anything a shell can, out of the guard's sight",
)
define(
    "network-upload",
    ASK,
    "sending data with curl, wget or httpie (-d, -F, -T, --post-file, POST/PUT/PATCH/DELETE)",
    "uploads are how secrets and code leave the machine",
)
define(
    "network-tool",
    ASK,
    "raw network tools and remote shells (nc, socat, telnet, ssh, scp, sftp, ftp, rsync to a host)",
    "they move data and commands past every check the guard can make",
)
define(
    "network-serve",
    ASK,
    "serving files over the network (python -m http.server, php -S...)",
    "a server publishes the project, secrets included, to whoever connects",
)
define(
    "package-install",
    ASK,
    "installing or running a package from a URL, a VCS, a path outside the project, another "
    "index, or (npx, uvx, pipx run...) one the project's lock files do not name",
    "installing a package runs its code; the lock files are what the team reviewed",
)
define(
    "privilege",
    ASK,
    "running as another user (sudo, doas, su, pkexec)",
    "root can undo every guard, the OS sandbox included",
)
define(
    "persistence",
    ASK,
    "scheduling or installing something that runs later (crontab, at, systemctl enable, "
    "launchctl, hash -p, enable -f)",
    "what runs later runs outside this conversation and its guards",
)
define(
    "system-change",
    ASK,
    "changing the machine (mount, mkfs, fdisk, iptables, sysctl, modprobe, reboot...)",
    "a development agent has no business outside its project",
)

NETWORK_FETCH = frozenset({"curl", "wget", "http", "https", "xh", "nc", "ncat", "aria2c", "fetch"})


def _fetches(cmd: Cmd | None) -> bool:
    """Whether a pipeline stage (or anything it nests) fetches from the network."""
    while cmd is not None:
        for word in cmd.words[:1]:
            name = word.literal().rsplit("/", 1)[-1]
            if name in NETWORK_FETCH:
                return True
        cmd = cmd.pipe_from
    return False


def run_code(call: Call, code: Arg | None, what: str) -> None:
    """Check shell code: parsed when literal, asked about when not, denied from the network."""
    analyzer = call.analyzer
    if code is None or code.unknown:
        if analyzer.fetched or _fetches(call.piped):
            analyzer.flag("remote-code", f"the {what} comes from the network")
        analyzer.flag("shell-eval", f"the {what} is decided only when it runs")
        return
    analyzer.run_text(str(code), what)


def stdin_code(call: Call) -> Arg | None:
    """The code a program reads on stdin: a here-document, a piped echo, or unknown."""
    if call.stdin:
        return Arg("\n".join(call.stdin), unknown=any(a.unknown for a in call.stdin))
    if call.piped is not None:
        text = call.analyzer.static_output([call.piped])
        return None if text is None else Arg(text)
    return None


# ---------------------------------------------------------------------------------------------
# Shells and shell builtins that run code


@handles(*SHELLS, "busybox-sh")
def shell(call: Call) -> None:
    call.parse_options("oO", ("--rcfile", "--init-file"), stop_at_operand=True)
    analyzer = call.analyzer
    for startup in call.values("--rcfile", "--init-file"):
        _script(call, startup)
    if call.has("-c"):
        code = call.operands[0] if call.operands else None
        run_code(call, code, "shell command")
        return
    if call.operands and not call.has("-s"):
        _script(call, call.operands[0])
        return
    if not call.stdin and call.piped is None and not call.operands:
        if call.args and all(arg in ("--version", "--help") for arg in call.args):
            return
        # No -c, no script and no visible input: the shell reads its commands from a
        # redirection (``bash < file``) or whatever its input is, which the guard cannot see.
        analyzer.flag(
            "shell-eval", f"{call.name} reads its commands from an input the guard does not see"
        )
        return
    run_code(call, stdin_code(call), "script on standard input")


def _script(call: Call, path_arg: Arg) -> None:
    analyzer = call.analyzer
    if path_arg.opaque:
        run_code(call, None, "script")
        return
    path = analyzer.absolute(path_arg)
    if path is None or not os.path.isfile(path):
        run_code(call, None, "script")
        return
    analyzer.run_script_file(path, [])


@handles("eval")
def eval_(call: Call) -> None:
    code = Arg(" ".join(call.args), unknown=any(a.unknown for a in call.args))
    run_code(call, code, "eval'd command")


@handles("source", ".")
def source(call: Call) -> None:
    if not call.args:
        return
    if _project_venv_activation(call, call.args[0]):
        return
    call.analyzer.check_read(call.args[0])  # `. ./.env` reads the secrets into the shell
    _script(call, call.args[0])


def _project_venv_activation(call: Call, arg: Arg) -> bool:
    """``source .venv/bin/activate``: the project's own virtualenv, untouched by this command.

    Its activate script is generated by venv or uv, and the programs it puts first on PATH are
    the ones the guard already trusts (.venv/bin/pytest); a missing one makes source fail.
    Anything this command wrote in, into or above the virtualenv first makes it a script again.
    """
    analyzer = call.analyzer
    path = analyzer.absolute(arg) if not arg.opaque else None
    project = analyzer.project.rstrip("/") + "/"
    if path is None or not path.startswith(project) or os.path.basename(path) != "activate":
        return False
    bin_dir = os.path.dirname(path)
    venv = os.path.dirname(bin_dir)
    if os.path.basename(bin_dir) not in ("bin", "Scripts") or not venv.startswith(project):
        return False
    if os.path.lexists(path) and not os.path.isfile(os.path.join(venv, "pyvenv.cfg")):
        return False
    if None in analyzer.write_targets:
        return False  # an earlier write went somewhere the guard cannot tell
    touched = [*analyzer.written, *(t for t in analyzer.write_targets if t is not None)]
    return not any(
        protected.is_ancestor_or_same(written, venv) or written.startswith(venv + "/")
        for written in touched
    )


@handles("trap")
def trap(call: Call) -> None:
    if not call.args or call.args[0] in ("-p", "-l", "-", "--"):
        return
    run_code(call, call.args[0], "trap handler")


@handles("alias")
def alias(call: Call) -> None:
    analyzer = call.analyzer
    for arg in call.args:
        name, equals, value = arg.partition("=")
        if not equals:
            continue
        analyzer.functions.add(name)  # calling it later is calling unknown code
        run_code(call, Arg(value, unknown=arg.unknown), "alias")


@handles("fc", "enable", "hash")
def history_and_builtins(call: Call) -> None:
    if call.name == "hash" and not any(a.startswith("-p") or a.unknown for a in call.args):
        return
    if call.name == "enable" and not any(a.startswith("-f") or a.unknown for a in call.args):
        return
    call.analyzer.flag("persistence", f"{call.name} changes which code a command name runs")


# ---------------------------------------------------------------------------------------------
# Wrappers: run the rest of their arguments as a command


# name -> (short options with a value, long options with a value, positionals before the command)
WRAPPERS: dict[str, tuple[str, tuple[str, ...], int]] = {
    "nohup": ("", (), 0),
    "setsid": ("", (), 0),
    "nice": ("n", ("--adjustment",), 0),
    "ionice": ("cnp", ("--class", "--classdata", "--pid"), 0),
    "timeout": ("sk", ("--signal", "--kill-after"), 1),
    "stdbuf": ("ioe", ("--input", "--output", "--error"), 0),
    "chronic": ("", (), 0),
    "unbuffer": ("", (), 0),
    "caffeinate": ("tw", (), 0),
    "time": ("fo", ("--format", "--output"), 0),
    "taskset": ("", (), 1),
    "chrt": ("", (), 1),
    "faketime": ("f", (), 1),
    "catchsegv": ("", (), 0),
    "strace": ("oeEpsSuIX", ("--output",), 0),
    "ltrace": ("oeEpsSuIXn", ("--output",), 0),
    "valgrind": ("", (), 0),
    "proxychains": ("f", (), 0),
    "proxychains4": ("f", (), 0),
    "torsocks": ("aiP", (), 0),
    "fakeroot": ("ls", (), 0),
    # Personality wrappers: ``setarch ARCH [PROGRAM]``, ``i386 [PROGRAM]``; no program: a shell.
    "setarch": ("", (), 1),
    "linux32": ("", (), 0),
    "linux64": ("", (), 0),
    "i386": ("", (), 0),
    "x86_64": ("", (), 0),
    "uname26": ("", (), 0),
    # The dynamic loader runs the program it is handed.
    "ld.so": ("", ("--library-path", "--preload", "--audit", "--argv0"), 0),
    "ld-linux-x86-64.so.2": ("", ("--library-path", "--preload", "--audit", "--argv0"), 0),
    "ld-linux-aarch64.so.1": ("", ("--library-path", "--preload", "--audit", "--argv0"), 0),
    "ld-linux.so.2": ("", ("--library-path", "--preload", "--audit", "--argv0"), 0),
    "firejail": ("", (), 0),
    "xvfb-run": ("nslfe", ("--server-num", "--server-args", "--auth-file", "--error-file"), 0),
    "dbus-run-session": ("", (), 0),
    "command": ("", (), 0),
    "builtin": ("", (), 0),
    "exec": ("a", (), 0),
    "doas": ("uC", (), 0),
    "sudo": ("ugpCDrtTUh", ("--user", "--group", "--prompt", "--chdir", "--role", "--type"), 0),
    "pkexec": ("", ("--user",), 0),
    "flock": ("wEc", ("--wait", "--timeout", "--conflict-exit-code", "--command"), 1),
    "watch": ("dnqx", ("--interval", "--differences"), 0),
    "busybox": ("", (), 0),
    "toybox": ("", (), 0),
    "env": ("uCS", ("--unset", "--chdir", "--split-string"), 0),
    # ``ssh-agent [options] COMMAND [ARGS]`` starts an agent and runs the command under it;
    # the others run theirs with a session bus, without fsync, under a lock or a limit.
    "ssh-agent": ("aEOPt", (), 0),
    "dbus-launch": ("", (), 0),
    "eatmydata": ("", (), 0),
    "systemd-inhibit": ("", ("--what", "--who", "--why", "--mode"), 0),
    "tini": ("pe", (), 0),
    "dumb-init": ("r", ("--rewrite",), 0),
    "numactl": ("imNCp", (), 0),
    "prlimit": ("po", ("--pid", "--output"), 0),
    "trickle": ("wtlnduLP", (), 0),
    "cgexec": ("g", (), 0),
    "gosu": ("", (), 1),
    "su-exec": ("", (), 1),
}


# Wrappers that start a shell when they are given no program.
SHELL_WHEN_BARE = frozenset(
    {"fakeroot", "setarch", "linux32", "linux64", "i386", "x86_64", "uname26"}
)


@handles(*WRAPPERS)
def wrapper(call: Call) -> None:
    analyzer = call.analyzer
    value_short, value_long, skip = WRAPPERS[call.name]
    call.parse_options(value_short, value_long, stop_at_operand=True)
    if call.name in ("sudo", "doas", "pkexec", "gosu", "su-exec"):
        analyzer.flag("privilege", f"{call.name} runs the command as another user")
    if call.name == "command" and call.has("-v", "-V"):
        return
    if call.name == "exec" and call.values("-a"):
        # Programs that act by the name they run as (git-push, busybox's applets) become others.
        analyzer.flag("unknown-command", "exec -a runs the program under another name")
        return
    for _, value in call.options:
        if value is not None and value.unknown:
            analyzer.flag("unknown-word", f"{call.name} is given an option decided when it runs")
    operands = call.operands
    if call.name == "env":
        for split in call.values("-S", "--split-string"):
            run_code(call, split, "env -S command")
        while operands and "=" in operands[0] and not operands[0].startswith("="):
            name, _, assigned = operands[0].partition("=")
            check_assignment(analyzer, name, Arg(assigned, unknown=operands[0].unknown))
            operands = operands[1:]
    if call.name == "flock":
        # flock [options] FILE -c COMMAND: the -c may come after the lock file.
        words = [str(arg) for arg in call.args]
        for k, word in enumerate(words[:-1]):
            if word in ("-c", "--command"):
                run_code(call, call.args[k + 1], "flock command")
                return
    if call.name in SHELL_WHEN_BARE:
        # Options may follow the architecture (setarch x86_64 -R PROGRAM); no program at all
        # starts a shell, which reads its commands from the input.
        program = list(operands[skip:])
        while program and program[0].startswith("-") and not program[0].unknown:
            program = program[1:]
        if not program:
            analyzer.dispatch([Arg("sh")], call.env, call.stdin, call.piped)
            return
        operands = [*operands[:skip], *program]
    if call.name.startswith("ld") and any(
        option in ("--preload", "--audit", "--library-path") for option, _ in call.options
    ):
        analyzer.flag("inline-code", f"{call.name} loads libraries into the program")
        return
    operands = operands[skip:]
    if call.name == "watch" and operands:
        joined = Arg(" ".join(operands), unknown=any(o.unknown for o in operands))
        run_code(call, joined, "watched command")
        return
    if not operands:
        return
    saved = analyzer.cwd
    for directory in call.values("-C", "--chdir", "-D"):
        path = analyzer.absolute(directory)
        analyzer.cwd = path
    try:
        analyzer.dispatch(operands, call.env, call.stdin, call.piped)
    finally:
        analyzer.cwd = saved


@handles("xargs", "parallel")
def xargs(call: Call) -> None:
    """The command xargs runs gets arguments from its input: unknown words.

    When the input is known (``echo .env | xargs cat``) the command is checked with those words
    too; an argument file (``-a``) is read; an input that may list a local secret (a listing of
    a directory that holds one, or anything unknown) asks before a command that reads files.
    """
    analyzer = call.analyzer
    call.parse_options(
        "ILnPdEsaJ",
        ("--max-lines", "--max-args", "--max-procs", "--delimiter", "--eof", "--arg-file"),
        stop_at_operand=True,
    )
    arg_files = call.values("-a", "--arg-file")
    for name in arg_files:
        analyzer.check_read(name)
    inner = call.operands or [Arg("echo")]
    given: list[Arg] = []
    if call.name == "parallel":
        words = [str(word) for word in inner]
        for marker in (":::", "::::", ":::+", "::::+"):
            if marker in words:
                k = words.index(marker)
                given = [w for w in inner[k + 1 :] if w not in (":::", "::::", ":::+", "::::+")]
                if marker.startswith("::::"):
                    for name in given:
                        analyzer.check_read(name)
                    given = []
                inner = inner[:k]
                break
    # The words xargs adds: the command is checked with one unknown word; which files they may
    # name is judged below from what feeds xargs (the empty candidates tell readers so).
    analyzer.dispatch([*inner, Arg(UNKNOWN, unknown=True, candidates=())], call.env, [], None)
    if call.name == "xargs" and not arg_files:
        text = stdin_code(call)
        if text is not None and not text.unknown:
            given = [Arg(word) for word in re.split(r"[\s\0]+", str(text)) if word]
    replace = call.values("-I", "-i", "--replace")
    for word in given:
        if replace:
            argv = [Arg(str(a).replace(str(replace[-1]), word)) for a in inner]
        else:
            argv = [*inner, word]
        analyzer.dispatch(argv, call.env, [], None)
    if given or not _reads_files(inner):
        return
    secret = _listed_secret(call, arg_files)
    if secret:
        analyzer.flag(
            "read-secret",
            f"{call.name} may hand {inner[0]} the path of {analyzer.show(secret)}, a local "
            "secret, from an input the guard does not see",
        )


def _find_names(argv: list[Arg]) -> list[str]:
    """The -name patterns every match of ``find`` satisfies (none when -o or ( may widen it)."""
    words = [str(arg) for arg in argv]
    if any(arg.unknown for arg in argv) or {"-o", "-or", ",", "("} & set(words):
        return []
    return [
        words[k + 1]
        for k, word in enumerate(words[:-1])
        if word == "-name" and (k == 0 or words[k - 1] not in ("!", "-not"))
    ]


def _reads_files(inner: list[Arg]) -> bool:
    """Whether a command may read the files it is handed (not echo, not a git subcommand)."""
    name = str(inner[0]).rsplit("/", 1)[-1] if inner else "echo"
    return name not in NO_FILE_OPERANDS and name not in ("git", "kill", "mkdir", "touch")


def _listed_secret(call: Call, arg_files: list[Arg]) -> str | None:
    """A local secret the input of xargs may name: None when it only lists harmless paths."""
    analyzer = call.analyzer
    producer = call.piped
    argv = analyzer.argv(producer.words) if producer is not None and not arg_files else []
    name = str(argv[0]).rsplit("/", 1)[-1] if argv else ""
    sub = [str(a) for a in argv[1:]]
    if (
        name == "git"
        and sub[:1] in (["diff"], ["ls-files"], ["show"], ["log"])
        and tracked_only(argv[2:])
    ):
        return None  # tracked files only
    if name in ("find", "fd", "fdfind", "ls", "rg", "grep", "tree"):
        starts = [a for a in argv[1:] if not a.startswith("-") and "*" not in a] or [Arg(".")]
        if name == "find":
            # Every starting point: the words before the expression's first test.
            starts = []
            for word in argv[1:]:
                if word.startswith(("-", "(", "!")):
                    break
                starts.append(word)
            starts = starts or [Arg(".")]
        if name in ("rg", "grep") and starts and "--files" not in sub:
            starts = starts[1:] or [Arg(".")]
        names = _find_names(argv) if name == "find" else []
        for start in starts:
            secrets = _secrets_under(call, start)
            if secrets is None:
                break
            # find -name '*.py' lists only what every -name matches.
            secrets = [
                secret
                for secret in secrets
                if all(fnmatch.fnmatchcase(os.path.basename(secret), n) for n in names)
            ]
            if secrets:
                return secrets[0]
        else:
            return None
    everything = _secrets_under(call, Arg("/"))
    return everything[0] if everything else None


@handles("script")
def script(call: Call) -> None:
    call.parse_options("cEOIBTm", ("--command", "--timing", "--log-out", "--log-in", "--log-io"))
    for target in call.operands:
        call.analyzer.check_write(target, what="overwrite")
    for code in call.values("-c", "--command"):
        run_code(call, code, "script -c command")
    if not call.values("-c", "--command"):
        # Without -c, script starts a shell that reads its commands from the input.
        call.analyzer.dispatch([Arg("sh")], call.env, call.stdin, call.piped)


@handles("newgrp")
def newgrp(call: Call) -> None:
    """newgrp starts a shell with another group, reading its commands from the input."""
    call.analyzer.dispatch([Arg("sh")], call.env, call.stdin, call.piped)


@handles("scalar")
def scalar(call: Call) -> None:
    """git's second front end: it registers repositories and rewrites git's configuration."""
    if call.args[:1] in (["list"], ["help"], ["version"]) or call.has("--help", "-h"):
        return
    call.analyzer.flag(
        "git-config-write", "scalar rewrites git's configuration and schedules maintenance"
    )


@handles("run-parts")
def run_parts(call: Call) -> None:
    if call.has("--test", "--list"):
        return
    call.analyzer.flag("unknown-command", "run-parts runs every program in a directory")


@handles("su", "runuser", "sg")
def switch_user(call: Call) -> None:
    call.analyzer.flag("privilege", f"{call.name} runs commands as another user")
    call.parse_options("cgGsw", ("--command", "--group", "--shell"))
    for code in call.values("-c", "--command"):
        run_code(call, code, f"{call.name} -c command")


# ---------------------------------------------------------------------------------------------
# Interpreters

SAFE_PY_MODULES = frozenset(
    [
        "json",
        "math",
        "platform",
        "datetime",
        "time",
        "re",
        "string",
        "textwrap",
        "collections",
        "itertools",
        "functools",
        "statistics",
        "decimal",
        "fractions",
        "random",
        "uuid",
        "hashlib",
        "sysconfig",
        "locale",
        "struct",
        "operator",
        "dataclasses",
        "enum",
        "typing",
        "pprint",
        "keyword",
        "unicodedata",
        "zoneinfo",
        "calendar",
        "tomllib",
        "importlib.metadata",
        "base64",
        "binascii",
        "difflib",
        "fnmatch",
        "heapq",
        "bisect",
        "numbers",
        "cmath",
        "colorsys",
        "html",
        "secrets",
        "ast",
    ]
)
SAFE_PY_BUILTINS = frozenset(
    [
        "print",
        "len",
        "str",
        "int",
        "float",
        "bool",
        "list",
        "dict",
        "set",
        "frozenset",
        "tuple",
        "sorted",
        "reversed",
        "range",
        "enumerate",
        "zip",
        "map",
        "filter",
        "sum",
        "min",
        "max",
        "abs",
        "round",
        "repr",
        "format",
        "isinstance",
        "issubclass",
        "hex",
        "oct",
        "bin",
        "ord",
        "chr",
        "any",
        "all",
        "divmod",
        "pow",
        "hash",
        "bytes",
        "bytearray",
        "slice",
        "iter",
        "next",
        "callable",
        "ascii",
        "complex",
        "type",
        "True",
        "False",
        "None",
        "NotImplemented",
        "Ellipsis",
    ]
)


HARMLESS_DUNDERS = frozenset(
    {"__name__", "__version__", "__file__", "__doc__", "__all__", "__qualname__", "__module__"}
)


def python_code_problem(
    code: str,
    project_modules: frozenset[str] = frozenset(),
    is_secret: Callable[[str], bool] | None = None,
) -> str | None:
    """Why inline Python may not be harmless; None when it only computes, reads and prints.

    Harmless means: it imports only modules from SAFE_PY_MODULES, RESTRICTED_PY_MODULES or the
    project's own packages; every attribute chain from an imported module resolves (in the
    standard library, without running the code) to an allowed module or to a function, class
    or value of one; an attribute of anything else (a call's result, a variable) is one the
    harmless value types have; it calls no builtin outside SAFE_PY_BUILTINS except ``open`` of
    a literal path for reading (not a local secret), and touches no attribute that starts with
    an underscore (but a few read-only dunders).
    """
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return "the inline Python does not parse"
    checker = _PyChecker(project_modules)
    problem = checker.bind_imports(tree)
    if problem:
        return problem
    defined: set[str] = set(checker.bound)
    opens: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            if node.attr.startswith("_") and node.attr not in HARMLESS_DUNDERS:
                return f"the inline Python uses .{node.attr}"
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            defined.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            defined.add(node.name)
        elif isinstance(node, ast.arg):
            defined.add(node.arg)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "open"
        ):
            problem = _open_problem(node, is_secret)
            if problem:
                return problem
            opens.add(id(node.func))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Name)
            and isinstance(node.ctx, ast.Load)
            and node.id not in SAFE_PY_BUILTINS
            and node.id not in defined
            and id(node) not in opens
        ):
            return f"the inline Python uses {node.id}"
    return checker.uses_problem(tree)


# What inline Python may use of ``os``: questions about the process and paths, never changes.
SAFE_OS_NAMES = frozenset(
    {
        "getcwd", "getcwdb", "getpid", "getppid", "getuid", "geteuid", "getgid", "getegid",
        "cpu_count", "sep", "altsep", "linesep", "pathsep", "curdir", "pardir", "extsep",
        "devnull", "name", "uname", "listdir", "walk", "scandir", "stat", "lstat", "fspath",
        "fsencode", "fsdecode", "get_terminal_size", "path", "environ", "getenv",
    }
)  # fmt: skip
SAFE_OS_PATH_NAMES = frozenset(
    {
        "join", "exists", "lexists", "isfile", "isdir", "islink", "isabs", "ismount",
        "basename", "dirname", "abspath", "realpath", "normpath", "normcase", "relpath",
        "split", "splitext", "splitdrive", "commonpath", "commonprefix", "getsize", "getmtime",
        "getctime", "getatime", "expanduser", "samefile", "sep",
    }
)  # fmt: skip
# What inline Python may use of ``sys``: facts about the interpreter and the standard streams;
# never the import machinery (modules, meta_path, path_hooks) nor hooks that run code later.
SAFE_SYS_NAMES = frozenset(
    {
        "argv", "orig_argv", "version", "version_info", "hexversion", "api_version",
        "implementation", "platform", "byteorder", "executable", "prefix", "base_prefix",
        "exec_prefix", "base_exec_prefix", "path", "stdin", "stdout", "stderr", "exit",
        "maxsize", "maxunicode", "float_info", "int_info", "hash_info", "thread_info", "flags",
        "getrecursionlimit", "getsizeof", "getdefaultencoding", "getfilesystemencoding",
        "getfilesystemencodeerrors", "stdlib_module_names", "builtin_module_names", "copyright",
        "dont_write_bytecode", "pycache_prefix", "platlibdir", "abiflags", "getrefcount",
        "intern", "float_repr_style", "warnoptions",
    }
)  # fmt: skip
# pathlib's methods that only compute or ask about paths (no write, no read of contents).
SAFE_PATH_NAMES = frozenset(
    {
        "resolve", "absolute", "exists", "is_dir", "is_file", "is_symlink", "is_absolute",
        "is_mount", "is_relative_to", "is_reserved", "is_socket", "is_fifo", "is_block_device",
        "is_char_device", "joinpath", "with_name", "with_stem", "with_suffix", "relative_to",
        "as_posix", "as_uri", "expanduser", "cwd", "home", "samefile", "stat", "lstat", "match",
        "glob", "rglob", "iterdir", "owner", "group", "readlink", "name", "stem", "suffix",
        "suffixes", "parent", "parents", "parts", "anchor", "root", "drive",
    }
)  # fmt: skip
# Modules inline Python may import when every use names one of these attributes.
RESTRICTED_PY_MODULES: dict[str, frozenset[str]] = {
    "os": SAFE_OS_NAMES,
    "os.path": SAFE_OS_PATH_NAMES,
    "sys": SAFE_SYS_NAMES,
    "pathlib": frozenset({"Path", "PurePath", "PosixPath", "PurePosixPath"}),
    "shutil": frozenset({"which", "get_terminal_size", "disk_usage"}),
}
# What the interpreter calls the modules above (``os.path`` is ``posixpath``).
_MODULE_NAMES = {"posixpath": "os.path", "ntpath": "os.path"}
# Methods of Path and of importlib.metadata's objects added after the oldest supported Python
# (the hook's own Python may not know them): the same as the ones it knows, a change or a read.
_LATER_RISKY_NAMES = frozenset(
    {"copy", "copy_into", "move", "move_into", "walk", "info", "from_uri", "full_match",
     "with_segments", "delete", "read_binary", "locate", "locate_file", "load"}
)  # fmt: skip


# Attribute names that run commands or reach every module, refused on anything the guard cannot
# resolve (the project's own modules, a call's result): ``platform.system`` resolves, ``x.system``
# does not.
_REACHING_NAMES = frozenset({"modules", "system", "popen"})


class _Prefix:
    """``import importlib.metadata`` binds ``importlib``, usable only on the way to ``metadata``."""

    def __init__(self, name: str, targets: set[str]) -> None:
        self.name = name
        self.targets = targets


class _Project:
    """A name from the project's own packages: the team's code, which the guard does not load."""


_PROJECT = _Project()
_UNKNOWN_VALUE = object()  # a value the guard does not know (a call's result, a variable)


class _PyChecker:
    """Resolves inline Python's imported names to the standard library's real objects.

    The modules are imported into the hook (only standard-library files, never one a path
    entry shadows) and every attribute chain is followed with ``getattr``: a module reached
    through another (``platform.os``, ``importlib.metadata.pathlib``) is judged as that module.
    """

    def __init__(self, project_modules: frozenset[str]) -> None:
        self.project_modules = project_modules
        self.bound: dict[str, object] = {}

    # -- imports ----------------------------------------------------------------------------

    def bind_imports(self, tree: ast.AST) -> str | None:
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    problem = self._import(alias)
                    if problem:
                        return problem
            elif isinstance(node, ast.ImportFrom):
                problem = self._import_from(node)
                if problem:
                    return problem
        return None

    def _bind(self, name: str, value: object) -> str | None:
        previous = self.bound.get(name)
        if previous is None or previous is value:
            self.bound[name] = value
            return None
        if isinstance(previous, _Prefix) and isinstance(value, _Prefix):
            previous.targets |= value.targets
            return None
        return f"the inline Python binds {name} to two different things"

    def _import(self, alias: ast.alias) -> str | None:
        name = alias.name
        top = name.split(".")[0]
        if top in self.project_modules:
            return self._bind(alias.asname or top, _PROJECT)
        module = _stdlib_module(name)
        if module is None:
            return f"the inline Python imports {name}"
        if alias.asname:
            return self._bind(alias.asname, module)
        if name == top:
            return self._bind(top, module)
        parent = _stdlib_module(top)
        if parent is not None:
            return self._bind(top, parent)  # import os.path binds os, an allowed module
        return self._bind(top, _Prefix(top, {name}))

    def _import_from(self, node: ast.ImportFrom) -> str | None:
        module_name = node.module or ""
        if node.level or not module_name:
            return "the inline Python imports relatively"
        if module_name.split(".")[0] in self.project_modules:
            for alias in node.names:
                problem = self._bind(alias.asname or alias.name, _PROJECT)
                if problem:
                    return problem
            return None
        module = _stdlib_module(module_name)
        if module is None:
            return f"the inline Python imports {module_name}"
        for alias in node.names:
            if alias.name == "*":
                return f"the inline Python imports everything from {module_name}"
            submodule = _stdlib_module(f"{module_name}.{alias.name}")
            if submodule is not None:
                value: object = submodule
            else:
                value, problem = _step(module, alias.name, module_name)
                if problem:
                    return problem
            problem = self._bind(alias.asname or alias.name, value)
            if problem:
                return problem
        return None

    # -- uses -------------------------------------------------------------------------------

    def uses_problem(self, tree: ast.AST) -> str | None:
        parents: dict[int, ast.AST] = {}
        for outer in ast.walk(tree):
            for child in ast.iter_child_nodes(outer):
                parents[id(child)] = outer
        problem = self._rebinding_problem(tree) or self._sys_path_problem(tree)
        if problem:
            return problem
        for node in ast.walk(tree):
            if not isinstance(node, (ast.Attribute, ast.Name)):
                continue
            parent = parents.get(id(node))
            if isinstance(parent, ast.Attribute) and parent.value is node:
                continue  # judged with the chain it starts
            if isinstance(node, ast.Name) and node.id not in self.bound:
                continue
            value, problem = self._value(node)
            if problem:
                return problem
            if isinstance(value, (types.ModuleType, _Prefix)):
                return "the inline Python hands a module around"
            if _mutable(value) and not _only_read(node, parents):
                return f"the inline Python hands {ast.unparse(node)} on or changes it"
            stored = isinstance(node, ast.Attribute) and not isinstance(node.ctx, ast.Load)
            if stored and value is not _UNKNOWN_VALUE:
                return "the inline Python changes a module's attribute"
        return None

    def _value(self, node: ast.expr) -> tuple[object, str | None]:
        """The real object an expression is, ``_UNKNOWN_VALUE``, or why it is refused."""
        if isinstance(node, ast.Name):
            return self.bound.get(node.id, _UNKNOWN_VALUE), None
        if isinstance(node, ast.Constant) and not isinstance(node.value, (str, bytes, int)):
            return _UNKNOWN_VALUE, None
        if not isinstance(node, ast.Attribute):
            return _UNKNOWN_VALUE, None
        base, problem = self._value(node.value)
        if problem:
            return None, problem
        attr = node.attr
        shown = ast.unparse(node.value)
        if isinstance(base, _Prefix):
            full = f"{base.name}.{attr}"
            if full in base.targets:
                return _stdlib_module(full), None
            if any(target.startswith(full + ".") for target in base.targets):
                return _Prefix(full, base.targets), None
            return None, f"the inline Python uses {shown}.{attr}"
        if base in (_PROJECT, _UNKNOWN_VALUE) and attr in _REACHING_NAMES:
            return None, f"the inline Python uses .{attr}"
        if base is _PROJECT:
            if attr in sys.stdlib_module_names:
                return None, f"the inline Python reaches {attr} through {shown}"
            return _PROJECT, None
        if isinstance(node.value, (ast.Constant, ast.JoinedStr)):
            kind = str if isinstance(node.value, ast.JoinedStr) else type(node.value.value)
            if attr not in dir(kind):
                return None, f"the inline Python uses .{attr} of a {kind.__name__}"
            return _UNKNOWN_VALUE, None
        if base is _UNKNOWN_VALUE:
            if attr not in _data_attributes() and attr not in HARMLESS_DUNDERS:
                return None, f"the inline Python uses .{attr} of a value the guard cannot tell"
            return _UNKNOWN_VALUE, None
        return _step(base, attr, shown)

    def _rebinding_problem(self, tree: ast.AST) -> str | None:
        """A name bound to a module (or from one) is never bound to anything else."""
        for node in ast.walk(tree):
            names: list[str | None] = []
            if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                names = [node.id]
            elif isinstance(node, ast.arg):
                names = [node.arg]
            elif isinstance(node, (ast.Global, ast.Nonlocal)):
                names = list(node.names)
            elif isinstance(node, ast.MatchMapping):
                names = [node.rest]
            elif isinstance(node, _NAMING_NODES):
                names = [node.name]  # def, class, except ... as NAME, a match capture
            for name in names:
                if name in self.bound:
                    return f"the inline Python rebinds {name}"
        return None

    def _sys_path_problem(self, tree: ast.Module | ast.AST) -> str | None:
        """Imports after ``sys.path`` is touched may load any file: they must all come first."""
        uses = [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute)
            and node.attr == "path"
            and self._value(node.value)[0] is sys
        ]
        if not uses:
            return None
        first = min((node.lineno, node.col_offset) for node in uses)
        top = tree.body if isinstance(tree, ast.Module) else []
        for node in ast.walk(tree):
            if not isinstance(node, (ast.Import, ast.ImportFrom)):
                continue
            if node not in top or (node.lineno, node.col_offset) > first:
                return "the inline Python imports after it may have changed sys.path"
        return None


_NAMING_NODES = (
    ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.ExceptHandler, ast.MatchAs,
    ast.MatchStar,
)  # fmt: skip


def _only_read(node: ast.AST, parents: dict[int, ast.AST]) -> bool:
    """Whether a module's list or mapping is only read here: indexed, iterated, printed..."""
    parent = parents.get(id(node))
    if isinstance(parent, ast.Subscript):
        return parent.value is node and isinstance(parent.ctx, ast.Load)
    if isinstance(parent, (ast.For, ast.comprehension)):
        return parent.iter is node
    if isinstance(parent, (ast.Compare, ast.FormattedValue)):
        return True
    return (
        isinstance(parent, ast.Call)
        and node in parent.args
        and isinstance(parent.func, ast.Name)
        and parent.func.id in READING_BUILTINS
    )


def _module_name(module: types.ModuleType) -> str:
    return _MODULE_NAMES.get(module.__name__, module.__name__)


def _allowed_module(name: str) -> bool:
    return name in SAFE_PY_MODULES or name in RESTRICTED_PY_MODULES


@functools.cache
def _stdlib_dirs() -> tuple[str, ...]:
    import sysconfig  # only when inline Python is checked

    paths = sysconfig.get_paths()
    return tuple({os.path.realpath(paths[key]) + os.sep for key in ("stdlib", "platstdlib")})


def _stdlib_module(name: str) -> types.ModuleType | None:
    """The standard library's module ``name`` when inline Python may import it, else None.

    Imported into the hook only from the standard library's own files: a module of that name
    on another path (``PYTHONPATH=src``) is never run here.
    """
    if not _allowed_module(name):
        return None
    if name == "os.path":
        return os.path
    loaded = sys.modules.get(name)
    if isinstance(loaded, types.ModuleType):
        return loaded
    import importlib.util

    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    origin = spec.origin if spec is not None else None
    if origin is None:
        return None
    if origin not in ("built-in", "frozen") and not os.path.realpath(origin).startswith(
        _stdlib_dirs()
    ):
        return None
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def _step(obj: object, attr: str, shown: str) -> tuple[object, str | None]:
    """``obj.attr`` for a real object: the value, or why inline Python may not use it."""
    if attr.startswith("_") and attr not in HARMLESS_DUNDERS:
        return None, f"the inline Python uses {shown}.{attr}"
    if isinstance(obj, types.ModuleType):
        name = _module_name(obj)
        allowed = RESTRICTED_PY_MODULES.get(name)
        if allowed is not None and attr not in allowed:
            return None, f"the inline Python uses {shown}.{attr} ({name}.{attr})"
        if allowed is None and not _allowed_module(name):
            return None, f"the inline Python reaches the module {name}"
        found = _getattr(obj, attr)
        if found is _MISSING:
            return None, f"the inline Python uses {shown}.{attr}, which the guard cannot find"
        if isinstance(found, types.ModuleType):
            if not _allowed_module(_module_name(found)):
                return None, f"the inline Python reaches {_module_name(found)} through {shown}"
            return found, None
        if allowed is None and not _safe_home(found, attr):
            return None, f"the inline Python uses {shown}.{attr}, from outside {name}"
        if any(found is named for named in _by_name_functions()):
            return None, f"the inline Python uses {shown}.{attr}, which acts on names in strings"
        return found, None
    if _mutable(obj) and attr not in READ_ONLY_CONTAINER_NAMES:
        return None, f"the inline Python changes {shown} (.{attr})"
    if attr not in _data_attributes() and attr not in HARMLESS_DUNDERS:
        return None, f"the inline Python uses {shown}.{attr}"
    found = _getattr(obj, attr)
    if isinstance(found, types.ModuleType):
        return None, f"the inline Python reaches a module through {shown}.{attr}"
    return (_UNKNOWN_VALUE if found is _MISSING else found), None


_MISSING = object()


def _getattr(obj: object, attr: str) -> object:
    """``getattr`` on a standard-library object, quietly: a failure or a warning is missing."""
    import warnings  # already loaded by the interpreter

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return getattr(obj, attr, _MISSING)
        except Exception:  # a module's __getattr__ may raise anything
            return _MISSING


# What inline Python may do with a module's own list or mapping (sys.argv, sys.path,
# os.environ): read it. Changed, it steers what later runs (a module's main() reads argv, a
# helper that runs ``uname`` looks it up on PATH, imports follow sys.path).
READ_ONLY_CONTAINER_NAMES = frozenset({"get", "keys", "values", "items", "copy", "count", "index"})
# Builtins that only read what they are handed (never keep or change it).
READING_BUILTINS = frozenset(
    {"print", "len", "sorted", "str", "repr", "list", "tuple", "set", "frozenset", "dict",
     "any", "all", "enumerate", "zip", "min", "max", "sum", "reversed", "format", "ascii",
     "bool", "isinstance"}
)  # fmt: skip


def _mutable(obj: object) -> bool:
    import collections.abc  # only when inline Python is checked

    kinds = (list, dict, set, bytearray, collections.abc.MutableMapping)
    return isinstance(obj, (*kinds, collections.abc.MutableSequence, collections.abc.MutableSet))


@functools.cache
def _by_name_functions() -> tuple[object, ...]:
    """Functions of allowed modules that reach attributes or code named by a string.

    ``operator.methodcaller("unlink")`` calls a method the guard never sees in the code, and
    ``typing.get_type_hints`` evaluates string annotations as code.
    """
    import operator  # only when inline Python is checked
    import typing

    found = [operator.attrgetter, operator.methodcaller, typing.get_type_hints, typing.ForwardRef]
    later = getattr(typing, "evaluate_forward_ref", None)
    return (*found, later) if later is not None else tuple(found)


def _safe_home(found: object, attr: str) -> bool:
    """Whether a module's attribute is defined by an allowed module (or is plain data)."""
    home = getattr(found, "__module__", None) if callable(found) else type(found).__module__
    if not isinstance(home, str):
        return False
    parts = home.split(".")
    home = ".".join([parts[0].lstrip("_"), *parts[1:]])
    if home == "builtins":
        return not callable(found) or attr in SAFE_PY_BUILTINS
    return any(home == name or home.startswith(name + ".") for name in SAFE_PY_MODULES)


@functools.cache
def _data_attributes() -> frozenset[str]:
    """Attributes inline Python may use on a value the guard cannot tell (a call's result).

    Those of the harmless value types (str, dict, datetime...) and pathlib's questions, less
    every method of the objects that reach files or load code (Path, importlib.metadata's
    distributions, entry points and files): ``x.replace`` may be ``Path.replace``.
    """
    import collections  # only when inline Python is checked
    import datetime
    import decimal
    import fractions
    import hashlib
    import importlib.metadata
    import io
    import pathlib
    import platform
    import uuid

    harmless: list[object] = [
        str, bytes, bytearray, int, float, complex, bool, list, dict, tuple, set, frozenset,
        range, slice, io.TextIOWrapper, io.BufferedReader, datetime.datetime, datetime.date,
        datetime.time, datetime.timedelta, datetime.timezone, decimal.Decimal,
        fractions.Fraction, uuid.UUID, re.Match, re.Pattern, collections.Counter,
        collections.OrderedDict, collections.defaultdict, collections.deque,
        platform.uname_result, os.stat_result, os.DirEntry, BaseException,
        type(hashlib.sha256()),
    ]  # fmt: skip
    capable: list[object] = [
        pathlib.Path, importlib.metadata.Distribution, importlib.metadata.EntryPoint,
        importlib.metadata.PackagePath,
    ]  # fmt: skip
    names = {name for kind in harmless for name in dir(kind) if not name.startswith("_")}
    risky = {
        name
        for kind in capable
        for name in dir(kind)
        if not name.startswith("_") and callable(getattr(kind, name, None))
    }
    return frozenset((names | SAFE_PATH_NAMES) - (risky - SAFE_PATH_NAMES) - _LATER_RISKY_NAMES)


def _open_problem(node: ast.Call, is_secret: Callable[[str], bool] | None) -> str | None:
    """``open("literal")`` or ``open("literal", "r"/"rb")`` only, and never a local secret."""
    args = list(node.args)
    mode: ast.expr | None = args[1] if len(args) > 1 else None
    for keyword in node.keywords:
        if keyword.arg == "mode":
            mode = keyword.value
        elif keyword.arg not in ("encoding", "errors", "newline"):
            return "the inline Python opens a file in a way the guard cannot check"
    if not args or not isinstance(args[0], ast.Constant) or not isinstance(args[0].value, str):
        return "the inline Python opens a file decided when it runs"
    if mode is not None and not (
        isinstance(mode, ast.Constant)
        and isinstance(mode.value, str)
        and set(mode.value) <= set("rbt")
    ):
        return "the inline Python opens a file for writing"
    if is_secret is not None and is_secret(args[0].value):
        return "the inline Python reads a local secret"
    return None


RISKY_PY_MODULES = frozenset({"http.server", "pydoc", "smtpd", "xmlrpc.server", "socketserver"})


# What ``python -V`` and friends print: nothing runs.
PY_INFO_FLAGS = frozenset({"-V", "-VV", "--version", "-h", "--help", "-?"})
# Modules whose command line runs Python code or a program (timeit's statements, cProfile's
# script...), or that read debugger or console commands from their input.
PY_STDIN_MODULES = frozenset({"pdb", "code", "asyncio", "idlelib", "runpy", "sqlite3", "ensurepip"})
# Modules whose command line turns data into running code: pickle unpickles its files (a pickle
# calls any function it names, os.system included); webbrowser starts the program $BROWSER names.
PY_DATA_RUNNING_MODULES = frozenset({"pickle", "webbrowser"})
# Where a module reads its standard input when it is handed a path for it.
STDIN_PATHS = frozenset({"-", "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"})


@handles("python", "python3", "python2", "pypy", "pypy3")
def python(call: Call) -> None:
    found = _module_args(call.args)  # -m ends python's options: the rest is the module's
    if found is not None:
        _python_module(call, *found)
        return
    call.parse_options("cmWXQ", (), stop_at_operand=True)
    codes = call.values("-c")
    if codes:
        for code in codes:
            _python_code(call, code)
        # The words after the code are its sys.argv: a module's main() (base64, json.tool)
        # reads and writes the files they name, so they are judged as an unknown program's.
        argv = _after(call.args, codes[0])
        if argv:
            unknown_program(Call(call.analyzer, f"{call.name} -c", argv, {}, [], None))
        return
    if not call.operands or call.operands[0] == "-":
        if call.stdin or call.piped is not None:
            program = stdin_code(call)
            if program is None or program.unknown:
                run_code(call, None, "Python program on standard input")
            else:
                _python_code(call, program)
                if call.operands[1:]:  # the program's sys.argv, as after -c
                    unknown_program(
                        Call(call.analyzer, f"{call.name} -", call.operands[1:], {}, [], None)
                    )
        elif not (call.args and all(arg in PY_INFO_FLAGS for arg in call.args)):
            _unseen_program(call)
        return
    _program_file(call, call.operands[0])


def _after(args: list[Arg], value: Arg) -> list[Arg]:
    """The words after the option word that carries (or precedes) ``value``."""
    for k, arg in enumerate(args):
        if arg is value or (arg.startswith("-") and arg != value and arg.endswith(value)):
            return list(args[k + 1 :])
    return list(args)


def _module_args(args: list[Arg]) -> tuple[Arg, list[Arg]] | None:
    """``python [options] -m MODULE ARGS...``: the module and its own arguments (raw)."""
    for i, arg in enumerate(args):
        if arg.unknown or not arg.startswith("-") or arg.startswith("--") or arg == "-":
            return None
        for k in range(1, len(arg)):
            if arg[k] == "m":
                if arg[k + 1 :]:
                    return Arg(arg[k + 1 :], unknown=arg.unknown), list(args[i + 1 :])
                if i + 1 < len(args):
                    return args[i + 1], list(args[i + 2 :])
                return None
            if arg[k] in "cWXQ":
                break  # the rest of the word (or the next word) is this option's value
    return None


def _unseen_program(call: Call) -> None:
    """An interpreter with no program in its arguments reads it from its input."""
    analyzer = call.analyzer
    if analyzer.fetched or _fetches(call.piped):
        analyzer.flag("remote-code", f"the {call.name} program comes from the network")
    analyzer.flag(
        "inline-code", f"{call.name} reads its program from an input the guard does not see"
    )


def _split_module_options(
    args: list[Arg], value_options: frozenset[str]
) -> tuple[list[tuple[str, Arg | None]], list[Arg]]:
    """A module's own options (getopt-style, stopping at the first operand) and the rest."""
    options: list[tuple[str, Arg | None]] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg.unknown or not arg.startswith("-") or arg == "-":
            break
        i += 1
        if arg == "--":
            break
        name, equals, value = str(arg).partition("=")
        if arg.startswith("--"):
            if equals:
                options.append((name, Arg(value, unknown=arg.unknown)))
            elif name in value_options and i < len(args):
                options.append((name, args[i]))
                i += 1
            else:
                options.append((name, None))
            continue
        flag = str(arg)[:2]
        if flag in value_options:
            if len(arg) > 2:
                options.append((flag, Arg(str(arg)[2:], unknown=arg.unknown)))
            elif i < len(args):
                options.append((flag, args[i]))
                i += 1
            else:
                options.append((flag, None))
        else:
            options.extend(("-" + c, None) for c in str(arg)[1:])
    return options, list(args[i:])


def _python_module(call: Call, module: Arg, args: list[Arg]) -> None:
    """``python -m MODULE ARGS``: modules that run code have their code checked like -c."""
    analyzer = call.analyzer
    if module.opaque:
        analyzer.flag("unknown-word", "python -m runs a module decided when it runs")
    elif module in RISKY_PY_MODULES:
        analyzer.flag("network-serve", f"python -m {module} serves files over the network")
    elif module in ("pip", "pip3"):
        pip(Call(analyzer, "pip", args, call.env, call.stdin, call.piped))
    elif module == "venv":
        clear = "--clear" in args
        for target in args:
            if not target.startswith("-"):
                analyzer.check_write(target, what="clear" if clear else "create", delete=clear)
    elif module in DEV_TOOLS:
        analyzer.dispatch([Arg(module), *args], call.env, call.stdin, call.piped)
    elif module == "json.tool":
        files = [arg for arg in args if not arg.startswith("-")]
        for name in files[:1]:
            analyzer.check_read(name)
        for name in files[1:2]:
            analyzer.check_write(name, what="overwrite")
    elif module == "timeit":
        options, statements = _split_module_options(
            args, frozenset({"-n", "-r", "-s", "-u", "--number", "--repeat", "--setup", "--unit"})
        )
        # The setup and the statements run in one namespace (a module the setup imports is
        # used by a statement), so they are judged as one program.
        pieces = [value for option, value in options if option in ("-s", "--setup")]
        if any(value is None for value in pieces):
            analyzer.flag("inline-code", "timeit is given setup code the guard cannot see")
        else:
            parts = [piece for piece in (*pieces, *statements) if piece is not None]
            program = Arg("\n".join(parts), unknown=any(part.unknown for part in parts))
            _python_code(call, program)
    elif module in ("cProfile", "profile", "trace"):
        values = frozenset({"-o", "-s", "-m", "--outfile", "--sort", "-f", "--file", "-C"})
        values |= {"--coverdir", "--ignore-module", "--ignore-dir"}
        options, rest = _split_module_options(args, values)
        as_module = module == "trace" and any(name == "--module" for name, _ in options)
        for option, value in options:
            if value is None:
                continue
            if option in ("-o", "--outfile", "-f", "--file"):
                analyzer.check_write(value, what="overwrite")
            elif option in ("-C", "--coverdir"):
                analyzer.check_write(value, what="write into")
            elif option == "-m" and module != "trace":
                _python_module(call, value, rest)
                return
        if not rest:
            return
        if as_module:
            _python_module(call, rest[0], rest[1:])
        else:
            _program_file(call, rest[0])
    elif module == "doctest":
        for name in args:
            if not name.startswith("-") or name.unknown:
                _program_file(call, name)  # doctest runs the examples in the file
    elif module == "py_compile":
        # Compiles (never runs) each file into __pycache__ beside it, like an import does.
        for name in args:
            if not name.startswith("-"):
                analyzer.check_read(name)
    elif module in PY_STDIN_MODULES or str(module).split(".")[0] in PY_STDIN_MODULES:
        analyzer.flag(
            "inline-code", f"python -m {module} runs code or commands the guard does not see"
        )
    elif module in PY_DATA_RUNNING_MODULES:
        analyzer.flag("inline-code", f"python -m {module} runs what its input or files name")
    elif module == "unittest":
        _unittest(call, args)
    else:
        # A module may write any file it is handed (json.tool IN OUT): treat it like a
        # program the guard does not know.
        unknown_program(Call(analyzer, f"python -m {module}", args, {}, [], None))
        own = str(module).split(".")[0] in project_modules(analyzer.project)
        if not own and (
            call.stdin
            or call.piped is not None
            or any(arg in STDIN_PATHS for arg in args)
            or _input_redirected(call)
        ):
            # What a module the guard does not know does with data it reads is unknown: a
            # loader of pickles or code would run it.
            analyzer.flag(
                "inline-code", f"python -m {module} reads an input the guard cannot judge"
            )


def _input_redirected(call: Call) -> bool:
    """Whether the command's standard input is a file (``< data``), not the terminal."""
    current = call.analyzer.current
    if current is None:
        return False
    return any(
        op in ("<", "<>", "<&", "<<<") and target.literal() != "/dev/null"
        for op, target in current.redirs
    )


def _unittest(call: Call, args: list[Arg]) -> None:
    """``python -m unittest``: the project's tests, like pytest; tests from elsewhere ask.

    It imports the modules it is named and the test files discovery finds under its start
    directory, so both must lie in the project (a written test file asks as for pytest,
    through the command's written-code check).
    """
    analyzer = call.analyzer
    discover = args[:1] == ["discover"]
    values = frozenset({"-s", "--start-directory", "-t", "--top-level-directory", "-p"})
    values |= {"--pattern", "-k", "--durations"}
    options, rest = _split_module_options(args[1:] if discover else args, values)
    directories = [v for o, v in options if v is not None and o in _UNITTEST_DIRS]
    if discover:
        directories += rest[:1] + rest[2:3]  # discover [START [PATTERN [TOP]]]
    else:
        directories += [name for name in rest if "/" in name or name.endswith(".py")]
    if not rest:
        directories.append(Arg("."))  # discovery starts in the working directory
    project = analyzer.project.rstrip("/")
    for name in directories:
        path = analyzer.absolute(name) if not name.opaque else None
        if path is None or not (path == project or path.startswith(project + "/")):
            analyzer.flag("inline-code", f"python -m unittest runs tests from {name}")
            return
    for name in rest:
        if name.opaque:
            analyzer.flag("unknown-word", "python -m unittest runs tests decided when it runs")
            return
        analyzer.check_read(name)


_UNITTEST_DIRS = frozenset({"-s", "--start-directory", "-t", "--top-level-directory"})


def _python_code(call: Call, code: Arg) -> None:
    analyzer = call.analyzer
    if code.unknown:
        if analyzer.fetched or _fetches(call.piped):
            analyzer.flag("remote-code", "the Python code comes from the network")
        analyzer.flag("inline-code", "the inline Python is decided only when it runs")
        return
    problem = python_code_problem(code, project_modules(analyzer.project), analyzer.is_secret)
    if problem:
        analyzer.flag("inline-code", problem)


def project_modules(project: str) -> frozenset[str]:
    """The project's own top-level packages (under src/ and at the root)."""
    names: set[str] = set()
    for base in (os.path.join(project, "src"), project):
        try:
            entries = os.listdir(base)
        except OSError:
            continue
        for entry in entries:
            if os.path.isfile(os.path.join(base, entry, "__init__.py")):
                names.add(entry)
    return frozenset(names)


def _program_file(call: Call, path_arg: Arg) -> None:
    """A program file for an interpreter: it must be known and not written by this command."""
    analyzer = call.analyzer
    path = analyzer.absolute(path_arg) if not path_arg.opaque else None
    if path is None:
        run_code(call, None, f"{call.name} program")
        return
    if analyzer.wrote(path):
        analyzer.flag("inline-code", f"it runs a {call.name} program this same command writes")
        return
    analyzer.check_read(path_arg)


INLINE_FLAGS = {
    "node": ("-e", "--eval", "-p", "--print"),
    "nodejs": ("-e", "--eval", "-p", "--print"),
    "bun": ("-e", "--eval", "-p", "--print"),
    "deno": ("eval", "repl"),
    "perl": ("-e", "-E"),
    "ruby": ("-e",),
    "php": ("-r", "-S", "-B", "-R", "-E", "-F", "-a"),
    "lua": ("-e", "-i"),
    "luajit": ("-e", "-i"),
    "Rscript": ("-e", "--expr"),
    "R": ("-e",),
    "tclsh": (),
    "wish": (),
    "expect": ("-c", "-i"),
    "osascript": ("-e",),
    "pwsh": ("-c", "-Command", "-EncodedCommand", "-ec", "-e"),
    "powershell": ("-c", "-Command", "-EncodedCommand", "-ec", "-e"),
    "jshell": (),
    "irb": ("-e",),
    "julia": ("-e", "-E", "--eval", "--print", "-i"),
    "guile": ("-c", "-e"),
    "raku": ("-e",),
    "perl6": ("-e",),
    "elixir": ("-e", "--eval"),
    "erl": ("-eval", "-s", "-run"),
    "groovy": ("-e",),
    "scala": ("-e",),
    "racket": ("-e", "--eval", "-i"),
    "sbcl": ("--eval",),
    "clisp": ("-x",),
    "octave": ("--eval",),
    "dc": ("-e", "--expression"),
    "m4": (),
    "gdb": (),
    "lldb": (),
}
# Options whose value is a module or file the interpreter loads and runs before the program.
LOAD_FLAGS = {
    "node": ("-r", "--require", "--import", "--loader", "--experimental-loader"),
    "nodejs": ("-r", "--require", "--import", "--loader", "--experimental-loader"),
    "bun": ("-r", "--preload"),
    "ruby": ("-r", "-I"),
    "irb": ("-r", "-I"),
    "lua": ("-l",),
    "luajit": ("-l",),
    "perl": ("-M", "-m", "-I"),
    "php": ("-d", "-c", "-z"),
    "julia": ("-L", "--load"),
    "guile": ("-l", "-L"),
    "racket": ("-l", "-t", "-r", "-f", "-u", "-k"),
    "expect": ("-f",),
    "sbcl": ("--load", "--script", "--core"),
    "clisp": ("-i",),
    "elixir": ("-r", "--require", "-pr"),
    "dc": ("-f", "--file"),
}
# Interpreters that read commands from their input or their options in every use: asked about.
ALWAYS_SCRIPTED = frozenset({"gdb", "lldb", "jshell", "irb", "R", "octave"})
INFO_FLAGS = frozenset({"--version", "-version", "-V", "-v", "--help", "-h", "-help", "-?"})
_PERL_MODULE = re.compile(r"-[mM]-?[A-Za-z_][\w:]*(=[\w:,.-]*)?")


@handles(*INLINE_FLAGS)
def interpreter(call: Call) -> None:
    analyzer = call.analyzer
    flags = INLINE_FLAGS[call.name]
    args = call.args
    if args and all(arg in INFO_FLAGS for arg in args):
        return
    if call.name in ALWAYS_SCRIPTED:
        analyzer.flag("inline-code", f"{call.name} runs commands the guard cannot check")
        return
    if any(str(arg).split("=", 1)[0] in flags or (arg[:2] in flags) for arg in args if arg):
        analyzer.flag("inline-code", f"{call.name} runs inline code")
        return
    if any(arg.startswith("-i") for arg in args) and call.name in ("perl", "ruby"):
        analyzer.flag("inline-code", f"{call.name} -i edits files in place")
        return
    if call.name == "deno" and args[:1] == ["run"] and any("://" in a for a in args):
        analyzer.flag("package-install", "deno runs a program from a URL")
        return
    skip = _loaded_code(call)
    operands = [
        arg
        for k, arg in enumerate(args)
        if (not arg.startswith("-") or arg.unknown) and k not in skip
    ]
    if call.name == "deno" and operands[:1] == ["run"]:
        operands = operands[1:]
    if not operands:
        if call.stdin or call.piped is not None:
            run_code(call, None, f"{call.name} program on standard input")
        else:
            _unseen_program(call)
        return
    if call.name == "m4":
        for operand in operands:  # every input of m4 is a program (syscmd runs commands)
            _program_file(call, operand)
        return
    _program_file(call, operands[0])


def _loaded_code(call: Call) -> set[int]:
    """Check what -r/-M/-l... load; return the indexes of the words that are their values."""
    analyzer = call.analyzer
    names = LOAD_FLAGS.get(call.name, ())
    values: set[int] = set()
    args = call.args
    for k, arg in enumerate(args):
        text = str(arg)
        option, equals, attached = text.partition("=")
        value: Arg | None = None
        if option in names and equals:
            value = Arg(attached, unknown=arg.unknown)
        elif text in names and k + 1 < len(args):
            value = args[k + 1]
            values.add(k + 1)
        elif len(text) > 2 and text[:2] in names and not text.startswith("--"):
            value = Arg(text[2:], unknown=arg.unknown)
        if value is None:
            continue
        if call.name == "perl" and text[:2] in ("-M", "-m"):
            if value.unknown or not _PERL_MODULE.fullmatch(text if len(text) > 2 else "-M" + value):
                analyzer.flag("inline-code", f"perl {text[:2]} carries code, not a module name")
            continue
        if call.name == "php" and option == "-d":
            if value.unknown or re.search(r"prepend|append|extension|include_path", value, re.I):
                analyzer.flag("inline-code", "php -d makes PHP load another file or extension")
            continue
        if value.opaque:
            analyzer.flag("inline-code", f"{call.name} loads code decided when it runs")
            continue
        path = analyzer.absolute(value)
        written = sorted(analyzer.written)
        if path is not None and any(w == path or w.startswith(path + ".") for w in written):
            analyzer.flag("inline-code", f"{call.name} loads code this same command writes")
    return values


def _awk_risk(program: str) -> str | None:
    """Why an awk program may run commands or write files; None when it only reads and prints.

    Strings and regular expressions are blanked first, so ``/a>b/`` or ``"x | y"`` are text;
    a comparison (``$3 > 100``) is not a redirection: only ``>``/``|`` inside a print or
    printf statement are.
    """
    code = _awk_blank(program)
    if code is None:
        return "the awk program cannot be read by the guard"
    if re.search(r"\b(system|getline|close|fflush)\b|\|&|ENVIRON|PROCINFO|@load|@include", code):
        return "the awk program runs commands, reads other files or the environment"
    for match in re.finditer(r"\bprintf?\b", code):
        depth = 0
        for char in code[match.end() :]:
            if char in "([":
                depth += 1
            elif char in ")]":
                depth -= 1
                if depth < 0:
                    break
            elif depth == 0 and char in ";\n}":
                break
            elif depth == 0 and char in ">|":
                return "the awk program writes a file or pipes into a command"
    return None


def _awk_blank(program: str) -> str | None:
    """``program`` with the text of string and regex literals blanked (None: unterminated)."""
    out: list[str] = []
    i = 0
    previous = ""  # the last significant character before this point
    while i < len(program):
        char = program[i]
        regex = char == "/" and (previous == "" or previous in "(,~!{};&|\n?:=")
        if char == '"' or regex:
            end = i + 1
            while end < len(program) and program[end] != char:
                end += 2 if program[end] == "\\" else 1
                if char == "/" and end < len(program) and program[end] == "\n":
                    return None
            if end >= len(program):
                return None
            out.append(char + " " * (end - i - 1) + char)
            i = end + 1
            previous = "x"
            continue
        if char == "#":
            newline = program.find("\n", i)
            i = len(program) if newline < 0 else newline
            continue
        out.append(char)
        if not char.isspace() or char == "\n":
            previous = char
        i += 1
    return "".join(out)


# awk -W options that only print or change parsing; others (exec, file, source...) load code.
AWK_HARMLESS_W = frozenset(
    {"version", "v", "help", "usage", "posix", "traditional", "compat", "lint", "re-interval",
     "interactive", "sprintf", "posix_space", "dump", "characters-as-bytes", "sandbox"}
)  # fmt: skip


@handles("awk", "gawk", "mawk", "nawk")
def awk(call: Call) -> None:
    call.parse_options(
        "fvFWEeil",
        ("--file", "--assign", "--field-separator", "--exec", "--source", "--include", "--load"),
    )
    analyzer = call.analyzer
    program_files = call.values("-f", "--file", "-E", "--exec", "-i", "--include")
    for value in call.values("-W"):
        name = str(value).split("=", 1)[0]
        if value.unknown or name not in AWK_HARMLESS_W:
            analyzer.flag("inline-code", f"awk -W {name} loads a program the guard does not read")
            return
    if call.values("-l", "--load"):
        analyzer.flag("inline-code", "awk loads an extension (compiled code)")
        return
    texts = list(call.values("-e", "--source"))
    for path_arg in program_files:
        text = _reviewed_program(call, path_arg)
        if text is None:
            return
        texts.append(Arg(text))
    operands = call.operands
    if not texts and not program_files:
        if not operands:
            return
        texts, operands = [operands[0]], operands[1:]
    for program in texts:
        if program.unknown:
            analyzer.flag("inline-code", "the awk program is decided only when it runs")
            return
        problem = _awk_risk(program)
        if problem:
            analyzer.flag("inline-code", problem)
            return
    for name in operands:
        analyzer.check_read(name)


def _reviewed_program(call: Call, path_arg: Arg) -> str | None:
    """The text of a program file the guard can read, or None after asking about it."""
    analyzer = call.analyzer
    path = analyzer.absolute(path_arg) if not path_arg.opaque else None
    if path is None or analyzer.wrote(path):
        analyzer.flag(
            "inline-code", f"{call.name} runs a program file this command writes or names"
        )
        return None
    analyzer.check_read(path_arg)
    try:
        if os.path.getsize(path) > 64 * 1024:
            raise OSError
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read()
    except OSError:
        analyzer.flag("inline-code", f"{call.name} runs a program file the guard cannot read")
        return None


# ---------------------------------------------------------------------------------------------
# Packages


_REMOTE_SPEC = re.compile(
    r"://|^git\+|^(github|gitlab|bitbucket|file|link|git):|\.(whl|zip|tgz)$|"
    r"\.tar(\.gz|\.bz2|\.xz)?$|\s@\s|^\.{0,2}/|^~"
)


def _requirement_problem(call: Call, spec: Arg) -> str | None:
    if spec.opaque:
        return "a package decided only when the command runs"
    text = str(spec)
    if _REMOTE_SPEC.search(text):
        path = call.analyzer.absolute(spec) if text.startswith((".", "/")) else None
        project = call.analyzer.project.rstrip("/")
        if path is not None and (path == project or path.startswith(project + "/")):
            return None  # the project itself (pip install -e .)
        return f"a package from {text}"
    return None


INDEX_OPTIONS = (
    "-i",
    "--index-url",
    "--extra-index-url",
    "-f",
    "--find-links",
    "--trusted-host",
    "--index",
    "--default-index",
    "--registry",
    "--pre-release",
)


@handles("pip", "pip3")
def pip(call: Call) -> None:
    analyzer = call.analyzer
    if not call.args:
        return
    leading = 0  # general options may come before the subcommand
    while leading < len(call.args) - 1 and call.args[leading].startswith("-"):
        leading += 1
    sub = call.args[leading]
    call.args = [*call.args[:leading], *call.args[leading + 1 :]]
    if sub.opaque:
        analyzer.flag("unknown-word", "pip runs a subcommand decided when it runs")
        return
    if sub == "config" and call.args[:1] not in (["list"], ["get"], ["debug"]):
        analyzer.flag("package-install", "pip config changes where packages come from")
        return
    if any(str(arg).split("=", 1)[0] == "--config-file" for arg in call.args):
        analyzer.flag("package-install", "pip reads another configuration file")
        return
    if sub not in ("install", "download", "wheel"):
        return
    call.parse_options("ircfetc", (*INDEX_OPTIONS, "--requirement", "--constraint", "--target"))
    if call.has(*INDEX_OPTIONS):
        analyzer.flag("package-install", "pip is pointed at another package index")
    for requirement_file in call.values("-r", "--requirement", "-c", "--constraint"):
        path = analyzer.absolute(requirement_file)
        if path is None or analyzer.wrote(path):
            analyzer.flag(
                "package-install", "pip installs from a requirements file this command writes"
            )
    for spec in call.operands + call.values("-e", "--editable"):
        problem = _requirement_problem(call, spec)
        if problem:
            analyzer.flag("package-install", f"pip installs {problem}")


@handles("uv")
def uv(call: Call) -> None:
    analyzer = call.analyzer
    args = list(call.args)
    _uv_interpreters(call)
    # Global options before the subcommand.
    while args and args[0].startswith("-") and not args[0].unknown:
        option = args.pop(0)
        if option in ("--directory", "--project", "--config-file", "--cache-dir") and args:
            value = args.pop(0)
            if option == "--config-file":
                analyzer.flag("package-install", "uv reads another configuration file")
            if option in ("--directory", "--project"):
                _uv_project_directory(call, value)
    if not args:
        return
    sub = args[0]
    rest = args[1:]
    if sub.opaque:
        analyzer.flag("unknown-word", "uv runs a subcommand decided when it runs")
        return
    if sub == "run":
        _uv_run(call, rest)
    elif sub == "pip":
        pip(Call(analyzer, "pip", rest, call.env, call.stdin, call.piped))
    elif sub in ("add", "tool") or sub == "x":
        if sub == "tool" and rest[:1] == ["run"]:
            _package_run(call, rest[1:], "uv tool run")
            return
        if sub == "tool" and rest[:1] != ["install"]:
            return
        inner = Call(analyzer, "uv-add", rest[1:] if sub == "tool" else rest, {}, [], None)
        inner.parse_options(
            "",
            (
                "--index",
                "--default-index",
                "--index-url",
                "--extra-index-url",
                "--find-links",
                "--group",
                "--optional",
                "--extra",
                "--python",
                "--package",
                "--rev",
                "--tag",
                "--branch",
                "--with",
            ),
        )
        if inner.has(*INDEX_OPTIONS, "--git", "--rev", "--tag", "--branch", "--path"):
            analyzer.flag("package-install", "uv adds a package from another source")
        for spec in inner.operands:
            problem = _requirement_problem(call, spec)
            if problem:
                analyzer.flag("package-install", f"uv adds {problem}")
    elif sub == "publish":
        analyzer.flag("network-upload", "uv publish uploads the package")


# What ``uv --python`` may name without naming a file: a version, an implementation, a name on
# PATH (3.12, cpython@3.12, pypy3.10, python3.13, >=3.11).


_UV_WORDS = frozenset(
    {"run", "pip", "install", "uninstall", "sync", "venv", "lock", "add", "remove", "tool"}
    | {"python", "export", "tree", "build", "init", "compile", "list", "show", "freeze", "check"}
)
_UV_VALUES = frozenset(
    {"--color", "--cache-dir", "--config-file", "--index-strategy", "--keyring-provider"}
    | {"--resolution", "--prerelease", "--link-mode", "--python-platform", "--python-version"}
)


def _uv_interpreters(call: Call) -> None:
    """uv runs the interpreter it is pointed at to ask it its version: a path is a program.

    Only uv's own options count: the scan stops at the program ``uv run`` starts.
    """
    args = call.args
    for k, arg in enumerate(args):
        text = str(arg)
        previous = str(args[k - 1]) if k else ""
        value_of_option = previous in _UV_RUN_VALUES or previous in _UV_VALUES
        if not text.startswith("-") and not value_of_option and text not in _UV_WORDS:
            return
        if text in ("--python", "-p") and k + 1 < len(args):
            value = args[k + 1]
        elif text.startswith("--python="):
            value = Arg(text.partition("=")[2], unknown=arg.unknown)
        else:
            continue
        if value.opaque or not UV_PYTHON_REQUEST.fullmatch(str(value)):
            call.analyzer.flag(
                "unknown-command", f"uv --python {value} runs that program as the interpreter"
            )
            return


def _uv_project_directory(call: Call, value: Arg) -> None:
    """uv --directory/--project elsewhere builds and runs that project's code."""
    path = call.analyzer.absolute(value)
    project = call.analyzer.project.rstrip("/")
    if path is None or not (path == project or path.startswith(project + "/")):
        call.analyzer.flag("inline-code", f"uv works on the project in {value}, not this one")


_UV_RUN_VALUES = (
    "--with",
    "--with-editable",
    "--with-requirements",
    "--python",
    "-p",
    "--directory",
    "--project",
    "--package",
    "--extra",
    "--group",
    "--env-file",
    "--index",
    "--default-index",
    "--index-url",
    "--extra-index-url",
    "--find-links",
    "--only-group",
    "--no-group",
    "--module",
    "-m",
)


def _uv_run(call: Call, args: list[Arg]) -> None:
    analyzer = call.analyzer
    i = 0
    while i < len(args) and args[i].startswith("-") and not args[i].unknown:
        option = str(args[i]).split("=", 1)[0]
        value: Arg | None = None
        if "=" in args[i]:
            value = Arg(str(args[i]).split("=", 1)[1], unknown=args[i].unknown)
            i += 1
        elif option in _UV_RUN_VALUES and i + 1 < len(args):
            value = args[i + 1]
            i += 2
        else:
            i += 1
        if option in INDEX_OPTIONS or option == "--with-requirements":
            analyzer.flag("package-install", "uv run installs from another source")
        if option in ("--with", "--with-editable") and value is not None:
            for spec in str(value).split(","):
                problem = _requirement_problem(call, Arg(spec, unknown=value.unknown))
                if problem:
                    analyzer.flag("package-install", f"uv run installs {problem}")
        if option == "--env-file" and value is not None:
            analyzer.check_read(value)
        if option in ("-m", "--module") and value is not None:
            args = [Arg("python"), Arg("-m"), value, *args[i:]]
            i = 0
            break
    inner = args[i:]
    if inner:
        analyzer.dispatch(inner, call.env, call.stdin, call.piped)


def _locked_names(project: str) -> str:
    """The text of the project's lock files, where package names are looked up."""
    texts = []
    for name in ("uv.lock", "frontend/package-lock.json", "package-lock.json"):
        try:
            with open(os.path.join(project, name), encoding="utf-8", errors="replace") as handle:
                texts.append(handle.read(8 * 1024 * 1024))
        except OSError:
            continue
    return "\n".join(texts)


def _package_run(call: Call, args: list[Arg], what: str) -> None:
    """npx/uvx/pipx run PACKAGE: fine when the project's lock files already name it."""
    analyzer = call.analyzer
    i = 0
    source: Arg | None = None
    while i < len(args) and args[i].startswith("-") and not args[i].unknown:
        option = str(args[i]).split("=", 1)[0]
        if option in ("--from", "--package", "-p", "--spec", "--with") and "=" not in args[i]:
            source = args[i + 1] if i + 1 < len(args) else None
            i += 2
            continue
        if option in INDEX_OPTIONS:
            analyzer.flag("package-install", f"{what} uses another package index")
        i += 1
    if i >= len(args):
        return
    package = source or args[i]
    if package.opaque:
        analyzer.flag("package-install", f"{what} runs a package decided when it runs")
        return
    problem = _requirement_problem(call, package)
    if problem:
        analyzer.flag("package-install", f"{what} runs {problem}")
        return
    name = re.split(r"[@=<>~!\[ ]", str(package).lstrip("@"), maxsplit=1)[0]
    name = ("@" + name) if str(package).startswith("@") else name
    locked = _locked_names(analyzer.project)
    if f'name = "{name}"' not in locked and f'"node_modules/{name}"' not in locked:
        analyzer.flag(
            "package-install", f"{what} runs {name}, which the project's lock files do not name"
        )


@handles("uvx", "npx", "bunx", "pnpx")
def package_runner(call: Call) -> None:
    _package_run(call, list(call.args), call.name)


@handles("pipx")
def pipx(call: Call) -> None:
    if call.args[:1] == ["run"]:
        _package_run(call, list(call.args[1:]), "pipx run")
    elif call.args[:1] == ["install"]:
        _package_run(call, list(call.args[1:]), "pipx install")


@handles("npm", "pnpm", "yarn", "bun")
def node_packages(call: Call) -> None:
    analyzer = call.analyzer
    if call.name == "bun" and call.args[:1] not in (["add"], ["install"], ["x"], ["i"]):
        interpreter(call)
        return
    if not call.args:
        return
    leading = 0  # global options before the subcommand (npm --registry=URL install)
    while leading < len(call.args) - 1 and call.args[leading].startswith("-"):
        if str(call.args[leading]).split("=", 1)[0] in ("--registry", "--userconfig"):
            analyzer.flag("package-install", f"{call.name} is pointed at another registry")
            return
        leading += 1
    sub = call.args[leading]
    rest = [*call.args[:leading], *call.args[leading + 1 :]]
    if sub.opaque:
        analyzer.flag("unknown-word", f"{call.name} runs a subcommand decided when it runs")
        return
    if sub == "set" or (sub == "config" and rest[:1] in (["set"], ["edit"], ["delete"])):
        analyzer.flag("package-install", f"{call.name} config changes where packages come from")
        return
    for k, arg in enumerate(rest):
        option, equals, value = str(arg).partition("=")
        if option in ("--registry", "--userconfig", "--globalconfig", "--@", "--scope"):
            given = Arg(value, unknown=arg.unknown) if equals else None
            if given is None and k + 1 < len(rest):
                given = rest[k + 1]
            if given is None or given.opaque or option != "--registry":
                analyzer.flag(
                    "package-install",
                    f"{call.name} {option} points it at a registry or configuration decided when "
                    "it runs",
                )
                return
        elif option.endswith(":registry") and option.startswith("--"):
            analyzer.flag("package-install", f"{call.name} points a scope at another registry")
            return
    if sub in ("view", "info", "show", "v", "search", "s", "find", "dist-tags", "repo", "docs"):
        if any(arg.opaque for arg in rest):
            analyzer.flag(
                "unknown-word",
                f"{call.name} {sub} asks a registry about a name decided when it runs",
            )
        return
    if sub in ("exec", "x", "dlx"):
        _package_run(call, rest, f"{call.name} {sub}")
        return
    if sub in ("publish", "unpublish", "deprecate", "owner", "access", "token", "adduser"):
        analyzer.flag("network-upload", f"{call.name} {sub} changes the registry")
        return
    if sub not in ("install", "i", "add", "in", "isntall", "update", "up", "upgrade"):
        return
    for arg in rest:
        if str(arg).split("=", 1)[0] in ("--registry", "--global", "-g"):
            analyzer.flag(
                "package-install", f"{call.name} installs from another registry or globally"
            )
            return
        if arg.startswith("-") and not arg.unknown:
            continue
        problem = _requirement_problem(call, arg)
        if problem:
            analyzer.flag("package-install", f"{call.name} installs {problem}")


@handles("gem", "cargo-install", "go", "brew", "apt", "apt-get", "dnf", "yum", "apk", "snap")
def system_packages(call: Call) -> None:
    sub = call.args[0] if call.args else Arg("")
    if call.name == "go" and sub not in ("install", "get", "run"):
        return
    if call.name == "go" and sub == "run" and not any("@" in a for a in call.args):
        return
    if sub in ("install", "add", "get", "run", "upgrade", "reinstall") or sub.opaque:
        call.analyzer.flag("package-install", f"{call.name} {sub} installs software")


# ---------------------------------------------------------------------------------------------
# Network


CURL_UPLOADS = (
    "--url-query",
    "--variable",
    "-d",
    "--data",
    "--data-binary",
    "--data-raw",
    "--data-urlencode",
    "--data-ascii",
    "-F",
    "--form",
    "--form-string",
    "-T",
    "--upload-file",
    "--json",
    "--post-data",
    "--post-file",
    "--body-data",
    "--body-file",
)


# Options with a value, per client. A value option missing here would make its value look like
# a URL, which is checked as one (the safe side); one listed wrongly would hide a URL.
CURL_VALUE_SHORT = "dFTXoHAeuUKbcwPrmEQxYyDCzth"
CURL_VALUE_LONG = (
    *CURL_UPLOADS,
    "--request", "--output", "--header", "--config", "--user", "--user-agent", "--referer",
    "--cookie", "--cookie-jar", "--proxy", "--max-time", "--connect-timeout", "--retry",
    "--url", "--write-out", "--expand-data", "--trace", "--trace-ascii", "--dump-header",
    "--stderr", "--libcurl", "--etag-save", "--etag-compare", "--hsts", "--alt-svc",
    "--output-dir", "--cacert", "--capath", "--cert", "--key", "--netrc-file", "--resolve",
    "--connect-to", "--preproxy", "--proxy-user", "--range", "--continue-at", "--time-cond",
    "--telnet-option", "--unix-socket", "--abstract-unix-socket", "--interface", "--proto",
    "--proto-redir", "--proto-default", "--max-redirs", "--max-filesize", "--limit-rate",
    "--retry-delay", "--retry-max-time", "--speed-limit", "--speed-time", "--oauth2-bearer",
    "--trace-config", "--mail-from", "--mail-rcpt", "--ftp-port", "--socks5", "--socks4",
    "--socks4a", "--socks5-hostname", "--dns-servers", "--parallel-max", "--create-file-mode",
)  # fmt: skip
# curl options that name a file curl writes (its output, its trace or headers, its cookies...).
CURL_WRITES = (
    "-o", "--output", "--trace", "--trace-ascii", "-D", "--dump-header", "--stderr", "-c",
    "--cookie-jar", "--libcurl", "--etag-save", "--hsts", "--alt-svc",
)  # fmt: skip
WGET_VALUE_SHORT = "oaOPeiUTtwQlDARIXB"
WGET_VALUE_LONG = (
    "--output-file", "--append-output", "--output-document", "--directory-prefix", "--execute",
    "--input-file", "--user-agent", "--timeout", "--tries", "--wait", "--quota", "--level",
    "--domains", "--accept", "--reject", "--include-directories", "--exclude-directories",
    "--base", "--header", "--post-data", "--post-file", "--body-data", "--body-file",
    "--method", "--user", "--password", "--http-user", "--http-password", "--referer",
    "--save-cookies", "--load-cookies", "--rejected-log", "--warc-file", "--config",
    "--ca-certificate", "--certificate", "--private-key", "--default-page", "--limit-rate",
    "--proxy-user", "--proxy-password", "--bind-address", "--dns-timeout", "--read-timeout",
    "--connect-timeout", "--waitretry", "--restrict-file-names", "--cut-dirs", "--xattr",
)  # fmt: skip
WGET_UPLOADS = ("--post-data", "--post-file", "--body-data", "--body-file")
WGET_WRITES = (
    "-O", "--output-document", "-o", "--output-file", "-a", "--append-output", "--save-cookies",
    "--rejected-log",
)  # fmt: skip
OTHER_VALUE_SHORT = "oOdHAuUKbcwPrmEQxYyTXF"
OTHER_VALUE_LONG = (
    *CURL_UPLOADS, "--output", "--output-document", "--session", "--session-read-only",
    "--auth", "--auth-type", "--proxy", "--timeout", "--dir", "--input-file", "--out",
)  # fmt: skip
# curl options a request to the local development server may carry and still send nothing
# anywhere else: no proxy, no redirect, no name resolution of its own, no file read.
LOCAL_POST_OPTIONS = frozenset(
    {"-s", "--silent", "-S", "--show-error", "-f", "--fail", "-i", "--include", "-v",
     "--verbose", "-X", "--request", "-H", "--header", "-d", "--data", "--data-raw",
     "--data-binary", "--data-ascii", "--json", "-w", "--write-out", "-o", "--output", "-m",
     "--max-time", "--connect-timeout", "--compressed", "-g", "--globoff", "--fail-with-body",
     "--no-progress-meter", "-q"}
)  # fmt: skip


@handles("curl", "wget", "http", "https", "xh", "aria2c")
def http_client(call: Call) -> None:
    analyzer = call.analyzer
    analyzer.fetched = True
    if call.name == "curl":
        call.parse_options(CURL_VALUE_SHORT, CURL_VALUE_LONG)
    elif call.name == "wget":
        call.parse_options(WGET_VALUE_SHORT, WGET_VALUE_LONG)
    else:
        call.parse_options(OTHER_VALUE_SHORT, OTHER_VALUE_LONG)
    for option, value in call.options:
        if value is not None and "@" in value and option not in ("-u", "--user", "--url"):
            # -d @file, -F name=@file, -H @file, --url-query @file: a file's contents go out.
            analyzer.check_read(Arg(value.split("@", 1)[1].split(";")[0], unknown=value.unknown))
            analyzer.flag("network-upload", f"{call.name} sends the contents of a file")
    methods = [str(v).upper() for v in call.values("-X", "--request", "--method")]
    uploads = WGET_UPLOADS if call.name == "wget" else CURL_UPLOADS
    sends = call.has(*uploads) or any(m not in ("GET", "HEAD", "OPTIONS") for m in methods)
    if sends and not _local_inline_post(call):
        analyzer.flag("network-upload", f"{call.name} sends data")
    if call.has("-K", "--config", "-i", "--input-file", "-e", "--execute") and (
        call.name in ("curl", "wget")
    ):
        analyzer.flag(
            "unknown-word", f"{call.name} takes options or URLs from a file or an -e command"
        )
    if call.name in ("http", "https", "xh") and any(
        "=" in o or ":=" in o for o in call.operands[1:]
    ):
        analyzer.flag("network-upload", f"{call.name} sends data")
    urls = [*call.operands, *call.values("--url")] if call.name == "curl" else call.operands
    for operand in urls:
        if operand.unknown:
            analyzer.flag("unknown-word", f"{call.name} talks to an address decided when it runs")
        elif call.name == "curl":
            _curl_file_url(call, operand)
    if call.name == "curl":
        outputs = call.values(*(name for name in CURL_WRITES if name not in ("-o", "--output")))
        output_dirs = call.values("--output-dir")
        for target in call.values("-o", "--output"):
            # --output-dir holds what -o names too (a relative name is put inside it).
            outputs.append(_inside(output_dirs[-1], target) if output_dirs else target)
        for name in call.values("-T", "--upload-file"):
            analyzer.check_read(name)
        for form in call.values("-F", "--form"):
            if "=<" in form:
                analyzer.check_read(Arg(form.split("=<", 1)[1].split(";")[0], unknown=form.unknown))
        if call.has("-J", "--remote-header-name"):
            outputs.append(Arg(UNKNOWN, unknown=True))  # the server names the file
        elif call.has("-O", "--remote-name", "--remote-name-all"):
            outputs += _remote_names(urls, call.values("--output-dir"))
        for name in call.values("-b", "--cookie"):
            if "=" not in name:
                analyzer.check_read(name)  # a cookie file, sent to the server
        directories = []  # what curl writes there is checked as each file's own path
    elif call.name == "wget":
        outputs = call.values(*WGET_WRITES)
        outputs += [Arg(v + ".warc.gz", unknown=v.unknown) for v in call.values("--warc-file")]
        if call.has("-N", "--timestamping") and not call.values("-O", "--output-document"):
            # Without -N wget saves beside an existing file (name.1); with it, over it.
            outputs += _remote_names(call.operands, call.values("-P", "--directory-prefix"))
        for name in call.values("--load-cookies", "--private-key", "--certificate"):
            analyzer.check_read(name)
        recursive = call.has("-r", "--recursive", "-m", "--mirror", "-p", "--page-requisites")
        if recursive and "-nc" not in call.args and not call.has("--no-clobber"):
            # A recursive download saves whatever the server links to, over what is there.
            outputs.append(Arg(UNKNOWN, unknown=True))
        directories = call.values("-P", "--directory-prefix")
    else:
        outputs = call.values("-o", "--output", "--output-document", "--session", "--out")
        directories = call.values("-P", "--directory-prefix", "-d", "--dir")
    for target in outputs:
        if target != "-":
            analyzer.check_write(target, what="overwrite")
            _remember_written(call, target)
    for directory in directories:
        analyzer.check_write(directory, what="download into")


def _local_inline_post(call: Call) -> bool:
    """``curl -X POST localhost:8000/items -d '{...}'``: text written in the command, sent to
    this machine's own server (the development server), with nothing that could send it on."""
    if call.name != "curl" or not call.operands:
        return False
    for option, value in call.options:
        if option not in LOCAL_POST_OPTIONS or (value is not None and value.opaque):
            return False
    if any(key.lower().endswith("proxy") for key in call.env):
        return False
    if any(key.lower().endswith("proxy") for key in call.analyzer.vars):
        return False
    return all(_loopback_url(str(url)) for url in call.operands)


_URL = re.compile(r"(?:(?P<scheme>[A-Za-z][\w+.-]*)://)?(?P<host>\[[^\]/]*\]|[^/:?#\[\]{}@]*)"
                  r"(?::\d+)?(?:[/?#][^\[\]{}]*)?")  # fmt: skip


def _loopback_url(url: str) -> bool:
    """Whether ``url`` is an http(s) URL (or a bare one) of this machine's loopback address."""
    match = _URL.fullmatch(url)
    if match is None or (match["scheme"] or "http").lower() not in ("http", "https"):
        return False
    host = match["host"].lower().strip("[]")
    if host == "localhost":
        return True
    import ipaddress  # only for a curl upload: the hook starts on every command

    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _curl_file_url(call: Call, url: Arg) -> None:
    """A ``file:`` URL is a read of that file (and its copy goes wherever curl writes)."""
    text = str(url)
    if not text.lower().startswith("file:"):
        return
    analyzer = call.analyzer
    rest = text[5:]
    if rest.startswith("//"):
        host, slash, path = rest[2:].partition("/")
        if host.lower() not in ("", "localhost") or not slash:
            analyzer.flag("unknown-word", f"curl reads a file URL the guard cannot resolve: {url}")
            return
        rest = "/" + path
    if not rest.startswith("/"):
        analyzer.flag("unknown-word", f"curl reads a file URL the guard cannot resolve: {url}")
        return
    from urllib.parse import unquote  # only for a file: URL

    path = "/" + unquote(rest.split("?", 1)[0].split("#", 1)[0]).lstrip("/")
    if not call.has("-g", "--globoff") and re.search(r"[\[\]{}]", path):
        analyzer.flag("unknown-word", f"curl expands a pattern in the file URL {url}")
        return
    analyzer.check_read(Arg(path))


def _inside(directory: Arg, target: Arg) -> Arg:
    """``target`` put inside ``directory`` unless it is absolute (or the standard output)."""
    if target.startswith("/") or target == "-":
        return target
    return Arg(f"{directory}/{target}", unknown=directory.unknown or target.unknown)


def _remote_names(urls: list[Arg], directories: list[Arg]) -> list[Arg]:
    """The files named after each URL's last path segment, in the download directory or here."""
    from urllib.parse import unquote  # only for curl -O and wget -N

    names: list[Arg] = []
    directory = [str(d) for d in directories][-1:]
    for url in urls:
        path = str(url).split("?", 1)[0].split("#", 1)[0]
        path = path.split("://", 1)[1] if "://" in path else path
        name = unquote(path.rpartition("/")[2]) if "/" in path else ""
        opaque = url.unknown or any(d.unknown for d in directories)
        if opaque or not name or name in (".", ".."):
            names.append(Arg(UNKNOWN, unknown=True))
            continue
        names.append(Arg("/".join([*directory, name])))
    return names


def _remember_written(call: Call, target: Arg) -> None:
    path = call.analyzer.absolute(target)
    if path is not None:
        call.analyzer.written.add(path)


@handles(
    "nc",
    "ncat",
    "netcat",
    "socat",
    "telnet",
    "ssh",
    "scp",
    "sftp",
    "ftp",
    "tftp",
    "lftp",
    "rclone",
    "s3cmd",
    "aws",
    "gsutil",
    "az",
    "mosh",
    "autossh",
    "sshpass",
)
def network_tool(call: Call) -> None:
    call.analyzer.fetched = True
    call.analyzer.flag("network-tool", f"{call.name} moves data to or from another machine")


# openssl's options that name a file it writes, and those that load code (an engine, a provider,
# a configuration that may load either).
OPENSSL_OUTPUTS = frozenset({"-out", "-keyout", "-writerand", "-sigout", "-rawout", "-reqout"})
OPENSSL_LOADERS = frozenset({"-engine", "-keyform_engine", "-provider", "-provider-path"})
OPENSSL_NETWORK = frozenset({"s_client", "s_server", "s_time", "ocsp"})


@handles("openssl")
def openssl(call: Call) -> None:
    """openssl reads and writes any file its options name (``enc -in .env -out x`` copies)."""
    analyzer = call.analyzer
    if call.args[:1] and call.args[0] in OPENSSL_NETWORK:
        analyzer.fetched = True
        analyzer.flag("network-tool", "openssl moves data to or from another machine")
        return
    args = call.args[1:]
    for k, arg in enumerate(args):
        option = str(arg).split("=", 1)[0]
        if option in OPENSSL_LOADERS or option == "-config":
            analyzer.flag("inline-code", f"openssl {option} may load code into openssl")
            return
        previous = str(args[k - 1]) if k else ""
        if previous in OPENSSL_OUTPUTS:
            analyzer.check_write(arg, what="overwrite")
        elif not str(arg).startswith("-"):
            # A file operand or an option's value (``-in F``, ``-passin file:F``): read.
            text = str(arg)
            path = text.split(":", 1)[1] if text.startswith(("file:", "fd:")) else text
            analyzer.check_read(Arg(path, unknown=arg.unknown, glob=arg.glob))


@handles("php-server", "ruby-httpd")
def network_serve(call: Call) -> None:
    call.analyzer.flag("network-serve", f"{call.name} serves files")


# ---------------------------------------------------------------------------------------------
# The machine itself


@handles("crontab", "at", "batch", "launchctl", "systemctl")
def scheduler(call: Call) -> None:
    if call.name == "crontab" and call.args[:1] == ["-l"]:
        return
    if call.name == "systemctl" and call.args[:1] in (["status"], ["list-units"], ["is-active"]):
        return
    call.analyzer.flag("persistence", f"{call.name} sets something up to run later")


@handles(
    "mount",
    "umount",
    "mkfs",
    "mkfs.ext4",
    "mkfs.xfs",
    "mkfs.vfat",
    "fdisk",
    "sfdisk",
    "parted",
    "wipefs",
    "losetup",
    "swapoff",
    "swapon",
    "reboot",
    "shutdown",
    "halt",
    "poweroff",
    "init",
    "iptables",
    "ip6tables",
    "nft",
    "sysctl",
    "modprobe",
    "insmod",
    "rmmod",
    "chroot",
    "unshare",
    "nsenter",
    "setcap",
    "useradd",
    "userdel",
    "usermod",
    "passwd",
    "chpasswd",
    "visudo",
)
def system_change(call: Call) -> None:
    call.analyzer.flag("system-change", f"{call.name} changes the machine")


@handles("docker", "podman", "nerdctl")
def containers(call: Call) -> None:
    risky = (
        "-v",
        "--volume",
        "--mount",
        "--privileged",
        "--pid",
        "--network",
        "--net",
        "--cap-add",
        "--device",
        "--security-opt",
        "--userns",
    )
    if call.args[:1] in (["run"], ["create"], ["exec"]) and any(
        str(arg).split("=", 1)[0] in risky for arg in call.args
    ):
        call.analyzer.flag(
            "system-change", f"{call.name} starts a container with host access (mounts, privileges)"
        )
    if any(arg.unknown for arg in call.args):
        call.analyzer.flag("unknown-word", f"{call.name} is given a word decided when it runs")


@handles("vim", "vi", "nvim", "ex", "view", "vimdiff", "emacs", "nano", "ed", "red", "kak")
def editor(call: Call) -> None:
    """Editors run in an agent's shell only to script them, and their scripts run commands.

    Startup files (-u, -S, --load), commands (+cmd, -c, --eval) and the keystrokes an editor
    reads from its input (a redirection the guard does not see) can all run anything, so every
    use but --version asks; the files it would edit are checked first (a guard file denies).
    """
    analyzer = call.analyzer
    if call.args and all(arg in ("--version", "--help", "-h") for arg in call.args):
        return
    for arg in call.args:
        if not arg.startswith(("-", "+")):
            analyzer.check_write(arg, what="edit")
    analyzer.flag(
        "inline-code",
        f"{call.name} runs editor commands (from its options, startup files or its input), "
        "which can run anything",
    )


@handles("make", "gmake", "just", "task")
def make(call: Call) -> None:
    """The project's own recipes run (the sandbox covers them); other recipes are asked about."""
    analyzer = call.analyzer
    call.parse_options(
        "fCIEo",
        (
            "--file",
            "--makefile",
            "--directory",
            "--include-dir",
            "--eval",
            "--justfile",
            "--taskfile",
            "--old-file",
        ),
    )
    if call.values("-E", "--eval"):
        analyzer.flag("inline-code", f"{call.name} --eval runs a recipe written in the command")
    for makefile in call.values("-f", "--file", "--makefile", "--justfile", "--taskfile"):
        path = analyzer.absolute(makefile)
        project = analyzer.project.rstrip("/") + "/"
        if path is None or analyzer.wrote(path) or not path.startswith(project):
            analyzer.flag("inline-code", f"{call.name} runs recipes from outside the project")
    for directory in call.values("-C", "--directory"):
        path = analyzer.absolute(directory)
        if path is None or not (path + "/").startswith(analyzer.project.rstrip("/") + "/"):
            analyzer.flag("inline-code", f"{call.name} runs recipes from outside the project")
    if any(arg.opaque for arg in call.operands):
        analyzer.flag("unknown-word", f"{call.name} is given a target decided when it runs")
    for operand in call.operands:
        name, equals, value = str(operand).partition("=")
        if equals and ("$(" in value or "`" in value or "${" in value):
            # make expands a command-line variable's value: $(shell ...) runs at once.
            analyzer.flag("inline-code", f"{call.name} is given a variable {name} that runs code")
            return


define(
    "pre-commit-bypass",
    DENY,
    "pre-commit uninstall, or pre-commit autoupdate (which rewrites its configuration)",
    "pre-commit is the second layer; an agent must not take it down",
)


@handles("pre-commit", "prek")
def pre_commit(call: Call) -> None:
    analyzer = call.analyzer
    sub = call.args[0] if call.args else Arg("run")
    if sub.opaque:
        analyzer.flag("unknown-word", "pre-commit runs a subcommand decided when it runs")
    elif sub in ("uninstall", "autoupdate", "migrate-config"):
        analyzer.flag("pre-commit-bypass", f"pre-commit {sub} changes or removes the hooks")
    elif sub in ("install", "install-hooks", "init-templatedir"):
        analyzer.flag("write-review", f"pre-commit {sub} writes git's hook scripts")
    elif sub == "try-repo":
        analyzer.flag("package-install", "pre-commit try-repo runs hooks from another repository")
    for option in ("-c", "--config"):
        if option in call.args:
            analyzer.flag("pre-commit-bypass", "pre-commit is pointed at another configuration")


# ---------------------------------------------------------------------------------------------
# sqlite3: SQL is harmless, but its dot-commands and a few functions reach files and the shell

SQLITE_VALUE_OPTIONS = {
    "cmd": 1, "init": 1, "separator": 1, "newline": 1, "nullvalue": 1, "vfs": 1, "maxsize": 1,
    "mmap": 1, "heap": 1, "nonce": 1, "escape": 1, "sorterref": 1, "threadsafe": 1,
    "pagecache": 2, "lookaside": 2,
}  # fmt: skip
# Dot-commands that only print or change how results are shown.
SQLITE_SAFE_DOT = frozenset(
    {
        "tables", "schema", "indexes", "indices", "headers", "header", "mode", "help", "quit",
        "exit", "timer", "width", "nullvalue", "separator", "print", "show", "databases", "dump",
        "eqp", "explain", "bail", "echo", "changes", "stats", "limit", "lint", "prompt",
        "scanstats", "fullschema", "dbinfo", "dbconfig", "parameter", "timeout", "binary",
        "crnl", "connection", "sha3sum", "vfsinfo", "vfslist", "vfsname", "version", "expert",
        "recover", "progress", "auth", "check", "nonce", "dbtotxt", "unmodule",
    }
)  # fmt: skip
SQLITE_WRITE_DOT = frozenset({"output", "once", "log", "trace", "iotrace", "save", "backup"})
SQLITE_RISKY_DOT = frozenset(
    {"shell", "system", "import", "read", "restore", "open", "clone", "load", "cd", "excel",
     "archive", "ar", "testcase", "session", "selftest", "imposter", "filectrl", "testctrl"}
)  # fmt: skip
_SQLITE_ASK = re.compile(
    r"\b(writefile|edit|load_extension|fts3_tokenizer|fsdir|lsdir|zipfile|sqlar_\w+)\s*\(", re.I
)
_SQLITE_PATHS = re.compile(
    r"\b(?:(attach)(?:\s+database)?|(vacuum)(?:\s+\w+)?\s+into|(readfile)\s*\()\s*(\S)?", re.I
)


@handles("sqlite3", "sqlite")
def sqlite(call: Call) -> None:
    """Options, the database, then one command per argument (or the commands on its input)."""
    analyzer = call.analyzer
    database: Arg | None = None
    commands: list[Arg] = []
    readonly = False
    args = call.args
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if arg.unknown:
            analyzer.flag("unknown-word", "sqlite3 is given a word decided when it runs")
            return
        if not arg.startswith("-") or arg == "-":
            if database is None:
                database = arg
            else:
                commands.append(arg)
            continue
        name = str(arg).lstrip("-")
        if name == "A":
            analyzer.flag("inline-code", "sqlite3 -A extracts or writes archive files")
            return
        readonly = readonly or name == "readonly"
        count = SQLITE_VALUE_OPTIONS.get(name, 0)
        values, i = args[i : i + count], i + count
        if name == "cmd":
            commands.extend(values)
        elif name == "init":
            for path_arg in values:
                text = _reviewed_program(call, path_arg)
                if text is None:
                    return
                commands.append(Arg(text))
    if database is not None and database not in (":memory:", ""):
        if readonly:
            analyzer.check_read(database)
        else:
            analyzer.check_write(database, what="write to")
    if not commands:
        text = stdin_code(call)
        if text is None:
            analyzer.flag(
                "inline-code", "sqlite3 reads its commands from an input the guard does not see"
            )
            return
        commands.append(text)
    for command in commands:
        _sqlite_script(call, command, single=command in args, depth=0)


def _sqlite_script(call: Call, text: Arg, *, single: bool, depth: int) -> None:
    """Check SQL and dot-commands: an argument is one command, input text one per line."""
    analyzer = call.analyzer
    if text.unknown:
        analyzer.flag("inline-code", "sqlite3 runs commands decided only when it runs")
        return
    _sqlite_sql(call, str(text))
    if single:
        lines = [str(text).replace("\n", " ")] if text.lstrip().startswith(".") else []
    else:
        lines = [line for line in str(text).splitlines() if line.lstrip().startswith(".")]
    for line in lines:
        _sqlite_dot(call, line.strip(), depth)


def _sqlite_sql(call: Call, text: str) -> None:
    analyzer = call.analyzer
    risky = _SQLITE_ASK.search(text)
    if risky:
        analyzer.flag("inline-code", f"the SQL calls {risky.group(1)}(), which reaches files")
        return
    for match in _SQLITE_PATHS.finditer(text):
        kind = (match.group(1) or match.group(2) or match.group(3)).lower()
        literal = re.match(r"'([^']*)'", text[match.start(4) :]) if match.group(4) else None
        if literal is None:
            analyzer.flag("inline-code", f"the SQL {kind} names a file the guard cannot tell")
            return
        if kind == "readfile":
            analyzer.check_read(Arg(literal.group(1)))
        elif literal.group(1) not in ("", ":memory:"):
            analyzer.check_write(Arg(literal.group(1)), what="write to")


def _sqlite_dot(call: Call, line: str, depth: int) -> None:
    analyzer = call.analyzer
    try:
        words = shlex.split(line[1:])
    except ValueError:
        analyzer.flag("inline-code", "a sqlite3 dot-command cannot be parsed")
        return
    if not words:
        return
    given, rest = words[0], [Arg(word) for word in words[1:]]
    known = SQLITE_SAFE_DOT | SQLITE_WRITE_DOT | SQLITE_RISKY_DOT
    matches = {given} if given in known else {name for name in known if name.startswith(given)}
    if matches and matches <= SQLITE_SAFE_DOT:
        return
    if len(matches) != 1:
        analyzer.flag("inline-code", f"sqlite3 .{given} may run commands or reach files")
        return
    name = matches.pop()
    operands = [arg for arg in rest if not arg.startswith("-")]
    pipe = next((arg for arg in operands if arg.startswith("|")), None)
    if name in ("shell", "system"):
        run_code(call, Arg(" ".join(rest)), f"sqlite3 .{name} command")
    elif pipe is not None:
        run_code(call, Arg(str(pipe)[1:] + " " + " ".join(operands[1:])), "sqlite3 pipe")
    elif name in SQLITE_WRITE_DOT:
        if any(arg in ("-e", "-x") for arg in rest):
            analyzer.flag("inline-code", f"sqlite3 .{name} opens another program")
        elif operands and operands[-1] not in ("stdout", "stderr", "off"):
            analyzer.check_write(operands[-1], what="overwrite")
    elif name in ("import", "restore") and operands:
        analyzer.check_read(
            operands[-2] if name == "import" and len(operands) > 1 else operands[-1]
        )
    elif name == "read" and operands:
        if depth >= 4:
            analyzer.flag("inline-code", "sqlite3 .read nests too deep")
            return
        text = _reviewed_program(call, operands[0])
        if text is not None:
            _sqlite_script(call, Arg(text), single=False, depth=depth + 1)
    elif name in ("open", "clone") and operands:
        replacing = "--new" in rest or name == "clone"
        analyzer.check_write(operands[-1], what="overwrite" if replacing else "write to")
    else:
        analyzer.flag("inline-code", f"sqlite3 .{name} may run commands or reach files")


# ---------------------------------------------------------------------------------------------
# Text tools that also write files (an output option, an output operand, or in place)


@handles("iconv")
def iconv(call: Call) -> None:
    call.parse_options("fto", ("--from-code", "--to-code", "--output"))
    for target in call.values("-o", "--output"):
        call.analyzer.check_write(target, what="overwrite")
    for name in call.operands:
        call.analyzer.check_read(name)


@handles("uniq")
def uniq(call: Call) -> None:
    """``uniq [INPUT [OUTPUT]]``: the second operand is overwritten."""
    call.parse_options("fsw", ("--skip-fields", "--skip-chars", "--check-chars"))
    for name in call.operands[:1]:
        call.analyzer.check_read(name)
    for target in call.operands[1:2]:
        call.analyzer.check_write(target, what="overwrite")


@handles("shuf")
def shuf(call: Call) -> None:
    call.parse_options("inor", ("--input-range", "--head-count", "--output", "--random-source"))
    for target in call.values("-o", "--output"):
        call.analyzer.check_write(target, what="overwrite")
    for name in call.values("--random-source"):
        call.analyzer.check_read(name)
    if not call.has("-e", "--echo"):
        for name in call.operands:
            call.analyzer.check_read(name)


@handles("split", "csplit")
def split(call: Call) -> None:
    """Writes PREFIXaa, PREFIXab...; ``--filter`` runs a shell command for every piece."""
    analyzer = call.analyzer
    call.parse_options(
        "abClntfn",
        ("--suffix-length", "--bytes", "--line-bytes", "--lines", "--number", "--separator",
         "--additional-suffix", "--filter", "--prefix", "--suffix-format", "--digits"),
    )  # fmt: skip
    for code in call.values("--filter"):
        run_code(call, code, "split --filter command")
    operands = call.operands
    if call.name == "csplit":
        prefix = (call.values("-f", "--prefix") or [Arg("xx")])[-1]
        operands = operands[:1]
    else:
        prefix = operands[1] if len(operands) > 1 else Arg("x")
    if not call.values("--filter"):
        analyzer.check_write(Arg(prefix + "aa", unknown=prefix.unknown), what="overwrite")
        analyzer.check_write(Arg(prefix + "00", unknown=prefix.unknown), what="overwrite")
    for name in operands[:1]:
        analyzer.check_read(name)


# Compressors that replace FILE with FILE.SUFFIX (and back) unless told to write to stdout.
COMPRESSORS = {
    "gzip": ".gz", "gunzip": ".gz", "pigz": ".gz", "unpigz": ".gz", "bzip2": ".bz2",
    "bunzip2": ".bz2", "xz": ".xz", "unxz": ".xz", "lzma": ".lzma", "unlzma": ".lzma",
    "zstd": ".zst", "unzstd": ".zst", "lz4": ".lz4", "unlz4": ".lz4", "lzip": ".lz",
    "compress": ".Z", "uncompress": ".Z", "brotli": ".br", "lz4c": ".lz4", "lzop": ".lzo",
}  # fmt: skip
COMPRESSOR_VALUES = (
    "--suffix", "--output", "--threads", "--memlimit", "--output-dir-flat", "--output-dir-mirror",
)  # fmt: skip
# Compressors that keep their input unless told to remove it.
KEEPING = frozenset({"zstd", "unzstd", "lz4", "unlz4", "lz4c", "brotli", "lzop"})
# ``lz4 IN OUT``: a second operand is the file written, unless -m makes every operand an input.
OUTPUT_OPERAND = frozenset({"lz4", "unlz4", "lz4c"})


@handles(*COMPRESSORS)
def compressor(call: Call) -> None:
    analyzer = call.analyzer
    call.parse_options(
        "SoTbBM#",
        COMPRESSOR_VALUES,
    )
    if call.has("-c", "--stdout", "--to-stdout", "-t", "--test", "-l", "--list"):
        for name in call.operands:
            analyzer.check_read(name)
        return
    keep = call.has("-k", "--keep") or (
        call.name in KEEPING and not call.has("--rm", "-U", "--delete", "--unlink")
    )
    operands = [name for name in call.operands if name != "-"]
    if call.name in OUTPUT_OPERAND and len(call.operands) > 1 and not call.has("-m", "--multiple"):
        for name in operands[:1]:
            analyzer.check_read(name)
            if not keep:
                analyzer.check_write(name, what="replace", delete=True)
        for target in call.operands[1:]:
            if target not in ("stdout", "-"):
                analyzer.check_write(target, what="overwrite")
                _remember_written(call, target)
        return
    decompress = call.name.startswith("un") or call.has("-d", "--decompress", "--uncompress")
    suffix = str((call.values("-S", "--suffix") or [Arg(COMPRESSORS[call.name])])[-1])
    for target in call.values("-o", "--output"):
        analyzer.check_write(target, what="overwrite")
        _remember_written(call, target)
    for directory in call.values("--output-dir-flat", "--output-dir-mirror"):
        analyzer.check_write(directory, what="write into")
    for name in operands:
        analyzer.check_read(name, contains=call.has("-r", "--recursive"))
        if not keep:
            analyzer.check_write(name, what="replace", delete=True)
        if call.values("-o", "--output"):
            continue
        if decompress:
            if not name.endswith(suffix) or name.opaque:
                analyzer.flag("unknown-word", f"cannot tell which file {call.name} writes")
                continue
            output = Arg(str(name)[: -len(suffix)])
        else:
            output = Arg(name + suffix, unknown=name.unknown, glob=name.glob)
        analyzer.check_write(output, what="overwrite")


# ---------------------------------------------------------------------------------------------
# Recursive search: a directory that holds a local secret is read whole


def _secrets_under(call: Call, directory: Arg) -> list[str] | None:
    """The existing read-protected files under ``directory`` (None: cannot tell)."""
    analyzer = call.analyzer
    path = analyzer.absolute(directory) if not directory.opaque else None
    if path is None:
        return None
    path = os.path.realpath(path)
    found = []
    for entry in protected.PROTECTED:
        if not entry.read:
            continue
        base = analyzer.home if entry.home else analyzer.project
        if not base:
            continue
        target = os.path.join(base, entry.path)
        if os.path.lexists(target) and protected.is_ancestor_or_same(path, target):
            found.append(target)
    return found


def _search_tree(call: Call, start: Arg, skipped: Callable[[str], bool]) -> None:
    """A recursive search from ``start`` reads every secret below it that it does not skip."""
    secrets = _secrets_under(call, start)
    if secrets is None:
        call.analyzer.flag(
            "unknown-word", f"cannot tell which files {call.name} searches (a directory decided "
            "when it runs)"
        )  # fmt: skip
        return
    for secret in secrets:
        if not skipped(secret):
            call.analyzer.flag(
                "read-secret",
                f"{call.name} would search {call.analyzer.show(secret)}, a local secret, below "
                f"{start}",
            )
            return


def _matches(path: str, patterns: list[Arg]) -> bool:
    name = os.path.basename(path)
    return any(fnmatch.fnmatchcase(name, str(p).lstrip("!")) for p in patterns)


@handles("grep", "egrep", "fgrep", "zgrep")
def grep(call: Call) -> None:
    analyzer = call.analyzer
    call.parse_options(
        "efmABCdD",
        ("--regexp", "--file", "--max-count", "--after-context", "--before-context",
         "--context", "--directories", "--devices", "--include", "--exclude", "--exclude-dir",
         "--exclude-from", "--label", "--binary-files"),
    )  # fmt: skip
    for name in call.values("-f", "--file", "--exclude-from"):
        analyzer.check_read(name)
    operands = call.operands
    if not call.values("-e", "--regexp", "-f", "--file"):
        operands = operands[1:]  # the first operand is the pattern
    recursive = call.has("-r", "-R", "--recursive", "--dereference-recursive") or any(
        value == "recurse" for value in call.values("-d", "--directories")
    )
    if not recursive:
        for name in operands:
            analyzer.check_read(name)
        return
    includes = call.values("--include")
    excludes = call.values("--exclude")
    excluded_dirs = call.values("--exclude-dir")

    def skipped(path: str) -> bool:
        if includes and not _matches(path, includes):
            return True
        parents = os.path.dirname(path).split("/")
        return _matches(path, excludes) or any(
            fnmatch.fnmatchcase(part, str(p)) for part in parents for p in excluded_dirs
        )

    if not operands and not call.stdin and call.piped is None:
        operands = [Arg(".")]
    for start in operands:
        if start == "-":
            continue
        if start.glob and not start.unknown:
            analyzer.check_read(start, contains=True)
            continue
        _search_tree(call, start, skipped)


@handles("rg", "ag", "ack", "ugrep", "ug", "pt", "sift")
def ripgrep(call: Call) -> None:
    """Searches that recurse by default; rg and ag skip hidden and ignored files unless told."""
    analyzer = call.analyzer
    call.parse_options(
        "efgmrABCMjtTEG",
        ("--regexp", "--file", "--glob", "--iglob", "--max-count", "--after-context",
         "--before-context", "--context", "--type", "--type-not", "--type-add", "--pre",
         "--pre-glob", "--ignore-file", "--max-depth", "--threads", "--encoding", "--replace",
         "--hostname-bin", "--path-separator", "--sort", "--sortr", "--max-columns",
         "--file-search-regex", "--ignore", "--color", "--colors"),
    )  # fmt: skip
    for program in call.values("--pre", "--hostname-bin"):
        # The preprocessor runs on every file searched, with the file's path as argument.
        analyzer.dispatch([program, Arg(UNKNOWN, unknown=True)], call.env, [], None)
    for name in call.values("-f", "--file", "--ignore-file"):
        analyzer.check_read(name)
    if call.name == "rg" and call.has("--files"):
        return  # lists file names, reads no contents
    operands = call.operands
    if not call.values("-e", "--regexp", "-f", "--file"):
        operands = operands[1:]  # the first operand is the pattern
    # rg and ag skip hidden files (every local secret is a dotfile or in a dot directory)
    # unless told otherwise; the others search them.
    unrestricted = sum(1 for option, _ in call.options if option in ("-u", "--unrestricted"))
    hidden = (
        call.name not in ("rg", "ag")
        or call.has("--hidden", "-.")
        or unrestricted >= (1 if call.name == "ag" else 2)
    )
    globs = [g for g in call.values("-g", "--glob", "--iglob") if not g.startswith("!")]

    def skipped(path: str) -> bool:
        if globs and _matches(path, globs):
            return False  # a glob that names the file overrides every ignore rule
        if globs:
            return True
        return not hidden  # a secret is a dotfile (.env) or in a dot directory (~/.ssh)

    if not operands and not call.stdin and call.piped is None:
        operands = [Arg(".")]
    for start in operands:
        if start.glob and not start.unknown:
            analyzer.check_read(start, contains=True)
            continue
        path = analyzer.absolute(start)
        if path is not None and os.path.isfile(path):
            analyzer.check_read(start)  # a file named on the command line is always searched
            continue
        _search_tree(call, start, skipped)
