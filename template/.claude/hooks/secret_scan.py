#!/usr/bin/env python3
# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""The harness' own secret scanner: an importable module and a command-line tool.

Standard library only, so it runs wherever Python 3.10+ runs (agent hooks, pre-commit, CI).
The rule ids mirror gitleaks' default rule ids where gitleaks has one, so a finding reads the same
in both tools; ``.gitleaks.toml`` adds the harness-only shapes to gitleaks.

A finding carries a path, a line number and a rule id. It never carries the matched text: nothing
in this module prints, logs or stores a secret value. A secret hidden in a file *name* is reported
as ``<file name>``, never by the name itself.

Suppressing a false positive:

* put ``harness:allow-secret`` (or gitleaks' ``gitleaks:allow``) in a comment on the line;
* or list path globs in ``.secretsignore`` at the repository root, one per line, ``#`` comments
  allowed (``tests/fixtures/secrets/**``). A glob without a ``/`` matches at any depth, a trailing
  ``/`` means a directory, ``**`` crosses directories. ``!`` negation is not supported. A commit or
  push that changes ``.secretsignore`` itself is scanned without it.

What is scanned (see :func:`scan_commit` and :func:`scan_push`): blob *content*, never diff text,
so ``.gitattributes`` (``binary``, ``-diff``, textconv) cannot hide a file; binary content by its
printable text runs and UTF-16 text decoded; base64-wrapped PEM private keys; URL-encoded
(``%2D``) tokens; file names; commit and tag messages. A finding that already existed in the
previous version of the same file is not reported again (it was committed before).

Decisions:

* Stripe: only live/prod keys (``sk_live_``, ``rk_live_``, ``*_prod_``) are flagged; test-mode keys
  cannot move money. gitleaks' default ``stripe-access-token`` still flags test keys in CI.
* PEM private keys need the ``BEGIN ... PRIVATE KEY`` line plus at least 64 characters of key body
  (the ``END`` line is not required, so a truncated paste is still caught). A bare ``BEGIN`` line,
  as found in code that parses PEM files, is not a finding. gitleaks behaves the same way.
* Database URLs are flagged when they carry a password that is not a placeholder and not one of
  the well-known local defaults (``postgres:postgres@``, ``guest:guest@``, see ``DEV_PASSWORDS``).
* The generic rule (``generic-api-key``) flags a value of 16+ characters with Shannon entropy
  >= 3.5 that is assigned to a name ending in ``_KEY``, ``_SECRET``, ``_TOKEN``, ``SECRET``,
  ``TOKEN``, ``PASSWORD`` or ``PASSWD`` (any case; ``=``, ``:``, ``:=`` or ``=>``). Placeholders
  (``PLACEHOLDER_WORDS``, ``PLACEHOLDER_PATTERNS``), code references and identifier-like words
  are ignored. A value must mix at least two character classes (lower, upper, digits, symbols).

The allow-list constants are the one source for ``.gitleaks.toml``'s allow-lists:
``--gitleaks-allowlist`` prints that part of the file, and a test keeps the two equal.

CLI::

    python3 .claude/hooks/secret_scan.py [--staged] [FILES...]
    python3 .claude/hooks/secret_scan.py --gitleaks-allowlist

prints ``path:line: rule-id`` per finding and exits 1 on findings, 0 when clean, 2 on usage errors
(unknown option, nothing to scan, missing file, a file too large to scan, not a git repository for
``--staged``). Binary files are scanned by their printable text runs.
"""

from __future__ import annotations

import bisect
import math
import os
import re
import sys
import time

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

__all__ = [
    "ALLOW_MARKERS",
    "DEV_PASSWORDS",
    "MAX_FILE_BYTES",
    "MAX_SCAN_BYTES",
    "NOT_SECRET_TOKEN_NAMES",
    "PLACEHOLDER_PATTERNS",
    "PLACEHOLDER_WORDS",
    "Finding",
    "ScanError",
    "find_repo_root",
    "gitleaks_allowlist",
    "load_ignore_patterns",
    "main",
    "rule_ids",
    "scan_bytes",
    "scan_commit",
    "scan_diff",
    "scan_file",
    "scan_paths",
    "scan_push",
    "scan_staged",
    "scan_text",
    "scan_unpushed",
]

# A single file larger than this is not scanned by the CLI: it exits 2 (fail closed) instead.
MAX_FILE_BYTES = 8 * 1024 * 1024
# scan_commit/scan_push read at most this much git content; more raises ScanError (fail closed).
MAX_SCAN_BYTES = 32 * 1024 * 1024
IGNORE_FILE = ".secretsignore"
ALLOW_MARKERS = ("harness:allow-secret", "gitleaks:allow")
GIT_TIMEOUT_SECONDS = 5.0
MAX_UNPUSHED_COMMITS = 50
_SKIP_DIRS = frozenset({".git", "node_modules", ".venv", "venv", "__pycache__", ".mypy_cache"})
_NAME_DISPLAY = "<file name>"


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
# The allow-list: one source for this scanner and for .gitleaks.toml (--gitleaks-allowlist)
# --------------------------------------------------------------------------------------------

# Substrings (any case) that mark a value as a placeholder rather than a credential.
PLACEHOLDER_WORDS: tuple[str, ...] = (
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
# Regexes (valid in Python and in Go's RE2, which gitleaks uses) on the value: variable references,
# paths, URLs, code, dotted identifiers, UUIDs and ARNs are not credentials.
PLACEHOLDER_PATTERNS: tuple[str, ...] = (
    r"^[$%/@~]",
    r"^\./",
    r"[(){}<>\[\]]",
    r"://",
    r"::",
    r"^arn:",
    r"^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+$",
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
)
# Names of values that are called tokens but are not credentials (pagination, idempotency, CSRF).
NOT_SECRET_TOKEN_NAMES: tuple[str, ...] = (
    "next",
    "continuation",
    "page",
    "pagination",
    "change",
    "request",
    "idempotency",
    "sync",
    "csrf",
    "resume",
)
# Passwords in database URLs that are local defaults (docker-compose, CI service containers),
# not credentials worth protecting; compared case-insensitively with the whole password.
DEV_PASSWORDS: tuple[str, ...] = (
    "admin",
    "dev",
    "guest",
    "local",
    "mongo",
    "mysql",
    "pass",
    "passwd",
    "password",
    "postgres",
    "pwd",
    "rabbitmq",
    "redis",
    "root",
    "secret",
    "test",
    "user",
)


def _placeholder_words_regex() -> str:
    return "(?i)(?:" + "|".join(re.escape(word) for word in PLACEHOLDER_WORDS) + ")"


def _toml_literal(value: str) -> str:
    if "'''" in value:  # cannot happen with the constants above; refuse rather than mis-quote
        raise ValueError(f"cannot write {value!r} as a TOML literal string")
    return "'''" + value + "'''"


def _toml_list(values: Iterable[str], indent: str = "  ") -> str:
    items = "".join(f"{indent}  {_toml_literal(value)},\n" for value in values)
    return f"[\n{items}{indent}]"


def gitleaks_allowlist(ignore_globs: Sequence[str] = ()) -> str:
    """The generated tail of ``.gitleaks.toml``: the harness rules that need the allow-list, their
    allow-lists, the fixture paths of ``.secretsignore`` and the inline marker."""
    words = _placeholder_words_regex()
    not_secret = "(?i)(?:" + "|".join(NOT_SECRET_TOKEN_NAMES) + ")[_.-]?token"
    dev = "(?i)^(?:" + "|".join(DEV_PASSWORDS) + ")$"
    markers = [re.escape(marker) for marker in ALLOW_MARKERS if marker != "gitleaks:allow"]
    keywords = ", ".join(f'"{keyword}"' for keyword in _DATABASE_KEYWORDS)
    parts = [
        "[[rules]]",
        'id = "harness-secret-assignment"',
        'description = "High-entropy value assigned to a *_KEY, *_SECRET, *_TOKEN, *PASSWORD or '
        '*PASSWD name"',
        "regex = " + _toml_literal(_GENERIC_RE2),
        "secretGroup = 1",
        "entropy = 3.5",
        'keywords = ["key", "secret", "token", "password", "passwd"]',
        "",
        "  [[rules.allowlists]]",
        '  description = "Placeholders, references, code and paths (PLACEHOLDER_WORDS, _PATTERNS)"',
        f"  regexes = {_toml_list([words, *PLACEHOLDER_PATTERNS])}",
        "",
        "  [[rules.allowlists]]",
        '  description = "Tokens that are not credentials (NOT_SECRET_TOKEN_NAMES)"',
        '  regexTarget = "match"',
        f"  regexes = {_toml_list([not_secret])}",
        "",
        "[[rules]]",
        'id = "harness-database-url"',
        'description = "Database or message-broker URL with a password"',
        "regex = " + _toml_literal(_DATABASE_URL_RE2),
        "secretGroup = 2",
        f"keywords = [{keywords}]",
        "",
        "  [[rules.allowlists]]",
        '  description = "Local defaults and placeholders (DEV_PASSWORDS, PLACEHOLDER_WORDS)"',
        f"  regexes = {_toml_list([dev, words, '^[$%{<*]'])}",
    ]
    if ignore_globs:
        paths = [_glob_to_regex(glob) for glob in ignore_globs]
        parts += [
            "",
            "[[allowlists]]",
            'description = "Fake secrets kept on purpose as test fixtures (from .secretsignore)"',
            f"paths = {_toml_list(paths, '')}",
        ]
    parts += [
        "",
        "[[allowlists]]",
        'description = "Lines carrying the harness\' inline marker (gitleaks:allow is native)"',
        'regexTarget = "line"',
        f"regexes = {_toml_list(markers, '')}",
    ]
    return "\n".join(parts) + "\n"


# --------------------------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------------------------

_DATABASE_KEYWORDS = (
    "postgres",
    "mysql",
    "mariadb",
    "mssql",
    "sqlserver",
    "oracle",
    "mongodb",
    "redis",
    "amqp",
    "cockroachdb",
    "clickhouse",
)
# Group 1: user, group 2: password. Valid in Python and RE2 (gitleaks) alike.
_DATABASE_URL_RE2 = (
    r"(?i)\b(?:postgres(?:ql)?|mysql|mariadb|mssql|sqlserver|oracle|mongodb(?:\+srv)?|rediss?"
    r"|amqps?|cockroachdb|clickhouse)(?:\+[a-z0-9_]+)?://([^\s:/?#@'\"\x60]*):"
    r"([^\s/?#@'\"\x60]+)@"
)
_PRIVATE_KEY_BODY = r"((?:[A-Za-z0-9+/=\s:,.-]|\\[nr]){64,})"
_PRIVATE_KEY_HEADER = r"-{4,5} ?BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)? ?-{4,5}"
_WORD_END = r"(?![A-Za-z0-9_-])"


def _not_aws_example(match: re.Match[str]) -> bool:
    return "EXAMPLE" not in match.group(1)  # AWS' documented example credentials


def _real_database_password(match: re.Match[str]) -> bool:
    user, password = match.group(1), match.group(2)
    lowered = password.lower()
    if len(password) < 4 or lowered == user.lower() or lowered in DEV_PASSWORDS:
        return False
    if password.startswith(("$", "%", "{", "<", "*")):
        return False
    return not any(word in lowered for word in PLACEHOLDER_WORDS)


# (rule id, regex, capture group holding the secret, minimum entropy of that group,
#  keywords (lower case) of which one must occur in the text before the regex runs,
#  an extra check of the match or None). Earlier rules win where two matches overlap.
_RULE_SPECS: tuple[
    tuple[str, str, int, float, tuple[str, ...], Callable[[re.Match[str]], bool] | None], ...
] = (
    (
        "gcp-service-account",
        r"\"private_key\"\s*:\s*\"(" + _PRIVATE_KEY_HEADER + r"(?:\\[nr]|[A-Za-z0-9+/=\s]){64,})",
        1,
        3.5,
        ("service_account",),
        None,
    ),
    ("private-key", _PRIVATE_KEY_HEADER + _PRIVATE_KEY_BODY, 1, 3.5, ("private key",), None),
    (
        "private-key",
        r"PuTTY-User-Key-File-\d+:[\s\S]{0,2000}?Private-Lines:\s*\d+\s*((?:[A-Za-z0-9+/=]+\s*){2,})",
        1,
        3.5,
        ("putty-user-key-file",),
        None,
    ),
    (
        "aws-access-token",
        r"\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b",
        1,
        3.0,
        ("a3t", "akia", "asia", "abia", "acca"),
        _not_aws_example,
    ),
    (
        "aws-secret-access-key",
        r"(?i)(?:aws[_.-]?secret[_.-]?(?:access[_.-]?)?key|secret[_.-]?access[_.-]?key)"
        r"[\"']?\s*(?::=|=>|=|:)\s*[\"']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])",
        1,
        3.5,
        ("secret",),
        _not_aws_example,
    ),
    (
        "azure-storage-key",
        r"(?i)\b(?:AccountKey|SharedAccessKey)\s*=\s*([A-Za-z0-9+/]{43,86}={0,2})(?![A-Za-z0-9+/=])",
        1,
        4.0,
        ("accountkey", "sharedaccesskey"),
        None,
    ),
    (
        "azure-sas-token",
        r"(?i)\bsv=\d{4}-\d\d-\d\d&[^\s'\"\x60]{0,500}?\bsig=([A-Za-z0-9%+/]{40,}(?:=|%3D){0,2})",
        1,
        3.5,
        ("sig=",),
        None,
    ),
    (
        "azure-ad-client-secret",
        r"(?:^|[\\'\"\x60\s>=:(,)])([A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34})"
        r"(?:$|[\\'\"\x60\s<),])",
        1,
        3.0,
        ("q~",),
        None,
    ),
    ("database-url", _DATABASE_URL_RE2, 2, 0.0, _DATABASE_KEYWORDS, _real_database_password),
    (
        "openai-api-key",
        r"\b(sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})",
        1,
        3.5,
        ("sk-",),
        None,
    ),
    (
        "anthropic-admin-api-key",
        r"\b(sk-ant-admin\d\d-[A-Za-z0-9_-]{80,})",
        1,
        3.5,
        ("sk-ant-",),
        None,
    ),
    ("anthropic-api-key", r"\b(sk-ant-api\d\d-[A-Za-z0-9_-]{80,})", 1, 3.5, ("sk-ant-",), None),
    ("github-fine-grained-pat", r"\b(github_pat_\w{82})", 1, 3.0, ("github_pat_",), None),
    ("github-pat", r"\b(ghp_[0-9A-Za-z]{36})\b", 1, 3.0, ("ghp_",), None),
    ("github-oauth", r"\b(gho_[0-9A-Za-z]{36})\b", 1, 3.0, ("gho_",), None),
    ("github-app-token", r"\b((?:ghu|ghs)_[0-9A-Za-z]{36})\b", 1, 3.0, ("ghu_", "ghs_"), None),
    ("github-refresh-token", r"\b(ghr_[0-9A-Za-z]{36})\b", 1, 3.0, ("ghr_",), None),
    (
        "gitlab-pat",
        r"\b(glpat-[0-9A-Za-z_-]{20,300}(?:\.[0-9a-z]{9})?)" + _WORD_END,
        1,
        3.0,
        ("glpat-",),
        None,
    ),
    (
        "gitlab-token",
        r"\b((?:gldt|glrt|glft|glsoat|glffct|gloas|glimt|glagent|glptt)-[0-9A-Za-z_-]{20,300})"
        + _WORD_END,
        1,
        3.0,
        ("gldt-", "glrt-", "glft-", "glsoat-", "glffct-", "gloas-", "glimt-", "glagent-", "glptt-"),
        None,
    ),
    ("npm-access-token", r"(?i)\b(npm_[a-z0-9]{36})(?![a-z0-9])", 1, 3.0, ("npm_",), None),
    (
        "pypi-upload-token",
        r"\b(pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[\w-]{50,1000})",
        1,
        3.0,
        ("pypi-ageichlwas5vcmc", "pypi-agendgvzdc5wexbplm9yzw"),
        None,
    ),
    (
        "jwt",
        r"\b(ey[A-Za-z0-9]{17,}\.ey[A-Za-z0-9/\\_-]{17,}\.(?:[A-Za-z0-9/\\_-]{10,}={0,2})?)"
        r"(?=[\x60'\"\s;,&)\]}>]|\\[nr]|$)",
        1,
        3.0,
        ("eyj", "eya"),
        None,
    ),
    (
        "slack-webhook-url",
        r"((?:https?://)?hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,56})",
        1,
        0.0,
        ("hooks.slack.com",),
        None,
    ),
    ("slack-bot-token", r"\b(xoxb-[0-9]{8,14}-[0-9A-Za-z-]{10,})", 1, 3.0, ("xoxb-",), None),
    (
        "slack-user-token",
        r"\b(xox[pe]-[0-9]{8,14}-[0-9A-Za-z-]{10,})",
        1,
        3.0,
        ("xoxp-", "xoxe-"),
        None,
    ),
    (
        "slack-legacy-token",
        r"\b(xox[aors]-[0-9A-Za-z-]{10,})",
        1,
        3.0,
        ("xoxa-", "xoxo-", "xoxr-", "xoxs-"),
        None,
    ),
    ("slack-app-token", r"(?i)\b(xapp-\d-[A-Z0-9]+-\d+-[A-Z0-9]+)", 1, 3.0, ("xapp-",), None),
    (
        "stripe-access-token",
        r"\b((?:sk|rk)_(?:live|prod)_[A-Za-z0-9]{20,247})\b",
        1,
        3.0,
        ("_live_", "_prod_"),
        None,
    ),
    ("gcp-api-key", r"\b(AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])", 1, 3.0, ("aiza",), None),
)

BASE64_PEM_RULE_ID = "private-key-base64"
GENERIC_RULE_ID = "generic-api-key"
# Bounded repeats ({0,80}, {0,40}) keep the scan linear: with * a text such as "sk-sk-sk-..."
# makes every start position scan to the end of the text, quadratic time for a hook on a budget.
_GENERIC_NAME = (
    r"[A-Za-z0-9_.-]{0,80}?(?:[_.-](?:api[_.-]?)?key|apikey|secret|token|password|passwd)"
)
_GENERIC_SPEC = (
    r"(?i)(?<![A-Za-z0-9_.:/])(" + _GENERIC_NAME + r")[\"']?\]?\s{0,40}(?::=|=>|=|:)\s{0,40}"
    r"(?:[bru]{0,2}[\"'\x60])?([^\s\"'\x60;,]{16,})"
)
# gitleaks' form of the same rule: RE2 has no lookbehind and the name needs no group.
_GENERIC_RE2 = (
    r"(?i)[a-z0-9_.-]{0,80}(?:[_.-](?:api[_.-]?)?key|apikey|secret|token|password|passwd)"
    + _GENERIC_SPEC[_GENERIC_SPEC.index(")[") + 1 :]
)
_GENERIC_MIN_ENTROPY = 3.5
_GENERIC_MIN_LENGTH = 16
# Words glued together (getPasswordFromVault, PKCS7PrivateKeyTypes): code, not generated text.
# Scanner-only (RE2 has no lookahead), like the character-class test in _looks_like_placeholder.
_WORDY = (
    r"(?:[A-Z]{2,}[0-9]*(?=[A-Z][a-z])|[A-Z][0-9]+(?=[A-Z])|[A-Z][a-z]{2,}[0-9]*|[a-z]{3,}[0-9]*"
    r"|[_:.-])+"
)
_NOT_SECRET_NAMES = tuple(name + "token" for name in NOT_SECRET_TOKEN_NAMES)
_PERCENT_LINE = r"(?m)^[^\n]*%[0-9A-Fa-f]{2}[^\n]*$"
_PERCENT_ESCAPE = r"%([0-9A-Fa-f]{2})"

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
    ids = dict.fromkeys(spec[0] for spec in _RULE_SPECS)
    return [*ids, BASE64_PEM_RULE_ID, GENERIC_RULE_ID]


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
    if any(word in lowered for word in PLACEHOLDER_WORDS):
        return True
    if _regex("placeholders", "|".join(PLACEHOLDER_PATTERNS)).search(value):
        return True
    if _regex("wordy", _WORDY).fullmatch(value):
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


def _overlaps(claimed: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < c_end and c_start < end for c_start, c_end in claimed)


def _scan_plain(text: str, path: str, first_line: int) -> list[Finding]:
    """The regex rules and the generic rule, on text as it stands (no decoding)."""
    findings: list[Finding] = []
    lowered = text.lower()
    lines = _Lines(text)
    claimed: list[tuple[int, int]] = []
    for index, (rule_id, source, group, min_entropy, keywords, check) in enumerate(_RULE_SPECS):
        if not any(keyword in lowered for keyword in keywords):
            continue
        rule_claims: list[tuple[int, int]] = []
        for match in _regex(f"{index}:{rule_id}", source).finditer(text):
            secret = match.group(group)
            if min_entropy and shannon_entropy(secret) < min_entropy:
                continue
            if check is not None and not check(match):
                continue
            start, end = match.start(group), match.end(group)
            if _overlaps(claimed, start, end):
                continue  # already reported under an earlier, more specific rule
            rule_claims.append((start, end))
            if _allowed_inline(text, match.start()):
                continue
            findings.append(Finding(path, lines.at(match.start()) + first_line - 1, rule_id))
        claimed.extend(rule_claims)
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
        if _overlaps(nearby, start, end):
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
    return findings


def _base64_markers() -> tuple[str, ...]:
    """The characters of base64('-----BEGIN') that do not depend on the bytes around it, for
    each of the three alignments the text can have inside a longer base64 string."""
    import base64

    marker = b"-----BEGIN"
    found: list[str] = []
    for skip in range(3):
        encoded = base64.b64encode(b"\0" * skip + marker + b"\0" * 3).decode("ascii")
        found.append(
            "".join(
                char
                for index, char in enumerate(encoded)
                if (6 * index) // 8 >= skip and (6 * index + 5) // 8 < skip + len(marker)
            )
        )
    return tuple(found)


_B64_MARKERS: tuple[str, ...] = ()
_B64_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
_B64_MAX_CHARS = 64 * 1024


def _scan_base64_pem(text: str, path: str, first_line: int) -> list[Finding]:
    """A base64 string that decodes to a PEM private key (Kubernetes secrets, CI variables)."""
    global _B64_MARKERS
    if not _B64_MARKERS:
        _B64_MARKERS = _base64_markers()
    if not any(marker in text for marker in _B64_MARKERS):
        return []
    import binascii

    findings: list[Finding] = []
    pem = _regex("0:private-key", _PRIVATE_KEY_HEADER + _PRIVATE_KEY_BODY)
    lines = _Lines(text)
    for skip, marker in enumerate(_B64_MARKERS):
        back = (0, 2, 3)[skip]  # characters between the 4-character quantum start and the marker
        for match in re.finditer(re.escape(marker), text):
            start = match.start() - back
            if start < 0 or not all(c in _B64_CHARS for c in text[start : match.start()]):
                continue
            chars: list[str] = []
            i = start
            while i < len(text) and len(chars) < _B64_MAX_CHARS:
                char = text[i]
                if char in _B64_CHARS:
                    chars.append(char)
                elif char in "\r\n \t":
                    pass  # a wrapped base64 block (base64 -w 76, YAML block scalars)
                elif text.startswith(("\\n", "\\r"), i):
                    i += 1  # an escaped line break in a JSON or YAML string
                else:
                    break
                i += 1
            usable = len(chars) - len(chars) % 4
            try:
                decoded = binascii.a2b_base64("".join(chars[:usable])).decode("latin-1")
            except (binascii.Error, ValueError):
                continue
            key = pem.search(decoded)
            if key is None or shannon_entropy(key.group(1)) < 3.5:
                continue
            if _allowed_inline(text, match.start()):
                continue
            line = lines.at(match.start()) + first_line - 1
            findings.append(Finding(path, line, BASE64_PEM_RULE_ID))
    return findings


def _scan_percent_encoded(text: str, path: str, first_line: int) -> list[Finding]:
    """Lines with %XX escapes, decoded, so that sk%2Dant%2D... reads as what it is."""
    findings: list[Finding] = []
    escape = _regex("percent-escape", _PERCENT_ESCAPE)
    lines = _Lines(text)
    for match in _regex("percent-line", _PERCENT_LINE).finditer(text):
        if _allowed_inline(text, match.start()):
            continue
        decoded = escape.sub(lambda m: chr(int(m.group(1), 16)), match.group(0))
        line = lines.at(match.start()) + first_line - 1
        found = _scan_plain(decoded, path, 1) + _scan_base64_pem(decoded, path, 1)
        findings.extend(Finding(path, line, f.rule_id) for f in found)
    return findings


def scan_text(text: str, path: str = "<text>", *, first_line: int = 1) -> list[Finding]:
    """Scan ``text`` and return findings with 1-based line numbers (offset by ``first_line``)."""
    if not text:
        return []
    findings = _scan_plain(text, path, first_line)
    wrapped = _scan_base64_pem(text, path, first_line)
    if wrapped:
        # The generic rule sees the same base64 value (tls.key: LS0t...); one finding is enough.
        lines = {f.line for f in wrapped}
        findings = [f for f in findings if f.rule_id != GENERIC_RULE_ID or f.line not in lines]
        findings += wrapped
    if "%" in text:
        findings += _scan_percent_encoded(text, path, first_line)
    return sorted(set(findings))


def _bytes_to_text(data: bytes) -> str:
    """Text to scan from raw content: UTF-16 decoded, binary reduced to its printable runs."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", errors="replace")
    head = data[:8192]
    if b"\x00" not in head:
        return data.decode("utf-8", errors="replace")
    odd, even = head[1::2], head[0::2]
    if odd and odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return data.decode("utf-16-le", errors="replace")
    if even and even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return data.decode("utf-16-be", errors="replace")
    runs = re.findall(rb"[\x20-\x7e\t\r\n]{6,}", data)
    return b"\n".join(runs).decode("ascii")


def scan_bytes(data: bytes, path: str) -> list[Finding]:
    """Scan raw file content: text as UTF-8, UTF-16 text decoded, binary by its text runs."""
    return scan_text(_bytes_to_text(data), path)


def _scan_name(name: str, display: str = _NAME_DISPLAY) -> list[Finding]:
    """A secret in a file name; the finding shows a placeholder, never the name."""
    return [Finding(display, 0, f.rule_id) for f in scan_text(name.replace("/", "\n"), display)]


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


def _compile_ignore(text: str) -> list[re.Pattern[str]]:
    return [re.compile(_glob_to_regex(glob)) for glob in _globs(text)]


def _globs(text: str) -> list[str]:
    lines = (raw.strip() for raw in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def ignore_globs(root: str) -> list[str]:
    """The globs of ``<root>/.secretsignore``; a missing file means none."""
    try:
        with open(os.path.join(root, IGNORE_FILE), encoding="utf-8") as handle:
            return _globs(handle.read())
    except OSError:
        return []


def load_ignore_patterns(root: str) -> list[re.Pattern[str]]:
    """Compile the globs of ``<root>/.secretsignore``; a missing file means no patterns."""
    return [re.compile(_glob_to_regex(glob)) for glob in ignore_globs(root)]


def is_ignored(relpath: str, patterns: Sequence[re.Pattern[str]]) -> bool:
    """Whether a repository-relative path matches one of the ``.secretsignore`` globs."""
    normalized = relpath.replace(os.sep, "/").lstrip("/")
    while normalized.startswith("./"):
        normalized = normalized[2:]
    return any(pattern.match(normalized) for pattern in patterns)


def scan_file(path: str, display: str | None = None) -> list[Finding]:
    """Scan one file on disk (binary files by their text runs); a file over ``MAX_FILE_BYTES``
    raises :class:`ScanError` rather than pass unscanned."""
    shown = display or path
    try:
        if os.path.getsize(path) > MAX_FILE_BYTES:
            raise ScanError(f"{shown} is too large to scan")
        data = _read_path(path)
    except OSError as exc:
        raise ScanError(f"cannot read {shown}") from exc
    return [] if data is None else scan_bytes(data, shown)


def _walk(path: str, skip: frozenset[str] = frozenset({".git"})) -> Iterator[str]:
    if not os.path.isdir(path):
        yield path
        return
    for current, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if d not in skip)
        for name in sorted(files):
            yield os.path.join(current, name)


def scan_paths(paths: Iterable[str], root: str | None = None) -> list[Finding]:
    """Scan files (directories are walked), honouring ``.secretsignore`` under ``root``."""
    base = root or find_repo_root(os.getcwd()) or os.getcwd()
    patterns = load_ignore_patterns(base)
    findings: list[Finding] = []
    for given in paths:
        for path in _walk(given, _SKIP_DIRS):
            relative = os.path.relpath(os.path.abspath(path), base)
            if not relative.startswith("..") and is_ignored(relative, patterns):
                continue
            findings.extend(_scan_name(os.path.basename(path)))
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


# --------------------------------------------------------------------------------------------
# What a commit or a push would record (blob content, names and messages, batched git calls)
# --------------------------------------------------------------------------------------------

_NULL_SHA = "0" * 40
_SHA = re.compile(r"[0-9a-f]{40}")


class _Scan:
    """Shared state of one scan_commit/scan_push call: the repository, time and byte budgets."""

    def __init__(self, repo_dir: str, deadline: float | None, max_bytes: int | None) -> None:
        root = find_repo_root(repo_dir)
        if root is None:
            raise ScanError(f"{repo_dir} is not inside a git repository")
        self.root = root
        self.repo_dir = os.path.abspath(repo_dir)
        self.deadline = deadline
        self.bytes_left = max_bytes
        self.findings: list[Finding] = []
        self.patterns: list[re.Pattern[str]] = []

    def check_time(self) -> None:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise ScanError("the secret scan ran out of time; failing closed")

    def take(self, size: int) -> None:
        if self.bytes_left is not None:
            self.bytes_left -= size
            if self.bytes_left < 0:
                raise ScanError("the change is too large to scan within the time limit")

    def git(self, args: Sequence[str], stdin: bytes | None = None) -> bytes:
        timeout = GIT_TIMEOUT_SECONDS
        if self.deadline is not None:
            timeout = min(timeout, self.deadline - time.monotonic())
            if timeout <= 0:
                raise ScanError("the secret scan ran out of time; failing closed")
        return _run_git(self.root, args, stdin=stdin, timeout=timeout)

    def objects(self, names: Sequence[str]) -> dict[str, tuple[str, bytes]]:
        """``{name: (type, content)}`` for object names, in two git calls (sizes, then content);
        a name git cannot resolve raises ScanError."""
        wanted = list(dict.fromkeys(names))
        if not wanted:
            return {}
        if any("\n" in name for name in wanted):
            raise ScanError("an object name contains a line break")
        listing = self.git(
            ["cat-file", "--batch-check"], "".join(n + "\n" for n in wanted).encode()
        )
        total = 0
        for name, line in zip(
            wanted, listing.decode("utf-8", "replace").splitlines(), strict=False
        ):
            parts = line.split()
            if len(parts) != 3:
                raise ScanError(f"git cannot resolve {name!r}")
            total += int(parts[2])
        self.take(total)
        self.check_time()
        data = self.git(["cat-file", "--batch"], "".join(n + "\n" for n in wanted).encode())
        result: dict[str, tuple[str, bytes]] = {}
        position = 0
        for name in wanted:
            end = data.index(b"\n", position)
            header = data[position:end].decode("utf-8", "replace").split()
            if len(header) != 3:
                raise ScanError(f"git cannot resolve {name!r}")
            size = int(header[2])
            result[name] = (header[1], data[end + 1 : end + 1 + size])
            position = end + 1 + size + 1
        return result

    def ignored(self, path: str) -> bool:
        return bool(self.patterns) and is_ignored(path, self.patterns)

    def add(self, findings: Iterable[Finding]) -> None:
        self.findings.extend(findings)


def _run_git(root: str, args: Sequence[str], *, stdin: bytes | None, timeout: float) -> bytes:
    import subprocess  # only scans that touch git pay for subprocess

    command = [
        "git",
        "--no-optional-locks",
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
            command, input=stdin, capture_output=True, timeout=timeout, check=False, env=env
        )
    except FileNotFoundError as exc:
        raise ScanError("git is not installed") from exc
    except subprocess.TimeoutExpired as exc:
        raise ScanError(f"git {args[0]} timed out; failing closed") from exc
    if result.returncode != 0:
        raise ScanError(f"git {args[0]} failed with exit code {result.returncode}")
    return result.stdout


def _raw_entries(output: bytes) -> Iterator[tuple[str, str, str, str]]:
    """(old sha, new sha, status, path) from ``git diff --raw -z --no-renames`` output."""
    fields = output.split(b"\0")
    i = 0
    while i + 1 < len(fields):
        meta = fields[i].decode("ascii", "replace")
        if not meta.startswith(":"):
            i += 1
            continue
        parts = meta[1:].split()
        path = fields[i + 1].decode("utf-8", "replace")
        i += 2
        if len(parts) >= 5:
            yield parts[2], parts[3], parts[4][:1], path


def _line_key(text: str, finding: Finding) -> tuple[str, str]:
    lines = text.split("\n")
    line = lines[finding.line - 1] if 0 < finding.line <= len(lines) else ""
    return finding.rule_id, line.strip()


def _new_findings(new_text: str, old_text: str | None, display: str) -> list[Finding]:
    """Findings of the new version that the old version of the same file did not already have."""
    found = scan_text(new_text, display)
    if not found or not old_text:
        return found
    before = {_line_key(old_text, f) for f in scan_text(old_text, display)}
    return [f for f in found if _line_key(new_text, f) not in before]


def _read_path(path: str) -> bytes | None:
    """What git would store for a path in the work tree: a symlink's target text, a file's bytes."""
    try:
        if os.path.islink(path):
            return os.readlink(path).encode("utf-8", "surrogateescape")
        if not os.path.isfile(path):
            return None
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def _ignore_patterns_for(scan: _Scan, changed: Iterable[str], fallback_ref: str | None) -> None:
    """Use .secretsignore, unless the change touches it: then use the version in
    ``fallback_ref`` ("" for the index, as in a first commit; None for no patterns), so a change
    cannot widen its own ignore list."""
    if IGNORE_FILE not in set(changed):
        scan.patterns = load_ignore_patterns(scan.root)
        return
    scan.patterns = []
    if fallback_ref is not None:
        name = f"{fallback_ref}:{IGNORE_FILE}"
        try:
            kind, content = scan.objects([name])[name]
        except ScanError:
            return
        if kind == "blob":
            scan.patterns = _compile_ignore(content.decode("utf-8", "replace"))


def scan_commit(
    repo_dir: str,
    *,
    worktree: bool,
    untracked: bool,
    extra_paths: Sequence[str] = (),
    message_files: Sequence[str] = (),
    message_refs: Sequence[str] = (),
    deadline: float | None = None,
    max_bytes: int | None = MAX_SCAN_BYTES,
) -> list[Finding]:
    """What a ``git commit`` run in ``repo_dir`` could record.

    Always the index: the staged blobs' *content* (never diff text, so ``.gitattributes`` cannot
    hide a file; binary blobs by their printable text runs) and the staged file names.
    ``worktree``: every modified tracked file's work-tree content (``commit -a``, pathspecs, or a
    ``git add`` in the same command). ``untracked``: untracked files that are not ignored.
    ``extra_paths`` (relative to ``repo_dir``): files or directories named by ``git add -f`` or
    pathspecs, scanned even when ignored. ``message_files``: ``-F``/``--template`` files.
    ``message_refs``: commits whose message ``-C``/``-c`` reuse. ``deadline`` is a
    ``time.monotonic()`` value; past it, or past ``max_bytes`` of content, or when git fails,
    :class:`ScanError` is raised: callers must fail closed.
    """
    scan = _Scan(repo_dir, deadline, max_bytes)
    has_head = True
    try:
        scan.git(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"])
    except ScanError:
        has_head = False
    staged = list(
        _raw_entries(scan.git(["diff", "--cached", "--raw", "-z", "--no-abbrev", "--no-renames"]))
    )
    changed_tree = (
        list(_raw_entries(scan.git(["diff", "--raw", "-z", "--no-abbrev", "--no-renames"])))
        if worktree
        else []
    )
    others: list[str] = []
    if untracked:
        listing = scan.git(["ls-files", "--others", "--exclude-standard", "-z"])
        others = [p for p in listing.decode("utf-8", "replace").split("\0") if p and p[-1] != "/"]
    extra_files: list[tuple[str, str]] = []  # (absolute path, repository-relative display)
    for given in extra_paths:
        absolute = os.path.join(scan.repo_dir, given)
        for path in _walk(absolute) if os.path.isdir(absolute) else [absolute]:
            extra_files.append((path, os.path.relpath(path, scan.root).replace(os.sep, "/")))
    changed = [e[3] for e in staged] + [e[3] for e in changed_tree] + others
    changed += [display for _, display in extra_files]
    _ignore_patterns_for(scan, changed, "HEAD" if has_head else "")
    scan.check_time()

    # The index: new blobs in one batch; the old (HEAD) version only where the new one has findings.
    index_entries = [e for e in staged if e[2] != "D" and e[1] != _NULL_SHA]
    blobs = scan.objects([e[1] for e in index_entries if not scan.ignored(e[3])])
    for old, new, _status, path in index_entries:
        scan.add(_scan_name(path))
        if scan.ignored(path) or new not in blobs:
            continue
        scan.check_time()
        _add_blob_findings(scan, blobs[new][1], old, path)
    # The work tree's modified tracked files, compared with their index version.
    for old, _new, status, path in changed_tree:
        if status == "D" or scan.ignored(path):
            continue
        data = _read_path(os.path.join(scan.root, path))
        if data is not None:
            scan.take(len(data))
            scan.check_time()
            _add_blob_findings(scan, data, old, path)
    # Untracked and explicitly named files: all of their content is new.
    named = [(os.path.join(scan.root, p), p) for p in others]
    for absolute, display in named + extra_files:
        scan.add(_scan_name(display))
        if scan.ignored(display) and (absolute, display) not in extra_files:
            continue
        data = _read_path(absolute)
        if data is not None:
            scan.take(len(data))
            scan.check_time()
            scan.add(scan_bytes(data, display))
    for name in message_files:
        data = _read_path(os.path.join(scan.repo_dir, name))
        if data is None:
            raise ScanError(f"cannot read the commit message file {name!r}")
        scan.take(len(data))
        scan.add(scan_bytes(data, "<commit message file>"))
    if message_refs:
        names = [ref + "^{commit}" for ref in message_refs]
        for name, (_kind, content) in scan.objects(names).items():
            message = _commit_message(content)
            scan.add(scan_text(message, f"<message of {name.removesuffix('^{commit}')}>"))
    return sorted(set(scan.findings))


def _add_blob_findings(scan: _Scan, data: bytes, old_sha: str, path: str) -> None:
    text = _bytes_to_text(data)
    found = scan_text(text, path)
    if found and old_sha != _NULL_SHA:
        old = scan.objects([old_sha])[old_sha][1]
        found = _new_findings(text, _bytes_to_text(old), path)
    scan.add(found)


def _commit_message(raw: bytes) -> str:
    """The message part of a raw commit or tag object (after the header block)."""
    _, _, message = raw.partition(b"\n\n")
    return message.decode("utf-8", "replace")


def _default_remote(scan: _Scan) -> str:
    """The remote a bare ``git push`` goes to: the branch's push remote, else ``origin``."""
    try:
        branch = scan.git(["symbolic-ref", "-q", "HEAD"]).decode().strip()
        if branch:
            out = scan.git(["for-each-ref", "--format=%(push:remotename)", branch])
            remote = out.decode("utf-8", "replace").strip()
            if remote:
                return remote
    except ScanError:
        pass  # detached HEAD or no configuration: fall back to git's default remote name
    return "origin"


def scan_push(
    repo_dir: str,
    *,
    remote: str | None,
    refspecs: Sequence[str] | None,
    deadline: float | None = None,
    max_bytes: int | None = MAX_SCAN_BYTES,
) -> list[Finding]:
    """Every commit the remote lacks, for every ref pushed: content, file names and messages.

    ``remote`` is the remote name (or URL) given to ``git push``; None means the branch's push
    remote. Commits reachable from that remote's tracking refs count as pushed; a remote without
    tracking refs (a URL, a path, never fetched) lacks everything. ``refspecs`` None means a bare
    ``git push`` or ``--all``/``--tags``/``--mirror``: every local branch, tag and note is scanned,
    with annotated tag messages. No commit cap: past ``deadline`` or ``max_bytes``, when a
    refspec cannot be resolved, or when git fails, :class:`ScanError` is raised.
    """
    scan = _Scan(repo_dir, deadline, max_bytes)
    target = remote if remote is not None else _default_remote(scan)
    if target.startswith("-") or "\n" in target:
        raise ScanError(f"unexpected remote {target!r}")
    known = scan.git(["for-each-ref", "--format=%(objectname)", f"refs/remotes/{target}/"])
    exclude = ["^" + sha for sha in known.decode("ascii", "replace").split() if _SHA.fullmatch(sha)]
    tip_args: list[str] = []
    tips: list[str] = []
    tag_objects: list[str] = []
    loose_blobs: list[tuple[str, str]] = []
    if refspecs is None or any("*" in spec for spec in refspecs):
        tip_args = ["--branches", "--tags", "--glob=refs/notes/*"]
        listing = scan.git(["for-each-ref", "--format=%(objecttype) %(objectname)", "refs/tags/"])
        for line in listing.decode("ascii", "replace").splitlines():
            kind, _, sha = line.partition(" ")
            if kind == "tag":
                tag_objects.append(sha)
    sources: list[tuple[str, str]] = []  # (source, refspec)
    for spec in refspecs or ():
        source = spec.removeprefix("+").split(":", 1)[0]
        if not source or "*" in source:
            continue  # a deletion (:branch) pushes no content; globs are covered above
        if source.startswith("-") or "\n" in source:
            raise ScanError(f"cannot resolve the refspec {spec!r}")
        sources.append((source, spec))
    # One batch resolves every source and what it peels to; an unknown name raises ScanError.
    resolved = scan.objects([name for s, _ in sources for name in (s, s + "^{}")])
    for source, spec in sources:
        if resolved[source][0] == "tag":
            tag_objects.append(source)
        peeled = source + "^{}"
        peeled_kind = resolved[peeled][0]
        if peeled_kind == "commit":
            tips.append(peeled)
        elif peeled_kind == "blob":
            loose_blobs.append((peeled, f"<{source}>"))
        else:
            raise ScanError(f"cannot scan the {peeled_kind} that {spec!r} pushes")
    if tip_args or tips:
        listing = scan.git(
            ["rev-list", "--parents", *tip_args, "--stdin"],
            "".join(line + "\n" for line in tips + exclude).encode(),
        )
        commits = [line.split() for line in listing.decode("ascii", "replace").splitlines()]
    else:
        commits = []
    scan.check_time()
    pairs = [(c[0], p) for c in commits for p in c[1:]] + [
        (c[0], "") for c in commits if len(c) == 1
    ]
    diff_input = "".join(f"{commit} {parent}".rstrip() + "\n" for commit, parent in pairs)
    diffs = (
        scan.git(
            [
                "diff-tree",
                "--stdin",
                "--always",
                "-r",
                "-z",
                "--raw",
                "--no-abbrev",
                "--no-renames",
                "--root",
            ],
            diff_input.encode(),
        )
        if pairs
        else b""
    )
    # Per commit: {path: (new blob, [old blobs, one per parent that differs])}; a merge keeps only
    # paths that differ from every parent (content the merge itself introduced).
    per_pair = _split_diff_tree(diffs, len(pairs))
    changes: dict[str, dict[str, tuple[str, list[str]]]] = {}
    parent_count: dict[str, int] = {}
    seen_per_commit: dict[str, dict[str, int]] = {}
    for (commit, _parent), entries in zip(pairs, per_pair, strict=True):
        parent_count[commit] = parent_count.get(commit, 0) + 1
        counts = seen_per_commit.setdefault(commit, {})
        paths = changes.setdefault(commit, {})
        for old, new, status, path in entries:
            if status == "D" or new == _NULL_SHA:
                continue
            counts[path] = counts.get(path, 0) + 1
            _, olds = paths.setdefault(path, (new, []))
            if old != _NULL_SHA:
                olds.append(old)
    touched = [path for paths in changes.values() for path in paths]
    _ignore_patterns_for(scan, touched, None)
    wanted: list[str] = [c[0] for c in commits] + tag_objects + [b for b, _ in loose_blobs]
    for commit, paths in changes.items():
        for path, (new, _olds) in paths.items():
            if seen_per_commit[commit][path] == parent_count[commit] and not scan.ignored(path):
                wanted.append(new)
    objects = scan.objects(wanted)
    scanned: set[str] = set()
    for commit in (c[0] for c in commits):
        short = commit[:12]
        scan.add(scan_text(_commit_message(objects[commit][1]), f"<message of {short}>"))
        for path, (new, olds) in changes.get(commit, {}).items():
            if seen_per_commit[commit][path] != parent_count[commit]:
                continue
            scan.add(_scan_name(path, f"{short}:{_NAME_DISPLAY}"))
            if scan.ignored(path) or new in scanned:
                continue
            scanned.add(new)
            scan.check_time()
            display = f"{short}:{path}"
            text = _bytes_to_text(objects[new][1])
            found = scan_text(text, display)
            if found and olds:
                before: set[tuple[str, str]] = set()
                for _kind, old_data in scan.objects(olds).values():
                    old_text = _bytes_to_text(old_data)
                    before |= {_line_key(old_text, f) for f in scan_text(old_text, display)}
                found = [f for f in found if _line_key(text, f) not in before]
            scan.add(found)
    for tag in tag_objects:
        sha_or_name = tag
        scan.add(scan_text(_commit_message(objects[sha_or_name][1]), f"<tag message {tag[:12]}>"))
    for blob, display in loose_blobs:
        scan.add(scan_bytes(objects[blob][1], display))
    return sorted(set(scan.findings))


def _split_diff_tree(output: bytes, sections: int) -> list[list[tuple[str, str, str, str]]]:
    """``git diff-tree --stdin --always -z --raw`` output, one list of entries per input line."""
    result: list[list[tuple[str, str, str, str]]] = []
    fields = output.split(b"\0")
    i = 0
    while i < len(fields):
        field = fields[i].decode("ascii", "replace").strip()
        if _SHA.fullmatch(field):
            result.append([])
            i += 1
            continue
        if field.startswith(":") and result and i + 1 < len(fields):
            parts = field[1:].split()
            path = fields[i + 1].decode("utf-8", "replace")
            if len(parts) >= 5:
                result[-1].append((parts[2], parts[3], parts[4][:1], path))
            i += 2
            continue
        i += 1
    if len(result) != sections:
        raise ScanError("git diff-tree returned an unexpected listing")
    return result


# --------------------------------------------------------------------------------------------
# The previous entry points, kept for callers that have not switched yet
# --------------------------------------------------------------------------------------------


def scan_staged(
    repo_dir: str,
    *,
    include_worktree: bool = False,
    include_untracked: bool = False,
    pathspecs: Sequence[str] | None = None,
    max_bytes: int | None = None,
) -> list[Finding]:
    """What ``git commit`` would record (see :func:`scan_commit`); ``pathspecs`` are scanned as
    explicitly named paths when they exist."""
    extra = [p for p in pathspecs or () if os.path.exists(os.path.join(repo_dir, p))]
    return scan_commit(
        repo_dir,
        worktree=include_worktree,
        untracked=include_untracked,
        extra_paths=extra if include_untracked else (),
        max_bytes=max_bytes if max_bytes is not None else MAX_SCAN_BYTES,
    )


def scan_unpushed(
    repo_dir: str, max_commits: int = MAX_UNPUSHED_COMMITS, max_bytes: int | None = None
) -> list[Finding]:
    """The commits a ``git push`` of HEAD would send (see :func:`scan_push`; no commit cap:
    ``max_commits`` is accepted for compatibility and ignored)."""
    del max_commits
    scan = _Scan(repo_dir, None, None)
    try:
        scan.git(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"])
    except ScanError:
        return []  # no commits yet: nothing to push
    return scan_push(
        repo_dir,
        remote=None,
        refspecs=["HEAD"],
        max_bytes=max_bytes if max_bytes is not None else MAX_SCAN_BYTES,
    )


# --------------------------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit code."""
    import argparse  # the hook imports this module; only the CLI needs argparse

    parser = argparse.ArgumentParser(
        prog="secret_scan.py",
        description="Scan files, or what a commit records, for secrets. Values are never shown.",
    )
    parser.add_argument(
        "--staged", action="store_true", help="scan what `git commit` would record (the index)"
    )
    parser.add_argument(
        "--gitleaks-allowlist",
        action="store_true",
        help="print the generated allow-list part of .gitleaks.toml and exit",
    )
    parser.add_argument("files", nargs="*", help="files or directories to scan")
    args = parser.parse_args(argv)
    if args.gitleaks_allowlist:
        here = os.getcwd()
        has_ignore = os.path.exists(os.path.join(here, IGNORE_FILE))
        root = here if has_ignore else find_repo_root(here) or here
        sys.stdout.write(gitleaks_allowlist(ignore_globs(root)))
        return 0
    if not args.staged and not args.files:
        parser.print_usage(sys.stderr)
        sys.stderr.write("secret_scan.py: error: nothing to scan (give FILES or --staged)\n")
        return 2
    missing = [name for name in args.files if not os.path.lexists(name)]
    if missing:
        for name in missing:
            sys.stderr.write(f"secret_scan.py: error: no such file: {name}\n")
        return 2
    findings: list[Finding] = []
    try:
        if args.staged:
            findings += scan_commit(os.getcwd(), worktree=False, untracked=False)
        if args.files:
            findings += scan_paths(args.files)
    except ScanError as exc:
        sys.stderr.write(f"secret_scan.py: error: {exc}\n")
        return 2
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
