"""Every way a secret reaches a commit or a push, set up in a real repository and scanned with
what the agent hook passes to ``scan_commit`` / ``scan_push``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .secret_fakes import ALNUM, HOOKS_DIR, chars, jwt, load_scanner

SCANNER = load_scanner()
ENV = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}


def token(seed: str) -> str:
    return "gh" + "p_" + chars(seed, ALNUM, 36)


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.invalid", *args],
        cwd=repo,
        env=ENV,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def commit(repo: Path, message: str, **files: str) -> str:
    for name, content in files.items():
        path = repo / name.replace("__", "/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        git(repo, "add", "-f", str(path.relative_to(repo)))
    git(repo, "commit", "-q", "--allow-empty", "-m", message)
    return git(repo, "rev-parse", "HEAD")


def rules(findings: list[object]) -> list[tuple[str, str]]:
    return [(str(f).split(":")[0], str(f).rsplit(" ", 1)[1]) for f in findings]


def staged(repo: Path, **kwargs: object) -> list[str]:
    options: dict[str, object] = {"worktree": False, "untracked": False, **kwargs}
    return [str(f) for f in SCANNER.scan_commit(str(repo), **options)]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    commit(root, "chore: start", **{"README.md": "# demo\n", ".gitignore": "*.env\nbuild/\n"})
    return root


# --------------------------------------------------------------------------------------------
# Commit
# --------------------------------------------------------------------------------------------


def test_staged_content_with_line_number(repo: Path) -> None:
    (repo / "app.py").write_text(f"x = 1\nTOKEN = '{token('a')}'\n", encoding="utf-8")
    git(repo, "add", "app.py")
    assert staged(repo) == ["app.py:2: github-pat"]


def test_git_stage_is_the_index_too(repo: Path) -> None:
    (repo / "conf.ini").write_text(f"[db]\nurl = mysql://app:{chars('s', ALNUM, 18)}@db/x\n")
    git(repo, "stage", "conf.ini")
    assert staged(repo) == ["conf.ini:2: database-url"]


def test_force_added_ignored_file(repo: Path) -> None:
    (repo / "local.env").write_text(f"AUTH={jwt('env')}\n", encoding="utf-8")
    assert staged(repo, untracked=True) == []  # ignored, so `git add .` would not take it
    assert staged(repo, extra_paths=["local.env"]) == ["local.env:1: jwt"]


def test_force_added_ignored_directory(repo: Path) -> None:
    (repo / "build" / "deep").mkdir(parents=True)
    (repo / "build" / "deep" / "out.txt").write_text(f"k={token('dir')}\n", encoding="utf-8")
    assert staged(repo, extra_paths=["build"]) == ["build/deep/out.txt:1: github-pat"]


def test_commit_all_scans_modified_tracked_files(repo: Path) -> None:
    (repo / "README.md").write_text(f"# demo\ntoken: {token('all')}\n", encoding="utf-8")
    assert staged(repo) == []
    assert staged(repo, worktree=True) == ["README.md:2: github-pat"]


def test_commit_with_pathspec(repo: Path) -> None:
    (repo / "README.md").write_text(f"# demo\n{token('spec')}\n", encoding="utf-8")
    assert staged(repo, extra_paths=["README.md"]) == ["README.md:2: github-pat"]


def test_untracked_files_with_git_add_in_the_same_command(repo: Path) -> None:
    (repo / "new.py").write_text(f"KEY = '{token('new')}'\n", encoding="utf-8")
    assert staged(repo) == []
    assert staged(repo, untracked=True) == ["new.py:1: github-pat"]


def test_message_file_and_template(repo: Path) -> None:
    (repo / "msg.txt").write_text(f"feat: x\n\nkey {token('msg')}\n", encoding="utf-8")
    assert staged(repo, message_files=["msg.txt"]) == ["<commit message file>:3: github-pat"]


def test_reused_commit_message(repo: Path) -> None:
    tree = git(repo, "write-tree")
    sha = git(repo, "commit-tree", tree, "-m", f"feat: y\n\n{token('reuse')}")
    assert staged(repo, message_refs=[sha]) == [f"<message of {sha}>:3: github-pat"]
    with pytest.raises(SCANNER.ScanError):
        staged(repo, message_refs=["no-such-commit"])


def test_gitattributes_binary_and_no_diff(repo: Path) -> None:
    (repo / ".gitattributes").write_text("*.dat binary\nsecrets.txt -diff\n", encoding="utf-8")
    (repo / "blob.dat").write_text(f"k={token('dat')}\n", encoding="utf-8")
    (repo / "secrets.txt").write_text(f"k={token('nodiff')}\n", encoding="utf-8")
    git(repo, "add", ".gitattributes", "blob.dat", "secrets.txt")
    assert staged(repo) == ["blob.dat:1: github-pat", "secrets.txt:1: github-pat"]


def test_binary_file_with_text_runs(repo: Path) -> None:
    (repo / "icon.png").write_bytes(b"\x89PNG\x00\x00" + token("png").encode() + b"\x00\x01")
    git(repo, "add", "icon.png")
    assert [f.rsplit(" ", 1)[1] for f in staged(repo)] == ["github-pat"]


def test_utf16_file(repo: Path) -> None:
    (repo / "setup.reg").write_bytes(f"TOKEN={token('u16')}\r\n".encode("utf-16"))
    git(repo, "add", "setup.reg")
    assert staged(repo) == ["setup.reg:1: github-pat"]


def test_secret_in_a_file_name_is_not_repeated(repo: Path) -> None:
    name = token("name") + ".txt"
    (repo / name).write_text("hello\n", encoding="utf-8")
    git(repo, "add", name)
    found = staged(repo)
    assert found == ["<file name>:0: github-pat"]
    assert name[:20] not in " ".join(found)


def test_secretsignore_cannot_be_widened_by_the_same_commit(repo: Path) -> None:
    (repo / "fixtures").mkdir()
    (repo / "fixtures" / "k.txt").write_text(f"{token('fx')}\n", encoding="utf-8")
    commit(repo, "chore: ignore", **{".secretsignore": "fixtures/**\n"})
    git(repo, "add", "fixtures/k.txt")
    assert staged(repo) == []  # the committed ignore list covers it
    (repo / "other.txt").write_text(f"{token('other')}\n", encoding="utf-8")
    (repo / ".secretsignore").write_text("fixtures/**\nother.txt\n", encoding="utf-8")
    git(repo, "add", "other.txt", ".secretsignore")
    assert staged(repo) == ["other.txt:1: github-pat"]


def test_existing_secret_is_not_reported_again_but_a_new_one_is(repo: Path) -> None:
    old = token("old")
    commit(repo, "chore: legacy", legacy__txt=f"a\n{old}  \n")
    (repo / "legacy" / "txt").write_text(f"a\nb\n{old}\n", encoding="utf-8")
    git(repo, "add", "legacy/txt")
    assert staged(repo) == []
    (repo / "legacy" / "txt").write_text(f"a\n{old}\n{token('fresh')}\n", encoding="utf-8")
    git(repo, "add", "legacy/txt")
    assert staged(repo) == ["legacy/txt:3: github-pat"]


def test_first_commit_of_a_repository(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "a.py").write_text(f"T = '{token('first')}'\n", encoding="utf-8")
    git(tmp_path, "add", "a.py")
    assert staged(tmp_path) == ["a.py:1: github-pat"]


def test_deadline_and_byte_budget_fail_closed(repo: Path) -> None:
    (repo / "a.txt").write_text("word " * 100, encoding="utf-8")
    git(repo, "add", "a.txt")
    with pytest.raises(SCANNER.ScanError, match="time"):
        staged(repo, deadline=time.monotonic() - 1)
    with pytest.raises(SCANNER.ScanError, match="too large"):
        staged(repo, max_bytes=100)
    with pytest.raises(SCANNER.ScanError):
        staged(repo.parent)  # not a repository


def test_cli_staged_catches_new_kinds(repo: Path) -> None:
    url = f"postgresql+psycopg://app:{chars('cli', ALNUM, 20)}@db/app"
    (repo / "settings.py").write_text(f'URL = "{url}"\nAUTH = "{jwt("cli")}"\n')
    git(repo, "add", "settings.py")
    result = subprocess.run(
        [sys.executable, str(HOOKS_DIR / "secret_scan.py"), "--staged"],
        cwd=repo,
        env=ENV,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout.splitlines() == ["settings.py:1: database-url", "settings.py:2: jwt"]
    assert url not in result.stdout + result.stderr


# --------------------------------------------------------------------------------------------
# Push
# --------------------------------------------------------------------------------------------


@pytest.fixture
def pushed(repo: Path, tmp_path: Path) -> Path:
    """``repo`` with a bare ``origin`` that already has ``main``."""
    bare = tmp_path / "origin.git"
    git(tmp_path, "init", "-q", "--bare", str(bare))
    git(repo, "remote", "add", "origin", str(bare))
    git(repo, "push", "-q", "origin", "main")
    return repo


def pushes(repo: Path, refspecs: list[str] | None, remote: str | None = "origin") -> list[str]:
    return [str(f) for f in SCANNER.scan_push(str(repo), remote=remote, refspecs=refspecs)]


def test_push_scans_every_unpushed_commit_not_only_head(pushed: Path) -> None:
    git(pushed, "switch", "-q", "-c", "feature")
    bad = commit(pushed, "feat: add", cfg__txt=f"{token('mid')}\n")
    commit(pushed, "fix: remove", cfg__txt="clean\n")
    assert pushes(pushed, ["feature"]) == [f"{bad[:12]}:cfg/txt:1: github-pat"]
    assert pushes(pushed, ["+feature:refs/heads/main"]) == [f"{bad[:12]}:cfg/txt:1: github-pat"]


def test_push_has_no_commit_cap(pushed: Path) -> None:
    git(pushed, "switch", "-q", "-c", "long")
    bad = commit(pushed, "feat: first", f__txt=f"{token('old')}\n")
    for n in range(60):
        commit(pushed, f"chore: {n}", f__txt=f"{n}\n")
    assert pushes(pushed, ["long"]) == [f"{bad[:12]}:f/txt:1: github-pat"]


def test_bare_push_scans_every_branch_and_tag(pushed: Path) -> None:
    git(pushed, "switch", "-q", "-c", "side")
    bad = commit(pushed, "feat: side", s__txt=f"{token('side')}\n")
    git(pushed, "switch", "-q", "main")
    assert pushes(pushed, ["main"]) == []
    assert pushes(pushed, None) == [f"{bad[:12]}:s/txt:1: github-pat"]
    assert pushes(pushed, None, remote=None) == [f"{bad[:12]}:s/txt:1: github-pat"]


def test_pushed_commits_are_not_scanned_again(pushed: Path) -> None:
    commit(pushed, "feat: x", x__txt="fine\n")
    git(pushed, "push", "-q", "origin", "main")
    assert pushes(pushed, ["main"]) == []


def test_commit_and_tag_messages(pushed: Path) -> None:
    sha = commit(pushed, f"feat: z\n\nkey {token('cmsg')}")
    assert pushes(pushed, ["main"]) == [f"<message of {sha[:12]}>:3: github-pat"]
    git(pushed, "push", "-q", "origin", "main")
    git(pushed, "tag", "-a", "v1", "-m", f"release\n\n{token('tag')}")
    assert [f.split(":")[0][:13] for f in pushes(pushed, ["v1"])] == ["<tag message "]
    assert len(pushes(pushed, None)) == 1


def test_push_to_a_url_without_tracking_refs_scans_all_history(pushed: Path) -> None:
    bad = commit(pushed, "feat: a", a__txt=f"{token('url')}\n")
    git(pushed, "push", "-q", "origin", "main")
    assert pushes(pushed, ["main"]) == []
    assert pushes(pushed, ["main"], remote="/elsewhere/repo.git") == [
        f"{bad[:12]}:a/txt:1: github-pat"
    ]


def test_merge_scans_what_the_merge_itself_adds(pushed: Path) -> None:
    git(pushed, "switch", "-q", "-c", "topic")
    commit(pushed, "feat: topic", t__txt="topic\n")
    git(pushed, "push", "-q", "origin", "topic")
    git(pushed, "switch", "-q", "main")
    commit(pushed, "feat: main", m__txt="main\n")
    git(pushed, "merge", "-q", "--no-ff", "--no-commit", "topic")
    (pushed / "evil.txt").write_text(f"{token('merge')}\n", encoding="utf-8")
    git(pushed, "add", "evil.txt")
    git(pushed, "commit", "-q", "-m", "merge topic")
    merge = git(pushed, "rev-parse", "HEAD")
    assert pushes(pushed, ["main"]) == [f"{merge[:12]}:evil.txt:1: github-pat"]


def test_unresolvable_refspec_and_deadline_fail_closed(pushed: Path) -> None:
    with pytest.raises(SCANNER.ScanError):
        pushes(pushed, ["no-such-branch"])
    with pytest.raises(SCANNER.ScanError):
        pushes(pushed, ["--all"])
    with pytest.raises(SCANNER.ScanError, match="time"):
        SCANNER.scan_push(str(pushed), remote="origin", refspecs=None, deadline=time.monotonic())
    assert pushes(pushed, [":old-branch"]) == []  # a deletion sends no content


def test_everyday_history_is_clean(pushed: Path) -> None:
    git(pushed, "switch", "-q", "-c", "work")
    commit(
        pushed,
        "feat: settings",
        src__settings__py="from pydantic import SecretStr\n\napi_key: SecretStr = SecretStr('')\n",
        **{".env.example": "APP_API_KEY=changeme\nDATABASE_URL=postgresql://u:${PW}@db/app\n"},
    )
    commit(pushed, "docs: deploy", docs__deploy__md="Use `postgresql://user:password@host/db`.\n")
    assert pushes(pushed, ["work"]) == []
    assert staged(pushed, worktree=True, untracked=True) == []


def test_timing_200_files_50_commits(pushed: Path) -> None:
    git(pushed, "switch", "-q", "-c", "big")
    body = "".join(f"def f{n}(x: int) -> int:\n    return x + {n}\n" for n in range(40))
    for n in range(200):
        path = pushed / "src" / f"m{n}.py"
        path.parent.mkdir(exist_ok=True)
        path.write_text(body, encoding="utf-8")
    git(pushed, "add", "src")
    git(pushed, "commit", "-q", "-m", "feat: modules")
    for n in range(49):
        (pushed / "src" / f"m{n}.py").write_text(body + f"# {n}\n", encoding="utf-8")
        git(pushed, "commit", "-q", "-am", f"chore: {n}")
    for n in range(200):
        (pushed / "src" / f"m{n}.py").write_text(body + "# edit\n", encoding="utf-8")
    git(pushed, "add", "src")
    start = time.monotonic()
    assert staged(pushed, worktree=True, untracked=True) == []
    commit_seconds = time.monotonic() - start
    start = time.monotonic()
    assert pushes(pushed, ["big"]) == []
    push_seconds = time.monotonic() - start
    print(f"scan_commit {commit_seconds:.3f}s, scan_push {push_seconds:.3f}s")
    assert commit_seconds < 5
    assert push_seconds < 5
