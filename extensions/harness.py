"""Derived values and validators for the Harness template.

Copier loads this file through copier-template-extensions (see ``_jinja_extensions`` in
``copier.yml``). It holds two Jinja extensions and the plain functions behind them:

* ``HarnessFilters`` registers filters used by ``copier.yml`` and the templates: defaults that
  chain (``slugify``, ``identifier``, ``from_git_config``), validators that return one clear
  sentence or ``""``, and one escaping filter per output language (``py_str``, ``toml_str``,
  ``yaml_str``, ``json_str``, ``md_text``, ``html_text``). Every answer that reaches a generated
  file goes through the filter for that file's language, so no answer can change its structure.
* ``HarnessContext`` adds derived values to the render context, most importantly
  ``ci_jobs``: the one list of CI jobs from which the rendered project's workflows, branch
  protection and local CI are all generated.

Keep this module small, typed and backward compatible: ``copier update`` renders the *old*
template version with whatever version of this file it ships, in the same process as the new
one, so nothing here may rely on module-level state shared between renders.
"""

from __future__ import annotations

import json
import keyword
import re
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from functools import cache
from importlib.util import module_from_spec, spec_from_file_location
from pathlib import Path
from types import ModuleType
from typing import Any

from copier_template_extensions import ContextHook
from jinja2 import Environment
from jinja2.ext import Extension
from markupsafe import escape

# ---------------------------------------------------------------------------------------------
# Derived defaults


def slugify(value: str) -> str:
    """Turn a human project name into a lowercase, DNS-safe slug: ``"My API!"`` -> ``"my-api"``.

    At most 63 characters (a DNS label), so that any accepted name gives a valid default slug.
    """
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:63].strip("-")


# The longest package name the template's code has room for: the rendered Python keeps within
# ruff's 100 columns with it (tests/test_render.py renders it and runs ruff to prove that).
MAX_PACKAGE_NAME = 24


def identifier(value: str) -> str:
    """Turn a project name into a Python package name: ``"My API"`` -> ``"my_api"``.

    Cut to ``MAX_PACKAGE_NAME`` characters, so that any accepted name gives a valid default.
    """
    name = slugify(value).replace("-", "_")
    name = f"app_{name}" if name[:1].isdigit() else name
    return name[:MAX_PACKAGE_NAME].rstrip("_")


# ---------------------------------------------------------------------------------------------
# Validators: each returns "" for a good answer, or one sentence that tells the user what to fix.

_SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
_GITHUB_HANDLE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")
_TEAM = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9_-]{0,98}[A-Za-z0-9])?$")
_REPOSITORY = re.compile(r"^[A-Za-z0-9._-]{1,100}$")
# The addresses people use in practice: no quoting, comments or characters that mean something
# in Markdown, TOML or a shell, so the address is safe wherever it is written.
_EMAIL = re.compile(
    r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+$"
)

# Longest accepted free-text answers: a name fits a heading and a browser tab; a description is
# one sentence (GitHub cuts repository descriptions at 350 characters).
MAX_LENGTH = {"project name": 80, "description": 300, "author name": 100}

# Characters that are invisible or reorder the text around them, and so can make a name look
# like something it is not (CVE-2021-42574, "Trojan Source"). Most are Unicode format
# characters (category Cf), which the check below refuses as a class; these are named because
# the bidirectional ones are the ones attackers use.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def shown(value: str, limit: int = 60) -> str:
    """An answer as a refusal quotes it: invisible characters spelt out, long ones cut short."""
    text = value if value.isprintable() else ascii(value)[1:-1]
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _character_name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, '(unnamed)')}"


def text_problem(value: str, what: str) -> str:
    """One line of visible text: no control, invisible or direction-changing characters.

    ``what`` names the answer in the sentence ("The project name ...").
    """
    if not value.strip():
        return f"The {what} must not be empty."
    for char in value:
        category = unicodedata.category(char)
        if char in "\r\n\u2028\u2029\x85" or category in {"Zl", "Zp"}:
            return f"The {what} must be a single line."
        if char in BIDI_CONTROLS:
            return (
                f"The {what} contains {_character_name(char)}, which reorders the text around "
                "it; remove it."
            )
        if category == "Cc":
            return f"The {what} contains the control character {_character_name(char)}; remove it."
        if category in {"Cf", "Cs", "Co", "Cn"}:
            return (
                f"The {what} contains the invisible or unassigned character "
                f"{_character_name(char)}; remove it."
            )
        if category == "Zs" and char != " ":
            return f"The {what} contains {_character_name(char)}; use ordinary spaces."
    if value != value.strip() or "  " in value:
        return f"The {what} must not start or end with a space or contain two spaces in a row."
    limit = MAX_LENGTH.get(what)
    if limit is not None and len(value) > limit:
        return f"The {what} must be at most {limit} characters long (it has {len(value)})."
    return ""


def path_problem(value: str) -> str:
    """Answers that become file or directory names must not escape the project."""
    if "/" in value or "\\" in value:
        return "This answer becomes a path, so it must not contain '/' or '\\'."
    if ".." in value:
        return "This answer becomes a path, so it must not contain '..'."
    return ""


def project_name_problem(value: str) -> str:
    """The project name is free text, but it must give a usable slug."""
    if problem := text_problem(value, "project name"):
        return problem
    if not slugify(value):
        return "The project name must contain at least one ASCII letter or digit."
    return ""


def description_problem(value: str) -> str:
    """One sentence of free text: it becomes package metadata and the README's first line."""
    return text_problem(value, "description")


def author_name_problem(value: str) -> str:
    """A person's or a team's name, written into the license and the package metadata."""
    return text_problem(value, "author name")


# ---------------------------------------------------------------------------------------------
# Names the project already uses

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "template"
# Every distribution a rendered project locks, and every module they install, with all options
# on and either LLM provider. A name on this list cannot be the project's own. The full tier
# (tests/test_answers_property.py) renders, locks and installs those projects and fails when a
# name is missing here; the direct dependencies are read from the template on top.
LOCKED_NAMES_FILE = Path(__file__).resolve().parent / "locked_names.txt"
# Directories and commands of the project itself; a package of the same name would be imported
# in their place (or they in its).
PROJECT_NAMES = frozenset(
    {"harness", "tests", "frontend", "docs", "src", "conftest", "site", "uv", "git", "node"}
)
# A quoted requirement with a version specifier: `"fastapi>=0.165"`, `"uvicorn[standard]>=0.54"`.
_REQUIREMENT = re.compile(r'"([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*[<>=!~]')


def normalise(name: str) -> str:
    """PEP 503: distribution names compare lowercase, with runs of '-', '_' and '.' as '-'."""
    return re.sub(r"[-_.]+", "-", name).lower()


@cache
def dependency_names(template_dir: Path = TEMPLATE_DIR) -> frozenset[str]:
    """Normalised names of every dependency, tool and module a rendered project installs.

    The direct ones come from ``template/pyproject.toml.jinja`` itself (every option's branch), so
    a dependency added there is refused at once; the rest from ``locked_names.txt``.
    """
    names: set[str] = set()
    pyproject = template_dir / "pyproject.toml.jinja"
    if pyproject.is_file():
        names |= {normalise(match) for match in _REQUIREMENT.findall(pyproject.read_text())}
    if LOCKED_NAMES_FILE.is_file():
        for line in LOCKED_NAMES_FILE.read_text().splitlines():
            if line.strip() and not line.startswith("#"):
                names.add(normalise(line.strip()))
    return frozenset(names)


def shadow_problem(value: str, what: str) -> str:
    """A name the project already uses for something else, said in one sentence."""
    name = normalise(value)
    if name in {normalise(own) for own in PROJECT_NAMES}:
        return f"'{shown(value)}' is a name the project's own tooling uses; choose another {what}."
    if name in dependency_names():
        return (
            f"'{shown(value)}' is the name of a package the project depends on or installs, so "
            f"the project would shadow it (and `uv lock` would fail); choose another {what}."
        )
    return ""


def slug_problem(value: str) -> str:
    """The slug names the distribution, the image and the compose service."""
    if problem := path_problem(value):
        return problem
    if not _SLUG.fullmatch(value):
        return (
            f"'{shown(value)}' is not a valid slug: use 1-63 lowercase letters, digits and "
            "hyphens, starting and ending with a letter or digit (it must be DNS-safe)."
        )
    return shadow_problem(value, "slug")


def package_name_problem(value: str) -> str:
    """The package name becomes ``src/<package_name>`` and every import in the project."""
    if problem := path_problem(value):
        return problem
    if not value.isidentifier() or not value.isascii():
        return (
            f"'{shown(value)}' is not a valid Python identifier: use letters, digits and "
            "underscores."
        )
    if len(value) > MAX_PACKAGE_NAME:
        return (
            f"'{shown(value)}' is too long for a package name: use at most {MAX_PACKAGE_NAME} "
            "characters."
        )
    if keyword.iskeyword(value) or keyword.issoftkeyword(value):
        return (
            f"'{shown(value)}' is a Python keyword, so it cannot be imported; choose another name."
        )
    if value != value.lower():
        return f"'{shown(value)}' must be lowercase (PEP 8 package names are lowercase)."
    if value in sys.stdlib_module_names:
        return f"'{shown(value)}' would shadow the standard-library module of the same name."
    return shadow_problem(value, "package name")


def email_problem(value: str) -> str:
    """A plausible address: one '@', a dotted domain, no spaces."""
    if not _EMAIL.fullmatch(value):
        return (
            f"'{shown(value)}' does not look like an email address (expected name@example.com, "
            "with letters, digits and . _ % + - before the @)."
        )
    return ""


def github_handle_problem(value: str) -> str:
    """GitHub user and organisation names: 1-39 alphanumerics and single inner hyphens."""
    if problem := path_problem(value):
        return problem
    if not _GITHUB_HANDLE.fullmatch(value):
        return (
            f"'{shown(value)}' is not a valid GitHub handle: use at most 39 letters, digits and "
            "single hyphens, not starting or ending with a hyphen."
        )
    return ""


def code_owner_problem(value: str) -> str:
    """One or more CODEOWNERS owners, separated by spaces: ``@user`` or ``@org/team``."""
    owners = value.split(" ")
    if not value.strip() or "" in owners:
        return (
            "Give one or more code owners separated by single spaces, e.g. @alice @acme/platform."
        )
    for owner in owners:
        handle, _, team = owner.removeprefix("@").partition("/")
        if (
            not owner.startswith("@")
            or not _GITHUB_HANDLE.fullmatch(handle)
            or (owner.count("/") == 1 and not _TEAM.fullmatch(team))
            or owner.count("/") > 1
        ):
            return (
                f"'{shown(owner)}' is not a code owner GitHub accepts: write @user for a person or "
                "@org/team for a team (an organisation alone cannot own code)."
            )
    return ""


def repository_problem(value: str) -> str:
    """GitHub repository names: letters, digits, '.', '-' and '_', never '.' or '..'."""
    if problem := path_problem(value):
        return problem
    if not _REPOSITORY.fullmatch(value) or value in {".", ".."}:
        return (
            f"'{shown(value)}' is not a valid GitHub repository name: use at most 100 letters, "
            "digits, '.', '-' and '_'."
        )
    return ""


def coverage_problem(value: object) -> str:
    """The coverage gate is a whole percentage between 50 and 100."""
    if isinstance(value, bool) or not isinstance(value, int) or not 50 <= value <= 100:
        return f"The coverage threshold must be a whole number from 50 to 100, not {value!r}."
    return ""


# ---------------------------------------------------------------------------------------------
# Coding agents

# The agents whose hook configuration the template can render, in the order the question shows
# them. Every one of them calls the same guard package in .claude/hooks/.
AGENTS: tuple[str, ...] = ("claude", "codex", "gemini", "cursor", "copilot")
DEFAULT_AGENTS: tuple[str, ...] = ("claude", "codex")
AGENT_NAMES: dict[str, str] = {
    "claude": "Claude Code",
    "codex": "Codex",
    "gemini": "Gemini CLI",
    "cursor": "Cursor",
    "copilot": "GitHub Copilot",
}


def agent_names(agents: object) -> list[str]:
    """The product names of the selected agents, for the rendered docs."""
    items = agents if isinstance(agents, list | tuple) else []
    return [AGENT_NAMES[agent] for agent in items if agent in AGENT_NAMES]


def pick(keys: object, mapping: dict[str, str]) -> list[str]:
    """``mapping``'s value for each of ``keys`` that it holds, in the order of ``keys``."""
    items = keys if isinstance(keys, list | tuple) else []
    return [mapping[key] for key in items if key in mapping]


def prose_list(items: object) -> str:
    """``a``, ``a and b``, ``a, b and c``: a list the way a sentence names it."""
    words = [str(item) for item in items] if isinstance(items, list | tuple) else [str(items)]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def agents_problem(value: object) -> str:
    """The agent selection is a list of known agent names; an empty list means no agent."""
    items = value if isinstance(value, list | tuple) else [value]
    unknown = [str(item) for item in items if item not in AGENTS]
    if unknown:
        return (
            f"'{shown(unknown[0])}' is not an agent the template configures: choose from "
            f"{', '.join(AGENTS)}."
        )
    return ""


def agents_default(dst_path: object, answers_file: object) -> list[str]:
    """The default selection: Claude Code and Codex, or every agent for an existing project.

    A project rendered before the question existed got all five configurations. Its answers
    file is already in the destination when ``copier update`` asks the new question (an answer
    recorded there wins over this default), so such a project keeps all five rather than
    losing the hooks of agents its team may use.
    """
    existing = Path(str(dst_path), str(answers_file)).is_file()
    return list(AGENTS if existing else DEFAULT_AGENTS)


# ---------------------------------------------------------------------------------------------
# Defaults from git

GIT_TIMEOUT_SECONDS = 2.0
_GIT_KEYS: dict[str, Callable[[str], str]] = {
    "user.name": author_name_problem,
    "user.email": email_problem,
}


def from_git_config(key: str, default: str) -> str:
    """The value git has for ``key`` (``user.name``, ``user.email``), else ``default``.

    A question default, so it must never fail: git may be missing, slow, unconfigured or hold a
    value the question's own validator refuses; each of those gives ``default``.
    """
    check = _GIT_KEYS.get(key)
    if check is None:
        return default
    try:
        # git from PATH, as the user's shell finds it; the argv is fixed but for a known key.
        completed = subprocess.run(  # noqa: S603
            ["git", "config", "--get", key],  # noqa: S607
            capture_output=True,
            text=True,
            timeout=GIT_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.SubprocessError, UnicodeDecodeError):
        return default
    value = completed.stdout.strip()
    if completed.returncode != 0 or not value or check(value):
        return default
    return value


# ---------------------------------------------------------------------------------------------
# Escaping: one filter per output language. Each returns text that, pasted where its language
# expects a value, reads back as exactly the answer.


def _python_escape(char: str, quote: str) -> str:
    if char in {"\\", quote}:
        return "\\" + char
    if " " <= char <= "~":
        return char
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def py_str(value: object) -> str:
    """A Python string literal, quoted the way ``ruff format`` leaves it, in ASCII only.

    Non-ASCII characters become escapes, so that ruff's confusable-character rules (RUF001) can
    never fire on a name with a typographic apostrophe; the value Python reads is still the answer.
    """
    text = str(value)
    quote = "'" if text.count('"') > text.count("'") else '"'
    return quote + "".join(_python_escape(char, quote) for char in text) + quote


LINE_LENGTH = 100  # the rendered project's ruff line-length


def ruff_overlong(line: str, limit: int = LINE_LENGTH) -> bool:
    """Whether ruff's E501 reports this ASCII line (given without its pragma comment).

    Ruff ignores an overlong line that is a single word, or whose last word is a URL starting
    within the limit; a ``# noqa: E501`` on such a line is itself an error (RUF100). So a template
    adds the pragma exactly when this says ruff would complain.
    """
    if len(line) <= limit:
        return False
    words = line.split()
    if len(words) < 2:
        return False
    return not ("://" in words[-1] and len(line) - len(words[-1]) <= limit)


def toml_str(value: object) -> str:
    """A TOML basic string (double-quoted, with TOML's escapes)."""
    out = []
    for char in str(value):
        if char in {"\\", '"'}:
            out.append("\\" + char)
        elif unicodedata.category(char) == "Cc" or char == "\x7f":
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


# Characters a JSON string may hold raw but a script must not see raw: ``<`` could close an
# inline ``<script>`` (``</script>``) or open a comment, ``>`` and ``&`` matter to HTML and XML
# around the script, and U+2028/U+2029 end a line in JavaScript before ES2019.
_SCRIPT_UNSAFE = str.maketrans({char: f"\\u{ord(char):04x}" for char in "<>&\u2028\u2029"})


def json_str(value: object) -> str:
    """A JSON string that is also a safe JavaScript and TypeScript string literal.

    Characters a script must not hold raw become ``\\uXXXX`` escapes, which every JSON and
    JavaScript parser reads back as the same character.
    """
    return json.dumps(str(value), ensure_ascii=False).translate(_SCRIPT_UNSAFE)


def yaml_str(value: object) -> str:
    """A YAML double-quoted scalar: JSON's string syntax, which YAML reads the same way."""
    return json.dumps(str(value), ensure_ascii=False)


_MARKDOWN_SPECIAL = frozenset("\\`*_{}[]<>#|!~&$")
_MARKDOWN_BLOCK_START = re.compile(r"^(?:[-+=]|\d+[.)])")


def md_text(value: object) -> str:
    """Markdown that displays as exactly the text: punctuation with a meaning is escaped.

    Inline markup (emphasis, code, links, HTML, tables) is escaped everywhere; a line start that
    would open a list, a numbered list or a heading underline is escaped too.
    """
    text = "".join("\\" + char if char in _MARKDOWN_SPECIAL else char for char in str(value))
    return _MARKDOWN_BLOCK_START.sub(_escape_block_start, text)


def _escape_block_start(match: re.Match[str]) -> str:
    marker = match.group(0)
    return marker[:-1] + "\\" + marker[-1] if marker[0].isdigit() else "\\" + marker


def html_text(value: object) -> str:
    """HTML text: ``& < > " '`` as character references."""
    return str(escape(str(value)))


# ---------------------------------------------------------------------------------------------
# The one list of CI jobs

# Every third-party action the rendered workflows use, pinned to a full commit SHA. One place to
# bump them; the comment after the SHA is the release it corresponds to.
ACTION_PINS = {
    "checkout": "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1",
    "setup-uv": "astral-sh/setup-uv@20cfd1bf945f4377ade1205e4dbc17946fc9a30d # v10.0.1",
    "setup-node": "actions/setup-node@820762786026740c76f36085b0efc47a31fe5020 # v7.0.0",
    "upload-artifact": (
        "actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02 # v4.6.2"
    ),
    "download-artifact": (
        "actions/download-artifact@d3f86a106a0bac45b974a628896c90dbdf5c8093 # v4.3.0"
    ),
    "semantic-pr": (
        "amannn/action-semantic-pull-request@48f256284bd46cdaab1048c3721360e808335d50 # v6.1.1"
    ),
    "setup-trivy": "aquasecurity/setup-trivy@3fb12ec12f41e471780db15c232d5dd185dcb514 # v0.2.6",
    "setup-buildx": "docker/setup-buildx-action@e468171a9de216ec08956ac3ada2f0791b6bd435 # v3.11.1",
    "docker-login": "docker/login-action@5e57cd118135c172c3672efd75eb46360885c0ef # v3.6.0",
    "build-push": "docker/build-push-action@53b7df96c91f9c12dcc8a07bcb9ccacbed38856a # v7.3.0",
    "attest-provenance": (
        "actions/attest-build-provenance@977bb373ede98d70efdf65b84cb5f73e068dcc2a # v3.0.0"
    ),
}

# gitleaks is installed from its release archive, verified against the SHA-256 recorded for its
# version. Renovate moves GITLEAKS_VERSION (.github/renovate.json); the checksum of a new version
# comes by hand from that release's checksums file, and until it is here no project renders.
GITLEAKS_VERSION = "8.30.1"
GITLEAKS_SHA256 = {
    "8.30.1": "551f6fc83ea457d62a0d98237cbad105af8d557003051f41f3e7ca7b3f2470eb",
}


def gitleaks_pin(version: str = GITLEAKS_VERSION) -> dict[str, str]:
    """The gitleaks version the projects install, with its archive's checksum."""
    if version not in GITLEAKS_SHA256:
        raise ValueError(
            f"no SHA-256 for gitleaks {version}: add the checksum of "
            f"gitleaks_{version}_linux_x64.tar.gz, from the release's checksums file, to "
            "GITLEAKS_SHA256 in extensions/harness.py"
        )
    return {"version": version, "sha256": GITLEAKS_SHA256[version]}


GITLEAKS = gitleaks_pin()
TRIVY_VERSION = "v0.69.3"


@dataclass(frozen=True)
class CiJob:
    """One CI job: the same entry point runs on GitHub and in the local CI.

    ``key`` is the local task (``uv run -m harness <key>``); ``name`` is the job's fixed
    ``name:`` in the workflow, which is also its required-check context in branch protection.
    ``needs_network`` jobs run for real on GitHub and show as skipped in an offline local run.
    The fields match the rendered ``harness/jobs.py``'s ``Job``, and ``harness/generate.py``
    (which writes the workflow jobs, protection files and job table) reads either.
    """

    key: str
    name: str
    workflow: str
    needs_network: bool = False
    toolchain: str = "python"  # python | node | python+node
    timeout_minutes: int = 10
    # Local ordering only: the local runner starts this job once these have passed. On GitHub
    # every job runs on its own machine and prepares what it needs itself.
    needs: tuple[str, ...] = ()
    # Needs a PostgreSQL server: locally the job starts a throw-away one from the machine's
    # binaries; on GitHub the workflow job gets a PostgreSQL service container.
    database: bool = False
    # What the job checks, in a few words (the rendered README's job table).
    summary: str = ""
    # What `uv run -m harness <key>` runs: argv lists, one after another; "python" is the
    # project's interpreter.
    steps: tuple[tuple[str, ...], ...] = ()
    # GitHub-only steps (YAML, one list item per step) between the setup and the entry point.
    github_steps: str = ""
    # Check out the whole history on GitHub (the secret scan reads every commit).
    full_history: bool = False
    # The workflow job is written by hand, not generated (the PR-title check uses an action).
    handwritten: bool = False


BUILT = ("frontend-build",)  # installs node_modules and builds dist/ for the jobs after it


def module(name: str, *arguments: str) -> tuple[str, ...]:
    """A step that runs ``python -m name arguments`` with the project's interpreter."""
    return ("python", "-m", name, *arguments)


PYTEST = module("pytest", "-q", "-p", "no:cacheprovider")

# The GitHub-only steps some jobs need: tools a hosted runner lacks.
PLAYWRIGHT_STEPS = """\
# Locally the E2E job uses a system Chromium; a hosted runner downloads Playwright's own.
- name: Install Playwright's Chromium
  run: npm ci --prefix frontend && npx --prefix frontend playwright install --with-deps chromium
"""


def gitleaks_steps(version: str, sha256: str) -> str:
    """Install gitleaks from its release archive, verified against its SHA-256."""
    return f"""\
- name: Install gitleaks {version}, verified by checksum
  env:
    GITLEAKS_VERSION: "{version}"
    GITLEAKS_SHA256: "{sha256}"
  run: |
    archive="gitleaks_${{GITLEAKS_VERSION}}_linux_x64.tar.gz"
    curl -fsSL -o "$RUNNER_TEMP/$archive" \\
      "https://github.com/gitleaks/gitleaks/releases/download/v${{GITLEAKS_VERSION}}/$archive"
    echo "${{GITLEAKS_SHA256}}  $RUNNER_TEMP/$archive" | sha256sum --check --strict
    tar -xzf "$RUNNER_TEMP/$archive" -C "$RUNNER_TEMP" gitleaks
    sudo install -m 0755 "$RUNNER_TEMP/gitleaks" /usr/local/bin/gitleaks
"""


def trivy_steps(action: str, version: str) -> str:
    """Install Trivy with Aqua's pinned action."""
    return f"- uses: {action}\n  with:\n    version: {version}\n"


def ci_jobs(*, frontend: bool, agent: bool, container: bool, database: bool = False) -> list[CiJob]:
    """Every CI job that exists for the chosen options, in the order CI shows them."""
    del agent  # the agent adds code and tests, not jobs; kept so callers need not change
    tests = (
        # The tests run against a real PostgreSQL that harness.database starts (or finds on
        # GitHub).
        (module("harness.database", "run", "--", *PYTEST),) if database else (PYTEST,)
    )
    checks = [
        CiJob(
            "lint",
            "Lint & Format",
            "ci",
            summary="ruff's lint rules and formatting",
            steps=(("ruff", "check", "."), ("ruff", "format", "--check", ".")),
        ),
        CiJob("typecheck", "Type Check", "ci", summary="mypy --strict", steps=(("mypy",),)),
        CiJob(
            "architecture",
            "Architecture",
            "ci",
            summary="the layering contracts (import-linter)",
            steps=(("lint-imports",),),
        ),
        CiJob(
            "tests",
            "Unit tests + coverage",
            "ci",
            timeout_minutes=15,
            database=database,
            summary="the test suite and the coverage gate"
            + (", against a real PostgreSQL" if database else ""),
            steps=tests,
        ),
        # Locally after Type Check: its mypy hook then reuses the warm .mypy_cache.
        CiJob(
            "pre-commit",
            "Pre-commit",
            "ci",
            needs=("typecheck",),
            # Every hook on every file: a local `SKIP=...` cannot bypass CI.
            summary="every pre-commit hook on every file",
            steps=(("pre-commit", "run", "--all-files", "--show-diff-on-failure"),),
        ),
    ]
    if frontend:
        checks += [
            CiJob(
                "frontend-build",
                "Frontend Build",
                "ci",
                toolchain="node",
                summary="the frontend builds within its size budget",
                steps=(module("harness.frontend", "build"),),
            ),
            CiJob(
                "frontend-quality",
                "Frontend Quality",
                "ci",
                toolchain="node",
                needs=BUILT,
                summary="the frontend's lint, type check and unit tests",
                steps=(module("harness.frontend", "quality"),),
            ),
            CiJob(
                "api-client",
                "API client drift",
                "ci",
                toolchain="python+node",
                needs=BUILT,
                summary="the TypeScript API client matches the OpenAPI schema",
                steps=(module("harness.frontend", "api-client"),),
            ),
            CiJob(
                "e2e",
                "E2E",
                "ci",
                toolchain="python+node",
                timeout_minutes=15,
                needs=BUILT,
                summary="browser tests against the served app (Playwright)",
                steps=(module("harness.frontend", "e2e"),),
                github_steps=PLAYWRIGHT_STEPS,
            ),
        ]
    if database:
        checks += [
            CiJob(
                "migrations",
                "Migrations match models",
                "ci",
                database=True,
                summary="migrations applied to an empty database give exactly the models",
                steps=(module("harness.database", "migrations"),),
            ),
            CiJob(
                "migrations-downgrade",
                "Migrations downgrade",
                "ci",
                database=True,
                summary="every migration downgrades cleanly and upgrades again",
                steps=(module("harness.database", "migrations-downgrade"),),
            ),
        ]
    if container:
        checks += [
            CiJob(
                "container-lint",
                "Dockerfile lint",
                "ci",
                summary="the Dockerfile (hadolint)",
                steps=(module("harness.container", "lint"),),
            ),
            # Building pulls base images: it needs the network and a Docker engine.
            CiJob(
                "container-build",
                "Container Build",
                "ci",
                True,
                timeout_minutes=20,
                summary="the image builds and serves read-only",
                steps=(module("harness.container", "build"),),
            ),
        ]
    checks += [
        CiJob(
            "protection-sync",
            "Branch-protection contexts sync",
            "ci",
            timeout_minutes=5,
            summary="branch protection requires exactly the checks pull requests produce",
            steps=(module("harness.gates.protection_sync"),),
        ),
        CiJob(
            "commit-types",
            "Commit-type sync",
            "ci",
            timeout_minutes=5,
            summary="the PR-title check allows exactly the commit types commitizen accepts",
            steps=(module("harness.gates.commit_types"),),
        ),
        CiJob(
            "audit-exceptions",
            "pip-audit exceptions",
            "ci",
            timeout_minutes=5,
            summary="pip-audit exceptions are well formed and not past their sunset",
            steps=(module("harness.gates.audit_exceptions"),),
        ),
        CiJob(
            "parity",
            "Local/CI parity",
            "ci",
            timeout_minutes=5,
            summary="the workflows run these jobs, as `uv run -m harness sync` writes them",
            steps=(module("harness.gates.parity"),),
        ),
        # On GitHub the PR title is checked by pr-title.yml; locally, the last commit's subject.
        CiJob(
            "pr-title",
            "Lint PR title",
            "pr-title",
            timeout_minutes=5,
            summary="the pull-request title (locally, the last commit) is a conventional commit",
            steps=(module("harness.commit_title"),),
            handwritten=True,
        ),
    ]
    security = [
        CiJob(
            "secret-scan",
            "Secret scan",
            "security",
            needs_network=True,
            summary="every commit for secrets (gitleaks)",
            steps=(module("harness.gitleaks", "history"),),
            github_steps=gitleaks_steps(GITLEAKS["version"], GITLEAKS["sha256"]),
            full_history=True,
        ),
        CiJob(
            "python-deps",
            "Python deps",
            "security",
            needs_network=True,
            summary="the locked Python dependencies for known vulnerabilities (pip-audit)",
            steps=(module("harness.pip_audit"),),
        ),
    ]
    if frontend:
        security.append(
            CiJob(
                "frontend-deps",
                "Frontend deps",
                "security",
                True,
                "node",
                summary="the npm dependencies for known vulnerabilities (npm audit)",
                steps=(("npm", "audit", "--audit-level=high", "--prefix", "frontend"),),
            )
        )
    if container:
        security.append(
            CiJob(
                "container-scan",
                "Container image scan",
                "security",
                True,
                timeout_minutes=20,
                summary="the built image for known vulnerabilities (Trivy)",
                steps=(module("harness.container", "scan"),),
                github_steps=trivy_steps(ACTION_PINS["setup-trivy"], TRIVY_VERSION),
            )
        )
    return checks + security


# The types `cz check` accepts (commitizen's cz_conventional_commits). pr-title.yml lists the same
# ones; the rendered project's Commit-type sync job asks commitizen itself and fails on drift.
COMMIT_TYPES = (
    "build",
    "bump",
    "chore",
    "ci",
    "docs",
    "feat",
    "fix",
    "perf",
    "refactor",
    "revert",
    "style",
    "test",
)


PROVIDER_CLASSES = {"openai": "OpenAIProvider", "anthropic": "AnthropicProvider"}


def llm_provider_class(provider: str) -> str:
    """The class in ``agent/<provider>_provider.py`` that implements the chosen provider."""
    return PROVIDER_CLASSES.get(provider, "")


def _flag(context: dict[str, Any], name: str) -> bool:
    return bool(context.get(name, False))


@cache
def ci_job_records(
    *, frontend: bool, agent: bool, container: bool, database: bool = False
) -> tuple[dict[str, Any], ...]:
    """``ci_jobs`` as plain dicts for the templates, computed once per option set.

    Copier calls the context hook for every file it renders (hundreds per project); converting
    the jobs each time was a quarter of the render. Templates only read these dicts.
    """
    jobs = ci_jobs(frontend=frontend, agent=agent, container=container, database=database)
    return tuple(asdict(job) for job in jobs)


def derived_values(context: dict[str, Any]) -> dict[str, Any]:
    """Values computed from the answers, added to the render context."""
    jobs = ci_job_records(
        frontend=_flag(context, "include_frontend"),
        agent=_flag(context, "include_agent"),
        container=_flag(context, "include_container"),
        database=_flag(context, "include_database"),
    )
    return {
        "ci_jobs": list(jobs),
        "actions": ACTION_PINS,
        "job_actions": [ACTION_PINS[name] for name in JOB_ACTIONS],
        "gitleaks": GITLEAKS,
        "trivy_version": TRIVY_VERSION,
        "commit_types": COMMIT_TYPES,
        "llm_provider_class": llm_provider_class(str(context.get("llm_provider", ""))),
    }


# ---------------------------------------------------------------------------------------------
# The generated parts of the CI, written by the project's own generator

GENERATOR_FILE = TEMPLATE_DIR / "harness" / "generate.py"
# The actions every generated job may use; `harness sync` keeps a newer pin a workflow has.
JOB_ACTIONS = ("checkout", "setup-uv", "setup-node")


@cache
def generator() -> ModuleType:
    """``template/harness/generate.py``: the code ``uv run -m harness sync`` runs in a project.

    Rendering with it (rather than with Jinja macros of the same layout) means a fresh project
    is exactly what ``sync`` would write. It is loaded by path under a name of its own, so the
    old and new template versions of an update each use their own copy.
    """
    name = f"_harness_generate_{abs(hash(str(GENERATOR_FILE)))}"
    spec = spec_from_file_location(name, GENERATOR_FILE)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {GENERATOR_FILE}")
    loaded = module_from_spec(spec)
    spec.loader.exec_module(loaded)
    return loaded


def _jobs(records: Sequence[dict[str, Any]]) -> list[CiJob]:
    return [CiJob(**record) for record in records]


def workflow_jobs(records: Sequence[dict[str, Any]], workflow: str) -> str:
    """The generated jobs of one workflow, with their marker lines."""
    actions = generator().pins(ACTION_PINS.values())
    return str(generator().workflow_jobs(_jobs(records), workflow, actions))


def required_checks(protection: str, records: Sequence[dict[str, Any]]) -> str:
    """A branch-protection file (rendered JSON) with one required check per job."""
    written = generator().required_checks(protection, _jobs(records))
    return protection if written is None else str(written)


def job_table(records: Sequence[dict[str, Any]]) -> str:
    """The README's job table, with its marker lines."""
    return str(generator().job_table(_jobs(records)))


# ---------------------------------------------------------------------------------------------
# Jinja glue

FILTERS: dict[str, Callable[..., object]] = {
    "slugify": slugify,
    "identifier": identifier,
    "from_git_config": from_git_config,
    "project_name_problem": project_name_problem,
    "description_problem": description_problem,
    "author_name_problem": author_name_problem,
    "slug_problem": slug_problem,
    "package_name_problem": package_name_problem,
    "email_problem": email_problem,
    "github_handle_problem": github_handle_problem,
    "code_owner_problem": code_owner_problem,
    "repository_problem": repository_problem,
    "coverage_problem": coverage_problem,
    "agents_problem": agents_problem,
    "agents_default": agents_default,
    "agent_names": agent_names,
    "prose_list": prose_list,
    "pick": pick,
    # Escaping, by the language of the file the answer lands in.
    "py_str": py_str,
    "ruff_overlong": ruff_overlong,
    "toml_str": toml_str,
    "json_str": json_str,
    "yaml_str": yaml_str,
    "md_text": md_text,
    "html_text": html_text,
    # The generated parts of the CI.
    "workflow_jobs": workflow_jobs,
    "required_checks": required_checks,
    "job_table": job_table,
}


class HarnessFilters(Extension):
    """Registers the filters above with Copier's Jinja environment."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.filters.update(FILTERS)


class HarnessContext(ContextHook):
    """Adds derived values once the answers they depend on exist.

    The hook runs for every template Copier renders, question defaults included, so it must
    tolerate a context without answers.
    """

    def hook(self, context: dict[str, Any]) -> None:
        if "include_frontend" in context:
            context.update(derived_values(context))
