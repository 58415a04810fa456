# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""git and gh: history, remotes, hooks, configuration and the secret scan at commit and push.

git is parsed in two steps: its global options (``-C``, ``-c``, ``--git-dir``...), then one
subcommand whose rules are registered under the key ``"git <subcommand>"``. A subcommand the
guard does not know may be an alias or a ``git-*`` program on PATH, so it is asked about.
"""

from __future__ import annotations

import fnmatch
import os
import re
import weakref

from .bash import Analyzer, Arg, Call, handles
from .files import apply_patch_files
from .protocol import ASK, DENY
from .rules import check, define

SUBCOMMAND_RULES = "git {}"

define(
    "git-unknown-subcommand",
    ASK,
    "a git subcommand the guard does not know (an alias, or a git-* program on PATH)",
    "an alias can expand to any command, '!' shell commands included",
)
define(
    "git-config-injection",
    DENY,
    "configuration that changes what git runs or where it pushes: core.hooksPath, "
    "core.fsmonitor, core.sshCommand, editors, pagers, aliases, include paths, filters, "
    "credential helpers, remote URLs and push refspecs... via git -c, --config-env, git config "
    "or GIT_CONFIG_*",
    "git runs these as commands or follows them silently: a hook path turns pre-commit off, an "
    "fsmonitor or alias runs arbitrary code",
)
define(
    "git-config-change",
    ASK,
    "any other change to git's configuration",
    "the guard cannot know every key's effect; a person can",
)
define(
    "git-other-repository",
    ASK,
    "git run on another repository or work tree (-C, --git-dir, --work-tree outside the project)",
    "the remote and other checkouts are outside what the guard protects",
)


class GitCall:
    """A git command after its global options: the subcommand and its arguments."""

    __slots__ = ("call", "configs", "repo", "sub")

    def __init__(self, call: Call, sub: str, repo: str | None, configs: list[Arg]) -> None:
        self.call = call
        self.sub = sub
        self.repo = repo  # the directory git runs in (None: unknown)
        self.configs = configs  # -c key=value pairs


# Keys an agent may set (git -c or git config) without asking: they change output only.
SAFE_CONFIG = re.compile(
    r"^(user\.(name|email)|color\..*|core\.quotepath|core\.autocrlf|core\.safecrlf|log\..*|"
    r"format\.pretty|pull\.rebase|pull\.ff|merge\.conflictstyle|diff\.(algorithm|renames|"
    r"colormoved|noprefix|mnemonicprefix|context|statat|stat)|init\.defaultbranch|"
    r"advice\..*|column\..*|status\..*|branch\.autosetup.*|push\.autosetupremote|"
    r"push\.default|fetch\.prune|rerere\.enabled|help\.autocorrect|i18n\..*|gc\.auto)$"
)
# Keys that make git run something, hide something or send something elsewhere.
DANGEROUS_CONFIG = re.compile(
    r"^(core\.(hookspath|fsmonitor|sshcommand|editor|pager|askpass|worktree|bare|gitproxy|"
    r"attributesfile|excludesfile)|sequence\.editor|alias\..*|include\..*|includeif\..*|"
    r"filter\..*|diff\..*\.(textconv|command)|diff\.external|merge\..*\.driver|"
    r"credential\..*|gpg\..*|commit\.gpgsign|tag\.gpgsign|remote\..*|url\..*|branch\..*\.remote|"
    r"branch\..*\.pushremote|remote\.pushdefault|http\..*|https\..*|protocol\..*|"
    r"receive\..*|transfer\..*|uploadpack\..*|submodule\..*|init\.templatedir|safe\.directory|"
    r"pager\..*|interactive\.difffilter|web\.browser|browser\..*|sendemail\..*|"
    r"imap\..*|instaweb\..*|ssh\..*|gc\.prune|gc\.reflogexpire.*|core\.logallrefupdates|"
    r"maintenance\..*|trace2\..*|uploadarchive\..*|fetch\.fsckobjects)$"
)


# Pagers that only show text: `git -c core.pager=cat log` runs nothing else.
SAFE_PAGERS = frozenset({"", "cat", "less", "less -R", "less -FRX", "less -FR", "more"})


def config_problem(analyzer: Analyzer, pair: Arg, what: str) -> None:
    key, _, value = str(pair).partition("=")
    key = key.lower()
    if (
        not pair.unknown
        and (key == "core.pager" or key.startswith("pager."))
        and value in SAFE_PAGERS
    ):
        return
    if pair.unknown and UNKNOWN_MARK in key:
        analyzer.flag("git-config-injection", f"{what} sets a key decided when it runs")
    if DANGEROUS_CONFIG.match(key):
        analyzer.flag("git-config-injection", f"{what} sets {key}")
    if not SAFE_CONFIG.match(key):
        analyzer.flag("git-config-change", f"{what} sets {key}")


UNKNOWN_MARK = "\x00"

GLOBAL_VALUES = (
    "-C",
    "-c",
    "--git-dir",
    "--work-tree",
    "--namespace",
    "--config-env",
    "--exec-path",
    "--super-prefix",
    "--list-cmds",
    "--attr-source",
)
GLOBAL_FLAGS = frozenset(
    [
        "-p",
        "--paginate",
        "-P",
        "--no-pager",
        "--no-replace-objects",
        "--literal-pathspecs",
        "--glob-pathspecs",
        "--noglob-pathspecs",
        "--icase-pathspecs",
        "--no-optional-locks",
        "--no-advice",
        "--version",
        "--help",
        "-h",
        "--html-path",
        "--man-path",
        "--info-path",
    ]
)


@handles("git")
def git(call: Call) -> None:
    analyzer = call.analyzer
    args = list(call.args)
    repo = analyzer.cwd
    configs: list[Arg] = []
    for name, env_value in call.env.items():
        if name == "GIT_PAGER" and not env_value.unknown and env_value in SAFE_PAGERS:
            continue
        if name.startswith("GIT_"):
            analyzer.flag("env-injection", f"{name}= changes what git reads and where it writes")
    while args and args[0].startswith("-") and not args[0].unknown:
        option = args.pop(0)
        name, equals, inline = str(option).partition("=")
        if name in GLOBAL_FLAGS:
            continue
        if name not in GLOBAL_VALUES:
            analyzer.flag("git-unknown-subcommand", f"git is given the global option {name}")
            continue
        if name == "--exec-path" and not equals:
            continue  # prints the path
        if equals:
            value = Arg(inline, unknown=option.unknown)
        elif args:
            value = args.pop(0)
        else:
            return
        if name == "-c":
            configs.append(value)
            config_problem(analyzer, value, "git -c")
        elif name == "--config-env":
            config_problem(analyzer, value, "git --config-env")
            analyzer.flag(
                "git-config-change", "git --config-env reads a value from the environment"
            )
        elif name == "-C":
            repo = _directory(analyzer, repo, value)
        elif name in ("--git-dir", "--work-tree"):
            path = analyzer.absolute(value)
            if path is None or not _inside(analyzer, path):
                analyzer.flag("git-other-repository", f"git {name} points outside the project")
            repo = path if name == "--work-tree" else repo
        elif name in ("--exec-path", "--namespace", "--super-prefix", "--attr-source"):
            analyzer.flag("git-config-injection", f"git {name} changes what git runs or sees")
    if repo is not None and not _inside(analyzer, repo):
        analyzer.flag("git-other-repository", f"git runs in {repo}, outside the project")
    if not args:
        return
    sub = args[0]
    if sub.opaque:
        analyzer.flag("unknown-word", "the git subcommand is decided only when it runs")
        return
    sub_call = Call(analyzer, f"git {sub}", args[1:], call.env, call.stdin, call.piped)
    known = GIT_SUBCOMMANDS.get(str(sub))
    if known is None:
        analyzer.flag(
            "git-unknown-subcommand",
            f"'git {sub}' is not a git command the guard knows (an alias or a git-* program)",
        )
        return
    saved = analyzer.cwd
    analyzer.cwd = repo
    try:
        value_short, value_long = known
        sub_call.args, ambiguous = _resolve_long_options(
            str(sub), sub_call.args, value_short, value_long
        )
        sub_call.parse_options(value_short, value_long)
        sub_call.options.extend((name, None) for name in ambiguous)
        if any(value is not None and value.unknown for _, value in sub_call.options):
            _unknown_matters(sub_call, str(sub))
        git_call = GitCall(sub_call, str(sub), repo, configs)
        _GIT_CALLS[id(sub_call)] = git_call
        try:
            analyzer.run_checks(SUBCOMMAND_RULES.format(sub), sub_call)
        finally:
            _GIT_CALLS.pop(id(sub_call), None)
        if sub in ("switch", "checkout"):
            _SWITCHED.add(analyzer)  # the current branch is no longer the one .git/HEAD names
    finally:
        analyzer.cwd = saved


_GIT_CALLS: dict[int, GitCall] = {}
_SWITCHED: weakref.WeakSet[Analyzer] = weakref.WeakSet()  # a switch or checkout ran earlier
# What follows the last `git stash` of the command ("&&", ";"...), for the pop that undoes it.
_STASHED: weakref.WeakKeyDictionary[Analyzer, str] = weakref.WeakKeyDictionary()


def _git(call: Call) -> GitCall:
    return _GIT_CALLS[id(call)]


def _directory(analyzer: Analyzer, base: str | None, value: Arg) -> str | None:
    if value.opaque or (base is None and not os.path.isabs(value)):
        return None
    return os.path.normpath(os.path.join(base or "/", value))


def _inside(analyzer: Analyzer, path: str) -> bool:
    project = analyzer.project.rstrip("/")
    real = os.path.realpath(path)
    return any(p == project or p.startswith(project + "/") for p in (path, real))


READ_ONLY = frozenset(
    [
        "status",
        "log",
        "show",
        "diff",
        "blame",
        "annotate",
        "shortlog",
        "describe",
        "rev-parse",
        "rev-list",
        "ls-files",
        "ls-tree",
        "ls-remote",
        "cat-file",
        "grep",
        "show-ref",
        "show-branch",
        "name-rev",
        "merge-base",
        "for-each-ref",
        "cherry",
        "count-objects",
        "fsck",
        "verify-commit",
        "verify-tag",
        "whatchanged",
        "help",
        "version",
        "var",
        "check-ignore",
        "check-attr",
        "check-ref-format",
        "diff-tree",
        "diff-index",
        "diff-files",
        "range-diff",
        "get-tar-commit-id",
        "check-mailmap",
        "column",
        "interpret-trailers",
        "stripspace",
        "hash-object",
        "mktree",
        "mktag",
        "fetch-pack",
        "index-pack",
        "unpack-objects",
        "pack-objects",
        "pack-refs",
        "verify-pack",
        "show-index",
        "merge-file",
        "merge-tree",
        "patch-id",
        "bugreport",
        "diagnose",
    ]
)
# The subcommands the guard knows, with their value-taking short and long options.
GIT_SUBCOMMANDS: dict[str, tuple[str, tuple[str, ...]]] = dict.fromkeys(
    READ_ONLY, ("", ("--output", "--format", "--pretty", "--author", "--grep", "--since"))
)
GIT_SUBCOMMANDS.update(
    {
        "add": ("", ("--chmod", "--pathspec-from-file")),
        "stage": ("", ("--chmod", "--pathspec-from-file")),
        "commit": (
            "mFCctS",
            (
                "--message",
                "--file",
                "--reuse-message",
                "--reedit-message",
                "--template",
                "--author",
                "--date",
                "--fixup",
                "--squash",
                "--trailer",
                "--cleanup",
                "--pathspec-from-file",
                "--gpg-sign",
            ),
        ),
        "push": (
            "o",
            (
                "--repo",
                "--receive-pack",
                "--exec",
                "--push-option",
                "--recurse-submodules",
                "--signed",
                "--force-with-lease",
            ),
        ),
        "fetch": (
            "j",
            (
                "--depth",
                "--deepen",
                "--shallow-since",
                "--upload-pack",
                "--jobs",
                "--refmap",
                "--negotiation-tip",
                "--server-option",
            ),
        ),
        "pull": ("j", ("--depth", "--upload-pack", "--strategy", "--strategy-option")),
        "merge": ("msX", ("--message", "--strategy", "--strategy-option", "--file")),
        "rebase": ("xsX", ("--exec", "--onto", "--strategy", "--strategy-option")),
        "cherry-pick": ("msX", ("--mainline", "--strategy", "--strategy-option")),
        "revert": ("msX", ("--mainline", "--strategy", "--strategy-option")),
        "am": ("pC", ("--directory", "--exclude", "--include", "--patch-format")),
        "apply": ("pC", ("--directory", "--exclude", "--include")),
        "reset": ("", ("--pathspec-from-file",)),
        "sparse-checkout": ("", ()),
        "checkout": ("bB", ("--orphan", "--conflict", "--pathspec-from-file")),
        "switch": ("cC", ("--create", "--force-create", "--orphan", "--conflict")),
        "restore": ("s", ("--source", "--pathspec-from-file")),
        "clean": ("e", ("--exclude",)),
        "stash": ("m", ("--message", "--pathspec-from-file")),
        "branch": (
            "ut",
            (
                "--set-upstream-to",
                "--contains",
                "--merged",
                "--no-merged",
                "--points-at",
                "--format",
                "--sort",
            ),
        ),
        "tag": (
            "mFu",
            (
                "--message",
                "--file",
                "--local-user",
                "--contains",
                "--sort",
                "--format",
                "--points-at",
            ),
        ),
        "config": ("f", ("--file", "--blob", "--type", "--default", "--comment")),
        "remote": ("t", ("--track", "--master")),
        "rm": ("", ("--pathspec-from-file",)),
        "mv": ("", ()),
        "worktree": ("bB", ("--reason",)),
        "submodule": ("b", ("--branch", "--name", "--reference", "--depth")),
        "gc": ("", ("--prune",)),
        "prune": ("", ("--expire",)),
        "reflog": ("", ("--expire", "--expire-unreachable")),
        "update-ref": ("m", ()),
        "symbolic-ref": ("m", ()),
        "commit-tree": ("pmF", ()),
        "read-tree": ("", ("--prefix", "--index-output", "--exclude-per-directory")),
        "checkout-index": ("", ("--prefix", "--stage")),
        "update-index": ("", ("--cacheinfo", "--chmod", "--index-info")),
        "send-pack": ("", ("--receive-pack", "--exec")),
        "receive-pack": ("", ()),
        "upload-pack": ("", ()),
        "filter-branch": ("", ("--tree-filter", "--index-filter", "--msg-filter")),
        "filter-repo": ("", ()),
        "replace": ("", ("--format",)),
        "notes": ("mFcC", ("--message", "--file", "--ref")),
        "bisect": ("", ()),
        "clone": (
            "bcoj",
            (
                "--branch",
                "--config",
                "--origin",
                "--depth",
                "--template",
                "--separate-git-dir",
                "--upload-pack",
                "--reference",
            ),
        ),
        "init": ("", ("--template", "--separate-git-dir", "--initial-branch", "--shared")),
        "maintenance": ("", ("--task", "--schedule")),
        "credential": ("", ()),
        "credential-store": ("", ("--file",)),
        "credential-cache": ("", ("--timeout", "--socket")),
        "fast-import": ("", ("--export-marks", "--import-marks")),
        "fast-export": ("", ()),
        "format-patch": ("o", ("--output-directory", "--output")),
        "archive": (
            "o",
            (
                "--output",
                "--format",
                "--prefix",
                "--remote",
                "--exec",
                "--add-file",
                "--add-virtual-file",
            ),
        ),
        "bundle": ("", ()),
        "difftool": ("xtD", ("--extcmd", "--tool")),
        "mergetool": ("t", ("--tool",)),
        "daemon": ("", ()),
        "instaweb": ("", ()),
        "shell": ("", ()),
        "http-backend": ("", ()),
        "rerere": ("", ()),
        "repack": ("", ()),
        "multi-pack-index": ("", ()),
        "commit-graph": ("", ()),
        "request-pull": ("", ()),
        "citool": ("", ()),
        "gui": ("", ()),
        "gitk": ("", ()),
        "lfs": ("", ()),
    }
)


# Every long option of the subcommands whose options the rules inspect, from
# `git <sub> [<verb>] --git-completion-helper-all` (git 2.39; verbs merged). git accepts any
# unambiguous prefix of a long option (`--h` is --hard, `--m` --mirror) and `--no-` before any of
# them, so each long option is resolved against this list once, before the rules see it.
_LONG_OPTIONS: dict[str, str] = {
    "add": (
        "all chmod dry-run edit force ignore-errors ignore-missing ignore-removal intent-to-add "
        "interactive patch pathspec-file-nul pathspec-from-file refresh renormalize sparse "
        "update verbose warn-embedded-repo"
    ),
    "am": (
        "3way abort allow-empty binary committer-date-is-author-date continue directory empty "
        "exclude gpg-sign ignore-date ignore-space-change ignore-whitespace include interactive "
        "keep keep-cr keep-non-patch message-id patch-format quiet quit quoted-cr rebasing "
        "reject rerere-autoupdate resolved resolvemsg scissors show-current-patch signoff skip "
        "utf8 whitespace"
    ),
    "apply": (
        "3way add allow-binary-replacement allow-empty allow-overlap apply binary build-fake- "
        "ancestor cached check directory exclude ignore-space-change ignore-whitespace "
        "inaccurate-eof include index intent-to-add numstat quiet recount reject reverse stat "
        "summary unidiff-zero unsafe-paths verbose whitespace"
    ),
    "archive": "exec output remote",
    "branch": (
        "abbrev all color column contains copy create-reflog delete edit-description force "
        "format ignore-case list merged move points-at quiet recurse-submodules remotes set- "
        "upstream set-upstream-to show-current sort track unset-upstream verbose with without"
    ),
    "bundle": "all-progress all-progress-implied progress quiet version",
    "checkout": (
        "conflict detach force guess ignore-other-worktrees ignore-skip-worktree-bits merge "
        "orphan ours overlay overwrite-ignore patch pathspec-file-nul pathspec-from-file "
        "progress quiet recurse-submodules theirs track"
    ),
    "checkout-index": (
        "all create force ignore-skip-worktree-bits index prefix quiet stage stdin temp"
    ),
    "cherry-pick": (
        "abort allow-empty allow-empty-message cleanup commit continue edit ff gpg-sign keep- "
        "redundant-commits mainline quit rerere-autoupdate signoff skip strategy-option "
        "strategy"
    ),
    "clean": "dry-run exclude force interactive quiet",
    "clone": (
        "also-filter-submodules bare branch bundle-uri checkout config depth dissociate filter "
        "hardlinks ipv4 ipv6 jobs local mirror naked origin progress quiet recurse-submodules "
        "recursive reference-if-able reference reject-shallow remote-submodules separate-git- "
        "dir server-option shallow-exclude shallow-since shallow-submodules shared single- "
        "branch sparse tags template upload-pack verbose"
    ),
    "commit": (
        "ahead-behind all allow-empty allow-empty-message amend author branch cleanup date dry- "
        "run edit file fixup gpg-sign include interactive long message null only patch "
        "pathspec-file-nul pathspec-from-file porcelain post-rewrite quiet reedit-message "
        "reset-author reuse-message short signoff squash status template trailer untracked- "
        "files verbose verify"
    ),
    "commit-tree": "gpg-sign",
    "config": (
        "add blob bool bool-or-int bool-or-str default edit expiry-date file fixed-value get "
        "get-all get-color get-colorbool get-regexp get-urlmatch global includes int list local "
        "name-only null path remove-section rename-section replace-all show-origin show-scope "
        "system type unset unset-all worktree"
    ),
    "difftool": "dir-diff extcmd gui index prompt symlinks tool-help tool trust-exit-code",
    "fetch": (
        "all append atomic auto-gc auto-maintenance deepen depth dry-run filter force ipv4 ipv6 "
        "jobs keep multiple negotiate-only negotiation-tip prefetch progress prune prune-tags "
        "quiet recurse-submodules recurse-submodules-default refetch refmap server-option set- "
        "upstream shallow-exclude shallow-since show-forced-updates stdin submodule-prefix tags "
        "unshallow update-head-ok update-shallow upload-pack verbose write-commit-graph write- "
        "fetch-head"
    ),
    "format-patch": (
        "add-header attach base binary cc cover-from-description cover-letter creation-factor "
        "filename-max-length force-in-body-from from ignore-if-in-upstream in-reply-to inline "
        "interdiff keep-subject no-stat numbered numbered-files output-directory progress quiet "
        "range-diff reroll-count rfc signature-file signature signoff start-number stdout "
        "subject-prefix suffix thread to zero-commit"
    ),
    "gc": "aggressive auto cruft force keep-largest-pack prune quiet",
    "grep": (
        "after-context all-match and basic-regexp before-context break cached color column "
        "context count exclude-standard ext-grep extended-regexp files-with-matches files- "
        "without-match fixed-strings full-name function-context heading ignore-case index "
        "invert-match line-number max-count max-depth name-only not null only-matching open- "
        "files-in-pager or perl-regexp quiet recurse-submodules recursive show-function text "
        "textconv threads untracked word-regexp"
    ),
    "init": "bare initial-branch object-format quiet separate-git-dir shared template",
    "ls-remote": (
        "exec exit-code get-url heads quiet refs server-option sort symref tags upload-pack"
    ),
    "maintenance": "auto config-file force quiet schedule scheduler task",
    "merge": (
        "abort allow-unrelated-histories autostash cleanup commit continue edit ff ff-only file "
        "gpg-sign into-name log message overwrite-ignore progress quiet quit rerere-autoupdate "
        "signoff squash stat strategy-option strategy summary verbose verify verify-signatures"
    ),
    "mv": "dry-run force sparse verbose",
    "notes": (
        "abort allow-empty commit dry-run file for-rewrite force ignore-missing message quiet "
        "reedit-message ref reuse-message stdin strategy verbose"
    ),
    "prune": "dry-run exclude-promisor-objects expire progress verbose",
    "pull": (
        "all allow-unrelated-histories append autostash cleanup commit deepen depth dry-run "
        "edit ff ff-only force gpg-sign ipv4 ipv6 jobs keep log negotiation-tip progress prune "
        "quiet rebase recurse-submodules refmap server-option set-upstream shallow-exclude "
        "shallow-since show-forced-updates signoff squash stat strategy-option strategy summary "
        "tags unshallow update-shallow upload-pack verbose verify verify-signatures"
    ),
    "push": (
        "all atomic delete dry-run exec follow-tags force force-if-includes force-with-lease "
        "ipv4 ipv6 mirror porcelain progress prune push-option quiet receive-pack recurse- "
        "submodules repo set-upstream signed tags thin verbose verify"
    ),
    "read-tree": (
        "aggressive debug-unpack dry-run empty exclude-per-directory index-output prefix quiet "
        "recurse-submodules reset sparse-checkout trivial verbose"
    ),
    "rebase": (
        "abort allow-empty-message apply autosquash autostash committer-date-is-author-date "
        "continue edit-todo empty exec ff force-rebase fork-point gpg-sign ignore-date ignore- "
        "whitespace interactive keep-base keep-empty merge onto preserve-merges quiet quit "
        "reapply-cherry-picks rebase-merges rerere-autoupdate reschedule-failed-exec reset- "
        "author-date root show-current-patch signoff skip stat strategy-option strategy update- "
        "refs verbose verify whitespace"
    ),
    "reflog": (
        "all dry-run expire-unreachable expire rewrite single-worktree stale-fix updateref verbose"
    ),
    "remote": (
        "add all auto delete dry-run fetch master mirror progress prune push tags track verbose"
    ),
    "replace": "convert-graft-file delete edit force format graft list raw",
    "reset": (
        "hard intent-to-add keep merge mixed patch pathspec-file-nul pathspec-from-file quiet "
        "recurse-submodules refresh soft"
    ),
    "restore": (
        "conflict ignore-skip-worktree-bits ignore-unmerged merge ours overlay patch pathspec- "
        "file-nul pathspec-from-file progress quiet recurse-submodules source staged theirs "
        "worktree"
    ),
    "revert": (
        "abort cleanup commit continue edit gpg-sign mainline quit reference rerere-autoupdate "
        "signoff skip strategy-option strategy"
    ),
    "rm": "cached dry-run force ignore-unmatch pathspec-file-nul pathspec-from-file quiet sparse",
    "send-pack": (
        "all atomic dry-run exec force force-if-includes force-with-lease helper-status mirror "
        "progress push-option quiet receive-pack remote signed stateless-rpc stdin thin verbose"
    ),
    "sparse-checkout": "cone skip-checks sparse-index stdin",
    "stage": (
        "all chmod dry-run edit force ignore-errors ignore-missing ignore-removal intent-to-add "
        "interactive patch pathspec-file-nul pathspec-from-file refresh renormalize sparse "
        "update verbose warn-embedded-repo"
    ),
    "stash": (
        "all include-untracked index keep-index message only-untracked patch pathspec-file-nul "
        "pathspec-from-file quiet staged"
    ),
    "switch": (
        "conflict create detach discard-changes force force-create guess ignore-other-worktrees "
        "merge orphan overwrite-ignore progress quiet recurse-submodules track"
    ),
    "symbolic-ref": "delete quiet recurse short",
    "tag": (
        "annotate cleanup color column contains create-reflog delete edit file force format "
        "ignore-case list local-user merged message points-at sign sort verify with without"
    ),
    "update-index": (
        "add again assume-unchanged cacheinfo chmod clear-resolve-undo force-remove force- "
        "untracked-cache force-write-index fsmonitor fsmonitor-valid ignore-missing ignore- "
        "skip-worktree-entries ignore-submodules index-info index-version info-only really- "
        "refresh refresh remove replace skip-worktree split-index stdin test-untracked-cache "
        "unmerged unresolve untracked-cache verbose"
    ),
    "update-ref": "create-reflog deref stdin",
    "worktree": (
        "checkout detach dry-run expire force guess-remote lock porcelain quiet reason track "
        "verbose"
    ),
}
_LONG_CACHE: dict[str, frozenset[str]] = {}


def _long_options(sub: str) -> frozenset[str] | None:
    names = _LONG_CACHE.get(sub)
    if names is None:
        listed = _LONG_OPTIONS.get(sub)
        if listed is None:
            return None
        found: set[str] = set()
        for name in listed.split():
            found.add("--" + name)
            found.add("--" + name[3:] if name.startswith("no-") else "--no-" + name)
        names = _LONG_CACHE[sub] = frozenset(found)
    return names


def _resolve_long_options(
    sub: str, args: list[Arg], value_short: str, value_long: tuple[str, ...]
) -> tuple[list[Arg], list[str]]:
    """``args`` with each abbreviated long option spelled out, and the options an ambiguous
    abbreviation may stand for (git refuses those, the guard counts them all: fail closed)."""
    names = _long_options(sub)
    if names is None:
        return args, []
    resolved: list[Arg] = []
    ambiguous: list[str] = []
    takes_value = False
    for index, arg in enumerate(args):
        if takes_value:
            takes_value = False
            resolved.append(arg)
            continue
        if arg == "--" and not arg.unknown:
            resolved.extend(args[index:])
            break
        if arg.unknown or not arg.startswith("-") or arg == "-":
            resolved.append(arg)
            continue
        if not arg.startswith("--"):
            for k in range(1, len(arg)):
                if arg[k] in value_short:
                    takes_value = k == len(arg) - 1
                    break
            resolved.append(arg)
            continue
        name, equals, value = str(arg).partition("=")
        if name not in names:
            candidates = sorted(n for n in names if n.startswith(name))
            if len(candidates) == 1:
                name = candidates[0]
                arg = Arg(name + equals + value, unknown=arg.unknown, glob=arg.glob)
            else:
                ambiguous.extend(candidates)
        takes_value = not equals and name in value_long
        resolved.append(arg)
    return resolved, ambiguous


# Option values that are only text recorded in history (their source commands are checked).
_TEXT_OPTIONS = frozenset({"-m", "--message", "--author", "--date", "--trailer"})


def _unknown_matters(call: Call, sub: str) -> None:
    if sub in READ_ONLY:
        return
    for option, value in call.options:
        if value is not None and value.unknown and option not in _TEXT_OPTIONS:
            call.analyzer.flag("unknown-word", f"git {sub} is given an option decided when it runs")


def _operands_known(call: Call, sub: str) -> bool:
    if any(operand.opaque for operand in call.operands):
        call.analyzer.flag("unknown-word", f"git {sub} is given a word decided when it runs")
        return False
    return True


@check(
    "git-output-file",
    ASK,
    "git writing its output to a file (--output, -o) or reading local secrets into an archive, "
    "a diff or an index",
    "git's own writes go where the guard's path checks must follow them",
    *(f"git {sub}" for sub in sorted(READ_ONLY | {"archive", "format-patch", "bundle"})),
)
def output_file(call: Call) -> str | None:
    analyzer = call.analyzer
    for target in call.values("--output", "-o", "--output-directory"):
        analyzer.check_write(target, what="overwrite")
    if call.name == "git bundle" and call.operands[:1] == ["create"] and len(call.operands) > 1:
        analyzer.check_write(call.operands[1], what="overwrite")
    for extra in call.values("--add-file", "--add-virtual-file"):
        analyzer.check_read(Arg(str(extra).split(":", 1)[0], unknown=extra.unknown))
    for option, value in call.options:
        if option.startswith("--add-file") and value is None:
            analyzer.flag("unknown-word", "git archive adds a file the guard cannot see")
    names_only = call.name.partition(" ")[2] in NAMES_COMMITTED
    if call.name.partition(" ")[2] in PATHS_MATCHED:
        return None  # git check-ignore .env reads the ignore rules, not .env
    for operand in call.operands:
        if operand.unknown and names_only:
            continue  # a revision or a path in history: git reads no file of the work tree
        if not str(operand).startswith(("-", ":")) and ":" not in str(operand):
            analyzer.check_read(operand)
    return None


# Read-only subcommands whose operands name revisions, refs or paths in history, never a file
# they read from the work tree (diff does: a path outside the repository makes it --no-index).
NAMES_COMMITTED = frozenset(
    {"log", "show", "shortlog", "whatchanged", "describe", "rev-parse", "rev-list", "name-rev"}
    | {"merge-base", "cherry", "range-diff", "diff-tree", "ls-tree", "ls-files", "ls-remote"}
    | {"show-ref", "show-branch", "for-each-ref", "verify-commit", "verify-tag", "status"}
)


# Read-only subcommands whose operands are path names matched against .gitignore or
# .gitattributes rules; git never opens the files they name.
PATHS_MATCHED = frozenset({"check-ignore", "check-attr"})


# ---------------------------------------------------------------------------------------------
# Hooks and signing


@check(
    "git-no-verify",
    DENY,
    "--no-verify on any git command; -n on git commit (alone or bundled: -an, -nm)",
    "it skips pre-commit, commit-msg and pre-push hooks: the secret scan and the lint gates",
    *(
        f"git {sub}"
        for sub in (
            "commit",
            "push",
            "merge",
            "rebase",
            "cherry-pick",
            "revert",
            "am",
            "pull",
            "switch",
            "checkout",
            "worktree",
        )
    ),
)
def no_verify(call: Call) -> str | None:
    if call.has("--no-verify", "--no-verif", "--no-veri"):
        return "--no-verify skips the commit and push hooks"
    if call.name == "git commit" and call.has("-n"):
        return "git commit -n is --no-verify"
    if any(o.startswith("--no-ver") for o, _ in call.options):
        return "--no-verify skips the commit and push hooks"
    return None


@check(
    "git-am",
    ASK,
    "git am: commits from a mailbox of patches",
    "git am runs no pre-commit or commit-msg hook, so the secret scan and the gates never see "
    "what it commits; apply with git apply and commit as usual",
    "git am",
)
def apply_mailbox(call: Call) -> str | None:
    if call.has("--abort", "--quit", "--show-current-patch"):
        return None
    return "git am commits without running the pre-commit and commit-msg hooks"


@check(
    "git-no-gpg-sign",
    DENY,
    "--no-gpg-sign, or commit.gpgsign switched off",
    "it defeats the project's signing policy where there is one",
    "git commit",
    "git merge",
    "git rebase",
    "git cherry-pick",
    "git revert",
    "git tag",
)
def no_gpg_sign(call: Call) -> str | None:
    return "--no-gpg-sign turns commit signing off" if call.has("--no-gpg-sign") else None


# ---------------------------------------------------------------------------------------------
# Remote refs


def _push_refspecs(call: Call) -> tuple[Arg | None, list[Arg]]:
    operands = call.operands
    remote = operands[0] if operands else None
    return remote, operands[1:]


@check(
    "git-force-push",
    DENY,
    "a push that can overwrite remote history: -f, --force, --force-with-lease, "
    "--force-if-includes, --mirror, a +refspec",
    "force pushes destroy other people's commits and skip review",
    "git push",
)
def force_push(call: Call) -> str | None:
    if call.has("-f", "--force", "--force-with-lease", "--force-if-includes", "--mirror"):
        return "a force push rewrites the remote's history"
    if any(o.startswith("--force") for o, _ in call.options):
        return "a force push rewrites the remote's history"
    _, refspecs = _push_refspecs(call)
    if any(str(ref).startswith("+") for ref in refspecs):
        return "a +refspec is a force push"
    return None


@check(
    "git-push-delete",
    DENY,
    "a push that deletes remote refs: --delete, -d, :ref refspecs, --prune",
    "deleting a branch or tag on the remote loses it for everyone",
    "git push",
)
def push_delete(call: Call) -> str | None:
    if call.has("-d", "--delete", "--prune"):
        return "the push deletes refs on the remote"
    _, refspecs = _push_refspecs(call)
    if any(
        str(ref).startswith(":") or (str(ref).endswith(":") is False and str(ref) == ":")
        for ref in refspecs
    ):
        return "a :ref refspec deletes the ref on the remote"
    return None


@check(
    "git-push-unknown",
    ASK,
    "a push whose remote, refspecs or options the guard cannot check (a URL or path instead of "
    "a configured remote, --all/--tags, --receive-pack, --repo, unknown words)",
    "the guard checks every ref a push moves and scans every commit it sends",
    "git push",
)
def push_unknown(call: Call) -> str | None:
    remote, refspecs = _push_refspecs(call)
    if any(a.opaque for a in call.operands):
        return "the push names a remote or ref decided only when it runs"
    if call.has("--receive-pack", "--exec", "--repo"):
        return "the push runs another program on the remote side or picks another repository"
    if remote is not None and not _configured_remote(_git(call).repo, str(remote)):
        return f"'{remote}' is not a configured remote (a URL or path)"
    del refspecs
    analyzer = call.analyzer
    repo = _git(call).repo
    if repo is not None:
        analyzer.pushes.append(
            PushScanRequest(
                repo,
                None if remote is None else str(remote),
                [str(r) for r in call.operands[1:]],
                all_refs=call.has("--all", "--tags", "--follow-tags", "--mirror"),
            )
        )
    return None


class PushScanRequest:
    """What a push sends, for the secret scan after the walk."""

    __slots__ = ("all_refs", "refspecs", "remote", "repo")

    def __init__(
        self, repo: str, remote: str | None, refspecs: list[str], *, all_refs: bool
    ) -> None:
        self.repo = repo
        self.remote = remote
        self.refspecs = refspecs
        self.all_refs = all_refs


class CommitScanRequest:
    """What a commit records, for the secret scan after the walk."""

    __slots__ = ("extra_paths", "message_files", "message_refs", "repo", "worktree")

    def __init__(self, repo: str) -> None:
        self.repo = repo
        self.worktree = False
        self.extra_paths: list[str] = []
        self.message_files: list[str] = []
        self.message_refs: list[str] = []


def _configured_remote(repo: str | None, name: str) -> bool:
    """Whether ``name`` is a remote in the repository's config (read, never run)."""
    if repo is None or not re.fullmatch(r"[A-Za-z0-9._-]+", name):
        return False
    from .protocol import find_repo_root

    root = find_repo_root(repo)
    if root is None:
        return False
    config = os.path.join(root, ".git", "config")
    try:
        with open(config, encoding="utf-8", errors="replace") as handle:
            text = handle.read(1024 * 1024)
    except OSError:
        return False
    return f'[remote "{name}"]' in text


# ---------------------------------------------------------------------------------------------
# Local history and work


@check(
    "git-reset-hard",
    DENY,
    "git reset --hard",
    "it throws away every uncommitted change and moves the branch",
    "git reset",
)
def reset_hard(call: Call) -> str | None:
    return "git reset --hard discards uncommitted work" if call.has("--hard") else None


@check(
    "git-history-rewrite",
    ASK,
    "moving a branch back or rewriting commits: reset to another commit, --keep/--merge, "
    "commit --amend, rebase, branch -f/-D/-M, tag -f/-d, pull --rebase, fetch into a local "
    "branch, stash drop/clear, reflog expire, gc --prune, prune",
    "rewritten history loses commits for whoever relied on them; a person should agree",
    "git reset",
    "git commit",
    "git rebase",
    "git branch",
    "git tag",
    "git pull",
    "git fetch",
    "git stash",
    "git reflog",
    "git gc",
    "git prune",
    "git notes",
    "git replace",
)
def history_rewrite(call: Call) -> str | None:
    sub = call.name.split(" ", 1)[1]
    operands = [str(o) for o in call.operands]
    if sub == "reset":
        if call.has("--keep", "--merge", "--soft"):
            return "git reset moves the branch"
        args = [str(a) for a in call.args]
        if "--" in args:
            # git reset [<commit>] -- <paths> only unstages; with nothing after the --, the one
            # word before it is a commit all the same (`git reset HEAD~1 --`)
            dash = args.index("--")
            if args[dash + 1 :] or len(operands) != 1:
                return None
        elif len(operands) != 1 or _is_path(call, operands[0]):
            return None  # git reset [<commit>] <paths> only unstages
        target = call.operands[0]
        if target.opaque:
            return "git reset is given a commit decided only when it runs"
        if str(target) in ("HEAD", "@"):
            return None
        return f"git reset {target} moves the branch back"
    if sub == "commit":
        return "git commit --amend rewrites the last commit" if call.has("--amend") else None
    if sub == "rebase":
        if call.has("--abort", "--quit", "--show-current-patch", "--edit-todo"):
            return None
        if [option for option, _ in call.options] == ["--continue"] and not call.operands:
            return None  # carries on with the rebase a person already agreed to
        return "git rebase rewrites the branch's commits"
    if sub == "branch":
        if call.has("-D", "-f", "--force", "-M", "-C"):
            return "git branch force-deletes, moves or resets a branch"
        if call.has("-d", "--delete", "-m", "--move") and any(
            _maybe_long_lived(o) for o in call.operands
        ):
            return "git branch deletes or renames a long-lived branch (or one it cannot name)"
        if call.has("-m", "--move") and len(call.operands) == 1:
            current = _current_branch(_git(call).repo)
            if call.analyzer in _SWITCHED or current is None or _maybe_long_lived(Arg(current)):
                return "git branch -m renames the current branch, a long-lived one"
        return None
    if sub == "tag":
        return (
            "git tag deletes or moves a tag"
            if call.has("-d", "--delete", "-f", "--force")
            else None
        )
    if sub == "pull":
        if call.has("--rebase", "-r", "--force", "-f") or any(o.startswith("+") for o in operands):
            return "git pull rewrites or forces local branches"
        return None
    if sub == "fetch":
        if call.has("--force", "-f", "--update-head-ok", "-u") or any(
            ":" in o and not o.split(":", 1)[1].startswith("refs/remotes/") for o in operands[1:]
        ):
            return "git fetch writes into a local branch"
        return None
    if sub == "stash":
        return _stash(call, operands)
    if sub == "reflog":
        return (
            "git reflog expire/delete removes recovery points"
            if operands[:1] in (["expire"], ["delete"])
            else None
        )
    if sub == "gc":
        return (
            "git gc --prune deletes unreachable commits"
            if call.has("--prune", "--aggressive")
            else None
        )
    if sub == "notes":
        if operands[:1] in ([], ["list"], ["show"], ["get-ref"]):
            return None
        return "git notes writes commits of its own, without the commit hooks"
    return f"git {sub} rewrites objects or history"


_LONG_LIVED = re.compile(r"(?i)(refs/heads/)?(main|master|develop|trunk|release.*|production)")


def _maybe_long_lived(operand: Arg) -> bool:
    """A long-lived branch, or a ref the guard cannot resolve without running git: ``@{-1}``
    (the previous branch), ``-``, ``@{upstream}``, ``HEAD``, a word decided when it runs."""
    text = str(operand)
    return (
        operand.opaque
        or bool(_LONG_LIVED.fullmatch(text))
        or "@{" in text
        or text in ("-", "@", "HEAD")
        or any(c in text for c in "*?[\\")
    )


def _current_branch(repo: str | None) -> str | None:
    """The branch HEAD names (read from .git/HEAD, never run); None when unknown."""
    from .protocol import find_repo_root

    root = find_repo_root(repo) if repo is not None else None
    if root is None:
        return None
    try:
        with open(os.path.join(root, ".git", "HEAD"), encoding="utf-8") as handle:
            head = handle.read(4096).strip()
    except OSError:
        return None
    return head.removeprefix("ref: refs/heads/") if head.startswith("ref: refs/heads/") else None


def _stash(call: Call, operands: list[str]) -> str | None:
    """git stash moves work out of the tree into a commit that no hook checked."""
    analyzer = call.analyzer
    verb = operands[0] if operands else "push"
    if verb in ("drop", "clear"):
        return "git stash drop/clear deletes stashed work"
    if verb in ("create", "store"):
        return "git stash create/store makes commits without the commit hooks"
    if verb in ("pop", "apply"):
        # Only a pop that surely runs, of the stash just made, takes the work back out of
        # refs/stash: apply leaves the commit there, `false && git stash pop` never runs, and
        # `git stash pop stash@{7}` pops another entry (or fails).
        entry = operands[1:]
        current = analyzer.current
        runs = analyzer.cd_is_certain() or (
            # `git stash && git stash pop`: the pop runs whenever the stash did
            current is not None
            and current.before == "&&"
            and _STASHED.get(analyzer) == "&&"
            and analyzer.depth == 0
            and not analyzer.conditional
        )
        if verb == "pop" and entry in ([], ["0"], ["stash@{0}"]) and runs:
            analyzer.stash_pending = False
        return None
    if verb in ("push", "save") or verb not in ("list", "show", "branch"):
        if call.has("-a", "--all"):
            return "git stash --all puts ignored files (local secrets among them) into a commit"
        if call.values("--pathspec-from-file"):
            return "git stash reads its pathspecs from a file the guard does not see"
        untracked = call.has("-u", "--include-untracked")
        for operand in call.operands[1:] if operands[:1] in (["push"], ["save"]) else call.operands:
            _check_pathspec(call, operand, forced=untracked)
        analyzer.stash_pending = True
        _STASHED[analyzer] = analyzer.current.after if analyzer.current is not None else ""
    return None


_PATHSPEC_MAGIC = re.compile(r":(?:\(([^)]*)\)|([/!^]*))")
_KNOWN_MAGIC = frozenset({"top", "glob", "icase", "literal", ""})


def _check_pathspec(call: Call, operand: Arg, *, forced: bool) -> None:
    """A pathspec git itself expands must not reach a local secret (``.env``...).

    git matches a pathspec with ``*?[`` as a glob whose ``*`` crosses ``/``, and ``:(glob)``,
    ``:(icase)``, ``:/``... are magic; the shell never sees either. ``forced`` (add -f, stash -u)
    takes ignored or untracked files along, so then a directory that holds a secret counts too.
    """
    analyzer = call.analyzer
    analyzer.check_read(operand, contains=forced)
    if operand.unknown:
        if forced:
            analyzer.flag("unknown-word", f"{call.name} is given a pathspec decided when it runs")
        return
    text = str(operand)
    match = _PATHSPEC_MAGIC.match(text)
    long_magic = match.group(1) if match else None
    short_magic = (match.group(2) or "") if match else ""
    words = {w.strip().lower() for w in long_magic.split(",")} if long_magic is not None else set()
    if "!" in short_magic or "^" in short_magic or "exclude" in words:
        return  # an exclusion adds nothing
    if match:
        text = text[match.end() :]
    if "literal" in words or (not match and not any(c in text for c in "*?[")):
        return  # a plain path: check_read decided it
    base = analyzer.project if ("/" in short_magic or "top" in words) else analyzer.cwd
    if base is None:
        analyzer.flag("unknown-word", f"cannot tell where {call.name} expands {operand}")
        return
    if any(not w.startswith("prefix:") and w not in _KNOWN_MAGIC for w in words):
        pattern = "*"  # attr:... or magic this guard does not know: any file may match
    else:
        pattern = os.path.normpath(os.path.join(base, text or ".")).lower()
    from .protected import PROTECTED

    project = analyzer.project.rstrip("/")
    for entry in PROTECTED:
        secret = f"{project}/{entry.path}"
        if not entry.read or entry.home or not os.path.lexists(secret):
            continue
        low = secret.lower()
        # ``**/`` also matches no directory at all (``:(glob)**/.env`` takes ./.env).
        patterns = {pattern, pattern.replace("**/", "")}
        if any(fnmatch.fnmatchcase(low, p) for p in patterns) or (
            forced and low.startswith(pattern + "/")
        ):
            analyzer.flag(
                "read-secret", f"{call.name} {operand} would take {entry.path}, {entry.what}"
            )
            return


def _is_path(call: Call, operand: str) -> bool:
    base = call.analyzer.cwd
    return base is not None and os.path.lexists(os.path.join(base, operand))


@check(
    "git-discard-changes",
    DENY,
    "discarding every uncommitted change: checkout/restore of '.', ':/' or the project root",
    "uncommitted work is gone for good",
    "git checkout",
    "git restore",
)
def discard_all(call: Call) -> str | None:
    if (
        call.name == "git restore"
        and call.has("--staged", "-S")
        and not call.has("--worktree", "-W")
    ):
        return None
    paths = _checkout_paths(call)
    root = call.analyzer.project.rstrip("/")
    for path in paths:
        if path in (".", ":/", "*", ":(top)") or call.analyzer.absolute(Arg(path)) in (root, "/"):
            return f"{call.name} {path} discards every uncommitted change"
    return None


@check(
    "git-discard-file",
    ASK,
    "discarding uncommitted changes to files: checkout -- paths, checkout -f, restore, "
    "switch -f, clean -f, rm -f, worktree remove -f, submodule deinit -f, checkout-index -f, "
    "read-tree -u/--reset",
    "git cannot bring back what was never committed",
    "git checkout",
    "git restore",
    "git switch",
    "git clean",
    "git rm",
    "git worktree",
    "git submodule",
    "git checkout-index",
    "git read-tree",
    "git sparse-checkout",
)
def discard_files(call: Call) -> str | None:
    sub = call.name.split(" ", 1)[1]
    if call.values("--pathspec-from-file") and sub in ("checkout", "restore", "rm"):
        return f"git {sub} reads the paths it overwrites from a file the guard does not see"
    if sub in ("checkout", "switch"):
        if call.has("-f", "--force", "--discard-changes", "-B", "-C", "--force-create"):
            return f"git {sub} --force discards local changes"
        if sub == "checkout" and _checkout_paths(call):
            return "git checkout -- <paths> discards their uncommitted changes"
        return None
    if sub == "restore":
        if call.has("--staged", "-S") and not call.has("--worktree", "-W"):
            return None
        return "git restore discards uncommitted changes"
    if sub == "clean":
        if call.has("-n", "--dry-run"):
            return None
        if call.has("-f", "--force") or call.has("-i", "--interactive"):
            return "git clean deletes untracked files"
        return None
    if sub == "rm":
        return (
            "git rm -f deletes files with uncommitted changes"
            if call.has("-f", "--force")
            else None
        )
    if sub == "worktree":
        operands = [str(o) for o in call.operands]
        if operands[:1] in (["remove"], ["prune"]) or (
            operands[:1] == ["add"] and call.has("-f", "--force", "-B")
        ):
            return "git worktree remove/prune/add -B deletes a checkout or resets a branch"
        return None
    if sub == "submodule":
        operands = [str(o) for o in call.operands]
        if operands[:1] in (["deinit"], ["update"], ["add"], ["sync"], ["absorbgitdirs"]):
            return f"git submodule {operands[0]} changes checkouts or fetches code"
        return None
    if sub == "sparse-checkout":
        if [str(o) for o in call.operands][:1] in (["list"], ["check-rules"]):
            return None
        return "git sparse-checkout removes files from the work tree"
    if sub == "checkout-index":
        return (
            "git checkout-index overwrites files"
            if call.has("-f", "--force", "-a", "--all")
            else None
        )
    if sub == "read-tree":
        return "git read-tree rewrites the work tree" if call.has("-u", "--reset", "-m") else None
    return None


def _checkout_paths(call: Call) -> list[str]:
    """The pathspecs of ``git checkout``/``restore`` (after ``--``, or existing paths)."""
    args = [str(a) for a in call.args]
    if "--" in args:
        return args[args.index("--") + 1 :]
    operands = [str(o) for o in call.operands]
    if call.name == "git restore":
        return operands
    if call.has("-b", "-B", "--orphan", "-p", "--patch"):
        return []
    return list(operands[1:]) + [o for o in operands[:1] if o in (".", ":/") or _is_path(call, o)]


@check(
    "git-plumbing",
    DENY,
    "plumbing that moves refs or history directly: update-ref, symbolic-ref (writing), "
    "send-pack, receive-pack, filter-branch, filter-repo, replace",
    "these bypass every porcelain safety check and can rewrite or delete any branch",
    "git update-ref",
    "git symbolic-ref",
    "git send-pack",
    "git receive-pack",
    "git filter-branch",
    "git filter-repo",
)
def plumbing(call: Call) -> str | None:
    sub = call.name.split(" ", 1)[1]
    if sub == "symbolic-ref" and len(call.operands) <= 1 and not call.has("-d", "--delete"):
        return None  # reading HEAD
    if sub == "update-ref" and call.has("--stdin") is False and not call.operands:
        return None
    return f"git {sub} moves refs or rewrites history directly"


@check(
    "git-index-tricks",
    ASK,
    "update-index that hides or injects changes (--cacheinfo, --index-info, "
    "--assume-unchanged, --skip-worktree, --chmod), commit-tree, fast-import",
    "they make the index or a commit say something the work tree does not",
    "git update-index",
    "git commit-tree",
    "git fast-import",
)
def index_tricks(call: Call) -> str | None:
    sub = call.name.split(" ", 1)[1]
    if sub == "update-index" and not call.has(
        "--cacheinfo",
        "--index-info",
        "--assume-unchanged",
        "--skip-worktree",
        "--chmod",
        "--no-assume-unchanged",
        "--force-remove",
        "--remove",
        "--add",
        "--replace",
    ):
        return None
    return f"git {sub} writes the index or commits without the usual checks"


@check(
    "git-runs-command",
    ASK,
    "git options that run another program: rebase --exec, bisect run, difftool -x, "
    "grep -O, submodule foreach, mergetool, archive/clone/fetch with --exec/--upload-pack",
    "the command git runs is not checked by the guard",
    "git rebase",
    "git bisect",
    "git difftool",
    "git grep",
    "git submodule",
    "git mergetool",
    "git archive",
    "git clone",
    "git fetch",
    "git pull",
    "git ls-remote",
)
def runs_command(call: Call) -> str | None:
    operands = [str(o) for o in call.operands]
    if (
        call.has(
            "-x",
            "--exec",
            "--extcmd",
            "--upload-pack",
            "-u",
            "--open-files-in-pager",
            "-O",
            "--tool",
            "-t",
            "--receive-pack",
        )
        and call.name != "git fetch"
    ) or (call.name == "git fetch" and call.has("--upload-pack")):
        return f"{call.name} runs another program"
    if call.name == "git bisect" and operands[:1] == ["run"]:
        call.analyzer.dispatch(list(call.operands[1:]), {}, [], None)
        return None
    if call.name == "git submodule" and operands[:1] == ["foreach"]:
        return "git submodule foreach runs a command in every submodule"
    if call.name == "git mergetool":
        return "git mergetool runs a merge program"
    if call.name == "git grep" and any(o.startswith("-O") for o, _ in call.options):
        return "git grep -O runs a pager program"
    return None


@check(
    "git-network-unknown",
    ASK,
    "a git command that talks to a remote (fetch, pull, ls-remote, clone, push, remote, archive "
    "--remote, submodule) given a remote, URL or option decided only when it runs",
    "a URL built when the command runs can carry a secret to any server, even in a read",
    "git fetch",
    "git pull",
    "git ls-remote",
    "git clone",
    "git push",
    "git remote",
    "git archive",
    "git submodule",
    "git fetch-pack",
    "git send-pack",
)
def network_unknown(call: Call) -> str | None:
    if any(operand.unknown for operand in call.operands):
        return f"{call.name} is given a remote or URL decided only when it runs"
    if call.name == "git remote":
        return None  # its option values are names (-t, -m)
    if any(value is not None and value.unknown for _, value in call.options):
        return f"{call.name} is given an option (sent to the server) decided only when it runs"
    return None


@check(
    "git-remote-change",
    ASK,
    "adding, removing or re-pointing a remote (remote add/remove/rename/set-url)",
    "a new remote is a new place to push the project to",
    "git remote",
)
def remote_change(call: Call) -> str | None:
    operands = [str(o) for o in call.operands]
    if operands[:1] in (
        ["add"],
        ["remove"],
        ["rm"],
        ["rename"],
        ["set-url"],
        ["set-head"],
        ["set-branches"],
    ):
        return f"git remote {operands[0]} changes where the project is pushed"
    return None


@check(
    "git-config-write",
    DENY,
    "git config writing a dangerous key (core.hooksPath, alias.*, include.path, core.fsmonitor...)",
    "git runs these as commands or follows them silently",
    "git config",
)
def config_write(call: Call) -> str | None:
    operands = [str(o) for o in call.operands]
    reading = call.has(
        "--get",
        "--get-all",
        "--get-regexp",
        "--list",
        "-l",
        "--show-origin",
        "--show-scope",
        "--get-urlmatch",
        "--name-only",
    )
    if reading or operands[:1] in (["get"], ["list"]):
        return None
    if call.has("--global", "--system", "-f", "--file", "--blob", "--worktree", "-e", "--edit"):
        call.analyzer.flag("git-config-change", "git config writes a configuration file")
    verb = operands[:1] in (["set"], ["unset"], ["rename-section"], ["remove-section"], ["edit"])
    if verb:
        operands = operands[1:]
    if not operands:
        return None
    writes = (
        verb
        or len(operands) > 1
        or call.has(
            "--unset",
            "--unset-all",
            "--add",
            "--replace-all",
            "--rename-section",
            "--remove-section",
        )
    )
    if not writes:
        return None  # `git config KEY` prints the value
    if any(a.opaque for a in call.operands):
        return "git config sets a key decided when it runs"
    key = operands[0].lower()
    if DANGEROUS_CONFIG.match(key):
        return f"git config sets {key}"
    if not SAFE_CONFIG.match(key):
        call.analyzer.flag("git-config-change", f"git config sets {key}")
    return None


@check(
    "git-init-template",
    ASK,
    "git init or clone with --template or --separate-git-dir, or git maintenance register",
    "a template directory installs hook scripts into the repository",
    "git init",
    "git clone",
    "git maintenance",
    "git credential",
    "git credential-store",
    "git credential-cache",
    "git daemon",
    "git instaweb",
    "git shell",
    "git http-backend",
    "git upload-pack",
)
def init_template(call: Call) -> str | None:
    sub = call.name.split(" ", 1)[1]
    if sub in ("init", "clone"):
        if call.has("--template", "--separate-git-dir", "--config", "-c"):
            return f"git {sub} installs hooks or config from elsewhere"
        return None
    if sub == "maintenance" and [str(o) for o in call.operands][:1] != ["register"]:
        return None
    return f"git {sub} handles credentials, serves the repository or schedules jobs"


# ---------------------------------------------------------------------------------------------
# Paths and secrets


def _pathspecs(call: Call) -> list[Arg]:
    return [o for o in call.operands if not str(o).startswith(":(")]


@check(
    "git-protected-paths",
    DENY,
    "git rm, git mv, git apply or git checkout of guard files",
    "git writes the work tree too; a guard file changed by git is changed all the same",
    "git rm",
    "git mv",
    "git apply",
    "git am",
)
def protected_paths(call: Call) -> str | None:
    analyzer = call.analyzer
    sub = call.name.split(" ", 1)[1]
    if sub in ("apply",):
        if call.has("--check", "--stat", "--numstat", "--summary") and not call.has("--apply"):
            return None
        apply_patch_files(call, list(call.operands) or [Arg("\x00", unknown=True)], "git apply")
        return None
    if sub == "am":
        return None
    if sub == "rm" and call.has("--cached"):
        return None
    for operand in _pathspecs(call):
        analyzer.check_write(operand, what="delete" if sub == "rm" else "move", delete=sub == "rm")
    if sub == "mv" and call.has("-f", "--force") and len(call.operands) > 1:
        # git mv -f replaces the destination, uncommitted changes and all
        target = call.operands[-1]
        path = analyzer.absolute(target)
        if path is not None and os.path.isdir(path):
            for source in call.operands[:-1]:
                name = os.path.basename(str(source).rstrip("/"))
                landing = Arg(os.path.join(path, name), unknown=source.unknown, glob=source.glob)
                analyzer.check_write(landing, what="overwrite")
        else:
            analyzer.check_write(target, what="overwrite")
    return None


@check(
    "git-commit-inputs",
    ASK,
    "a commit whose repository, pathspecs or message source the guard cannot see (the same "
    "check records what the commit takes along, for the secret scan)",
    "the secret scan must see everything the commit records",
    "git add",
    "git stage",
    "git commit",
)
def staging(call: Call) -> str | None:
    analyzer = call.analyzer
    repo = _git(call).repo
    if repo is None:
        analyzer.flag("unknown-word", "cannot tell which repository this commit is in")
        return None
    sub = call.name.split(" ", 1)[1]
    if call.values("--pathspec-from-file"):
        analyzer.flag("unknown-word", f"{call.name} reads its pathspecs from a file")
        return None
    if sub in ("add", "stage"):
        analyzer.adds = True
        forced = call.has("-f", "--force")
        for operand in call.operands:
            _check_pathspec(call, operand, forced=forced)
            if operand.opaque:
                analyzer.staged_unknown = True
            else:
                path = analyzer.absolute(operand)
                if path is not None:
                    analyzer.staged_paths.append(path)
        return None
    request = CommitScanRequest(repo)
    request.worktree = (
        analyzer.adds
        or call.has("-a", "--all", "-i", "--include", "-o", "--only", "--pathspec-from-file")
        or bool(call.operands)
    )
    for operand in call.operands:
        if operand.opaque:
            return "git commit is given a pathspec decided when it runs"
        path = analyzer.absolute(operand)
        if path is not None:
            request.extra_paths.append(path)
    request.extra_paths.extend(analyzer.staged_paths)
    for message_file in call.values("-F", "--file", "-t", "--template"):
        if message_file.opaque:
            return "git commit reads its message from a file decided when it runs"
        if message_file == "-":
            if call.stdin and not any(s.unknown for s in call.stdin):
                continue  # the here-document text was scanned with the command
            return "git commit reads its message from standard input the guard cannot see"
        analyzer.check_read(message_file)  # a local secret must not become a commit message
        path = analyzer.absolute(message_file)
        if path is not None:
            request.message_files.append(path)
    for ref in call.values("-C", "-c", "--reuse-message", "--reedit-message"):
        if ref.opaque:
            return "git commit reuses a message decided when it runs"
        request.message_refs.append(str(ref))
    if analyzer.staged_unknown:
        request.worktree = True
    analyzer.commits.append(request)
    return None


# ---------------------------------------------------------------------------------------------
# gh, the GitHub CLI

define(
    "gh-admin",
    DENY,
    "gh pr merge --admin, gh repo delete, gh secret set/delete, gh api writes to branch "
    "protection, rulesets, secrets or refs (also with curl against api.github.com)",
    "they bypass or remove the repository's protections for everyone",
)
define(
    "gh-write",
    ASK,
    "other gh calls that change GitHub (gh api with a write method, rulesets, variables, "
    "workflow runs, releases, repository settings)",
    "changes on GitHub reach the whole team",
)

_GH_PROTECTED_API = re.compile(
    r"/protection|/rulesets|/secrets|/git/refs|/environments|/keys|/hooks"
)


@handles("gh")
def gh(call: Call) -> None:
    analyzer = call.analyzer
    args = [str(a) for a in call.args]
    if any(a.opaque for a in call.args):
        analyzer.flag("unknown-word", "gh is given a word decided when it runs")
    if not args:
        return
    group = args[0]
    action = args[1] if len(args) > 1 else ""
    if group == "pr" and action == "merge" and "--admin" in args:
        analyzer.flag("gh-admin", "gh pr merge --admin bypasses branch protection")
    if group == "repo" and action in ("delete", "archive", "rename", "edit"):
        analyzer.flag("gh-admin" if action == "delete" else "gh-write", f"gh repo {action}")
    if group == "secret" and action in ("set", "delete", "remove"):
        analyzer.flag("gh-admin", f"gh secret {action} changes the repository's secrets")
    if group in ("alias", "extension", "ext") and action not in ("list", "ls", "view", "browse"):
        analyzer.flag("gh-write", f"gh {group} {action} defines commands gh will run")
    if group in (
        "ruleset",
        "variable",
        "workflow",
        "release",
        "label",
        "cache",
        "codespace",
        "ssh-key",
        "gpg-key",
        "auth",
    ) and action not in ("list", "view", "status", "check", "ls"):
        analyzer.flag("gh-write", f"gh {group} {action} changes GitHub or credentials")
    if group == "api":
        explicit = ""
        fields = False
        for i, arg in enumerate(args):
            if arg in ("-X", "--method") and i + 1 < len(args):
                explicit = args[i + 1].upper()
            elif arg.startswith(("--method=", "-X")) and len(arg) > 2 and arg != "-X":
                explicit = arg.split("=", 1)[-1].removeprefix("-X").upper()
            elif arg in ("-f", "-F", "--field", "--raw-field", "--input"):
                fields = True
        method = explicit or ("POST" if fields else "GET")
        path = " ".join(args[1:])
        if method != "GET":
            if _GH_PROTECTED_API.search(path) or (
                "graphql" in path
                and re.search(
                    r"(?i)mutation.*(protection|ruleset|secret|deleteRef|updateRef)", path
                )
            ):
                analyzer.flag("gh-admin", "gh api changes protection, rulesets, secrets or refs")
            analyzer.flag("gh-write", f"gh api {method} changes GitHub")
        elif "graphql" in path and "mutation" in path.lower():
            analyzer.flag("gh-write", "gh api graphql runs a mutation")


del DENY
