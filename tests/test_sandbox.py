"""The rendered sandbox settings hold when a command really runs under them.

A default project is rendered into the red-team arena (tests/redteam/arena.py: git history,
local remote, ``.env``, fake ``$HOME``), its ``.claude/settings.json`` sandbox block is converted
into an srt settings file with absolute paths (by the project's own ``sandbox.py --srt``), and
commands run under ``srt`` (the sandbox runtime Claude Code's sandbox is built on) with it:

- every write-protected path of the rendered ``protected.py`` resists writing, creating,
  deleting, chmod, hard-linking and writing through a symlink;
- the read-protected files (``.env``, ``~/.ssh``, ``~/.aws``) cannot be read;
- a host outside the allow-list cannot be reached;
- everyday work still runs: the project's tests, a ``git commit`` (which writes ``.git/objects``
  and ``.git/index``, but not ``.git/config`` or ``.git/hooks``), writes under ``src/`` and /tmp.
"""

from __future__ import annotations

import importlib
import shlex
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest

from .conftest import run
from .redteam.arena import (
    Arena,
    World,
    execute,
    sandbox_runtime,
    scratch_dir,
)

pytestmark = pytest.mark.full


@pytest.fixture(scope="module")
def srt(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> list[str]:
    return sandbox_runtime(tmp_path_factory, worker_id)


@pytest.fixture(scope="module")
def world(srt: list[str]) -> Iterator[World]:
    made = World(scratch_dir())
    yield made
    made.close()


@pytest.fixture(scope="module")
def protected(world: World) -> ModuleType:
    """The rendered project's own list of protected paths."""
    hooks = str(world.pristine.project / ".claude" / "hooks")
    sys.path.insert(0, hooks)
    try:
        return importlib.import_module("harness_guard.protected")
    finally:
        sys.path.remove(hooks)


def _where(arena: Arena, entry: object) -> Path:
    home = bool(getattr(entry, "home"))  # noqa: B009 - the entry comes from the rendered module
    return (arena.home if home else arena.project) / str(getattr(entry, "path"))  # noqa: B009


def _state(path: Path) -> str:
    """A path's contents and mode, recursively, to compare before and after."""
    if path.is_symlink():
        return f"link:{path.readlink()}"
    if not path.exists():
        return "missing"
    if path.is_dir():
        inner = ",".join(
            f"{child.name}={_state(child)}" for child in sorted(path.iterdir(), key=str)
        )
        return f"dir:{path.stat().st_mode:o}[{inner}]"
    return f"file:{path.stat().st_mode:o}:{path.read_bytes()!r}"


def _attempts(target: Path, scratch: Path) -> dict[str, str]:
    """Shell commands that try to change ``target`` in each way a sandbox must refuse."""
    t, s = shlex.quote(str(target)), shlex.quote(str(scratch))
    # A tree is attacked through a file in it (the first one, or a new one).
    file = f"$(if [ -d {t} ]; then find {t} -type f | sort | head -1; else echo {t}; fi)"
    return {
        "write": f"if [ -d {t} ]; then echo x > {t}/planted; else echo x >> {t}; fi",
        "create-or-replace": f"rm -f {s}.new; echo x > {s}.new && mv -f {s}.new {t}",
        "delete": f"rm -rf {t}",
        "chmod": f"chmod -R 000 {t}",
        "hard-link": f'f="{file}"; ln "$f" {s}.hard && echo x >> {s}.hard',
        "symlink-write": f'f="{file}"; ln -sfn "$f" {s}.sym && echo x >> {s}.sym',
    }


def test_every_protected_path_resists_every_kind_of_write(
    world: World,
    srt: list[str],
    protected: ModuleType,
    record_property: Callable[[str, object], None],
) -> None:
    entries = list(protected.write_denied())
    assert entries
    held: list[str] = []
    broken: list[str] = []
    for kind in _attempts(Path("/x"), Path("/y")):
        arena = world.fresh()
        scratch = arena.project / "src" / "scratch"
        targets = [_where(arena, entry) for entry in entries]
        before = {target: _state(target) for target in targets}
        script = "\n".join(
            _attempts(target, Path(f"{scratch}-{index}"))[kind] + " 2>/dev/null"
            for index, target in enumerate(targets)
        )
        outcome = execute(arena, script, srt)
        for entry, target in zip(entries, targets, strict=True):
            if _state(target) != before[target]:
                broken.append(f"{kind}: {entry.pattern} changed under the sandbox")
        held.append(f"{kind}: {len(targets)} paths held ({outcome.seconds:.1f} s)")
    record_property("report_line", f"sandbox write attempts: {'; '.join(held)}")
    assert not broken, "\n".join(broken)


def test_the_check_of_protected_paths_sees_a_write(world: World) -> None:
    """Without the sandbox the same attempts do change the paths (the check is not vacuous)."""
    arena = world.fresh()
    target = arena.project / ".pre-commit-config.yaml"
    before = _state(target)
    for kind, command in _attempts(target, arena.project / "src" / "scratch").items():
        if kind in ("delete", "create-or-replace"):
            continue  # they would leave nothing for the next attempt to change
        result = run(["bash", "-c", command], arena.project)
        assert result.returncode == 0, (kind, result.stderr)
        assert _state(target) != before, kind
        before = _state(target)


@pytest.mark.parametrize(
    ("reader", "secret"),
    [
        pytest.param("cat .env", "key", id="dotenv"),
        pytest.param("cat ~/.ssh/id_ed25519", "OPENSSH PRIVATE KEY", id="ssh-key"),
        pytest.param("cat ~/.aws/credentials", "aws_secret_access_key", id="aws"),
        pytest.param("tar -cf - --exclude=.venv . 2>/dev/null | strings", "key", id="archive"),
        pytest.param("grep -r --exclude-dir=.venv OPENAI_API_KEY . 2>/dev/null", "key", id="grep"),
    ],
)
def test_read_protected_files_cannot_be_read(
    world: World, srt: list[str], reader: str, secret: str
) -> None:
    arena = world.fresh()
    text = arena.key if secret == "key" else secret  # noqa: S105 - "key" names the .env key
    outcome = execute(arena, reader, srt)
    assert text not in outcome.output
    bare = run(["bash", "-c", reader], arena.project, arena.env())
    assert text in bare.stdout, "the secret is not where the test looks for it"


def test_hosts_outside_the_allow_list_are_unreachable(world: World, srt: list[str]) -> None:
    arena = world.fresh()
    blocked = execute(arena, "curl -sS -m 10 -o /dev/null https://example.com", srt)
    assert blocked.returncode != 0, blocked.output
    probe = "curl -sS -m 10 -o /dev/null https://pypi.org/simple/pip/"
    if run(["bash", "-c", probe], arena.project).returncode != 0:
        pytest.skip("this machine cannot reach pypi.org, so the allow-list cannot be shown open")
    allowed = execute(arena, probe, srt)
    assert allowed.returncode == 0, allowed.output


def test_everyday_work_runs_in_the_sandbox(world: World, srt: list[str]) -> None:
    arena = world.fresh()
    project = arena.project
    # The schema property test draws random requests; what it finds is the service's business
    # (its CI job runs it), not the sandbox's, so it stays out of this run. Every other test of
    # the project must pass inside the sandbox, as it must for a developer who turned it on.
    tests = execute(
        arena,
        "uv run pytest -q -p no:cacheprovider"
        " --deselect tests/test_api_schema.py::test_api_honours_its_schema",
        srt,
    )
    assert tests.returncode == 0, tests.output
    objects_before = sum(1 for _ in (project / ".git" / "objects").rglob("*"))
    # `git add -A` too: the sandbox's placeholder files for protected names that do not exist
    # must be ignored (or real files), or staging everything fails inside it.
    commit = execute(
        arena,
        "echo 'ANSWER = 42' > src/my_service/answer.py && git add -A"
        " && git commit -q -m 'feat: an answer' && git log -1 --format=%s",
        srt,
    )
    assert commit.returncode == 0, commit.output
    assert "feat: an answer" in commit.output
    assert sum(1 for _ in (project / ".git" / "objects").rglob("*")) > objects_before
    scratch = execute(arena, "mkdir -p src/tmpwork && echo ok > src/tmpwork/a.txt", srt)
    assert scratch.returncode == 0, scratch.output
    tmp = execute(arena, 'f=$(mktemp /tmp/harness-sbx.XXXXXX) && echo ok > "$f" && rm "$f"', srt)
    assert tmp.returncode == 0, tmp.output
    config = execute(arena, "git config user.name Mallory", srt)
    assert config.returncode != 0, "git could write .git/config inside the sandbox"


def test_srt_start_up_time(
    world: World, srt: list[str], record_property: Callable[[str, object], None]
) -> None:
    arena = world.fresh()
    times = []
    for _ in range(5):
        started = time.perf_counter()
        outcome = execute(arena, "true", srt)
        times.append(time.perf_counter() - started)
        assert outcome.returncode == 0, outcome.output
    median = statistics.median(times)
    record_property("report_line", f"srt start-up: median {median:.2f} s over 5 runs")
    assert median < 5, times
