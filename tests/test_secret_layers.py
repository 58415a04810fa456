"""Two independent layers catch every kind of secret at commit time, in a rendered project.

For each planted secret the rendered project's own agent hook blocks `git commit`, and the
rendered project's pre-commit configuration (its harness secret-scan hook) fails on the file;
neither ever prints the secret. The clean render has no findings at all.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from .conftest import DEFAULT_PYTHON, TOOLS_DIR, commit_everything, render, run, uv_environment
from .hook_corpus import PlantedSecret, planted_secrets

pytestmark = pytest.mark.full

SECRETS = planted_secrets()


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    env = uv_environment(DEFAULT_PYTHON)
    project = render(tmp_path_factory.mktemp("layers") / "project", tasks=True)
    commit_everything(project)
    synced = run([TOOLS_DIR / "uv", "sync", "--frozen", "--quiet"], project, env)
    assert synced.returncode == 0, synced.stderr
    return project, env


def test_clean_render_has_no_findings(project: tuple[Path, dict[str, str]]) -> None:
    root, env = project
    scan = run(
        [
            TOOLS_DIR / "uv",
            "run",
            "--frozen",
            "pre-commit",
            "run",
            "harness-secret-scan",
            "--all-files",
        ],
        root,
        env,
    )
    assert scan.returncode == 0, scan.stdout


@pytest.mark.parametrize("secret", SECRETS, ids=[secret.rule_id for secret in SECRETS])
def test_hook_and_pre_commit_both_block(
    project: tuple[Path, dict[str, str]], secret: PlantedSecret
) -> None:
    root, env = project
    planted = root / "planted" / secret.filename
    planted.parent.mkdir(exist_ok=True)
    planted.write_text(secret.content)
    relative = str(planted.relative_to(root))
    assert run(["git", "add", relative], root).returncode == 0
    try:
        event = {
            "hook_event_name": "PreToolUse",
            "tool_name": "Bash",
            "tool_input": {"command": "git commit -m 'feat: settings'"},
            "cwd": str(root),
        }
        hook = subprocess.run(
            ["python3", "-S", ".claude/hooks/pretooluse_bash.py"],
            cwd=root,
            env={**env, "CLAUDE_PROJECT_DIR": str(root)},
            input=json.dumps(event),
            capture_output=True,
            text=True,
            check=False,
        )
        assert hook.returncode == 2, hook.stderr
        assert secret.rule_id in hook.stderr
        assert relative in hook.stderr
        assert secret.secret not in hook.stderr + hook.stdout

        pre_commit = run(
            [
                TOOLS_DIR / "uv",
                "run",
                "--frozen",
                "pre-commit",
                "run",
                "harness-secret-scan",
                "--files",
                relative,
            ],
            root,
            env,
        )
        assert pre_commit.returncode == 1, pre_commit.stdout
        assert secret.rule_id in pre_commit.stdout
        assert secret.secret not in pre_commit.stdout + pre_commit.stderr
    finally:
        run(["git", "rm", "-q", "--cached", "-f", relative], root)
        planted.unlink()
