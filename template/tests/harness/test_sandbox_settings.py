"""The agents' sandbox settings say exactly what the one list of protected paths says."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HOOKS = ROOT / ".claude" / "hooks"
GENERATOR = Path(".claude/hooks/harness_guard/sandbox.py")
GENERATED = (".claude/settings.json", ".codex/config.toml", ".cursor/sandbox.json")


def generator(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the project's generator as a person would, from the project root."""
    return subprocess.run(
        [sys.executable, str(GENERATOR), *args],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )


def test_committed_settings_match_the_protected_paths() -> None:
    result = generator(ROOT, "--check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_protected_path_is_in_the_sandbox_block() -> None:
    sys.path.insert(0, str(HOOKS))
    try:
        from harness_guard.protected import read_denied, write_denied
    finally:
        sys.path.remove(str(HOOKS))
    sandbox = json.loads((ROOT / ".claude/settings.json").read_text())["sandbox"]
    deny_write = set(sandbox["filesystem"]["denyWrite"])
    deny_read = set(sandbox["filesystem"]["denyRead"])
    for entry in write_denied():
        assert ("~/" if entry.home else "./") + entry.path in deny_write, entry
    for entry in read_denied():
        assert ("~/" if entry.home else "./") + entry.path in deny_read, entry
    # No way around the sandbox: no fallback, no exempt command, the hook still asked.
    assert sandbox["enabled"] is True
    assert sandbox["failIfUnavailable"] is True
    assert sandbox["allowUnsandboxedCommands"] is False
    assert sandbox["excludedCommands"] == []
    assert sandbox["autoAllowBashIfSandboxed"] is False


def test_the_hooks_survive_regeneration() -> None:
    """The generator owns the sandbox and the file-tool rules, never the hook entries."""
    settings = json.loads((ROOT / ".claude/settings.json").read_text())
    commands = [
        hook["command"] for group in settings["hooks"]["PreToolUse"] for hook in group["hooks"]
    ]
    assert any("pretooluse_bash.py" in command for command in commands)
    assert any("guard_edits.py" in command for command in commands)


@pytest.fixture
def copy_of_project(tmp_path: Path) -> Path:
    """The generator, the protected list and the generated files, in a throw-away directory."""
    package = tmp_path / ".claude/hooks/harness_guard"
    package.mkdir(parents=True)
    for name in ("__init__.py", "protected.py", "sandbox.py"):
        shutil.copy(HOOKS / "harness_guard" / name, package / name)
    for name in GENERATED:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def test_a_new_protected_path_fails_the_check_until_regenerated(copy_of_project: Path) -> None:
    protected = copy_of_project / ".claude/hooks/harness_guard/protected.py"
    marker = "PROTECTED: tuple[ProtectedPath, ...] = ("
    text = protected.read_text()
    assert marker in text
    planted = '\n    P("deploy/keys.toml", DENY, "guard-planted", "a planted entry"),'
    protected.write_text(text.replace(marker, marker + planted, 1))

    stale = generator(copy_of_project, "--check")
    assert stale.returncode == 1
    assert ".claude/settings.json does not match" in stale.stdout
    assert ".codex/config.toml does not match" in stale.stdout

    assert generator(copy_of_project, "--write").returncode == 0
    assert generator(copy_of_project, "--check").returncode == 0
    sandbox = json.loads((copy_of_project / ".claude/settings.json").read_text())["sandbox"]
    assert "./deploy/keys.toml" in sandbox["filesystem"]["denyWrite"]


def test_srt_settings_use_absolute_paths(copy_of_project: Path, tmp_path: Path) -> None:
    target = tmp_path / "srt.json"
    assert generator(copy_of_project, "--srt", str(target)).returncode == 0
    srt = json.loads(target.read_text())
    paths = [*srt["filesystem"]["denyWrite"], *srt["filesystem"]["denyRead"]]
    assert paths
    assert all(path.startswith("/") for path in paths), paths
    assert str(copy_of_project / ".claude/hooks") in srt["filesystem"]["denyWrite"]


def test_the_docs_explain_every_allowed_host() -> None:
    settings = json.loads((ROOT / ".claude/settings.json").read_text())
    docs = (ROOT / "docs" / "SECURITY.md").read_text()
    for host in settings["sandbox"]["network"]["allowedDomains"]:
        assert f"| `{host}` |" in docs, f"docs/SECURITY.md does not say why {host} is allowed"
