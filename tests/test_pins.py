"""Pins that stay fresh: Renovate finds every pin, and the places that pin one thing agree.

Renovate (``.github/renovate.json``) updates the template's own workflows with its GitHub
Actions manager and the pins that live elsewhere with regex managers: ``ACTION_PINS``, gitleaks
and Trivy in ``extensions/harness.py``, the Copier in ``template/harness/update.py``. These tests
apply those regexes as Renovate does and fail when a pin is one they would not find, when two
places pin the same action or Copier differently, or when gitleaks has no checksum.
"""

from __future__ import annotations

import ast
import fnmatch
import json
import re
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest

from extensions.harness import (
    ACTION_PINS,
    GITLEAKS,
    GITLEAKS_SHA256,
    GITLEAKS_VERSION,
    TRIVY_VERSION,
    gitleaks_pin,
)

from .conftest import REPO_ROOT

OWN_WORKFLOWS = REPO_ROOT / ".github" / "workflows"
# owner/repo@<40 hex> # vX.Y.Z
PIN = re.compile(r"^(?P<action>[\w.-]+/[\w.-]+)@(?P<sha>[0-9a-f]{40}) # (?P<tag>v\d+(?:\.\d+)*)$")


def parse(pin: str) -> tuple[str, str, str]:
    match = PIN.fullmatch(pin.strip())
    assert match, f"not a full-SHA pin with its release: {pin!r}"
    return match["action"], match["sha"], match["tag"]


def own_pins(directory: Path) -> dict[str, set[str]]:
    """Every ``uses:`` in the workflows under ``directory``, by action."""
    pins: dict[str, set[str]] = {}
    for path in sorted(directory.glob("*.yml")):
        text = path.read_text()
        for line in text.splitlines():
            found = re.match(r"^\s*-?\s*uses:\s*(.+)$", line)
            if found:
                action, _, _ = parse(found[1])
                pins.setdefault(action, set()).add(found[1].strip())
    return pins


def drift(extension: dict[str, str], workflows: dict[str, set[str]]) -> list[str]:
    """Each action both use, pinned differently (or pinned twice in the workflows)."""
    problems = []
    for pin in extension.values():
        action, _, _ = parse(pin)
        used = workflows.get(action, set())
        if used and used != {pin}:
            problems.append(f"{action}: extension {pin!r}, workflows {sorted(used)}")
    return problems


def test_every_extension_pin_is_a_full_sha_with_its_release() -> None:
    for pin in ACTION_PINS.values():
        parse(pin)


def test_the_extension_and_the_template_workflows_pin_the_same_commits() -> None:
    workflows = own_pins(OWN_WORKFLOWS)
    assert workflows, "the template's own workflows use no actions?"
    assert drift(ACTION_PINS, workflows) == []
    # Some of the extension's actions are used by the template's CI too; those are compared.
    shared = {parse(pin)[0] for pin in ACTION_PINS.values()} & set(workflows)
    assert {"actions/checkout", "astral-sh/setup-uv", "actions/setup-node"} <= shared


def test_a_bump_in_only_one_place_is_caught(tmp_path: Path) -> None:
    checkout = ACTION_PINS["checkout"]
    _, sha, _ = parse(checkout)
    bumped = checkout.replace(sha, "1" * 40)
    (tmp_path / "ci.yml").write_text(f"jobs:\n  a:\n    steps:\n      - uses: {bumped}\n")
    problems = drift(ACTION_PINS, own_pins(tmp_path))
    assert problems == [f"actions/checkout: extension {checkout!r}, workflows [{bumped!r}]"]


RENOVATE = REPO_ROOT / ".github" / "renovate.json"
UPDATE_MODULE = REPO_ROOT / "template" / "harness" / "update.py"
# A dependency as a regex manager reports it: name, version and commit (empty for none).
Pin = tuple[str, str, str]


def renovate_config() -> dict[str, Any]:
    config: dict[str, Any] = json.loads(RENOVATE.read_text())
    return config


def js_regex(pattern: str) -> re.Pattern[str]:
    """A Renovate (JavaScript) regex in Python's syntax: ``(?<name>`` is ``(?P<name>``."""
    return re.compile(re.sub(r"\(\?<(?=[A-Za-z_])", "(?P<", pattern))


def file_pattern(pattern: str) -> re.Pattern[str]:
    wrapped = re.fullmatch(r"/(.+)/", pattern)
    assert wrapped, f"not a /regex/: {pattern}"
    return js_regex(wrapped[1])


def tracked_files(root: Path) -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files"], cwd=root, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    return [name for name in listed if (root / name).is_file()]


def found_by_regex_managers(config: dict[str, Any], root: Path, names: list[str]) -> set[Pin]:
    """Every dependency the config's custom regex managers find in ``names`` under ``root``."""
    found: set[Pin] = set()
    for manager in config["customManagers"]:
        patterns = [file_pattern(pattern) for pattern in manager["managerFilePatterns"]]
        for name in names:
            if not any(pattern.search(name) for pattern in patterns):
                continue
            text = (root / name).read_text()
            for match_string in manager["matchStrings"]:
                for match in js_regex(match_string).finditer(text):
                    groups = match.groupdict()
                    dependency = groups.get("depName") or manager["depNameTemplate"]
                    found.add(
                        (dependency, groups["currentValue"], groups.get("currentDigest") or "")
                    )
    return found


def copier_pins(path: Path = UPDATE_MODULE) -> dict[str, str]:
    """The ``name==version`` requirements in harness/update.py's COPIER command."""
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "COPIER" for target in node.targets
        ):
            words = [item.value for item in ast.walk(node.value) if isinstance(item, ast.Constant)]
            return dict(str(word).split("==", 1) for word in words if "==" in str(word))
    raise AssertionError(f"{path} has no COPIER command")


def pins_outside_the_workflows() -> set[Pin]:
    expected = {(action, tag, sha) for action, sha, tag in map(parse, ACTION_PINS.values())}
    expected.add(("gitleaks/gitleaks", GITLEAKS_VERSION, ""))
    expected.add(("aquasecurity/trivy", TRIVY_VERSION, ""))
    expected |= {(name, version, "") for name, version in copier_pins().items()}
    return expected


def test_renovate_finds_every_pin_outside_the_workflows() -> None:
    config = renovate_config()
    assert "custom.regex" in config["enabledManagers"]
    found = found_by_regex_managers(config, REPO_ROOT, tracked_files(REPO_ROOT))
    assert pins_outside_the_workflows() - found == set()


def test_a_pin_written_in_another_shape_is_caught(tmp_path: Path) -> None:
    """A pin the regexes would not match is reported, not silently left to go stale."""
    name = "extensions/harness.py"
    (tmp_path / "extensions").mkdir()
    sha = "a" * 40
    (tmp_path / name).write_text(
        f'"good": "actions/cache@{sha} # v4.2.0",\n"bad": "actions/cache@{sha}  # 4.2.0",\n'
    )
    found = found_by_regex_managers(renovate_config(), tmp_path, [name])
    assert found == {("actions/cache", "v4.2.0", sha)}


def test_one_pull_request_moves_every_place_a_dependency_is_pinned() -> None:
    """Renovate groups what two places pin, so tests/test_pins.py passes on its pull request."""
    rules = renovate_config()["packageRules"]
    grouped = {
        name
        for rule in rules
        if rule.get("groupName")
        for name in (*rule.get("matchDatasources", []), *rule.get("matchPackageNames", []))
    }
    # Action pins (the workflows' and ACTION_PINS) are github-tags; Copier is in uv.lock and
    # harness/update.py.
    assert {"github-tags", "copier", "copier-template-extensions"} <= grouped


def test_the_copier_projects_run_is_the_one_the_tests_run() -> None:
    lock = tomllib.loads((REPO_ROOT / "uv.lock").read_text())
    locked = {package["name"]: package["version"] for package in lock["package"]}
    pins = copier_pins()
    assert set(pins) == {"copier", "copier-template-extensions"}
    assert {name: locked[name] for name in pins} == pins


def test_a_gitleaks_version_without_its_checksum_stops_the_render() -> None:
    assert gitleaks_pin() == GITLEAKS
    assert GITLEAKS["sha256"] == GITLEAKS_SHA256[GITLEAKS_VERSION]
    with pytest.raises(ValueError, match=r"no SHA-256 for gitleaks 9\.99\.0: add the checksum"):
        gitleaks_pin("9.99.0")


def test_renovate_watches_every_lockfile_of_the_template_repository() -> None:
    config = renovate_config()
    assert {"github-actions", "pep621", "npm"} <= set(config["enabledManagers"])
    ignored = config.get("ignorePaths", [])
    names = tracked_files(REPO_ROOT)
    locks = [name for name in names if name.endswith("package-lock.json")]
    assert "uv.lock" in names
    assert locks
    for lock in locks:
        # Renovate's npm manager reads the package.json beside each lockfile.
        assert lock.replace("package-lock.json", "package.json") in names
        assert not any(fnmatch.fnmatch(lock, pattern) for pattern in ignored), lock
    assert not (REPO_ROOT / ".github" / "dependabot.yml").exists(), "two bots, twice the PRs"
