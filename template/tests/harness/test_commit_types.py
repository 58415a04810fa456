# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""The commit-type gate: the PR-title check and commitizen accept the same types."""

from __future__ import annotations

import re
import textwrap

import pytest
from commitizen.config.base_config import BaseConfig
from commitizen.cz.conventional_commits.conventional_commits import ConventionalCommitsCz

from harness.gates import commit_types
from harness.gates.commit_types import CommitTypesError, commitizen_types, types_from_pattern

from .conftest import Repo

PYPROJECT = '[project]\nname = "x"\nversion = "0.1.0"\n\n[tool.commitizen]\n'
CONVENTIONAL = PYPROJECT + 'name = "cz_conventional_commits"\n'


def pr_title(
    types: list[str] | None, *, action: str = "amannn/action-semantic-pull-request"
) -> str:
    listed = "".join(f"            {kind}\n" for kind in types or [])
    with_block = f"        with:\n          types: |\n{listed}" if types is not None else ""
    return (
        textwrap.dedent(
            """\
        name: PR title
        on:
          pull_request:
            types: [opened, edited, synchronize, reopened]
        jobs:
          pr-title:
            name: Lint PR title
            runs-on: ubuntu-24.04
            steps:
              - uses: ACTION@48f256284bd46cdaab1048c3721360e808335d50 # v6.1.1
                env:
                  GITHUB_TOKEN: token
        """
        ).replace("ACTION", action)
        + with_block
    )


def conventional_types() -> list[str]:
    """What commitizen's own class accepts, read the slow way for comparison."""
    pattern = ConventionalCommitsCz(BaseConfig()).schema_pattern()
    match = re.search(r"\(([a-z|]+)\)", pattern)
    assert match is not None
    return match.group(1).split("|")


def run(repo: Repo, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = commit_types.main(["--root", str(repo.root)])
    return code, capsys.readouterr().out


def test_the_types_come_from_commitizen(repo: Repo) -> None:
    repo.write("pyproject.toml", CONVENTIONAL)
    rule, types = commitizen_types(repo.root)
    assert rule == "cz_conventional_commits"
    assert list(types) == conventional_types()
    assert {"feat", "fix", "bump"} <= set(types)


def test_a_customised_commitizen_changes_the_types(repo: Repo) -> None:
    repo.write(
        "pyproject.toml",
        PYPROJECT
        + 'name = "cz_customize"\n\n[tool.commitizen.customize]\n'
        + "schema_pattern = '(feat|fix|hotfix)(\\(\\S+\\))?!?: (.+)'\n",
    )
    assert commitizen_types(repo.root) == ("cz_customize", ("feat", "fix", "hotfix"))


def test_without_a_config_commitizen_defaults_apply(repo: Repo) -> None:
    assert list(commitizen_types(repo.root)[1]) == conventional_types()


def test_passes_when_the_lists_agree(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.write("pyproject.toml", CONVENTIONAL)
    repo.workflow("pr-title.yml", pr_title(list(reversed(conventional_types()))))
    code, out = run(repo, capsys)
    assert code == 0, out
    assert out.startswith("commit-types: OK: .github/workflows/pr-title.yml (job 'pr-title'")


def test_a_missing_type_fails(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.write("pyproject.toml", CONVENTIONAL)
    repo.workflow("pr-title.yml", pr_title([t for t in conventional_types() if t != "bump"]))
    code, out = run(repo, capsys)
    assert code == 1
    assert "is missing bump: cz check accepts it" in out
    assert "commit-types: FAILED: 1 problem(s)" in out


def test_an_extra_type_fails(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.write("pyproject.toml", CONVENTIONAL)
    repo.workflow("pr-title.yml", pr_title([*conventional_types(), "wip", "wip"]))
    code, out = run(repo, capsys)
    assert code == 1
    assert "allows wip, which cz check refuses" in out
    assert "lists wip more than once" in out


def test_no_types_input_fails(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.workflow("pr-title.yml", pr_title(None))
    code, out = run(repo, capsys)
    assert code == 1
    assert "has no 'types:' input" in out


def test_no_title_check_at_all_fails(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.workflow("pr-title.yml", pr_title(["feat"], action="someone/else"))
    code, out = run(repo, capsys)
    assert code == 1
    assert "no workflow step uses amannn/action-semantic-pull-request" in out


def test_types_are_read_from_the_first_alternation() -> None:
    assert types_from_pattern(r"(?s)(feat|fix)(\(\S+\))?!?: ([^\n\r]+)") == ("feat", "fix")
    assert types_from_pattern(r"^(?:chore)!?: .+") == ("chore",)
    with pytest.raises(CommitTypesError, match=r"no \(type\|type"):
        types_from_pattern(r".+")
