"""Unit and CLI tests of ``template/.claude/hooks/secret_scan.py`` (the harness' secret scanner).

Fake secrets come from ``hook_corpus.planted_secrets()``: built at run time from hashes, so no
secret-shaped literal lives in this repository.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import uuid
from pathlib import Path
from types import ModuleType

import pytest

from .hook_corpus import PlantedSecret, fake_chars, planted_secrets

# Point this at a rendered project's hooks to run the same tests against it.
HOOKS_DIR = Path(__file__).resolve().parents[1] / "template" / ".claude" / "hooks"
SCANNER_PATH = HOOKS_DIR / "secret_scan.py"


def _load_scanner() -> ModuleType:
    spec = importlib.util.spec_from_file_location("harness_secret_scan", SCANNER_PATH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCANNER = _load_scanner()
PLANTED = planted_secrets()


def scan(text: str, path: str = "<text>") -> list[tuple[str, int, str]]:
    return [(f.path, f.line, f.rule_id) for f in SCANNER.scan_text(text, path)]


def rules_in(text: str) -> set[str]:
    return {rule for _, _, rule in scan(text)}


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return subprocess.run(
        [sys.executable, str(SCANNER_PATH), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", *args],
        cwd=repo,
        capture_output=True,
        check=True,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    return root


# --------------------------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------------------------


def test_every_planted_secret_has_a_rule() -> None:
    # test_secret_kinds.py has a positive and a near miss for every rule id.
    assert {p.rule_id for p in PLANTED} <= set(SCANNER.rule_ids())


@pytest.mark.parametrize("planted", [pytest.param(p, id=p.rule_id) for p in PLANTED])
def test_rule_catches_planted_secret(planted: PlantedSecret) -> None:
    assert scan(planted.content, planted.filename) == [
        (planted.filename, planted.line, planted.rule_id)
    ]


@pytest.mark.parametrize("planted", [pytest.param(p, id=p.rule_id) for p in PLANTED])
def test_finding_never_contains_the_secret(planted: PlantedSecret) -> None:
    findings = SCANNER.scan_text(planted.content, planted.filename)
    assert findings
    for finding in findings:
        for text in (repr(finding), str(finding), repr(findings)):
            assert planted.secret not in text
            assert planted.secret[8:24] not in text
        assert not hasattr(finding, "__dict__"), "findings have a fixed set of attributes"
        assert set(type(finding).__slots__) == {"path", "line", "rule_id"}


def test_openai_project_key_without_marker() -> None:
    key = "sk-" + "proj-" + fake_chars("unmarked", "abcdefghijkLMNOPQRST0123456789_-", 60)
    assert rules_in(f"OPENAI_API_KEY={key}\n") == {"openai-api-key"}


def test_pem_key_in_json_string_with_escaped_newlines() -> None:
    body = "\\n".join(fake_chars(f"json{n}", "ABCDEFabcdef0123456789+/", 64) for n in range(3))
    text = '{"private_key": "-----BEGIN ' + "PRIVATE KEY-----\\n" + body + '\\n-----END"}'
    assert rules_in(text) == {"private-key"}


def test_line_numbers_count_from_first_line() -> None:
    planted = PLANTED[0]
    findings = SCANNER.scan_text(planted.content, "x.py", first_line=10)
    assert [f.line for f in findings] == [planted.line + 9]


def test_several_findings_are_sorted_and_deduplicated() -> None:
    text = "\n".join(p.content for p in PLANTED[:3])
    found = scan(text)
    assert found == sorted(set(found))
    assert len(found) == 3


@pytest.mark.parametrize(
    "line",
    [
        pytest.param('API_KEY = "changeme-changeme-changeme"', id="changeme"),
        pytest.param("SECRET_KEY=${SECRET_KEY}", id="env-reference"),
        pytest.param("db_password: <your-database-password>", id="angle-placeholder"),
        pytest.param("GITHUB_TOKEN=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", id="xxxx"),
        pytest.param('api_key = "example-key-1234567890abcdef"', id="example"),
        pytest.param('token = os.environ["SERVICE_TOKEN_VALUE"]', id="environ-lookup"),
        pytest.param("DB_PASSWORD = settings.database_password_value", id="dotted-reference"),
        pytest.param("PASSWORD=DATABASE_PASSWORD_FROM_ENV", id="identifier"),
        pytest.param("password = getPasswordFromVault", id="camel-identifier"),
        pytest.param('AWS_ACCESS_KEY_ID = "AKIA' + 'IOSFODNN7EXAMPLE"', id="aws-doc-example"),
        pytest.param('TOKEN = "gh' + "p_" + "x" * 36 + '"', id="low-entropy-token"),
        pytest.param('HEADER = "-----BEGIN RSA ' + 'PRIVATE KEY-----"', id="pem-header-only"),
        pytest.param(
            'STRIPE_MODE = "sk_' + "test_" + fake_chars("t", "abcXYZ123", 24) + '"',
            id="stripe-test-key",
        ),
        pytest.param("SECRET_KEY_FILE=/run/secrets/app_secret_key", id="path"),
        pytest.param("token_url = https://example.invalid/oauth2/token", id="url"),
        pytest.param("SHORT_SECRET=Ab1!", id="too-short"),
        pytest.param("password_hash = compute(value)", id="code"),
        pytest.param("def sign(private_key: PKCS7PrivateKeyTypes, data: bytes)", id="annotation"),
        pytest.param('RESULT_KEY = "ServerlessV2PlatformVersions"', id="camel-words"),
        pytest.param(
            '"ClientRequestToken": "' + str(uuid.uuid5(uuid.NAMESPACE_DNS, "x")) + '"', id="uuid"
        ),
        pytest.param(
            '"NextToken": "' + fake_chars("page", "abcdefXYZ0123456789", 40) + '"',
            id="pagination-token",
        ),
        pytest.param(
            '"ARN": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:MySecret-a1b2c3"',
            id="arn-with-secret-segment",
        ),
        pytest.param("TOKEN=" + fake_chars("trunc", "abcXYZ123", 12) + "...", id="truncated"),
    ],
)
def test_placeholders_and_code_are_not_flagged(line: str) -> None:
    assert scan(line + "\n") == []


@pytest.mark.parametrize("marker", ["# harness:allow-secret", "# gitleaks:allow"])
def test_inline_allow_marker(marker: str) -> None:
    for planted in PLANTED:
        if planted.rule_id == "private-key":
            lines = planted.content.splitlines()
            lines[0] += "  " + marker
            content = "\n".join(lines)
        else:
            content = planted.content.replace(planted.secret, planted.secret + "  " + marker)
        assert scan(content) == [], planted.rule_id


def test_entropy() -> None:
    assert SCANNER.shannon_entropy("") == 0
    assert SCANNER.shannon_entropy("aaaa") == 0
    assert SCANNER.shannon_entropy("abcd") == pytest.approx(2.0)


# --------------------------------------------------------------------------------------------
# .secretsignore
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("glob", "path", "ignored"),
    [
        ("tests/fixtures/secrets/**", "tests/fixtures/secrets/aws.env", True),
        ("tests/fixtures/secrets/**", "tests/fixtures/secrets/deep/x.py", True),
        ("tests/fixtures/secrets/**", "tests/fixtures/other.py", False),
        ("tests/fixtures/secrets/", "tests/fixtures/secrets/a.pem", True),
        ("*.pem", "keys/deploy.pem", True),
        ("*.pem", "keys/deploy.pem.txt", False),
        ("/docs/*.md", "docs/guide.md", True),
        ("/docs/*.md", "sub/docs/guide.md", False),
        ("**/fixtures/*.env", "a/b/fixtures/x.env", True),
        ("fixture?.py", "src/fixture1.py", True),
    ],
)
def test_ignore_globs(tmp_path: Path, glob: str, path: str, ignored: bool) -> None:
    (tmp_path / ".secretsignore").write_text(f"# comment\n\n{glob}\n", encoding="utf-8")
    patterns = SCANNER.load_ignore_patterns(str(tmp_path))
    assert bool(SCANNER.is_ignored(path, patterns)) is ignored


def test_missing_ignore_file_means_no_patterns(tmp_path: Path) -> None:
    assert SCANNER.load_ignore_patterns(str(tmp_path)) == []


# --------------------------------------------------------------------------------------------
# Staged diffs
# --------------------------------------------------------------------------------------------


def test_scan_staged_reports_new_file_line_numbers(repo: Path) -> None:
    original = [f"line {n}" for n in range(1, 11)]
    (repo / "app.py").write_text("\n".join(original) + "\n", encoding="utf-8")
    git(repo, "add", "app.py")
    git(repo, "commit", "-q", "-m", "init")
    planted = next(p for p in PLANTED if p.rule_id == "github-pat")
    token_line = f'TOKEN = "{planted.secret}"'
    changed = original[:2] + original[3:6] + [token_line] + original[6:]  # drop line 3
    (repo / "app.py").write_text("\n".join(changed) + "\n", encoding="utf-8")
    git(repo, "add", "app.py")
    found = [(f.path, f.line, f.rule_id) for f in SCANNER.scan_staged(str(repo))]
    assert found == [("app.py", changed.index(token_line) + 1, "github-pat")]


def test_scan_staged_multiline_pem_and_ignore_file(repo: Path) -> None:
    pem = next(p for p in PLANTED if p.rule_id == "private-key")
    (repo / "keys").mkdir()
    (repo / "keys" / "deploy.pem").write_text("# key\n" + pem.content, encoding="utf-8")
    (repo / "fixtures").mkdir()
    (repo / "fixtures" / "fake.pem").write_text(pem.content, encoding="utf-8")
    (repo / ".secretsignore").write_text("fixtures/**\n", encoding="utf-8")
    git(repo, "add", ".")
    found = [(f.path, f.line, f.rule_id) for f in SCANNER.scan_staged(str(repo))]
    assert found == [("keys/deploy.pem", 2, "private-key")]


def test_scan_staged_includes_worktree_and_untracked_when_asked(repo: Path) -> None:
    planted = PLANTED[0]
    (repo / "new.py").write_text(planted.content, encoding="utf-8")
    assert SCANNER.scan_staged(str(repo)) == []
    found = SCANNER.scan_staged(str(repo), include_untracked=True)
    assert [(f.path, f.rule_id) for f in found] == [("new.py", planted.rule_id)]


def test_scan_budget_fails_closed(repo: Path) -> None:
    (repo / "big.txt").write_text("word " * 1000, encoding="utf-8")
    git(repo, "add", "big.txt")
    assert SCANNER.scan_staged(str(repo), max_bytes=1_000_000) == []
    with pytest.raises(SCANNER.ScanError, match="too large"):
        SCANNER.scan_staged(str(repo), max_bytes=100)


def test_scan_staged_outside_repository_raises(tmp_path: Path) -> None:
    with pytest.raises(SCANNER.ScanError):
        SCANNER.scan_staged(str(tmp_path))


def test_scan_diff_handles_quoted_paths_and_binary() -> None:
    planted = PLANTED[0]
    diff = (
        'diff --git "a/caf\\303\\251.py" "b/caf\\303\\251.py"\n'
        "new file mode 100644\n"
        "--- /dev/null\n"
        '+++ "b/caf\\303\\251.py"\n'
        "@@ -0,0 +1,2 @@\n"
        "+# header\n"
        f"+{planted.content.splitlines()[planted.line - 1]}\n"
        "diff --git a/blob.bin b/blob.bin\n"
        "Binary files /dev/null and b/blob.bin differ\n"
    )
    found = [(f.path, f.line, f.rule_id) for f in SCANNER.scan_diff(diff)]
    assert found == [("caf\u00e9.py", 2, planted.rule_id)]


# --------------------------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------------------------


def test_cli_clean_files_exit_zero(tmp_path: Path) -> None:
    (tmp_path / "ok.py").write_text("print('hello')\n", encoding="utf-8")
    result = cli("ok.py", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout == ""


def test_cli_findings_exit_one_without_values(tmp_path: Path) -> None:
    for planted in PLANTED:
        (tmp_path / planted.filename).write_text(planted.content, encoding="utf-8")
    result = cli(*[p.filename for p in PLANTED], cwd=tmp_path)
    assert result.returncode == 1
    for planted in PLANTED:
        assert f"{planted.filename}:{planted.line}: {planted.rule_id}" in result.stdout
        assert planted.secret not in result.stdout + result.stderr


def test_cli_honours_secretsignore(repo: Path) -> None:
    planted = PLANTED[0]
    fixture = repo / "tests" / "fixtures" / "secrets" / "aws.py"
    fixture.parent.mkdir(parents=True)
    fixture.write_text(planted.content, encoding="utf-8")
    (repo / "src").mkdir()
    (repo / "src" / "aws.py").write_text(planted.content, encoding="utf-8")
    (repo / ".secretsignore").write_text("tests/fixtures/secrets/**\n", encoding="utf-8")
    result = cli("tests/fixtures/secrets/aws.py", "src/aws.py", cwd=repo)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"src/aws.py:{planted.line}: {planted.rule_id}"]


def test_cli_scans_binary_text_runs_and_refuses_oversized_files(tmp_path: Path) -> None:
    planted = PLANTED[0]
    (tmp_path / "blob.bin").write_bytes(b"\x00\x01" + planted.content.encode())
    result = cli("blob.bin", cwd=tmp_path)
    assert result.returncode == 1
    assert f"blob.bin:{planted.line}: {planted.rule_id}" in result.stdout
    (tmp_path / "big.txt").write_text("#" * (SCANNER.MAX_FILE_BYTES + 1), encoding="utf-8")
    result = cli("big.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "too large" in result.stderr


def test_cli_walks_directories(tmp_path: Path) -> None:
    planted = PLANTED[0]
    (tmp_path / "pkg" / "node_modules").mkdir(parents=True)
    (tmp_path / "pkg" / "node_modules" / "x.py").write_text(planted.content, encoding="utf-8")
    (tmp_path / "pkg" / "mod.py").write_text(planted.content, encoding="utf-8")
    result = cli("pkg", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"pkg/mod.py:{planted.line}: {planted.rule_id}"]


def test_cli_staged(repo: Path) -> None:
    assert cli("--staged", cwd=repo).returncode == 0
    planted = PLANTED[1]
    (repo / planted.filename).write_text(planted.content, encoding="utf-8")
    git(repo, "add", planted.filename)
    result = cli("--staged", cwd=repo)
    assert result.returncode == 1
    assert f"{planted.filename}:{planted.line}: {planted.rule_id}" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        pytest.param((), id="nothing-to-scan"),
        pytest.param(("missing.py",), id="missing-file"),
        pytest.param(("--bogus",), id="unknown-option"),
        pytest.param(("--staged",), id="staged-outside-repository"),
    ],
)
def test_cli_usage_errors_exit_two(tmp_path: Path, args: tuple[str, ...]) -> None:
    result = cli(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr


def test_cli_help_exits_zero(tmp_path: Path) -> None:
    result = cli("--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "--staged" in result.stdout
