#!/usr/bin/env python3
"""The harness' own secret scanner: an importable module and a command-line tool.

Standard library only, so it runs wherever Python 3.10+ runs (agent hooks, pre-commit, CI).
The rule ids mirror gitleaks' default rule ids where gitleaks has one, so a finding reads the same
in both tools; ``.gitleaks.toml`` adds the harness-only shapes to gitleaks.

A finding carries a path, a line number and a rule id. It never carries the matched text: nothing
in this module prints, logs or stores a secret value.

Suppressing a false positive:

* put ``harness:allow-secret`` (or gitleaks' ``gitleaks:allow``) in a comment on the line;
* or list path globs in ``.secretsignore`` at the repository root, one per line, ``#`` comments
  allowed (``tests/fixtures/secrets/**``). A glob without a ``/`` matches at any depth, a trailing
  ``/`` means a directory, ``**`` crosses directories. ``!`` negation is not supported.

Decisions:

* Stripe: only live/prod keys (``sk_live_``, ``rk_live_``, ``*_prod_``) are flagged; test-mode keys
  cannot move money. gitleaks' default ``stripe-access-token`` still flags test keys in CI.
* PEM private keys need the ``BEGIN ... PRIVATE KEY`` line plus at least 64 characters of key body
  (the ``END`` line is not required, so a truncated paste is still caught). A bare ``BEGIN`` line,
  as found in code that parses PEM files, is not a finding. gitleaks behaves the same way.
* The generic rule (``generic-api-key``) flags a value of 16+ characters with Shannon entropy
  >= 3.5 that is assigned to a name ending in ``_KEY``, ``_SECRET``, ``_TOKEN``, ``SECRET``,
  ``TOKEN``, ``PASSWORD`` or ``PASSWD`` (any case; ``=``, ``:``, ``:=`` or ``=>``). Placeholders
  (``changeme``, ``${VAR}``, ``<your-key>``, ``xxxx``, ``example`` ...), code references
  (``settings.api_key_value``, calls) and paths/URLs are ignored. A value must mix at least two
  character classes (lower, upper, digits, symbols).

CLI::

    python3 .claude/hooks/secret_scan.py [--staged] [FILES...]

prints ``path:line: rule-id`` per finding and exits 1 on findings, 0 when clean, 2 on usage errors
(unknown option, nothing to scan, missing file, not a git repository for ``--staged``). Binary
files and files over 1 MiB are skipped.
"""

from __future__ import annotations

import bisect
import math
import os
import re
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

__all__ = [
    "MAX_FILE_BYTES",
    "Finding",
    "ScanError",
    "find_repo_root",
    "load_ignore_patterns",
    "main",
    "rule_ids",
    "scan_diff",
    "scan_file",
    "scan_paths",
    "scan_staged",
    "scan_text",
    "scan_unpushed",
]

MAX_FILE_BYTES = 1024 * 1024
IGNORE_FILE = ".secretsignore"
ALLOW_MARKERS = ("harness:allow-secret", "gitleaks:allow")
GIT_TIMEOUT_SECONDS = 5.0
MAX_UNPUSHED_COMMITS = 50
_SKIP_DIRS = frozenset({".git", "node_modules", ".venv", "venv", "__pycache__", ".mypy_cache"})


class ScanError(Exception):
    """The scan itself failed (git error, timeout); callers must not treat this as clean."""


class Finding:
    """One suspected secret. Holds no part of the matched value, by design."""

    __slots__ = ("line", "path", "rule_id")

    def __init__(self, path: str, line: int, rule_id: str) -> None:
        self.path = path
        self.line = line
        self.rule_id = rule_id

    def _key(self) -> tuple[str, int, str]:
        return (self.path, self.line, self.rule_id)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Finding):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __lt__(self, other: Finding) -> bool:
        return self._key() < other._key()

    def __repr__(self) -> str:
        return f"Finding(path={self.path!r}, line={self.line}, rule_id={self.rule_id!r})"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.rule_id}"


# --------------------------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------------------------

# (rule id, regex, capture group holding the secret, minimum entropy of that group,
#  keywords (lower case) of which one must occur in the text before the regex runs)
_RULE_SPECS: tuple[tuple[str, str, int, float, tuple[str, ...]], ...] = (
    (
        "private-key",
        r"-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----"
        r"((?:[A-Za-z0-9+/=\s:,.-]|\\[nr]){64,})",
        1,
        3.5,
        ("private key",),
    ),
    (
        "aws-access-token",
        r"\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b",
        1,
        3.0,
        ("a3t", "akia", "asia", "abia", "acca"),
    ),
    (
        "aws-secret-access-key",
        r"(?i)(?:aws[_.-]?secret[_.-]?(?:access[_.-]?)?key|secret[_.-]?access[_.-]?key)"
        r"[\"']?\s*(?::=|=>|=|:)\s*[\"']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])",
        1,
        3.5,
        ("secret",),
    ),
    (
        "openai-api-key",
        r"\b(sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})",
        1,
        3.5,
        ("sk-",),
    ),
    (
        "anthropic-admin-api-key",
        r"\b(sk-ant-admin\d\d-[A-Za-z0-9_-]{80,})",
        1,
        3.5,
        ("sk-ant-",),
    ),
    (
        "anthropic-api-key",
        r"\b(sk-ant-api\d\d-[A-Za-z0-9_-]{80,})",
        1,
        3.5,
        ("sk-ant-",),
    ),
    ("github-fine-grained-pat", r"\b(github_pat_\w{82})", 1, 3.0, ("github_pat_",)),
    ("github-pat", r"\b(ghp_[0-9A-Za-z]{36})\b", 1, 3.0, ("ghp_",)),
    ("github-oauth", r"\b(gho_[0-9A-Za-z]{36})\b", 1, 3.0, ("gho_",)),
    ("github-app-token", r"\b((?:ghu|ghs)_[0-9A-Za-z]{36})\b", 1, 3.0, ("ghu_", "ghs_")),
    ("github-refresh-token", r"\b(ghr_[0-9A-Za-z]{36})\b", 1, 3.0, ("ghr_",)),
    (
        "slack-webhook-url",
        r"((?:https?://)?hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,56})",
        1,
        0.0,
        ("hooks.slack.com",),
    ),
    ("slack-bot-token", r"\b(xoxb-[0-9]{8,14}-[0-9A-Za-z-]{10,})", 1, 3.0, ("xoxb-",)),
    ("slack-user-token", r"\b(xox[pe]-[0-9]{8,14}-[0-9A-Za-z-]{10,})", 1, 3.0, ("xoxp-", "xoxe-")),
    (
        "slack-legacy-token",
        r"\b(xox[aors]-[0-9A-Za-z-]{10,})",
        1,
        3.0,
        ("xoxa-", "xoxo-", "xoxr-", "xoxs-"),
    ),
    ("slack-app-token", r"(?i)\b(xapp-\d-[A-Z0-9]+-\d+-[A-Z0-9]+)", 1, 3.0, ("xapp-",)),
    (
        "stripe-access-token",
        r"\b((?:sk|rk)_(?:live|prod)_[A-Za-z0-9]{20,247})\b",
        1,
        3.0,
        ("_live_", "_prod_"),
    ),
    ("gcp-api-key", r"\b(AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])", 1, 3.0, ("aiza",)),
)

GENERIC_RULE_ID = "generic-api-key"
_GENERIC_NAME = r"[A-Za-z0-9_.-]*?(?:[_.-](?:api[_.-]?)?key|apikey|secret|token|password|passwd)"
_GENERIC_SPEC = (
    r"(?i)(?<![A-Za-z0-9_.:/])(" + _GENERIC_NAME + r")[\"']?\]?\s*(?::=|=>|=|:)\s*"
    r"(?:[bru]{0,2}[\"'\x60])?([^\s\"'\x60;,]{16,})"
)
_GENERIC_MIN_ENTROPY = 3.5
_GENERIC_MIN_LENGTH = 16
_PLACEHOLDER_WORDS = (
    "changeme",
    "change_me",
    "change-me",
    "example",
    "placeholder",
    "your_",
    "your-",
    "yourkey",
    "yoursecret",
    "yourtoken",
    "xxxx",
    "****",
    "...",
    "dummy",
    "sample",
    "redacted",
    "replace",
    "insert",
    "notasecret",
    "not-a-secret",
    "not_a_secret",
)
_CODE_CHARS = frozenset("()[]{}<>")
_DOTTED_IDENTIFIER = r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+"
# Words glued together (getPasswordFromVault, PKCS7PrivateKeyTypes): code, not generated text.
_WORDY = (
    r"(?:[A-Z]{2,}[0-9]*(?=[A-Z][a-z])|[A-Z][0-9]+(?=[A-Z])|[A-Z][a-z]{2,}[0-9]*|[a-z]{3,}[0-9]*"
    r"|[_:.-])+"
)
_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
# Names of values that are called tokens but are not credentials (pagination, idempotency, CSRF).
_NOT_SECRET_NAMES = (
    "nexttoken",
    "continuationtoken",
    "pagetoken",
    "paginationtoken",
    "changetoken",
    "requesttoken",
    "idempotencytoken",
    "synctoken",
    "csrftoken",
    "resumetoken",
)

_compiled: dict[str, re.Pattern[str]] = {}


def _regex(key: str, source: str) -> re.Pattern[str]:
    """Compile lazily: most scans only need the rules whose keywords occur in the text."""
    pattern = _compiled.get(key)
    if pattern is None:
        pattern = re.compile(source)
        _compiled[key] = pattern
    return pattern


def rule_ids() -> list[str]:
    """Every rule id this scanner can report."""
    return [spec[0] for spec in _RULE_SPECS] + [GENERIC_RULE_ID]


def shannon_entropy(value: str) -> float:
    """Bits per character of ``value``."""
    if not value:
        return 0.0
    counts: dict[str, int] = {}
    for char in value:
        counts[char] = counts.get(char, 0) + 1
    size = len(value)
    return -sum(n / size * math.log2(n / size) for n in counts.values())


def _looks_like_placeholder(value: str) -> bool:
    lowered = value.lower()
    if any(word in lowered for word in _PLACEHOLDER_WORDS):
        return True
    if value.startswith(("$", "%", "/", "./", "~/", "@", "arn:")) or "://" in value:
        return True
    if any(char in _CODE_CHARS for char in value) or "::" in value:
        return True
    if any(re.fullmatch(p, value) for p in (_DOTTED_IDENTIFIER, _WORDY, _UUID)):
        return True
    # A generated secret mixes character classes and (almost always) has digits or symbols;
    # identifier-like words (DATABASE_PASSWORD_FROM_ENV) do not.
    digits = any(c.isdigit() for c in value)
    symbols = any(not c.isalnum() and c not in "_-.:" for c in value)
    classes = (any(c.islower() for c in value), any(c.isupper() for c in value), digits, symbols)
    return sum(classes) < 2 or not (digits or symbols)


class _Lines:
    """Line numbers of offsets; linear overall when offsets mostly increase (as matches do)."""

    __slots__ = ("line", "offset", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.offset = 0
        self.line = 1

    def at(self, offset: int) -> int:
        if offset < self.offset:
            self.offset, self.line = 0, 1
        self.line += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.line


def _line_text(text: str, offset: int) -> str:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start : len(text) if end < 0 else end]


def _allowed_inline(text: str, offset: int) -> bool:
    line = _line_text(text, offset).lower()
    return any(marker in line for marker in ALLOW_MARKERS)


def scan_text(text: str, path: str = "<text>", *, first_line: int = 1) -> list[Finding]:
    """Scan ``text`` and return findings with 1-based line numbers (offset by ``first_line``)."""
    findings: list[Finding] = []
    if not text:
        return findings
    lowered = text.lower()
    lines = _Lines(text)
    claimed: list[tuple[int, int]] = []
    for rule_id, source, group, min_entropy, keywords in _RULE_SPECS:
        if not any(keyword in lowered for keyword in keywords):
            continue
        for match in _regex(rule_id, source).finditer(text):
            secret = match.group(group)
            if min_entropy and shannon_entropy(secret) < min_entropy:
                continue
            if rule_id.startswith("aws-") and "EXAMPLE" in secret:
                continue  # AWS' documented example credentials
            start = match.start(group)
            claimed.append((start, match.end(group)))
            if _allowed_inline(text, match.start()):
                continue
            findings.append(Finding(path, lines.at(match.start()) + first_line - 1, rule_id))
    claimed.sort()
    claimed_starts = [c_start for c_start, _ in claimed]
    for match in _regex(GENERIC_RULE_ID, _GENERIC_SPEC).finditer(text):
        value = match.group(2)
        start, end = match.start(2), match.end(2)
        nearby = claimed[
            bisect.bisect_left(claimed_starts, start - 4096) : bisect.bisect_left(
                claimed_starts, end
            )
        ]
        if any(start < c_end and c_start < end for c_start, c_end in nearby):
            continue  # already reported under a specific rule
        if len(value) < _GENERIC_MIN_LENGTH or _looks_like_placeholder(value):
            continue
        name = re.sub(r"[^a-z]", "", match.group(1).lower())
        if name.endswith(_NOT_SECRET_NAMES):
            continue
        if shannon_entropy(value) < _GENERIC_MIN_ENTROPY:
            continue
        if _allowed_inline(text, match.start()):
            continue
        findings.append(Finding(path, lines.at(start) + first_line - 1, GENERIC_RULE_ID))
    return sorted(set(findings))


# --------------------------------------------------------------------------------------------
# Paths, ignore file, files
# --------------------------------------------------------------------------------------------


def find_repo_root(start: str) -> str | None:
    """The nearest directory at or above ``start`` that contains ``.git`` (dir or file)."""
    current = os.path.abspath(start)
    for _ in range(256):
        if os.path.exists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent
    return None


def _glob_to_regex(glob: str) -> str:
    anchored = "/" in glob.rstrip("/")
    body = glob.lstrip("/")
    if body.endswith("/"):
        body += "**"
    out: list[str] = []
    i = 0
    while i < len(body):
        if body.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif body.startswith("**", i):
            out.append(".*")
            i += 2
        elif body[i] == "*":
            out.append("[^/]*")
            i += 1
        elif body[i] == "?":
            out.append("[^/]")
            i += 1
        elif body[i] == "[" and "]" in body[i + 2 :]:
            end = body.index("]", i + 2)
            inner = body[i + 1 : end]
            if inner.startswith("!"):
                inner = "^" + inner[1:]
            out.append("[" + inner.replace("\\", "\\\\") + "]")
            i = end + 1
        else:
            out.append(re.escape(body[i]))
            i += 1
    prefix = "" if anchored else "(?:.*/)?"
    return "^" + prefix + "".join(out) + "(?:/.*)?$"


def load_ignore_patterns(root: str) -> list[re.Pattern[str]]:
    """Compile the globs of ``<root>/.secretsignore``; a missing file means no patterns."""
    try:
        with open(os.path.join(root, IGNORE_FILE), encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return []
    patterns: list[re.Pattern[str]] = []
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        patterns.append(re.compile(_glob_to_regex(line)))
    return patterns


def is_ignored(relpath: str, patterns: Sequence[re.Pattern[str]]) -> bool:
    """Whether a repository-relative path matches one of the ``.secretsignore`` globs."""
    normalized = relpath.replace(os.sep, "/").lstrip("/")
    while normalized.startswith("./"):
        normalized = normalized[2:]
    return any(pattern.match(normalized) for pattern in patterns)


def _read_candidate(path: str) -> str | None:
    """Text of a file worth scanning; None for binary, oversized or unreadable files."""
    try:
        if os.path.getsize(path) > MAX_FILE_BYTES:
            return None
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError:
        return None
    if len(data) > MAX_FILE_BYTES or b"\x00" in data[:8192]:
        return None
    return data.decode("utf-8", errors="replace")


def scan_file(path: str, display: str | None = None) -> list[Finding]:
    """Scan one file on disk (binary files and files over 1 MiB are skipped)."""
    text = _read_candidate(path)
    if text is None:
        return []
    return scan_text(text, display or path)


def _walk(path: str) -> Iterator[str]:
    if not os.path.isdir(path):
        yield path
        return
    for current, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS)
        for name in sorted(files):
            yield os.path.join(current, name)


def scan_paths(paths: Iterable[str], root: str | None = None) -> list[Finding]:
    """Scan files (directories are walked), honouring ``.secretsignore`` under ``root``."""
    base = root or find_repo_root(os.getcwd()) or os.getcwd()
    patterns = load_ignore_patterns(base)
    findings: list[Finding] = []
    for given in paths:
        for path in _walk(given):
            relative = os.path.relpath(os.path.abspath(path), base)
            if not relative.startswith("..") and is_ignored(relative, patterns):
                continue
            findings.extend(scan_file(path, display=path))
    return sorted(set(findings))


# --------------------------------------------------------------------------------------------
# git diffs
# --------------------------------------------------------------------------------------------

_HUNK = re.compile(r"^@@+ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
_COMMIT_MARK = "\x01harness-commit "


def _unquote_git_path(value: str) -> str:
    """Undo git's C-style quoting of unusual path names."""
    if not (value.startswith('"') and value.endswith('"') and len(value) >= 2):
        return value
    body = value[1:-1]
    out = bytearray()
    i = 0
    simple = {"n": 10, "t": 9, "r": 13, "a": 7, "b": 8, "f": 12, "v": 11, '"': 34, "\\": 92}
    while i < len(body):
        char = body[i]
        if char == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt in simple:
                out.append(simple[nxt])
                i += 2
                continue
            if nxt in "01234567":
                digits = body[i + 1 : i + 4]
                out.append(int(digits, 8) & 0xFF)
                i += 1 + len(digits)
                continue
        out.extend(char.encode("utf-8"))
        i += 1
    return out.decode("utf-8", errors="replace")


def _added_blocks(diff: str) -> Iterator[tuple[str, str, int, list[str]]]:
    """Yield (commit, path, first new line number, consecutive added lines) from a unified diff."""
    commit = ""
    path: str | None = None
    lines = diff.split("\n")
    i = 0
    total = len(lines)
    while i < total:
        line = lines[i]
        i += 1
        if line.startswith(_COMMIT_MARK):
            commit = line[len(_COMMIT_MARK) :].strip()
            path = None
            continue
        if line.startswith("diff --git "):
            path = None
            continue
        if line.startswith("+++ "):
            target = _unquote_git_path(line[4:].rstrip("\t"))
            path = None if target == "/dev/null" else target.removeprefix("b/")
            continue
        match = _HUNK.match(line)
        if match is None or path is None:
            continue
        old_left = int(match.group(1)) if match.group(1) is not None else 1
        new_line = int(match.group(2))
        new_left = int(match.group(3)) if match.group(3) is not None else 1
        block: list[str] = []
        block_start = new_line
        while i < total and (old_left > 0 or new_left > 0 or lines[i].startswith("\\")):
            body = lines[i]
            if body.startswith("\\"):
                i += 1
                continue
            if body.startswith("+") and new_left > 0:
                if not block:
                    block_start = new_line
                block.append(body[1:])
                new_line += 1
                new_left -= 1
            elif body.startswith("-") and old_left > 0:
                old_left -= 1
            elif body.startswith(" ") and old_left > 0 and new_left > 0:
                if block:
                    yield commit, path, block_start, block
                    block = []
                new_line += 1
                old_left -= 1
                new_left -= 1
            else:
                break
            i += 1
        if block:
            yield commit, path, block_start, block


def scan_diff(diff: str, root: str | None = None) -> list[Finding]:
    """Scan the added lines of a unified diff (``-U0`` or with context) with new-file line numbers.

    Paths matching ``<root>/.secretsignore`` are skipped. Lines from ``git log -p`` output made by
    :func:`scan_unpushed` are reported as ``<commit>:<path>``.
    """
    patterns = load_ignore_patterns(root) if root else []
    findings: list[Finding] = []
    for commit, path, first_line, block in _added_blocks(diff):
        if patterns and is_ignored(path, patterns):
            continue
        display = f"{commit[:12]}:{path}" if commit else path
        findings.extend(scan_text("\n".join(block), display, first_line=first_line))
    return sorted(set(findings))


def _git(root: str, args: Sequence[str]) -> str:
    import subprocess  # only scans that touch git pay for subprocess

    command = [
        "git",
        "-C",
        root,
        "-c",
        "core.quotePath=false",
        "-c",
        "core.fsmonitor=false",
        *args,
    ]
    env = dict(os.environ, GIT_OPTIONAL_LOCKS="0", GIT_TERMINAL_PROMPT="0", LC_ALL="C")
    try:
        result = subprocess.run(  # noqa: S603 - fixed argv, no shell
            command,
            capture_output=True,
            timeout=GIT_TIMEOUT_SECONDS,
            check=False,
            env=env,
        )
    except FileNotFoundError as exc:
        raise ScanError("git is not installed") from exc
    except subprocess.TimeoutExpired as exc:
        raise ScanError(f"git {args[0]} timed out") from exc
    if result.returncode != 0:
        raise ScanError(f"git {args[0]} failed with exit code {result.returncode}")
    return result.stdout.decode("utf-8", errors="replace")


class _Budget:
    __slots__ = ("left",)

    def __init__(self, max_bytes: int | None) -> None:
        self.left = max_bytes

    def take(self, text: str) -> str:
        if self.left is not None:
            self.left -= len(text)
            if self.left < 0:
                raise ScanError("the change is too large to scan within the time limit")
        return text


_DIFF_ARGS = (
    "-U0",
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "--src-prefix=a/",
    "--dst-prefix=b/",
)


def _repo_root_or_error(repo_dir: str) -> str:
    root = find_repo_root(repo_dir)
    if root is None:
        raise ScanError(f"{repo_dir} is not inside a git repository")
    return root


def scan_staged(
    repo_dir: str,
    *,
    include_worktree: bool = False,
    include_untracked: bool = False,
    pathspecs: Sequence[str] | None = None,
    max_bytes: int | None = None,
) -> list[Finding]:
    """Scan what ``git commit`` would record: the added lines of ``git diff --cached``.

    ``include_worktree`` adds the unstaged changes of tracked files (``git commit -a``, commit
    with pathspecs); ``include_untracked`` adds untracked, not ignored files (a ``git add`` in
    the same command). Both are limited to ``pathspecs`` (relative to ``repo_dir``) when given.
    With ``max_bytes``, more text than that raises :class:`ScanError` instead of scanning on
    (a caller with a time limit must not let a huge change through unscanned).
    """
    root = _repo_root_or_error(repo_dir)
    budget = _Budget(max_bytes)
    findings = scan_diff(budget.take(_git(root, ["diff", "--cached", *_DIFF_ARGS])), root)
    specs = ["--", *pathspecs] if pathspecs else []
    if include_worktree:
        findings += scan_diff(budget.take(_git(repo_dir, ["diff", *_DIFF_ARGS, *specs])), root)
    if include_untracked:
        listing = _git(
            repo_dir, ["ls-files", "--others", "--exclude-standard", "--full-name", "-z", *specs]
        )
        patterns = load_ignore_patterns(root)
        for relative in filter(None, listing.split("\x00")):
            if is_ignored(relative, patterns):
                continue
            text = _read_candidate(os.path.join(root, relative))
            if text is not None:
                findings += scan_text(budget.take(text), relative)
    return sorted(set(findings))


def scan_unpushed(
    repo_dir: str, max_commits: int = MAX_UNPUSHED_COMMITS, max_bytes: int | None = None
) -> list[Finding]:
    """Scan the commits ``git push`` would send (HEAD, not on any remote; newest first, capped)."""
    root = _repo_root_or_error(repo_dir)
    try:
        _git(root, ["rev-parse", "--verify", "--quiet", "HEAD"])
    except ScanError:
        return []  # no commits yet: nothing to push
    log = _git(
        root,
        [
            "log",
            "-p",
            f"--max-count={max_commits}",
            "--format=format:%x01harness-commit %H",
            *_DIFF_ARGS,
            "HEAD",
            "--not",
            "--remotes",
        ],
    )
    return scan_diff(_Budget(max_bytes).take(log), root)


# --------------------------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit code."""
    import argparse  # the hook imports this module; only the CLI needs argparse

    parser = argparse.ArgumentParser(
        prog="secret_scan.py",
        description="Scan files or the staged diff for secrets. Values are never printed.",
    )
    parser.add_argument("--staged", action="store_true", help="scan the staged diff (git)")
    parser.add_argument("files", nargs="*", help="files or directories to scan")
    args = parser.parse_args(argv)
    if not args.staged and not args.files:
        parser.print_usage(sys.stderr)
        sys.stderr.write("secret_scan.py: error: nothing to scan (give FILES or --staged)\n")
        return 2
    missing = [name for name in args.files if not os.path.exists(name)]
    if missing:
        for name in missing:
            sys.stderr.write(f"secret_scan.py: error: no such file: {name}\n")
        return 2
    findings: list[Finding] = []
    if args.staged:
        try:
            findings += scan_staged(os.getcwd())
        except ScanError as exc:
            sys.stderr.write(f"secret_scan.py: error: {exc}\n")
            return 2
    if args.files:
        findings += scan_paths(args.files)
    findings = sorted(set(findings))
    for finding in findings:
        sys.stdout.write(f"{finding}\n")
    if findings:
        sys.stderr.write(
            f"secret_scan.py: {len(findings)} suspected secret(s); values are not shown. "
            "Remove the secret (and rotate it if it was real). For a false positive add "
            "'harness:allow-secret' in a comment on the line, or a path glob to .secretsignore.\n"
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
