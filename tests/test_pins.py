"""Action pins: the extension and the template's own workflows name the same commit per action.

Dependabot (``.github/dependabot.yml``) updates the template's own workflows; the rendered
projects' pins live in ``extensions/harness.py``, where it cannot reach. This test makes a bump
in one place fail until the other matches, so neither can quietly fall behind.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from extensions.harness import ACTION_PINS

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


def test_dependabot_watches_every_lockfile_of_the_template_repository() -> None:
    config = yaml.safe_load((REPO_ROOT / ".github" / "dependabot.yml").read_text())
    watched: dict[str, set[str]] = {}
    for update in config["updates"]:
        directories = update.get("directories", [update.get("directory")])
        watched.setdefault(update["package-ecosystem"], set()).update(directories)
    assert "/" in watched["github-actions"]
    assert "/" in watched["uv"]
    assert (REPO_ROOT / "uv.lock").is_file()
    npm_locks = {
        "/" + lock.parent.relative_to(REPO_ROOT).as_posix()
        for lock in (REPO_ROOT / "tests" / "tools").rglob("package-lock.json")
        if "node_modules" not in lock.parts
    }
    assert npm_locks
    assert npm_locks == watched["npm"]
