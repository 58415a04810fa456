# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""The agents' OS sandbox settings, derived from the one list of protected paths.

``protected.py`` says what an agent may not change or read; this module turns that list into the
settings each agent's own sandbox understands, so the hook and the operating system enforce the
same list:

- ``.claude/settings.json``: the ``sandbox`` block (Claude Code runs every Bash command under
  bubblewrap on Linux, Seatbelt on macOS) and the ``Read(...)``/``Edit(...)`` deny rules of
  ``permissions`` (Claude Code's file tools honour them, and its sandbox adds them to its own
  filesystem rules);
- ``.codex/config.toml``: Codex's workspace-write sandbox, which cannot deny single paths inside
  the workspace (it keeps ``.git`` and ``.codex`` read-only itself);
- ``.cursor/sandbox.json``: Cursor's sandbox, which cannot deny paths inside the workspace either,
  but limits the network the same way;
- on demand (``--srt FILE``), a settings file for ``srt``, the sandbox runtime Claude Code's
  sandbox is built on, with absolute paths for one checkout: the tests run commands under it.

Run from the project root::

    python3 .claude/hooks/harness_guard/sandbox.py --write   # regenerate the files
    python3 .claude/hooks/harness_guard/sandbox.py --check   # exit 1 if they differ

Standard library only, like the rest of the package.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

# Run as a script, this file's directory is on sys.path instead of the package's parent.
_HOOKS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if _HOOKS_DIR not in sys.path:
    sys.path.insert(0, _HOOKS_DIR)

from harness_guard.protected import ProtectedPath, read_denied, write_denied  # noqa: E402

# The hosts development needs from inside the sandbox, and why (docs/SECURITY.md repeats this).
ALLOWED_DOMAINS: tuple[tuple[str, str], ...] = (
    ("pypi.org", "uv resolves packages through PyPI's index"),
    ("files.pythonhosted.org", "PyPI serves the package files from here"),
    ("registry.npmjs.org", "npm installs the frontend's packages and the Node tools"),
    ("github.com", "git fetches and pushes over HTTPS; pre-commit clones its hook repositories"),
    ("api.github.com", "the gh CLI and uv's git dependencies ask GitHub's API"),
    ("codeload.github.com", "GitHub serves repository archives (git dependencies) from here"),
    ("objects.githubusercontent.com", "GitHub serves release assets and LFS objects from here"),
)

# Where the build tools keep their caches. uv refuses to run at all when it cannot write its
# cache ("Could not acquire lock"), and pre-commit installs its hooks into its own, so without
# these a sandboxed `uv run` or `git commit` fails. Caches are not start-up files: nothing runs
# from them unless a later command asks for that exact package.
CACHE_DIRS: tuple[str, ...] = ("~/.cache/uv", "~/.cache/pre-commit")

SETTINGS_JSON = ".claude/settings.json"
CODEX_TOML = ".codex/config.toml"
CURSOR_JSON = ".cursor/sandbox.json"


def claude_path(entry: ProtectedPath) -> str:
    """``entry`` in Claude Code's sandbox path syntax: ``~/`` for home, ``./`` for the project.

    A tree is named by its root: the sandbox denies everything below a denied directory, and on
    Linux it takes literal paths only (a trailing ``/**`` is dropped there anyway).
    """
    return ("~/" if entry.home else "./") + entry.path


def _unique(items: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(items))


def claude_sandbox() -> dict[str, Any]:
    """The ``sandbox`` block of ``.claude/settings.json``."""
    return {
        "enabled": True,
        # No sandbox (bubblewrap or socat missing) is an error, never a silent unsandboxed run.
        "failIfUnavailable": True,
        # A command may not ask to run outside the sandbox, and none is exempt from it.
        "allowUnsandboxedCommands": False,
        "excludedCommands": [],
        # The hook still decides about every command; the sandbox is the layer under it.
        "autoAllowBashIfSandboxed": False,
        "filesystem": {
            "allowWrite": list(CACHE_DIRS),
            "denyWrite": _unique([claude_path(entry) for entry in write_denied()]),
            "denyRead": _unique([claude_path(entry) for entry in read_denied()]),
        },
        "network": {"allowedDomains": [domain for domain, _ in ALLOWED_DOMAINS]},
    }


def permission_rule(tool: str, entry: ProtectedPath) -> str:
    """A ``permissions`` rule for Claude Code's file tools (gitignore-style patterns)."""
    return f"{tool}({entry.pattern})"


def claude_permission_denies() -> list[str]:
    """The ``Read(...)`` and ``Edit(...)`` deny rules for the protected paths."""
    reads = [permission_rule("Read", entry) for entry in read_denied()]
    edits = [permission_rule("Edit", entry) for entry in write_denied() if entry.decision == "deny"]
    return _unique(reads + edits)


def claude_settings(current: dict[str, Any]) -> dict[str, Any]:
    """``current`` settings with the derived ``sandbox`` block and file-tool deny rules.

    Every other key (the hooks above all) and every other deny rule is kept as it is.
    """
    settings = dict(current)
    permissions = dict(settings.get("permissions", {}))
    kept = [
        rule
        for rule in permissions.get("deny", [])
        if not (rule.startswith("Read(") or rule.startswith("Edit("))
    ]
    permissions["deny"] = kept + claude_permission_denies()
    settings["permissions"] = permissions
    settings["sandbox"] = claude_sandbox()
    return settings


def _toml_list(items: Sequence[str]) -> str:
    return "[" + ", ".join(json.dumps(item) for item in items) + "]"


def codex_config() -> str:
    """``.codex/config.toml``: Codex's own sandbox for the commands it runs."""
    protected = "\n".join(
        f"#   {entry.pattern}" for entry in write_denied() if not _codex_protects(entry)
    )
    return (
        # The ownership line every Harness file starts with; this one is written here, since the
        # file is generated and the project's sandbox test compares it byte for byte.
        "# Owned by Harness: change it upstream, or expect copier update to merge your edits.\n"
        "# Generated by .claude/hooks/harness_guard/sandbox.py from harness_guard/protected.py;\n"
        "# edit that list and run `python3 .claude/hooks/harness_guard/sandbox.py --write`.\n"
        "#\n"
        "# Codex runs its commands in a sandbox that may write the workspace and the temp dirs,\n"
        "# with no network. It keeps .git and .codex read-only by itself (so `git commit` needs\n"
        "# your approval), but it cannot make single paths inside the workspace read-only, and\n"
        "# it lets commands read every file (.env and ~/.ssh included). The hook in\n"
        "# .codex/hooks.json is what guards these protected paths under Codex:\n"
        f"{protected}\n"
        'sandbox_mode = "workspace-write"\n'
        "\n"
        "[sandbox_workspace_write]\n"
        "network_access = false\n"
        "writable_roots = []\n"
    )


def _codex_protects(entry: ProtectedPath) -> bool:
    """Whether Codex's workspace-write sandbox keeps ``entry`` read-only on its own."""
    if entry.home:
        return True  # outside the workspace and the temp dirs, Codex's sandbox writes nothing
    top = entry.path.split("/", 1)[0]
    return top in (".git", ".codex")


def cursor_sandbox() -> dict[str, Any]:
    """``.cursor/sandbox.json``: Cursor's sandbox for the agent's terminal commands."""
    return {
        "type": "workspace_readwrite",
        "additionalReadwritePaths": [],
        "networkPolicy": {
            "default": "deny",
            "allow": [domain for domain, _ in ALLOWED_DOMAINS],
        },
    }


def _dump_json(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _current_settings(project_dir: str) -> dict[str, Any] | None:
    """The project's ``.claude/settings.json``; None when the project does not use Claude Code."""
    try:
        with open(os.path.join(project_dir, SETTINGS_JSON), encoding="utf-8") as handle:
            current = json.load(handle)
    except FileNotFoundError:
        return None
    if not isinstance(current, dict):
        raise SystemExit(f"{SETTINGS_JSON} must hold a JSON object")
    return current


def expected_files(project_dir: str) -> dict[str, str]:
    """Every generated file (project-relative path) with the text it must hold.

    Only the agents this project uses get one: those whose configuration is there (Claude Code's
    settings file, the ``.codex`` or ``.cursor`` directory). Deleting an agent's directory is how
    a team stops using it; the generator does not bring it back.
    """
    expected: dict[str, str] = {}
    current = _current_settings(project_dir)
    if current is not None:
        expected[SETTINGS_JSON] = _dump_json(claude_settings(current))
    if os.path.isdir(os.path.join(project_dir, os.path.dirname(CODEX_TOML))):
        expected[CODEX_TOML] = codex_config()
    if os.path.isdir(os.path.join(project_dir, os.path.dirname(CURSOR_JSON))):
        expected[CURSOR_JSON] = _dump_json(cursor_sandbox())
    return expected


def stale_files(project_dir: str) -> list[str]:
    """The generated files whose text differs from what the protected list derives."""
    stale = []
    for name, text in expected_files(project_dir).items():
        try:
            with open(os.path.join(project_dir, name), encoding="utf-8") as handle:
                current = handle.read()
        except FileNotFoundError:
            current = None
        if current != text:
            stale.append(name)
    return stale


def write_files(project_dir: str) -> list[str]:
    """Regenerate the files; returns the ones that changed."""
    changed = stale_files(project_dir)
    for name, text in expected_files(project_dir).items():
        if name in changed:
            path = os.path.join(project_dir, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)
    return changed


def _absolute(path: str, project_dir: str, home: str) -> str:
    """A Claude Code sandbox path made absolute for ``project_dir`` and ``home``."""
    if path.endswith("/**"):
        path = path[:-3]
    if path.startswith("//"):
        return path[1:]
    if path == "~" or path.startswith("~/"):
        return os.path.normpath(os.path.join(home, path[2:]))
    if path.startswith("/"):
        return os.path.normpath(path)
    return os.path.normpath(os.path.join(project_dir, path))


def srt_settings(
    sandbox: dict[str, Any],
    project_dir: str,
    home: str,
    *,
    temp_dir: str = "/tmp",  # noqa: S108 - the shared temp dir is what Claude Code opens too
    extra_write: Sequence[str] = (),
) -> dict[str, Any]:
    """An ``srt`` settings file equivalent to Claude Code's ``sandbox`` block, for one checkout.

    Claude Code lets sandboxed commands write the working directory and the temp directory
    besides ``allowWrite``; srt writes only what it is told, so both are added here.
    ``extra_write`` adds more (the tests' local stand-in for a GitHub remote).
    """
    filesystem = sandbox.get("filesystem", {})

    def absolute(key: str) -> list[str]:
        return [_absolute(path, project_dir, home) for path in filesystem.get(key, [])]

    allow_write = [project_dir, temp_dir, *absolute("allowWrite"), *extra_write]
    return {
        "network": {
            "allowedDomains": list(sandbox.get("network", {}).get("allowedDomains", [])),
            "deniedDomains": [],
        },
        "filesystem": {
            "denyRead": absolute("denyRead"),
            "allowWrite": _unique(allow_write),
            "denyWrite": absolute("denyWrite"),
        },
    }


def _project_root() -> str:
    # .claude/hooks/harness_guard/sandbox.py -> the project root, three directories up
    return os.path.dirname(os.path.dirname(_HOOKS_DIR))


def main(argv: Sequence[str] | None = None, out: Callable[[str], None] = print) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", action="store_true", help="regenerate the settings files")
    action.add_argument("--check", action="store_true", help="exit 1 if a settings file differs")
    action.add_argument("--srt", metavar="FILE", help="write srt settings for this checkout")
    parser.add_argument("--project", default=_project_root(), help="the project root")
    args = parser.parse_args(argv)
    project = os.path.abspath(args.project)
    if args.write:
        for name in write_files(project):
            out(f"wrote {name}")
        return 0
    if args.srt:
        # The committed block when there is one (that is what Claude Code enforces), else the
        # block the protected list derives.
        current = _current_settings(project)
        sandbox = claude_sandbox() if current is None else current.get("sandbox", {})
        settings = srt_settings(sandbox, project, os.path.expanduser("~"))
        with open(args.srt, "w", encoding="utf-8") as handle:
            handle.write(_dump_json(settings))
        return 0
    stale = stale_files(project)
    for name in stale:
        out(
            f"{name} does not match the protected paths in harness_guard/protected.py; "
            "run `python3 .claude/hooks/harness_guard/sandbox.py --write` and commit the result."
        )
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
