"""Fast tier: the documentation agrees with copier.yml and builds with MkDocs in strict mode.

The options page is generated from copier.yml by ``docs/generate_options.py``; these tests fail
when the two disagree, and prove it by planting a question the page does not know. The site is
built into a temporary directory, and a planted broken link must fail the build.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from docs.generate_options import check, load_questions, main, render_page

from .conftest import REPO_ROOT, run

COPIER_YML = REPO_ROOT / "copier.yml"
OPTIONS_MD = REPO_ROOT / "docs" / "options.md"
MKDOCS = Path(sys.executable).parent / "mkdocs"
PLANTED_QUESTION = """
support_email:
  type: str
  help: Where your users report problems
  default: support@example.com
"""


def question_names(copier_yml: Path) -> list[str]:
    loaded: dict[str, object] = yaml.safe_load(copier_yml.read_text())
    return [name for name in loaded if not name.startswith("_")]


def mkdocs_build(config: Path, site: Path) -> subprocess.CompletedProcess[str]:
    assert MKDOCS.exists(), f"{MKDOCS} is missing: mkdocs belongs to the dev dependency group"
    return run(
        [MKDOCS, "build", "--strict", "--config-file", config, "--site-dir", site], config.parent
    )


def copy_site_sources(destination: Path) -> Path:
    """mkdocs.yml and docs/ in ``destination``; returns the copied mkdocs.yml."""
    shutil.copy2(REPO_ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    shutil.copytree(
        REPO_ROOT / "docs", destination / "docs", ignore=shutil.ignore_patterns("__pycache__")
    )
    return destination / "mkdocs.yml"


# ---------------------------------------------------------------------------------------------
# The options page


def test_options_page_is_generated_from_copier_yml() -> None:
    assert OPTIONS_MD.read_text() == render_page(COPIER_YML), (
        "docs/options.md is stale: run `uv run python docs/generate_options.py --write`"
    )
    assert check(COPIER_YML, OPTIONS_MD) == ""


def test_every_question_has_a_row() -> None:
    page = OPTIONS_MD.read_text()
    names = question_names(COPIER_YML)
    assert names, "copier.yml has no questions"
    for name in names:
        assert f"| `{name}` |" in page, f"{name} is missing from docs/options.md"
    assert [question.name for question in load_questions(COPIER_YML)] == names


def test_settings_are_not_questions() -> None:
    page = OPTIONS_MD.read_text()
    assert "`_subdirectory`" not in page
    assert "`_tasks`" not in page


def test_a_planted_question_makes_the_page_stale(tmp_path: Path) -> None:
    drifted = tmp_path / "copier.yml"
    drifted.write_text(COPIER_YML.read_text() + PLANTED_QUESTION)

    page = render_page(drifted)
    assert page != OPTIONS_MD.read_text()
    assert "| `support_email` | str | `support@example.com` |" in page
    difference = check(drifted, OPTIONS_MD)
    assert "+| `support_email` |" in difference


def test_check_exits_1_with_a_diff_and_write_fixes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    drifted = tmp_path / "copier.yml"
    drifted.write_text(COPIER_YML.read_text() + PLANTED_QUESTION)
    page = tmp_path / "options.md"
    shutil.copy2(OPTIONS_MD, page)
    arguments = ["--copier-yml", str(drifted), "--page", str(page)]

    assert main(["--check", *arguments]) == 1
    captured = capsys.readouterr()
    assert "+| `support_email` |" in captured.out
    assert "--write" in captured.err

    assert main(["--write", *arguments]) == 0
    assert main(["--check", *arguments]) == 0
    assert page.read_text() == render_page(drifted)


def test_jinja_defaults_and_conditions_are_described_not_evaluated(tmp_path: Path) -> None:
    copier_yml = tmp_path / "copier.yml"
    copier_yml.write_text(
        "_subdirectory: template\n"
        "name:\n  type: str\n  default: My App\n"
        "slug:\n  type: str\n  default: \"{{ name | lower | replace(' ', '-') }}\"\n"
        "mode:\n  type: str\n  default: a\n  when: \"{{ slug != 'x' }}\"\n"
        "  choices:\n    Label A: a\n    Label B: b\n"
        "count: 3\n"
        "enabled:\n  default: false\n  when: false\n"
        'gated:\n  type: bool\n  default: true\n  when: "{{ name | length > 3 }}"\n'
        "  help: Either this | or that\n"
    )
    rows = {question.name: question for question in load_questions(copier_yml)}
    assert list(rows) == ["name", "slug", "mode", "count", "enabled", "gated"]
    assert rows["slug"].default == "from `name` via `lower`, `replace`"
    assert rows["mode"].choices == "`a`, `b`"
    assert rows["mode"].when == "if `slug != 'x'`"
    assert rows["name"].when == "always"
    assert (rows["count"].type, rows["count"].default) == ("int", "`3`")
    assert (rows["enabled"].type, rows["enabled"].default) == ("bool", "`false`")
    assert rows["enabled"].when.startswith("never")
    # A pipe inside a cell would split the table row, even inside backticks on GitHub.
    assert rows["gated"].when == "if <code>name &#124; length &gt; 3</code>"
    assert "|" not in rows["gated"].help
    row = next(line for line in render_page(copier_yml).splitlines() if "`gated`" in line)
    assert row.count("|") == 7


def test_the_script_runs_on_its_own() -> None:
    result = run([sys.executable, REPO_ROOT / "docs" / "generate_options.py", "--check"], REPO_ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


# ---------------------------------------------------------------------------------------------
# The MkDocs site


def test_site_builds_in_strict_mode(tmp_path: Path) -> None:
    result = mkdocs_build(REPO_ROOT / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    for page in ("index", "start", "options", "update", "security", "design", "contributing"):
        expected = "index.html" if page == "index" else f"{page}/index.html"
        assert (tmp_path / "site" / expected).is_file(), f"{page} was not built"
    assert not list((tmp_path / "site").rglob("*.py")), "the generator leaked into the site"


def test_a_broken_link_fails_the_build(tmp_path: Path) -> None:
    config = copy_site_sources(tmp_path)
    index = tmp_path / "docs" / "index.md"
    index.write_text(index.read_text() + "\n[x](missing.md)\n")

    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "missing.md" in result.stderr


def test_a_broken_anchor_fails_the_build(tmp_path: Path) -> None:
    config = copy_site_sources(tmp_path)
    index = tmp_path / "docs" / "index.md"
    index.write_text(index.read_text() + "\n[x](update.md#no-such-section)\n")

    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "no-such-section" in result.stderr


def test_a_page_missing_from_the_nav_fails_the_build(tmp_path: Path) -> None:
    config = copy_site_sources(tmp_path)
    (tmp_path / "docs" / "orphan.md").write_text("# Orphan\n")

    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "orphan.md" in result.stderr
