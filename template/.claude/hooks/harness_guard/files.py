# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""File commands: which paths each one writes, deletes, moves, links or reads.

The handlers here only find a command's targets; what a target may be is decided in one place,
``Analyzer.check_write`` / ``check_read`` (protected paths, links, outside the project,
uncommitted work, unknown words).
"""

from __future__ import annotations

import fnmatch
import os
import re

from . import protected
from .bash import (
    Analyzer,
    Arg,
    Call,
    changed_paths,
    find_matches,
    find_pattern,
    handles,
    protected_files,
    protected_targets,
)
from .protocol import ASK
from .rules import define

define(
    "archive-extract",
    ASK,
    "extracting an archive or applying a patch over a directory that holds guard files, or "
    "whose contents the guard cannot list",
    "an archive or patch can carry any path, a guard file or a symlink to one included",
)
define(
    "find-delete",
    ASK,
    "find -delete (or -exec) whose matches the guard cannot bound to unprotected files",
    "a search expression decides which files go, and -o, ! or -regex make that unknowable",
)
define(
    "sed-exec",
    ASK,
    "a sed script with the e (execute) or w (write a file) command or flag",
    "sed's e runs shell commands and w writes files the guard never sees named",
)


def _targets(call: Call, value_short: str = "", value_long: tuple[str, ...] = ()) -> list[Arg]:
    call.parse_options(value_short, value_long)
    return call.operands


@handles("rm", "unlink", "rmdir")
def remove(call: Call) -> None:
    operands = _targets(call)
    if call.has("--no-preserve-root"):
        call.analyzer.flag("write-protected", "rm --no-preserve-root may delete the whole system")
    for target in operands:
        call.analyzer.check_write(target, what="delete", delete=True)


@handles("shred", "wipe", "srm")
def shred(call: Call) -> None:
    for target in _targets(call, "ns", ("--iterations", "--size", "--random-source")):
        call.analyzer.check_write(target, what="destroy", delete=True)


@handles("mv")
def move(call: Call) -> None:
    operands = _targets(call, "tS", ("--target-directory", "--suffix"))
    analyzer = call.analyzer
    destinations = call.values("-t", "--target-directory")
    if not destinations and operands:
        destinations, operands = operands[-1:], operands[:-1]
    leaves = any(_leaves_project(call, target) for target in destinations)
    for source in operands:
        analyzer.check_write(source, what="move", delete=leaves)
    for target in destinations:
        analyzer.check_write(target, what="overwrite")


def _leaves_project(call: Call, target: Arg) -> bool:
    path = call.analyzer.absolute(target)
    project = call.analyzer.project.rstrip("/") + "/"
    return path is None or not path.startswith(project)


@handles("cp", "install", "scp-local")
def copy(call: Call) -> None:
    operands = _targets(
        call,
        "tSmogT" if call.name == "install" else "tS",
        ("--target-directory", "--suffix", "--mode", "--owner", "--group", "--reflink"),
    )
    analyzer = call.analyzer
    recursive = call.has("-r", "-R", "-a", "--recursive", "--archive")
    destinations = call.values("-t", "--target-directory")
    if not destinations and operands:
        destinations, operands = operands[-1:], operands[:-1]
    if call.name == "install" and call.has("-d", "--directory"):
        destinations, operands = operands + destinations, []
    for source in operands:
        analyzer.check_read(source, contains=recursive)
    for target in destinations:
        analyzer.check_write(target, what="overwrite")
        directory = analyzer.absolute(target)
        if directory is not None and os.path.isdir(directory):
            # cp FILE DIR/ writes DIR/FILE: that is the file a later step may run.
            for source in operands:
                analyzer.written.add(os.path.join(directory, os.path.basename(source)))
    if call.has("-s", "-l", "--symbolic-link", "--link"):
        # Links, not copies: a later write through them reaches the sources.
        for source in operands:
            for target in destinations:
                analyzer.remember_link(target, source)
    elif call.has("-P", "-d", "--no-dereference") or (
        recursive and not call.has("-L", "--dereference")
    ):
        # A symlink is copied as a link (cp -P, -d, -a, -r): the copy leads where it does.
        for source in operands:
            # The link itself, not where absolute() follows it.
            given = source if os.path.isabs(source) else os.path.join(analyzer.cwd or "", source)
            path = None if source.unknown else analyzer.physical(given)
            if path is None or not os.path.isabs(path):
                continue
            led_to = analyzer.links.get(path) or (
                os.path.realpath(path) if os.path.islink(path) else None
            )
            for target in destinations:
                copy_path = analyzer.absolute(target)
                if led_to is not None and copy_path is not None:
                    if os.path.isdir(copy_path) and not os.path.islink(copy_path):
                        copy_path = os.path.join(copy_path, os.path.basename(path))
                    analyzer.links[copy_path] = led_to


@handles("ln", "link")
def link(call: Call) -> None:
    operands = _targets(call, "tS", ("--target-directory", "--suffix"))
    analyzer = call.analyzer
    destinations = call.values("-t", "--target-directory")
    if not destinations and len(operands) >= 2:
        destinations, operands = operands[-1:], operands[:-1]
    symbolic = call.has("-s", "--symbolic")
    for source in operands:
        # A link to a guard file is a second way to write it; refuse to make one. A relative
        # symlink target is read from the link's directory, so check both readings.
        candidates = [source]
        if symbolic and not os.path.isabs(source) and destinations and not source.opaque:
            base = os.path.dirname(destinations[0]) or "."
            candidates.append(Arg(os.path.join(base, source)))
        for candidate in candidates:
            analyzer.check_write(candidate, what="make a link to")
    for target in destinations:
        analyzer.check_write(target, what="replace")
    for source in operands:
        for target in destinations:
            analyzer.remember_link(target, source)


@handles("cc", "gcc", "clang", "c++", "g++", "clang++", "ld", "as", "rustc", "tcc")
def compiler(call: Call) -> None:
    """A compiler writes its output file (-o): the same checks as any other write."""
    analyzer = call.analyzer
    for index, arg in enumerate(call.args):
        if arg == "-o" and index + 1 < len(call.args):
            analyzer.check_write(call.args[index + 1], what="overwrite")
        elif arg.startswith("-o") and len(arg) > 2:
            analyzer.check_write(Arg(arg[2:], unknown=arg.unknown), what="overwrite")
        elif arg.opaque:
            analyzer.flag("unknown-word", f"{call.name} is handed a word decided when it runs")
            return
        elif not arg.startswith("-"):
            analyzer.check_read(arg)


@handles("tee")
def tee(call: Call) -> None:
    what = "append to" if call.parse_options().has("-a", "--append") else "overwrite"
    for target in call.operands:
        call.analyzer.check_write(target, what=what)
        _remember(call, target)


@handles("touch")
def touch(call: Call) -> None:
    for target in _targets(call, "drt", ("--date", "--reference")):
        call.analyzer.check_write(target, what="touch")


@handles("mkdir")
def make_directory(call: Call) -> None:
    for target in _targets(call, "m", ("--mode", "--context")):
        call.analyzer.check_write(target, what="create")


@handles("truncate")
def truncate(call: Call) -> None:
    for target in _targets(call, "sr", ("--size", "--reference")):
        call.analyzer.check_write(target, what="overwrite")


@handles("chmod", "chown", "chgrp", "chattr", "setfacl", "chcon")
def change_mode(call: Call) -> None:
    value_short = {"setfacl": "mxMX", "chcon": "urtl"}.get(call.name, "")
    # chmod -x and chattr -i look like options but are modes; treat such words as operands.
    words = call.args
    call.args = [Arg(a, unknown=a.unknown) for a in words]
    operands = _targets(call, value_short, ("--reference", "--from", "--modify", "--set"))
    for option, _ in call.options:
        if call.name in ("chmod", "chattr") and re.fullmatch(
            r"-[rwxXstugoaiAcdDeEFjPsSTu]+", option
        ):
            operands.insert(0, Arg("+mode"))
            break
    if call.name in ("chmod", "chown", "chgrp", "chattr") and not call.has("--reference"):
        operands = operands[1:]  # the mode or owner
    for target in operands:
        call.analyzer.check_write(target, what="change the mode of")


@handles("dd")
def dd(call: Call) -> None:
    for arg in call.args:
        if arg.startswith("of="):
            call.analyzer.check_write(Arg(arg[3:], unknown=arg.unknown), what="overwrite")
        elif arg.startswith("if="):
            call.analyzer.check_read(Arg(arg[3:], unknown=arg.unknown))
        elif arg.unknown:
            call.analyzer.flag("unknown-word", "dd is given an operand decided when it runs")


def sed_runs_or_writes(script: str) -> bool:
    """Whether a sed script runs commands or touches files: e, w, W, r, R, or s///e, s///w.

    A small reader of sed's grammar (addresses, then one command letter), so that a regex such
    as /warning/ is not taken for the w command. Whatever it cannot read counts as dangerous.
    """
    n = len(script)
    i = 0

    def delimited(start: int, delimiter: str) -> int:
        """The index after the closing ``delimiter`` of a part starting at ``start``."""
        j = start
        while j < n and script[j] != delimiter:
            j += 2 if script[j] == "\\" else 1
        if j >= n:
            raise ValueError("unterminated")
        return j + 1

    try:
        while i < n:
            while i < n and script[i] in " \t\n;":
                i += 1
            for _ in range(2):  # an address, or two separated by a comma
                if i < n and script[i] in "/\\":
                    delimiter = "/"
                    if script[i] == "\\":
                        delimiter, i = script[i + 1], i + 1
                    i = delimited(i + 1, delimiter)
                    while i < n and script[i] in "IM":
                        i += 1
                elif i < n and (script[i].isdigit() or script[i] == "$"):
                    while i < n and (script[i].isdigit() or script[i] in "$~+"):
                        i += 1
                if i < n and script[i] == ",":
                    i += 1
                    continue
                break
            while i < n and script[i] in " \t!":
                i += 1
            if i >= n:
                return False
            command = script[i]
            i += 1
            if command in "ewWrR":
                return True
            if command in "sy":
                delimiter = script[i]
                i = delimited(delimited(i + 1, delimiter), delimiter)
                flags = ""
                while i < n and script[i] not in ";}\n \t":
                    flags += script[i]
                    i += 1
                if command == "s" and any(flag in "ewW" for flag in flags):
                    return True
            elif command in "aic:btT":  # text or a label up to the end of the line
                end = script.find("\n", i)
                i = n if end < 0 else end
            elif command not in "{}pPdDnNgGhHxlLqQz=F#":
                return True  # a command this reader does not know
    except (ValueError, IndexError):
        return True
    return False


@handles("sed", "gsed")
def sed(call: Call) -> None:
    call.parse_options("efl", ("--expression", "--file", "--line-length"))
    analyzer = call.analyzer
    scripts = call.values("-e", "--expression")
    operands = call.operands
    if not scripts and operands:
        scripts, operands = operands[:1], operands[1:]
    if call.values("-f", "--file"):
        analyzer.flag("unknown-word", "sed runs a script file the guard does not read")
    for script in scripts:
        if script.unknown:
            analyzer.flag("unknown-word", "the sed script is decided only when it runs")
        elif sed_runs_or_writes(script):
            analyzer.flag("sed-exec", "the sed script executes commands or writes files")
    in_place = call.has("-i", "--in-place") or any(o.startswith("-i") for o, _ in call.options)
    for target in operands:
        if in_place:
            analyzer.check_write(target, what="edit in place")
        else:
            analyzer.check_read(target)


@handles("tar", "bsdtar", "gtar")
def tar(call: Call) -> None:
    analyzer = call.analyzer
    args = list(call.args)
    if args and not args[0].startswith("-") and not args[0].opaque:
        args[0] = Arg("-" + args[0])  # old-style bundled first argument: `tar xzf a.tgz`
    call.args = args
    call.parse_options(
        "fCTXIbHKNgLVM",
        (
            "--file",
            "--directory",
            "--files-from",
            "--exclude-from",
            "--use-compress-program",
            "--to-command",
            "--checkpoint-action",
            "--info-script",
            "--new-volume-script",
            "--rsh-command",
            "--transform",
            "--xform",
        ),
    )
    if call.has(
        "--to-command",
        "--checkpoint-action",
        "--info-script",
        "--new-volume-script",
        "--rsh-command",
        "--use-compress-program",
        "-I",
        "-F",
    ):
        analyzer.flag("unknown-word", "tar is told to run another program")
    archives = call.values("-f", "--file")
    extract = call.has("-x", "--extract", "--get")
    if extract and call.has("-P", "--absolute-names"):
        analyzer.flag(
            "archive-extract",
            "tar -P writes members at the absolute or ../ paths the archive names, anywhere",
        )
    create = call.has("-c", "--create", "-r", "--append", "-u", "--update")
    if extract:
        for archive in archives:
            analyzer.check_read(archive)
        directories = call.values("-C", "--directory") or [Arg(".")]
        for directory in directories:
            _extract_into(call, directory, "extract an archive into")
    elif create:
        for archive in archives:
            analyzer.check_write(archive, what="overwrite")
        for source in call.operands:
            analyzer.check_read(source, contains=True)
        if call.has("--remove-files"):
            for source in call.operands:
                analyzer.check_write(source, what="delete", delete=True)


def _extract_into(call: Call, directory: Arg, what: str) -> None:
    """An archive's members are unknown: refuse a destination that holds protected paths."""
    analyzer = call.analyzer
    path = analyzer.absolute(directory)
    if path is None:
        analyzer.flag("unknown-word", f"cannot tell where this command will {what}")
        return
    for entry, target in _protected_below(call, path):
        analyzer.flag(
            "archive-extract",
            f"it would {what} {analyzer.show(path) or '.'}, which holds {entry.what}; extract "
            "into an empty directory and copy what you need",
        )
        del target
        return
    analyzer.check_write(directory, what=what)
    # Members land over files of the same name: work not yet committed there would be lost.
    analyzer.check_uncommitted(path, what)


def _protected_below(call: Call, path: str) -> list[tuple[protected.ProtectedPath, str]]:
    prefix = path.rstrip("/") + "/"
    analyzer = call.analyzer
    found: list[tuple[protected.ProtectedPath, str]] = []
    for entry, target in protected_targets(analyzer.project, analyzer.home):
        inside = path.startswith(target.rstrip("/") + "/")
        if entry is protected.PROJECT_ROOT:
            inside = False  # a directory of the project is not the project itself
        if target == path or target.startswith(prefix) or inside:
            found.append((entry, target))
    return found


@handles("unzip", "7z", "7za", "unrar")
def unzip(call: Call) -> None:
    call.parse_options("dxP", ("--directory",))
    listing = call.has("-l", "-t", "-v", "-Z", "-z") or (call.args[:1] == ["l"])
    if listing:
        return
    for archive in call.operands[:1]:
        call.analyzer.check_read(archive)
    directories = call.values("-d") or [Arg(".")]
    for directory in directories:
        _extract_into(call, directory, "extract an archive into")


@handles("zip")
def zip_(call: Call) -> None:
    call.parse_options("bnPtx", ("--temp-path",))
    if call.has("-T", "-TT", "--unzip-command"):
        call.analyzer.flag("unknown-word", "zip is told to run another program")
    operands = call.operands
    if operands:
        call.analyzer.check_write(operands[0], what="overwrite")
    for source in operands[1:]:
        call.analyzer.check_read(source, contains=True)
    if call.has("-m", "--move"):
        for source in operands[1:]:
            call.analyzer.check_write(source, what="delete", delete=True)


@handles("patch")
def patch(call: Call) -> None:
    call.parse_options("pidoBrDFgVYzF", ("--input", "--directory", "--output", "--reject-file"))
    analyzer = call.analyzer
    files = call.values("-i", "--input")
    if not files:
        analyzer.flag(
            "archive-extract",
            "patch reads its diff from standard input, which the guard cannot see",
        )
        return
    apply_patch_files(call, files, what="patch")


def apply_patch_files(call: Call, files: list[Arg], what: str) -> None:
    """Check every path a diff file touches (patch -i, git apply)."""
    analyzer = call.analyzer
    for patch_file in files:
        path = analyzer.absolute(patch_file)
        if path is None or analyzer.wrote(path):
            analyzer.flag("archive-extract", f"cannot read the diff this {what} applies")
            continue
        try:
            with open(path, encoding="utf-8", errors="replace") as handle:
                text = handle.read(4 * 1024 * 1024)
        except OSError:
            analyzer.flag("archive-extract", f"cannot read the diff this {what} applies")
            continue
        for target in diff_paths(text):
            analyzer.check_write(Arg(target), what=what)


def diff_paths(text: str) -> list[str]:
    """The files a unified diff names (``---``/``+++`` lines and ``diff --git`` headers)."""
    found: list[str] = []
    for line in text.splitlines():
        if line.startswith(("--- ", "+++ ")):
            name = line[4:].split("\t")[0].strip()
        elif line.startswith("diff --git "):
            parts = line.split()
            found.extend(p[2:] if p[:2] in ("a/", "b/") else p for p in parts[2:4])
            continue
        elif line.startswith(("rename to ", "rename from ", "copy to ")):
            name = line.split(" ", 2)[2].strip()
        else:
            continue
        if name != "/dev/null":
            found.append(name[2:] if name[:2] in ("a/", "b/") else name)
    return found


@handles("rsync")
def rsync(call: Call) -> None:
    call.parse_options("eTfB", ("--rsh", "--filter", "--exclude", "--include", "--temp-dir"))
    analyzer = call.analyzer
    operands = call.operands
    if call.has("-e", "--rsh", "--rsync-path") or any(":" in str(o) for o in operands):
        analyzer.flag("network-tool", "rsync to or from another machine, or with a remote shell")
        return
    if not operands:
        return
    *sources, destination = operands
    for source in sources:
        analyzer.check_read(source, contains=True)
        if call.has("--remove-source-files"):
            analyzer.check_write(source, what="delete", delete=True)
    deletes = any(option.startswith("--del") for option, _ in call.options)
    analyzer.check_write(destination, what="mirror into", delete=deletes)


# find's tests that only narrow what matches; anything else (-o, !, -regex...) is unbounded.
_FIND_FILTERS = frozenset(
    [
        "-name",
        "-iname",
        "-path",
        "-ipath",
        "-wholename",
        "-iwholename",
        "-type",
        "-xtype",
        "-mtime",
        "-mmin",
        "-atime",
        "-amin",
        "-ctime",
        "-cmin",
        "-size",
        "-empty",
        "-newer",
        "-maxdepth",
        "-mindepth",
        "-user",
        "-group",
        "-perm",
        "-links",
        "-depth",
        "-mount",
        "-xdev",
        "-daystart",
        "-follow",
        "-readable",
        "-writable",
        "-print",
        "-print0",
        "-prune",
        "-true",
    ]
)
_FIND_ACTIONS = frozenset(
    ["-delete", "-exec", "-execdir", "-ok", "-okdir", "-fprint", "-fprint0", "-fprintf", "-fls"]
)


@handles("find")
def find(call: Call) -> None:
    analyzer = call.analyzer
    args = call.args
    starts: list[Arg] = []
    i = 0
    while i < len(args) and (args[i].opaque or not args[i].startswith(("-", "(", "!", ","))):
        starts.append(args[i])
        i += 1
    expression = args[i:]
    if not any(str(a) in _FIND_ACTIONS for a in expression):
        for start in starts:
            analyzer.check_read(start)
        return
    starts = starts or [Arg(".")]
    deletes = "-delete" in expression
    names: list[str] = []
    paths: list[str] = []
    bounded = True
    execs: list[list[Arg]] = []
    k = 0
    while k < len(expression):
        word = expression[k]
        value = expression[k + 1] if k + 1 < len(expression) else None
        if word.opaque:
            bounded = False
        elif word in ("-exec", "-execdir", "-ok", "-okdir"):
            end = k + 1
            while end < len(expression) and expression[end] not in (";", "+"):
                end += 1
            command = expression[k + 1 : end]
            if (
                command
                and str(command[0]).rsplit("/", 1)[-1] in ("rm", "rmdir")
                and all(
                    str(w) == "{}" or (str(w).startswith("-") and not w.unknown)
                    for w in command[1:]
                )
            ):
                deletes = True  # -exec rm {} +: the same matches -delete would take
            else:
                # {} is a match: which files it reads is judged below (_find_exec_reads).
                inner = [
                    Arg(UNKNOWN_ARG, unknown=True, candidates=()) if w == "{}" else w
                    for w in command
                ]
                if inner:
                    execs.append(inner)
            k = end + 1
            continue
        elif word in ("-fprint", "-fprint0", "-fprintf", "-fls") and value is not None:
            analyzer.check_write(value, what="overwrite")
            k += 2
            continue
        elif word in ("-name", "-iname") and value is not None:
            names.append(find_pattern(str(value), fold=word == "-iname"))
            bounded = bounded and not value.unknown
            k += 2
            continue
        elif word in ("-path", "-ipath", "-wholename", "-iwholename") and value is not None:
            paths.append(find_pattern(str(value), fold=word.startswith("-i")))
            bounded = bounded and not value.unknown
            k += 2
            continue
        elif word in _TAKES_VALUE:
            k += 2
            continue
        elif word not in _FIND_FILTERS and word != "-delete":
            bounded = False  # -o, !, -not, (, -regex...: the matches are no longer bounded
        k += 1
    for inner in execs:
        # What -exec hands its command are the matches: a local secret among them is read.
        for start in starts:
            _find_exec_reads(call, start, names if bounded else [], str(inner[0]))
        analyzer.dispatch(inner, {}, [], None)
    if not deletes:
        return
    for start in starts:
        _find_delete(call, start, names, paths, bounded)


def _within(analyzer: Analyzer, path: str, entry: protected.ProtectedPath) -> bool:
    """Whether ``path`` lies in the protected ``entry`` itself (not merely holds it)."""
    if entry is protected.PROJECT_ROOT:
        return False
    known = False
    for candidate, target in protected_targets(analyzer.project, analyzer.home):
        if candidate is not entry:
            continue
        known = True
        base = target.rstrip("/").removesuffix("/**")
        if path == base or path.startswith(base + "/") or fnmatch.fnmatchcase(path, target):
            return True
    return not known  # an entry with no place of its own (home, /, git anywhere): strict


FIND_EXEC_MAX_FILES = 5000
# Trees of tools' own files, never a local secret the protected list names; skipped for speed.
_FIND_SKIPS = frozenset(
    {".git", "node_modules", ".venv", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"}
)


def _find_exec_reads(call: Call, start: Arg, names: list[str], program: str) -> None:
    """Ask when files find hands to -exec may include a local secret (.env, keys...)."""
    analyzer = call.analyzer
    root = analyzer.absolute(start)
    if root is None:
        analyzer.flag("unknown-word", f"cannot tell which files find hands to {program}")
        return
    seen = 0
    for directory, subdirectories, files in os.walk(root):
        analyzer.budget.check()
        subdirectories[:] = [d for d in subdirectories if d not in _FIND_SKIPS]
        for name in [*files, *subdirectories]:
            seen += 1
            if seen > FIND_EXEC_MAX_FILES:
                analyzer.flag("unknown-word", f"find hands too many files to {program} to check")
                return
            if names and not any(find_matches(name, n) for n in names):
                continue
            path = os.path.join(directory, name)
            entry = protected.classify_read(path, analyzer.project, analyzer.home)
            if entry is not None:
                analyzer.flag(
                    "read-secret",
                    f"find -exec would hand {analyzer.show(path)} ({entry.what}) to {program}",
                )
                return


UNKNOWN_ARG = "\x00"
_TAKES_VALUE = frozenset(
    [
        "-type",
        "-xtype",
        "-mtime",
        "-mmin",
        "-atime",
        "-amin",
        "-ctime",
        "-cmin",
        "-size",
        "-newer",
        "-maxdepth",
        "-mindepth",
        "-user",
        "-group",
        "-perm",
        "-links",
    ]
)


def _find_delete(call: Call, start: Arg, names: list[str], paths: list[str], bounded: bool) -> None:
    """Which files ``find START ... -delete`` may delete: none of them may be protected."""
    analyzer = call.analyzer
    root = analyzer.absolute(start)
    if root is None or not bounded:
        analyzer.flag(
            "find-delete", "find -delete with a start or an expression the guard cannot bound"
        )
        return
    entry = analyzer.protected_entry(root)
    if entry is not None and _within(analyzer, root, entry):
        analyzer.flag_protected(entry, "delete files in", root)
        return
    # A start that only holds protected paths (., tests/ around tests/fixtures/secrets) is
    # fine when no match can be one of them: each is compared with the names below.
    prefix = root.rstrip("/") + "/"
    candidates = [
        (e, target)
        for e, target in protected_targets(analyzer.project, analyzer.home)
        + protected_files(analyzer.project, analyzer.home)
        if target.startswith(prefix)
    ]
    inside = root == analyzer.project or root.startswith(analyzer.project.rstrip("/") + "/")
    changed = changed_paths(analyzer.project, root, analyzer.budget) if inside else []
    if changed is None:
        analyzer.flag("find-delete", "cannot tell whether find would delete uncommitted work")
        return
    for path in changed:
        parts = path.split("/")
        spellings = _find_spellings(start, root, os.path.join(analyzer.project, path))
        if (not names or any(find_matches(p, n) for p in parts for n in names)) and (
            not paths or any(find_matches(s, p) for s in spellings for p in paths)
        ):
            analyzer.flag("find-delete", f"find would delete {path}, which holds uncommitted work")
            return
    if not names and not paths:
        if candidates:
            analyzer.flag("find-delete", f"find -delete would empty {analyzer.show(root) or '.'}")
        else:
            analyzer.check_write(start, what="delete files in", delete=True)
        return
    for e, target in candidates:
        base = os.path.basename(target)
        spellings = _find_spellings(start, root, target)
        hit_name = not names or any(find_matches(base, n) for n in names)
        hit_path = not paths or any(find_matches(s, p) for s in spellings for p in paths)
        if hit_name and hit_path:
            analyzer.flag(
                "find-delete", f"find -delete would reach {analyzer.show(target)}, {e.what}"
            )
            return


def _find_spellings(start: Arg, root: str, path: str) -> set[str]:
    """How find names ``path`` to -path: the start as given, then the rest (``src/a/b`` for
    ``find src``, ``./a/b`` for ``find .``); the absolute path too, to be safe."""
    relative = os.path.relpath(path, root)
    given = str(start)
    # find keeps the start as typed: src// gives src//a/b, src/ gives src/a/b.
    joined = given + relative if given.endswith("/") else f"{given}/{relative}"
    return {joined, f"{given.rstrip('/') or '/'}/{relative}", path}


def _remember(call: Call, target: Arg) -> None:
    path = call.analyzer.absolute(target)
    if path is not None:
        call.analyzer.written.add(path)
