"""Generate docs/options.md, the table of Harness's questions, from copier.yml.

    uv run python docs/generate_options.py            # print the page
    uv run python docs/generate_options.py --write    # rewrite docs/options.md
    uv run python docs/generate_options.py --check    # exit 1 with a diff if the page is stale

Defaults written as Jinja (``"{{ project_name | slugify }}"``) are described from the expression
("from `project_name` via `slugify`"), never evaluated, so the page needs neither Copier nor the
template's extensions. ``tests/test_docs.py`` keeps the page and copier.yml in step.
"""

from __future__ import annotations

import argparse
import difflib
import html
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, nodes
from jinja2.exceptions import TemplateSyntaxError

ROOT = Path(__file__).resolve().parent.parent
COPIER_YML = ROOT / "copier.yml"
OPTIONS_MD = ROOT / "docs" / "options.md"

# The types Copier accepts; a question without `type` gets its default's type, else "yaml".
COPIER_TYPES = ("bool", "float", "int", "json", "path", "str", "yaml")

HEADER = """\
# Options

<!-- Generated from copier.yml by docs/generate_options.py: edit those, not this page. -->

Copier asks these questions when you render a project, in this order. Press Enter to keep a
default, pass `--defaults` to keep all of them, or give answers on the command line with
`--data question=value` (repeat it for several answers). Every answer is checked before anything
is written: a bad one stops the render with a sentence that says what to fix.

Copier records your answers in `.copier-answers.yml`, and `copier update` reuses them. To change
one later, see [Update a project](update.md#change-an-answer).

"""

PIPE = "&#124;"  # a literal | would end a table cell
COLUMNS = ("question", "type", "default", "choices", "asked when", "help")


@dataclass(frozen=True)
class Question:
    """One question of copier.yml, described in words rather than evaluated."""

    name: str
    type: str
    default: str
    choices: str
    when: str
    help: str

    def cells(self) -> tuple[str, ...]:
        return (f"`{self.name}`", self.type, self.default, self.choices, self.when, self.help)


def _inline_code(text: str) -> str:
    """Inline code that is safe in a table cell for MkDocs and for GitHub alike.

    A ``|`` would split the cell on GitHub even inside backticks, so such text becomes an HTML
    ``<code>`` element with the pipe written as an entity.
    """
    if "|" not in text:
        return f"`{text}`"
    return "<code>" + html.escape(text).replace("|", PIPE) + "</code>"


def _code(value: object) -> str:
    """A YAML scalar as inline code, spelt the way you would type it in `--data`."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif value is None:
        text = "null"
    else:
        text = str(value)
    return _inline_code(text)


def _is_jinja(value: object) -> bool:
    return isinstance(value, str) and ("{{" in value or "{%" in value)


def _ordered_unique(items: Iterator[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _filters_applied(node: nodes.Node) -> Iterator[str]:
    """Filter names in the order they apply: ``a | f | g`` gives f, then g."""
    for child in node.iter_child_nodes():
        yield from _filters_applied(child)
    if isinstance(node, nodes.Filter) and node.name:
        yield node.name


def _describe_expression(template: str) -> str:
    """Words for a Jinja default: the answers it is computed from and the filters it applies."""
    try:
        # Parsed only, never rendered, so autoescaping is irrelevant; it is on to say so.
        tree = Environment(autoescape=True).parse(template)
    except TemplateSyntaxError:
        return "computed by the template"
    names = _ordered_unique(
        node.name for node in tree.find_all(nodes.Name) if not node.name.startswith("_")
    )
    filters = _ordered_unique(_filters_applied(tree))
    if not names:
        return "computed by the template"
    text = "from " + ", ".join(f"`{name}`" for name in names)
    if filters:
        text += " via " + ", ".join(f"`{name}`" for name in filters)
    return text


def _describe_condition(when: object) -> str:
    """The `when:` setting in words: always, never, or the condition itself."""
    if when is None or when is True:
        return "always"
    if when is False:
        return "never (the default is used)"
    text = str(when).strip()
    if text.startswith("{{") and text.endswith("}}"):
        text = text[2:-2].strip()
    return "if " + _inline_code(text)


def _choice_values(choices: object) -> str:
    """The values a user may pick; for `label: value` choices, the values only."""
    if isinstance(choices, Mapping):
        values: list[object] = [
            choice["value"] if isinstance(choice, Mapping) and "value" in choice else choice
            for choice in choices.values()
        ]
    elif isinstance(choices, list):
        values = list(choices)
    elif choices is None:
        return ""
    else:  # a Jinja expression that computes the choices
        return "computed by the template"
    return ", ".join(_code(value) for value in values)


def _type_name(spec: Mapping[str, Any]) -> str:
    declared = spec.get("type")
    if declared:
        name = str(declared)
    else:
        inferred = type(spec.get("default")).__name__
        name = inferred if inferred in COPIER_TYPES else "yaml"
    if spec.get("multiselect"):
        name += " (several)"
    return name


def _one_line(text: object) -> str:
    return " ".join(str(text).split()).replace("|", PIPE)


def question(name: str, spec: object) -> Question:
    """Describe one entry of copier.yml; a bare value is a question with only a default."""
    settings: Mapping[str, Any] = spec if isinstance(spec, Mapping) else {"default": spec}
    if "default" not in settings:
        default = "none"
    elif _is_jinja(settings["default"]):
        default = _describe_expression(str(settings["default"]))
    else:
        default = _code(settings["default"])
    return Question(
        name=name,
        type=_type_name(settings),
        default=default,
        choices=_choice_values(settings.get("choices")),
        when=_describe_condition(settings.get("when")),
        help=_one_line(settings.get("help", "")),
    )


def load_questions(copier_yml: Path) -> list[Question]:
    """Every question of ``copier_yml`` in file order; ``_``-prefixed settings are skipped."""
    loaded = yaml.safe_load(copier_yml.read_text(encoding="utf-8")) or {}
    if not isinstance(loaded, Mapping):
        raise ValueError(f"{copier_yml} does not hold a mapping of questions.")
    return [
        question(str(name), spec) for name, spec in loaded.items() if not str(name).startswith("_")
    ]


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def render_page(copier_yml: Path = COPIER_YML) -> str:
    """The complete Markdown of the options page for ``copier_yml``."""
    lines = [_row(COLUMNS), _row(["---"] * len(COLUMNS))]
    lines += [_row(item.cells()) for item in load_questions(copier_yml)]
    return HEADER + "\n".join(lines) + "\n"


def diff(expected: str, actual: str, page: Path = OPTIONS_MD) -> str:
    """A unified diff from the page on disk (``actual``) to what it should be (``expected``)."""
    return "".join(
        difflib.unified_diff(
            actual.splitlines(keepends=True),
            expected.splitlines(keepends=True),
            fromfile=f"{page} (on disk)",
            tofile=f"{page} (from copier.yml)",
        )
    )


def check(copier_yml: Path = COPIER_YML, page: Path = OPTIONS_MD) -> str:
    """The diff that would bring ``page`` in line with ``copier_yml``; empty when it is current."""
    actual = page.read_text(encoding="utf-8") if page.exists() else ""
    return diff(render_page(copier_yml), actual, page)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python docs/generate_options.py",
        description="Render the options page (docs/options.md) from copier.yml.",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="rewrite the options page")
    mode.add_argument(
        "--check", action="store_true", help="exit 1 with a diff if the options page is stale"
    )
    parser.add_argument("--copier-yml", type=Path, default=COPIER_YML, help="questions to read")
    parser.add_argument("--page", type=Path, default=OPTIONS_MD, help="the options page")
    options = parser.parse_args(argv)

    if options.check:
        stale = check(options.copier_yml, options.page)
        if stale:
            sys.stdout.write(stale)
            print(
                f"\n{options.page} is out of date: run `uv run python docs/generate_options.py "
                "--write`.",
                file=sys.stderr,
            )
            return 1
        return 0
    page = render_page(options.copier_yml)
    if options.write:
        options.page.write_text(page, encoding="utf-8")
        print(f"wrote {options.page}")
    else:
        sys.stdout.write(page)
    return 0


if __name__ == "__main__":
    sys.exit(main())
