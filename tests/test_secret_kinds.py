"""Each secret kind the scanner knows: a positive and a near miss, and everyday code stays clean.

The fakes come from ``secret_fakes`` (assembled at run time). The everyday texts are what a
FastAPI project commits every day: settings with ``SecretStr``, ``.env.example``, lock files,
docs, tests that build their fakes at run time.
"""

from __future__ import annotations

import base64
import hashlib
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from .secret_fakes import HOOKS_DIR, Case, chars, load_scanner, negatives, positives

SCANNER = load_scanner()
POSITIVES = positives()
NEGATIVES = negatives()
TEMPLATE = Path(__file__).resolve().parents[1] / "template"


def test_every_rule_has_a_positive_case() -> None:
    assert {case.rule for case in POSITIVES} == set(SCANNER.rule_ids())


@pytest.mark.parametrize("case", POSITIVES, ids=[case.name for case in POSITIVES])
def test_secret_kind_is_found(case: Case) -> None:
    found = SCANNER.scan_text(case.text, "settings.txt")
    assert [f.rule_id for f in found] == [case.rule]
    shown = " ".join(str(f) for f in found)
    assert case.text.strip().splitlines()[0][-12:] not in shown  # the value is never repeated


@pytest.mark.parametrize("case", NEGATIVES, ids=[case.name for case in NEGATIVES])
def test_near_miss_is_not_found(case: Case) -> None:
    assert SCANNER.scan_text(case.text, "settings.txt") == []


@pytest.mark.parametrize("case", POSITIVES, ids=[case.name for case in POSITIVES])
def test_inline_marker_allows_a_finding(case: Case) -> None:
    marked = "\n".join(line + "  # harness:allow-secret" for line in case.text.split("\n"))
    assert SCANNER.scan_text(marked, "settings.txt") == []


def test_secret_in_binary_and_utf16_content() -> None:
    token = "gh" + "p_" + chars("bin", "abcdefghijklmnopqrstuvwxyzABCDEF0123456789", 36)
    binary = b"\x89PNG\x00\x00\x01" + token.encode() + b"\x00\xff"
    assert [f.rule_id for f in SCANNER.scan_bytes(binary, "x.png")] == ["github-pat"]
    utf16 = ("TOKEN=" + token + "\r\n").encode("utf-16")
    assert [f.rule_id for f in SCANNER.scan_bytes(utf16, "x.reg")] == ["github-pat"]
    no_bom = ("TOKEN=" + token + "\r\n").encode("utf-16-le")
    assert [f.rule_id for f in SCANNER.scan_bytes(no_bom, "x.ps1")] == ["github-pat"]
    assert SCANNER.scan_bytes(b"\x89PNG\x00\x00\x01IHDR\x00", "y.png") == []


def test_line_numbers_with_crlf() -> None:
    token = "gh" + "p_" + chars("crlf", "abcdefghijklmnopqrstuvwxyzABCDEF0123456789", 36)
    text = "a = 1\r\nb = 2\r\nTOKEN = '" + token + "'\r\n"
    assert [(f.line, f.rule_id) for f in SCANNER.scan_text(text, "x")] == [(3, "github-pat")]


def _everyday() -> dict[str, str]:
    digest = hashlib.sha256(b"wheel").hexdigest()
    integrity = base64.b64encode(hashlib.sha512(b"pkg").digest()).decode()
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + hashlib.sha512(b"img").digest() * 4).decode()
    return {
        "src/app/settings.py": (
            "from pydantic import SecretStr\n"
            "from pydantic_settings import BaseSettings, SettingsConfigDict\n\n\n"
            "class Settings(BaseSettings):\n"
            '    model_config = SettingsConfigDict(env_file=".env", env_prefix="APP_")\n'
            "    llm_api_key: SecretStr = SecretStr('')\n"
            '    database_url: str = "postgresql+psycopg://postgres:postgres@localhost:5432/app"\n'
            "    secret_key: SecretStr\n"
            "    jwt_algorithm: str = 'HS256'\n"
        ),
        ".env.example": (
            "APP_LLM_API_KEY=changeme\n"
            "APP_SECRET_KEY=<run: python -c 'import secrets; print(secrets.token_hex())'>\n"
            "APP_DATABASE_URL=postgresql+psycopg://app:${POSTGRES_PASSWORD}@db:5432/app\n"
            "OPENAI_API_KEY=your-openai-key\n"
            "REDIS_URL=redis://localhost:6379/0\n"
            "AWS_SECRET_ACCESS_KEY=\n"
        ),
        "src/app/auth.py": (
            "import jwt\n\n\n"
            "def verify(token: str, settings: Settings) -> dict[str, object]:\n"
            "    key = settings.secret_key.get_secret_value()\n"
            "    return jwt.decode(token, key, algorithms=[settings.jwt_algorithm])\n\n\n"
            "def header(token: str) -> dict[str, str]:\n"
            '    return {"Authorization": f"Bearer {token}"}\n'
        ),
        "tests/test_auth.py": (
            "import secrets\n\n\n"
            "def fake_token() -> str:\n"
            '    return "gh" + "p_" + secrets.token_urlsafe(27)\n\n\n'
            "def test_rejects_forged(client) -> None:\n"
            '    forged = "eyJ" + secrets.token_urlsafe(20)\n'
            '    assert client.get("/me", headers={"Authorization": forged}).status_code == 401\n'
        ),
        "uv.lock": (
            "[[package]]\n"
            'name = "fastapi"\nversion = "0.115.0"\n'
            'source = { registry = "https://pypi.org/simple" }\n'
            f'sdist = {{ url = "https://files.example/fa.tar.gz", hash = "sha256:{digest}" }}\n'
            f'wheels = [{{ url = "https://files.example/fa.whl", hash = "sha256:{digest}" }}]\n'
        ),
        "frontend/package-lock.json": (
            '{\n  "packages": {\n    "node_modules/react": {\n'
            '      "version": "18.3.1",\n'
            '      "resolved": "https://registry.npmjs.org/react/-/react-18.3.1.tgz",\n'
            f'      "integrity": "sha512-{integrity}"\n    }}\n  }}\n}}\n'
        ),
        "docs/deploy.md": (
            "Set `DATABASE_URL` to `postgresql://user:password@host:5432/db` and\n"
            "`APP_SECRET_KEY` from your secret manager. A token looks like `ghp_...`.\n"
            "RabbitMQ in compose: `amqp://guest:guest@rabbitmq:5672/`.\n"
            "Request ids are UUIDs such as 3fa85f64-5717-4562-b3fc-2c963f66afa6.\n"
            f"Commit {digest[:40]} fixed the login.\n"
        ),
        "compose.yaml": (
            "services:\n  db:\n    image: postgres:17\n    environment:\n"
            "      POSTGRES_PASSWORD: postgres\n"
            "      DATABASE_URL: postgresql://postgres:postgres@db:5432/app\n"
        ),
        "frontend/src/logo.ts": f'export const logo = "data:image/png;base64,{png}";\n',
        "src/app/crypto.py": (
            "from cryptography.hazmat.primitives import serialization\n\n"
            'PEM_HEADER = b"-----BEGIN PRIVATE KEY-----"\n\n\n'
            "def load(data: bytes) -> object:\n"
            "    return serialization.load_pem_private_key(data, password=None)\n"
        ),
        "alembic.ini": "sqlalchemy.url = driver://user:pass@localhost/dbname\n",
    }


EVERYDAY = _everyday()


@pytest.mark.parametrize("path", sorted(EVERYDAY))
def test_everyday_file_is_clean(path: str) -> None:
    assert SCANNER.scan_text(EVERYDAY[path], path) == []


def test_scanner_and_gitleaks_config_are_clean_of_findings() -> None:
    # The rendered project's pre-commit scans every file, the rule sources included.
    for path in (HOOKS_DIR / "secret_scan.py", TEMPLATE / ".gitleaks.toml"):
        assert SCANNER.scan_file(str(path)) == [], path


# --------------------------------------------------------------------------------------------
# One allow-list: .gitleaks.toml's generated block comes from the scanner's constants
# --------------------------------------------------------------------------------------------

BEGIN = "# >>> generated by `python3 .claude/hooks/secret_scan.py --gitleaks-allowlist`"
END = "# <<< end of the generated block\n"


def generated_block(toml_text: str) -> str:
    start = toml_text.index(BEGIN)
    body_start = toml_text.index("\n[[rules]]", start) + 1
    return toml_text[body_start : toml_text.index(END, body_start)]


def test_gitleaks_allowlist_is_generated_from_the_scanner() -> None:
    toml_text = (TEMPLATE / ".gitleaks.toml").read_text(encoding="utf-8")
    expected = SCANNER.gitleaks_allowlist(SCANNER.ignore_globs(str(TEMPLATE)))
    assert generated_block(toml_text) == expected, (
        "regenerate: cd template && python3 .claude/hooks/secret_scan.py --gitleaks-allowlist"
    )


def test_gitleaks_allowlist_cli_matches_and_parses() -> None:
    result = subprocess.run(
        [sys.executable, str(HOOKS_DIR / "secret_scan.py"), "--gitleaks-allowlist"],
        cwd=TEMPLATE,
        capture_output=True,
        text=True,
        check=True,
    )
    toml_text = (TEMPLATE / ".gitleaks.toml").read_text(encoding="utf-8")
    assert result.stdout == generated_block(toml_text)
    config = tomllib.loads(toml_text)
    words = next(r for r in config["rules"] if r["id"] == "harness-secret-assignment")
    regexes = words["allowlists"][0]["regexes"]
    assert regexes[1:] == list(SCANNER.PLACEHOLDER_PATTERNS)
    for word in SCANNER.PLACEHOLDER_WORDS:
        assert SCANNER.re.search(regexes[0], word), word
    paths = config["allowlists"][0]["paths"]
    assert [SCANNER.re.compile(p).match("tests/fixtures/secrets/aws.env") for p in paths]


def test_a_changed_placeholder_word_breaks_the_equality(monkeypatch: pytest.MonkeyPatch) -> None:
    toml_text = (TEMPLATE / ".gitleaks.toml").read_text(encoding="utf-8")
    monkeypatch.setattr(SCANNER, "PLACEHOLDER_WORDS", (*SCANNER.PLACEHOLDER_WORDS, "lorem"))
    changed = SCANNER.gitleaks_allowlist(SCANNER.ignore_globs(str(TEMPLATE)))
    assert generated_block(toml_text) != changed
    assert "lorem" in changed
