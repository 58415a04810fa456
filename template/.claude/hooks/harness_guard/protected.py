# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""The one list of protected paths: what agents may not change (or read) on their own.

This list feeds the Bash and Edit/Write guards of this package, the OS sandbox settings
(``sandbox.py`` derives ``.claude/settings.json``'s ``sandbox`` block and ``.codex/config.toml``
from it), and the table in ``docs/SECURITY.md``. Change a path here, then regenerate those
(``python3 .claude/hooks/harness_guard/sandbox.py --write``); the project's tests fail until they
agree.

Matching is case-insensitive, because case-insensitive file systems exist, and a path that
*contains* a protected file or tree (``.claude``, ``.github``, the project itself) counts as that
entry: deleting or moving the parent reaches the child.
"""

from __future__ import annotations

import os

DENY, ASK = "deny", "ask"


class ProtectedPath:
    """One protected file or tree (``dir/**``), project-relative or home-relative (``~/``)."""

    __slots__ = ("decision", "pattern", "read", "rule", "sandbox", "what")

    def __init__(
        self,
        pattern: str,
        decision: str,
        rule: str,
        what: str,
        *,
        read: bool = False,
        sandbox: bool = True,
    ) -> None:
        self.pattern = pattern  # POSIX path; "dir/**" is the whole tree; "~/" is the home dir
        self.decision = decision  # what the guards answer to a write: DENY or ASK
        self.rule = rule  # rule id reported with the decision
        self.what = what  # what it protects, for messages and the docs
        self.read = read  # reading it is refused too (local secrets)
        # Whether the OS sandbox denies writes (and, with ``read``, reads) there. False only where
        # a legitimate tool must write: git writes its objects and refs under .git itself.
        self.sandbox = sandbox

    @property
    def home(self) -> bool:
        return self.pattern.startswith("~/")

    @property
    def tree(self) -> bool:
        return self.pattern.endswith("/**")

    @property
    def path(self) -> str:
        """The pattern without ``~/`` and ``/**``: the file or the tree's root."""
        path = self.pattern[2:] if self.home else self.pattern
        return path[:-3] if self.tree else path

    def __repr__(self) -> str:
        return f"ProtectedPath({self.pattern!r}, {self.decision!r}, {self.rule!r})"


P = ProtectedPath

PROTECTED: tuple[ProtectedPath, ...] = (
    # The guards themselves and the agent settings that load them.
    P(".claude/hooks/**", DENY, "guard-hooks", "the agent hook scripts"),
    P(".claude/settings.json", DENY, "guard-agent-settings", "the Claude Code project settings"),
    P(
        ".claude/settings.local.json",
        DENY,
        "guard-agent-settings",
        "the Claude Code local settings",
    ),
    P(".claude/audit/**", DENY, "guard-audit-log", "the hook audit log"),
    # What Claude Code loads as instructions and tools: slash commands, subagents and skills
    # (their front matter may declare hooks and allowed tools). A person reviews each change.
    P(".claude/commands/**", ASK, "guard-agent-extensions", "a Claude Code slash command"),
    P(".claude/agents/**", ASK, "guard-agent-extensions", "a Claude Code subagent definition"),
    P(".claude/skills/**", ASK, "guard-agent-extensions", "a Claude Code skill"),
    # Whatever else Claude Code reads from its directory (rules, output styles, what a later
    # version adds): reviewed too, rather than listed one by one.
    P(".claude/**", ASK, "guard-agent-extensions", "Claude Code's project configuration"),
    P(".codex/**", DENY, "guard-agent-config", "the Codex configuration"),
    P(".gemini/**", DENY, "guard-agent-config", "the Gemini CLI configuration"),
    P(".cursor/**", DENY, "guard-agent-config", "the Cursor configuration"),
    P(".github/hooks/**", DENY, "guard-agent-config", "the Copilot hook configuration"),
    # git: the hooks that run pre-commit, the config that could point them elsewhere, and the
    # attributes that decide what a diff (and so a secret scan) shows.
    P(".git/hooks/**", DENY, "guard-git-hooks", "git's hook scripts"),
    P(".git/config", DENY, "guard-git-config", "the repository's git configuration"),
    P(".git/**", DENY, "guard-git-internals", "git's internal files", sandbox=False),
    P(".gitattributes", DENY, "guard-git-attributes", "the git attributes (diff and merge rules)"),
    # The gates: pre-commit, the secret rules, branch protection, CI and its entry points.
    P(".pre-commit-config.yaml", DENY, "guard-pre-commit-config", "the pre-commit configuration"),
    P(".gitleaks.toml", DENY, "guard-secret-rules", "the gitleaks configuration"),
    P(".gitleaksignore", DENY, "guard-secret-rules", "the gitleaks ignore list"),
    P(".secretsignore", DENY, "guard-secret-rules", "the secret-scan ignore list"),
    P(".github/branch-protection/**", DENY, "guard-branch-protection", "the branch protection"),
    P(".github/workflows/**", ASK, "guard-workflows", "a CI workflow"),
    P(".github/security/**", ASK, "guard-security-exceptions", "a security-scan exception list"),
    P(".github/CODEOWNERS", ASK, "guard-codeowners", "the CODEOWNERS file"),
    P(".github/**", ASK, "guard-github", "the repository's GitHub settings"),
    P("harness/**", ASK, "guard-gates", "the CI gates and their entry points"),
    # Fake secrets kept on purpose: the secret scan skips these paths (.secretsignore), so a
    # real key written there would be committed unseen. A person adds fixtures; the OS sandbox
    # leaves them writable, for tests that make their own.
    P(
        "tests/fixtures/secrets/**",
        ASK,
        "guard-secret-fixtures",
        "a secret-scan fixture the scan skips",
        sandbox=False,
    ),
    # Local secrets: never read, never written by an agent.
    P(".env", DENY, "guard-local-secrets", "the local secrets file", read=True),
    P(".env.local", DENY, "guard-local-secrets", "a local secrets file", read=True),
    P(".env.development", DENY, "guard-local-secrets", "a local secrets file", read=True),
    P(".env.production", DENY, "guard-local-secrets", "a local secrets file", read=True),
    P(".env.test", DENY, "guard-local-secrets", "a local secrets file", read=True),
    # The user's own configuration: agent settings and hooks, git, shell start-up files, keys.
    P("~/.claude/settings.json", DENY, "guard-user-config", "the user's Claude Code settings"),
    P(
        "~/.claude/settings.local.json",
        DENY,
        "guard-user-config",
        "the user's Claude Code settings",
    ),
    P("~/.claude/hooks/**", DENY, "guard-user-config", "the user's Claude Code hooks"),
    P("~/.codex/**", DENY, "guard-user-config", "the user's Codex configuration"),
    P("~/.gemini/**", DENY, "guard-user-config", "the user's Gemini CLI configuration"),
    P("~/.cursor/**", DENY, "guard-user-config", "the user's Cursor configuration"),
    P("~/.gitconfig", DENY, "guard-user-config", "the user's git configuration"),
    P("~/.config/git/**", DENY, "guard-user-config", "the user's git configuration"),
    P("~/.bashrc", DENY, "guard-user-config", "a shell start-up file"),
    P("~/.bash_profile", DENY, "guard-user-config", "a shell start-up file"),
    P("~/.profile", DENY, "guard-user-config", "a shell start-up file"),
    P("~/.zshrc", DENY, "guard-user-config", "a shell start-up file"),
    P("~/.ssh/**", DENY, "guard-user-secrets", "the user's SSH keys", read=True),
    P("~/.aws/**", DENY, "guard-user-secrets", "the user's cloud credentials", read=True),
    P("~/.config/gcloud/**", DENY, "guard-user-secrets", "the user's cloud credentials", read=True),
    P("~/.azure/**", DENY, "guard-user-secrets", "the user's cloud credentials", read=True),
    P("~/.config/gh/**", DENY, "guard-user-secrets", "the user's GitHub CLI token", read=True),
    P("~/.git-credentials", DENY, "guard-user-secrets", "the user's git credentials", read=True),
    P("~/.netrc", DENY, "guard-user-secrets", "the user's network credentials", read=True),
    P("~/.npmrc", DENY, "guard-user-secrets", "the user's npm token", read=True),
    P("~/.pypirc", DENY, "guard-user-secrets", "the user's PyPI token", read=True),
    P("~/.docker/config.json", DENY, "guard-user-secrets", "the user's registry logins", read=True),
)
del P

# Deleting or moving these directories destroys everything under them.
PROJECT_ROOT = ProtectedPath(".", DENY, "guard-project-root", "the project itself", sandbox=False)
HOME_ROOT = ProtectedPath("~/", DENY, "guard-home", "the home directory", sandbox=False)
FILESYSTEM_ROOT = ProtectedPath("/", DENY, "guard-system", "a system directory", sandbox=False)


def write_denied() -> list[ProtectedPath]:
    """The entries the OS sandbox must make read-only.

    ASK entries are read-only for sandboxed shell commands too: a person approves such a change
    through the file tools, where the edit guard asks.
    """
    return [entry for entry in PROTECTED if entry.sandbox]


def read_denied() -> list[ProtectedPath]:
    """The entries the OS sandbox must make unreadable."""
    return [entry for entry in PROTECTED if entry.read and entry.sandbox]


def _relative(path: str, root: str) -> str | None:
    """``path`` relative to ``root`` (both absolute and normalised), lower-cased; None outside."""
    if path == root:
        return ""
    prefix = root if root.endswith("/") else root + "/"
    if path.startswith(prefix):
        return path[len(prefix) :].lower()
    return None


def _touches(relative: str, entry: ProtectedPath) -> bool:
    """Whether a write at ``relative`` reaches ``entry``: inside it, or a parent of it."""
    target = entry.path.lower()
    if relative == target:
        return True
    if entry.tree and relative.startswith(target + "/"):
        return True
    return relative == "" or target.startswith(relative + "/")


def _inside(relative: str, entry: ProtectedPath) -> bool:
    target = entry.path.lower()
    return relative == target or (entry.tree and relative.startswith(target + "/"))


def _strictest(found: list[ProtectedPath]) -> ProtectedPath | None:
    for entry in found:
        if entry.decision == DENY:
            return entry
    return found[0] if found else None


def is_ancestor_or_same(path: str, other: str) -> bool:
    """Whether ``path`` is ``other`` or one of its parent directories."""
    return path == other or other.startswith(path.rstrip("/") + "/") or path == "/"


def classify(path: str, project_dir: str, home: str) -> ProtectedPath | None:
    """The protected entry that a write or deletion at absolute, normalised ``path`` touches."""
    path = os.path.normpath(path)
    if is_ancestor_or_same(path, project_dir):
        return PROJECT_ROOT
    if home and is_ancestor_or_same(path, home):
        return HOME_ROOT
    if path == "/" or path.count("/") == 1:
        return FILESYSTEM_ROOT  # "/", "/usr", "/tmp": never a project's business
    found: list[ProtectedPath] = []
    in_project = _relative(path, project_dir)
    in_home = _relative(path, home) if home else None
    for entry in PROTECTED:
        relative = in_home if entry.home else in_project
        if relative is not None and _touches(relative, entry):
            found.append(entry)
    if "/.git/" in path + "/" and not found:
        found.append(_GIT_ANYWHERE)  # a nested repository's (or a submodule's) git files
    if in_project is not None and os.path.basename(path).lower() == ".gitattributes":
        # git reads .gitattributes in every directory: `* -diff` in src/ hides staged content
        # from the hooks' diff as surely as one at the root.
        found.extend(entry for entry in PROTECTED if entry.path == ".gitattributes")
    return _strictest(found)


_GIT_ANYWHERE = ProtectedPath(".git/**", DENY, "guard-git-internals", "git's internal files")


def classify_read(
    path: str, project_dir: str, home: str, *, contains: bool = False
) -> ProtectedPath | None:
    """The read-protected entry that reading ``path`` reaches.

    With ``contains``, reading a directory that holds a protected file counts too (an archive,
    a recursive copy or an upload of the directory carries the file along).
    """
    path = os.path.normpath(path)
    in_project = _relative(path, project_dir)
    in_home = _relative(path, home) if home else None
    for entry in PROTECTED:
        if not entry.read:
            continue
        relative = in_home if entry.home else in_project
        if relative is None:
            continue
        if _inside(relative, entry) or (contains and _touches(relative, entry)):
            return entry
    return None
