"""Commands that run other code: wrappers, shells, interpreters, package tools and the network.

A wrapper is unwrapped and the command it runs is checked like any other. Code handed to a
shell (``bash -c``, ``eval``, ``source``, a here-document, a pipe) is parsed and checked when it
is literal, asked about when it is not, and denied when it comes from the network. Inline code
for Python is allowed only when it uses nothing but a small set of harmless names (checked with
``ast``); inline code for other interpreters is always asked about.
"""

from __future__ import annotations

import ast
import os
import re

from .bash import DEV_TOOLS, SHELLS, Arg, Call, check_assignment, handles, unknown_program
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
        return  # an interactive shell: nothing is run by this command itself
    run_code(call, stdin_code(call), "script on standard input")
    del analyzer


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
    _script(call, call.args[0])


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
}


@handles(*WRAPPERS)
def wrapper(call: Call) -> None:
    analyzer = call.analyzer
    value_short, value_long, skip = WRAPPERS[call.name]
    call.parse_options(value_short, value_long, stop_at_operand=True)
    if call.name in ("sudo", "doas", "pkexec"):
        analyzer.flag("privilege", f"{call.name} runs the command as another user")
    if call.name == "command" and call.has("-v", "-V"):
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
    """The command xargs runs gets arguments from its input: unknown words."""
    call.parse_options(
        "ILnPdEsaJ",
        ("--max-lines", "--max-args", "--max-procs", "--delimiter", "--eof", "--arg-file"),
        stop_at_operand=True,
    )
    inner = call.operands or [Arg("echo")]
    if call.name == "parallel" and ":::" in inner:
        inner = inner[: [str(word) for word in inner].index(":::")]
    call.analyzer.dispatch([*inner, Arg(UNKNOWN, unknown=True)], call.env, [], None)


@handles("script")
def script(call: Call) -> None:
    call.parse_options("cEOIBTm", ("--command", "--timing", "--log-out", "--log-in", "--log-io"))
    for code in call.values("-c", "--command"):
        run_code(call, code, "script -c command")
    for target in call.operands:
        call.analyzer.check_write(target, what="overwrite")


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
        "sys",
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

    Harmless means: it imports only modules from SAFE_PY_MODULES or the project's own packages,
    calls no builtin outside SAFE_PY_BUILTINS except ``open`` of a literal path for reading (not
    a local secret), and touches no attribute that starts with an underscore (but a few
    read-only dunders) or reaches other modules (``sys.modules``).
    """
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return "the inline Python does not parse"
    defined: set[str] = set()
    opens: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            modules = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
            )
            for module in modules:
                if module not in SAFE_PY_MODULES and module.split(".")[0] not in project_modules:
                    return f"the inline Python imports {module}"
            for alias in node.names:
                defined.add((alias.asname or alias.name).split(".")[0])
        elif isinstance(node, ast.Attribute):
            if (node.attr.startswith("_") and node.attr not in HARMLESS_DUNDERS) or node.attr in (
                "modules",
                "system",
                "popen",
            ):
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
    return None


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


@handles("python", "python3", "python2", "pypy", "pypy3")
def python(call: Call) -> None:
    analyzer = call.analyzer
    call.parse_options("cmWXQ", (), stop_at_operand=True)
    codes = call.values("-c")
    if codes:
        for code in codes:
            _python_code(call, code)
        return
    modules = call.values("-m")
    if modules:
        module = modules[0]
        if module.opaque:
            analyzer.flag("unknown-word", "python -m runs a module decided when it runs")
        elif module in RISKY_PY_MODULES:
            analyzer.flag("network-serve", f"python -m {module} serves files over the network")
        elif module in ("pip", "pip3"):
            sub = Call(analyzer, "pip", call.operands, call.env, call.stdin, call.piped)
            pip(sub)
        elif module == "venv":
            clear = call.has("--clear") or "--clear" in call.operands
            for target in call.operands:
                if not target.startswith("-"):
                    analyzer.check_write(target, what="clear" if clear else "create", delete=clear)
        elif module in DEV_TOOLS:
            analyzer.dispatch([Arg(module), *call.operands], call.env, call.stdin, call.piped)
        elif module == "json.tool":
            files = [arg for arg in call.operands if not arg.startswith("-")]
            for name in files[:1]:
                analyzer.check_read(name)
            for name in files[1:2]:
                analyzer.check_write(name, what="overwrite")
        else:
            # A module may write any file it is handed (json.tool IN OUT): treat it like a
            # program the guard does not know.
            unknown_program(Call(analyzer, f"python -m {module}", call.operands, {}, [], None))
        return
    if not call.operands or call.operands[0] == "-":
        if call.stdin or call.piped is not None:
            program = stdin_code(call)
            if program is None or program.unknown:
                run_code(call, None, "Python program on standard input")
            else:
                _python_code(call, program)
        return
    _program_file(call, call.operands[0])


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
    if path in analyzer.written:
        analyzer.flag("inline-code", f"it runs a {call.name} program this same command writes")
        return
    analyzer.check_read(path_arg)


INLINE_FLAGS = {
    "node": ("-e", "--eval", "-p", "--print"),
    "nodejs": ("-e", "--eval", "-p", "--print"),
    "bun": ("-e", "--eval", "-p", "--print"),
    "deno": ("eval",),
    "perl": ("-e", "-E"),
    "ruby": ("-e",),
    "php": ("-r", "-S"),
    "lua": ("-e",),
    "luajit": ("-e",),
    "Rscript": ("-e",),
    "tclsh": (),
    "expect": ("-c",),
    "osascript": ("-e",),
    "pwsh": ("-c", "-Command", "-EncodedCommand"),
    "jshell": (),
    "irb": (),
}


@handles(*INLINE_FLAGS)
def interpreter(call: Call) -> None:
    analyzer = call.analyzer
    flags = INLINE_FLAGS[call.name]
    args = call.args
    if any(str(arg).split("=", 1)[0] in flags or (arg[:2] in flags) for arg in args if arg):
        analyzer.flag("inline-code", f"{call.name} runs inline code")
        return
    if any(arg.startswith("-i") for arg in args) and call.name in ("perl", "ruby"):
        analyzer.flag("inline-code", f"{call.name} -i edits files in place")
        return
    if call.name == "deno" and args[:1] == ["run"] and any("://" in a for a in args):
        analyzer.flag("package-install", "deno runs a program from a URL")
        return
    operands = [arg for arg in args if not arg.startswith("-") or arg.unknown]
    if not operands:
        if call.stdin or call.piped is not None:
            run_code(call, None, f"{call.name} program on standard input")
        return
    _program_file(call, operands[0])


_AWK_RISK = re.compile(r"system|getline|\||>|close\(|fflush|ENVIRON\[")


@handles("awk", "gawk", "mawk", "nawk")
def awk(call: Call) -> None:
    call.parse_options("fvF", ("--file", "--assign", "--field-separator"))
    analyzer = call.analyzer
    if call.values("-f", "--file"):
        analyzer.flag("inline-code", "awk runs a program file the guard does not read")
        return
    operands = call.operands
    if not operands:
        return
    program, files = operands[0], operands[1:]
    if program.unknown:
        analyzer.flag("inline-code", "the awk program is decided only when it runs")
    elif _AWK_RISK.search(program):
        analyzer.flag("inline-code", "the awk program runs commands or writes files")
    for name in files:
        analyzer.check_read(name)


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
    sub, call.args = call.args[0], call.args[1:]
    if sub.opaque:
        analyzer.flag("unknown-word", "pip runs a subcommand decided when it runs")
        return
    if sub not in ("install", "download", "wheel"):
        return
    call.parse_options("ircfetc", (*INDEX_OPTIONS, "--requirement", "--constraint", "--target"))
    if call.has(*INDEX_OPTIONS):
        analyzer.flag("package-install", "pip is pointed at another package index")
    for requirement_file in call.values("-r", "--requirement", "-c", "--constraint"):
        path = analyzer.absolute(requirement_file)
        if path is None or path in analyzer.written:
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
    # Global options before the subcommand.
    while args and args[0].startswith("-") and not args[0].unknown:
        option = args.pop(0)
        if option in ("--directory", "--project", "--config-file", "--cache-dir") and args:
            value = args.pop(0)
            if option == "--config-file":
                analyzer.flag("package-install", "uv reads another configuration file")
            del value
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
    sub, rest = call.args[0], list(call.args[1:])
    if sub.opaque:
        analyzer.flag("unknown-word", f"{call.name} runs a subcommand decided when it runs")
        return
    if sub in ("exec", "x", "dlx"):
        _package_run(call, rest, f"{call.name} {sub}")
        return
    if sub in ("publish", "unpublish", "deprecate", "owner", "access", "token", "adduser"):
        analyzer.flag("network-upload", f"{call.name} {sub} changes the registry")
        return
    if sub == "config" and rest[:1] in (["set"], ["edit"], ["delete"]):
        analyzer.flag("package-install", f"{call.name} config changes where packages come from")
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


@handles("curl", "wget", "http", "https", "xh", "aria2c")
def http_client(call: Call) -> None:
    analyzer = call.analyzer
    analyzer.fetched = True
    call.parse_options(
        "dFTXoOHAeuUKbcwPrmEQxYy",
        (
            *CURL_UPLOADS,
            "--request",
            "--method",
            "--output",
            "--output-document",
            "--header",
            "--config",
            "--directory-prefix",
            "--user",
            "--user-agent",
            "--referer",
            "--cookie",
            "--cookie-jar",
            "--proxy",
            "--max-time",
            "--connect-timeout",
            "--retry",
            "--url",
            "--write-out",
            "--input-file",
            "--url-query",
            "--variable",
            "--expand-data",
        ),
    )
    for option, value in call.options:
        if value is not None and "@" in value and option not in ("-u", "--user", "--url"):
            # -d @file, -F name=@file, -H @file, --url-query @file: a file's contents go out.
            analyzer.check_read(Arg(value.split("@", 1)[1].split(";")[0], unknown=value.unknown))
            analyzer.flag("network-upload", f"{call.name} sends the contents of a file")
    methods = [str(v).upper() for v in call.values("-X", "--request", "--method")]
    if call.has(*CURL_UPLOADS) or any(m not in ("GET", "HEAD", "OPTIONS") for m in methods):
        analyzer.flag("network-upload", f"{call.name} sends data")
    if call.has("-K", "--config", "-i", "--input-file") and call.name != "http":
        analyzer.flag("unknown-word", f"{call.name} reads its options or URLs from a file")
    if call.name in ("http", "https", "xh") and any(
        "=" in o or ":=" in o for o in call.operands[1:]
    ):
        analyzer.flag("network-upload", f"{call.name} sends data")
    for operand in call.operands:
        if operand.unknown:
            analyzer.flag("unknown-word", f"{call.name} talks to an address decided when it runs")
    outputs = call.values("-o", "--output", "--output-document")
    if call.name == "wget":
        outputs = call.values("-O", "--output-document")
    for target in outputs:
        if target != "-":
            analyzer.check_write(target, what="overwrite")
            _remember_written(call, target)
    for directory in call.values("-P", "--directory-prefix"):
        analyzer.check_write(directory, what="download into")


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
    "openssl",
)
def network_tool(call: Call) -> None:
    analyzer = call.analyzer
    analyzer.fetched = True
    if call.name == "openssl" and call.args[:1] not in (["s_client"], ["s_server"]):
        return
    analyzer.flag("network-tool", f"{call.name} moves data to or from another machine")


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
    """Editors run in an agent's shell only to script them, and their scripts run commands."""
    analyzer = call.analyzer
    scripted = any(
        str(arg).startswith(("+", "-c", "--cmd", "-S", "-s", "--eval", "-l", "--load", "-x"))
        or str(arg) in ("-e", "-es", "-Es", "--batch", "--script")
        or arg.unknown
        for arg in call.args
    )
    if scripted or call.name in ("ed", "red") or call.stdin or call.piped is not None:
        analyzer.flag("inline-code", f"{call.name} runs editor commands, which can run anything")
        return
    for arg in call.args:
        if not arg.startswith("-"):
            analyzer.check_write(arg, what="edit")


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
        if path is None or path in analyzer.written or not path.startswith(project):
            analyzer.flag("inline-code", f"{call.name} runs recipes from outside the project")
    for directory in call.values("-C", "--directory"):
        path = analyzer.absolute(directory)
        if path is None or not (path + "/").startswith(analyzer.project.rstrip("/") + "/"):
            analyzer.flag("inline-code", f"{call.name} runs recipes from outside the project")
    if any(arg.opaque for arg in call.operands):
        analyzer.flag("unknown-word", f"{call.name} is given a target decided when it runs")


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
