"""The container variants: static checks and hardening properties of the image definition and
compose file (fast tier), and, without a Docker engine, the runtime behaviour the image relies on
(full tier): the app serving from a read-only copy, the health check, the SBOM."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement

from .conftest import DEFAULT_PYTHON, TOOLS_DIR, render, run, uv_environment

CONTAINER_VARIANTS = {
    "container": {"include_container": True},
    "container+frontend": {"include_container": True, "include_frontend": True},
    "container-no-agent": {"include_container": True, "include_agent": False},
}


@dataclass
class Stage:
    base: str
    name: str
    instructions: list[tuple[str, str]] = field(default_factory=list)

    def all(self, keyword: str) -> list[str]:
        return [args for key, args in self.instructions if key == keyword]


def parse_dockerfile(text: str) -> list[Stage]:
    """Split a Dockerfile into stages of (INSTRUCTION, arguments), joining continuation lines."""
    logical = re.sub(r"\\\n\s*", " ", text)
    stages: list[Stage] = []
    for line in logical.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        keyword, _, arguments = line.partition(" ")
        keyword = keyword.upper()
        if keyword == "FROM":
            parts = arguments.split()
            stages.append(Stage(parts[0], parts[2] if len(parts) > 2 else ""))
        elif stages:
            stages[-1].instructions.append((keyword, arguments.strip()))
    return stages


@pytest.fixture(scope="module", params=list(CONTAINER_VARIANTS), ids=list(CONTAINER_VARIANTS))
def project(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    answers = CONTAINER_VARIANTS[request.param]
    return render(tmp_path_factory.mktemp("container") / "project", answers)


def test_hadolint_reports_nothing(project: Path) -> None:
    result = run([TOOLS_DIR / "hadolint", "Dockerfile"], project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""


def test_hadolint_fails_on_a_planted_problem(project: Path, tmp_path: Path) -> None:
    planted = tmp_path / "Dockerfile"
    text = (project / "Dockerfile").read_text()
    planted.write_text(text.replace("AS runtime", "AS runtime\nRUN apt-get install -y curl", 1))
    result = run([TOOLS_DIR / "hadolint", str(planted)], tmp_path)
    assert result.returncode != 0
    assert "DL3008" in result.stdout or "DL3015" in result.stdout


def trivy_config(directory: Path) -> subprocess.CompletedProcess[str]:
    """Trivy's misconfiguration scan with the checks built into the binary (no download)."""
    argv: list[str | Path] = [TOOLS_DIR / "trivy", "config", "--skip-check-update", "--quiet"]
    return run([*argv, "--exit-code", "1", "--severity", "HIGH,CRITICAL", "."], directory)


def test_trivy_config_finds_no_high_or_critical(project: Path) -> None:
    result = trivy_config(project)
    assert result.returncode == 0, result.stdout
    assert "Dockerfile" in result.stdout  # it scanned the image definition


def test_trivy_config_fails_on_a_planted_root_user(project: Path, tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text((project / "Dockerfile").read_text() + "USER root\n")
    result = trivy_config(tmp_path)
    assert result.returncode == 1
    assert "DS-0002" in result.stdout


def test_compose_file_matches_the_compose_spec(project: Path) -> None:
    result = run(
        [
            TOOLS_DIR / "check-jsonschema",
            "--builtin-schema",
            "vendor.compose-spec",
            "docker-compose.yml",
        ],
        project,
    )
    assert result.returncode == 0, result.stdout


def test_runtime_stage_is_minimal_and_unprivileged(project: Path) -> None:
    stages = parse_dockerfile((project / "Dockerfile").read_text())
    runtime = stages[-1]
    builder = next(stage for stage in stages if stage.name == "builder")
    assert re.fullmatch(r"python:\$\{PYTHON_VERSION\}-slim", runtime.base)
    # The builder installs exactly the frozen runtime dependencies.
    assert any("uv sync --frozen --no-dev" in args for args in builder.all("RUN"))
    # The runtime copies only the virtual environment (and the built frontend), from stages.
    copies = runtime.all("COPY")
    sources = sorted(args.split()[1] for args in copies)
    assert all(args.startswith("--from=") for args in copies), copies
    assert sources[0] == "/app/.venv"
    assert set(sources) <= {"/app/.venv", "/frontend/dist"}
    # No build tooling in the runtime stage.
    runtime_text = " ".join(args for _, args in runtime.instructions)
    for tool in ("uv ", "pip install", "apt-get", "gcc", "curl", "wget", "npm"):
        assert tool not in runtime_text, tool
    environment = " ".join(runtime.all("ENV"))
    assert "PYTHONDONTWRITEBYTECODE=1" in environment
    assert "PYTHONUNBUFFERED=1" in environment
    user = runtime.all("USER")[-1]
    assert user.split(":")[0] not in {"root", "0"}
    assert re.search(
        rf"useradd .*--uid {user.split(':')[0]}\b.* app$", " ".join(runtime.all("RUN"))
    )
    healthcheck = runtime.all("HEALTHCHECK")[-1]
    command = json.loads(healthcheck.split("CMD", 1)[1])
    assert command[:2] == ["python", "-m"]
    assert command[2].endswith(".healthcheck")
    assert json.loads(runtime.all("CMD")[-1])[:2] == ["python", "-m"]


def test_compose_runs_read_only_and_unprivileged(project: Path) -> None:
    service = yaml.safe_load((project / "docker-compose.yml").read_text())["services"]["app"]
    assert service["read_only"] is True
    assert service["tmpfs"] == ["/tmp:size=64m,mode=1777"]  # noqa: S108 - the container's tmpfs
    assert "no-new-privileges:true" in service["security_opt"]
    assert service["cap_drop"] == ["ALL"]
    assert all(str(port).startswith("127.0.0.1:") for port in service["ports"])
    assert service["healthcheck"]["test"][0] == "CMD"
    assert service["env_file"][0]["path"] == ".env"
    assert "LLM_API_KEY" not in json.dumps(service.get("environment", {}))


def test_compose_database_is_hardened_and_the_app_waits_for_it(tmp_path: Path) -> None:
    project = render(tmp_path / "project", {"include_container": True, "include_database": True})
    compose = yaml.safe_load((project / "docker-compose.yml").read_text())
    services = compose["services"]
    database = services["db"]
    assert database["user"] == "70:70"  # postgres, not root
    assert database["read_only"] is True
    assert database["cap_drop"] == ["ALL"]
    assert "no-new-privileges:true" in database["security_opt"]
    assert "ports" not in database, "the database must not be published"
    assert database["healthcheck"]["test"][:2] == ["CMD", "pg_isready"]
    assert "db-data:/var/lib/postgresql/data" in database["volumes"]
    assert "db-data" in compose["volumes"]
    assert services["app"]["depends_on"] == {
        "db": {"condition": "service_healthy"},
        "migrate": {"condition": "service_completed_successfully"},
    }
    # The app connects as its own role; only the migrate job uses the schema owner.
    assert services["app"]["environment"]["DATABASE_URL"].startswith("postgresql://app:")
    assert "migrator" in services["migrate"]["environment"]["MIGRATOR_DATABASE_URL"]
    schema = run(
        [
            TOOLS_DIR / "check-jsonschema",
            "--builtin-schema",
            "vendor.compose-spec",
            "docker-compose.yml",
        ],
        project,
    )
    assert schema.returncode == 0, schema.stdout
    init = project / "compose-init" / "10-app-role.sh"
    assert os.access(init, os.X_OK)
    linted = run([TOOLS_DIR / "shellcheck", init], project)
    assert linted.returncode == 0, linted.stdout


def test_dockerignore_keeps_secrets_and_clutter_out(project: Path) -> None:
    ignored = set((project / ".dockerignore").read_text().split())
    for entry in (".git", ".env", ".env.*", ".venv", "node_modules", "tests", ".pytest_cache"):
        assert entry in ignored, entry


# --- full tier -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def synced(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    env = uv_environment(DEFAULT_PYTHON)
    project = render(
        tmp_path_factory.mktemp("container-full") / "project", {"include_container": True}
    )
    locked = run([TOOLS_DIR / "uv", "lock", "--quiet"], project, env)
    assert locked.returncode == 0, locked.stderr
    return project, env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def read_only_launcher(image: Path) -> list[str]:
    """A prefix that runs a command with ``image`` mounted read-only, as the container would.

    Root ignores file permissions, so as root the image directory is bind-mounted read-only in a
    private mount namespace (writes fail with EROFS, exactly as under ``read_only: true``).
    Other users are already stopped by the permission bits set by the fixture.
    """
    if os.geteuid() != 0:
        return []
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("unshare (util-linux) is needed to mount the image read-only as root")
    script = 'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" && exec "$@"'
    return [unshare, "--mount", "sh", "-c", script, str(image)]


def snapshot(root: Path) -> dict[str, float]:
    return {str(path): path.stat().st_mtime for path in root.rglob("*")}


@pytest.fixture
def read_only_server(
    synced: tuple[Path, dict[str, str]], tmp_path: Path
) -> Iterator[tuple[str, Path, list[str]]]:
    project, env = synced
    image = tmp_path / "image"
    venv = image / ".venv"
    installed = run(
        [TOOLS_DIR / "uv", "sync", "--frozen", "--no-dev", "--no-editable", "--quiet"],
        project,
        {**env, "UV_PROJECT_ENVIRONMENT": str(venv)},
    )
    assert installed.returncode == 0, installed.stderr
    # Like the image: everything read-only for the service's user, only a scratch /tmp writable.
    for path in [image, *image.rglob("*")]:
        if not path.is_symlink():
            path.chmod(path.stat().st_mode & ~0o222)
    scratch = tmp_path / "tmp"
    scratch.mkdir(mode=0o1777)
    scratch.chmod(0o1777)
    tmp_path.chmod(0o755)
    port = free_port()
    user = read_only_launcher(image)
    run_env = {
        "PATH": f"{venv / 'bin'}:/usr/bin:/bin",
        "HOME": "/nonexistent",
        "TMPDIR": str(scratch),
        "PYTHONDONTWRITEBYTECODE": "1",
        "PORT": str(port),
        "ENVIRONMENT": "production",
    }
    package = yaml.safe_load((project / ".copier-answers.yml").read_text())["package_name"]
    before = snapshot(image)
    server = subprocess.Popen(
        [*user, str(venv / "bin" / "python"), "-m", package],
        cwd=image,
        env=run_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/api/v1/health"
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(url, timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        assert server.poll() is None, server.stdout.read() if server.stdout else ""
        yield url, image, [*user, str(venv / "bin" / "python"), "-m", f"{package}.healthcheck"]
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)
    assert snapshot(image) == before, "the service wrote into its read-only image"


@pytest.mark.full
def test_service_serves_from_a_read_only_copy(
    read_only_server: tuple[str, Path, list[str]],
) -> None:
    url, image, healthcheck = read_only_server
    with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback URL
        assert json.loads(response.read())["status"] == "ok"
    port = url.split(":")[2].split("/")[0]
    checked = subprocess.run(
        healthcheck,
        cwd=image,
        env={"PORT": port, "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.full
def test_sbom_lists_exactly_the_frozen_runtime_dependencies(
    synced: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    project, env = synced
    synced_dev = run([TOOLS_DIR / "uv", "sync", "--frozen", "--quiet"], project, env)
    assert synced_dev.returncode == 0, synced_dev.stderr
    output = tmp_path / "sbom.cdx.json"
    made = run(
        [
            TOOLS_DIR / "uv",
            "run",
            "--frozen",
            "-m",
            "harness.container",
            "sbom",
            "--output",
            output,
        ],
        project,
        env,
    )
    assert made.returncode == 0, made.stdout + made.stderr
    sbom = json.loads(output.read_text())
    assert sbom["bomFormat"] == "CycloneDX"
    listed = {component["name"].lower().replace("_", "-") for component in sbom["components"]}
    exported = run(
        [
            TOOLS_DIR / "uv",
            "export",
            "--frozen",
            "--no-dev",
            "--no-emit-project",
            "--no-hashes",
            "--format",
            "requirements-txt",
        ],
        project,
        env,
    )
    # The lock is universal; the SBOM describes what is installed on this (Linux) platform.
    lines = [line for line in exported.stdout.splitlines() if line.strip()]
    requirements = [Requirement(line) for line in lines if not line.lstrip().startswith("#")]
    frozen = {
        requirement.name.lower().replace("_", "-")
        for requirement in requirements
        if requirement.marker is None or requirement.marker.evaluate()
    }
    assert listed == frozen
    assert not {"pytest", "ruff", "mypy", "cyclonedx-bom"} & listed
