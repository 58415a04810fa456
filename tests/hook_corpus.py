"""Attack and everyday command corpus for the agent hooks, plus deterministic fake secrets.

Data only; the tests live in ``test_agent_hook.py`` and ``test_secret_scan.py``. ``{repo}`` in a
command stands for the absolute path of the test repository (the hook's project directory).

The fake secrets are built at import time from hashes, so this file holds no secret-shaped
literal that gitleaks or the harness scanner could flag.
"""

from __future__ import annotations

import hashlib
import string
from dataclasses import dataclass

# (test id, command, rule id expected in the hook's stderr)
ATTACKS: list[tuple[str, str, str]] = [
    # --no-verify and friends
    ("commit-no-verify", 'git commit --no-verify -m "wip"', "git-no-verify"),
    ("commit-n", "git commit -n -m wip", "git-no-verify"),
    ("commit-bundled-anm", 'git commit -anm "wip"', "git-no-verify"),
    ("commit-bundled-nm", "git commit -nm msg", "git-no-verify"),
    ("commit-no-verify-abbrev", "git commit --no-veri -m x", "git-no-verify"),
    ("commit-no-verify-after-message", 'git commit -m "$(echo hi)" --no-verify', "git-no-verify"),
    ("push-no-verify", "git push --no-verify origin main", "git-no-verify"),
    ("merge-no-verify", "git merge --no-verify feature", "git-no-verify"),
    ("rebase-no-verify", "git rebase --no-verify main", "git-no-verify"),
    ("am-no-verify", "git am --no-verify fix.patch", "git-no-verify"),
    ("cherry-pick-no-verify", "git cherry-pick --no-verify abc123", "git-no-verify"),
    # force pushes and remote deletion
    ("push-force", "git push --force origin main", "git-force-push"),
    ("push-f", "git push -f", "git-force-push"),
    ("push-force-after-refspec", "git push origin main --force", "git-force-push"),
    ("push-force-with-lease", "git push --force-with-lease origin feature/x", "git-force-push"),
    (
        "push-force-with-lease-value",
        "git push --force-with-lease=main:abc1 origin",
        "git-force-push",
    ),
    ("push-force-if-includes", "git push --force-if-includes origin main", "git-force-push"),
    ("push-plus-refspec", "git push origin +main", "git-force-push"),
    ("push-plus-head-refspec", "git push origin +HEAD:main", "git-force-push"),
    ("push-mirror", "git push --mirror", "git-force-push"),
    ("push-bundled-uf", "git push -uf origin main", "git-force-push"),
    ("push-delete", "git push origin --delete feature/x", "git-push-delete"),
    ("push-d", "git push -d origin feature/x", "git-push-delete"),
    ("push-colon-refspec", "git push origin :feature/x", "git-push-delete"),
    ("push-prune", "git push --prune origin", "git-push-delete"),
    # odd spellings and quoting
    ("split-quoted-force", "git push --f'orce'", "git-force-push"),
    ("quoted-git", '"git" push -f', "git-force-push"),
    ("backslash-git", "\\git push -f", "git-force-push"),
    ("absolute-git", "/usr/bin/git push --force origin main", "git-force-push"),
    ("ansi-c-quoted-flag", "git push $'--force'", "git-force-push"),
    ("ansi-c-hex-flag", "git push $'\\x2d\\x2dforce'", "git-force-push"),
    ("flag-in-variable", "F=--force; git push $F", "git-force-push"),
    ("flag-in-default-expansion", "git push ${NOT_SET_ANYWHERE:---force}", "git-force-push"),
    ("flag-from-echo-substitution", "git push origin $(echo --force)", "git-force-push"),
    ("git-no-pager", "git --no-pager push -f", "git-force-push"),
    ("git-dash-c-dir", "git -C sub push --force", "git-force-push"),
    # destructive local commands
    ("reset-hard", "git reset --hard HEAD~3", "git-reset-hard"),
    ("clean-fdx", "git clean -fdx", "git-clean-force"),
    ("clean-xdf", "git clean -xdf", "git-clean-force"),
    ("clean-split-flags", "git clean -f -d -x", "git-clean-force"),
    ("clean-fd", "git clean -fd", "git-clean-force"),
    ("checkout-dashdash-dot", "git checkout -- .", "git-discard-changes"),
    ("restore-dot", "git restore .", "git-discard-changes"),
    # hooks path and signing
    ("config-hookspath", "git config core.hooksPath /dev/null", "git-hooks-path"),
    ("config-hookspath-case", "git config --local CORE.HOOKSPATH .nohooks", "git-hooks-path"),
    ("config-hookspath-unset", "git config --unset core.hooksPath", "git-hooks-path"),
    ("dash-c-hookspath", "git -c core.hooksPath=/dev/null commit -m x", "git-hooks-path"),
    (
        "dash-C-dash-c-hookspath",
        "git -C . -c core.hooksPath=/dev/null commit -m x",
        "git-hooks-path",
    ),
    (
        "git-config-env-vars",
        "GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=core.hooksPath GIT_CONFIG_VALUE_0=/dev/null "
        "git commit -m x",
        "git-hooks-path",
    ),
    ("dash-c-gpgsign-false", "git -c commit.gpgSign=false commit -m x", "git-no-gpg-sign"),
    ("config-gpgsign-false", "git config commit.gpgsign false", "git-no-gpg-sign"),
    ("commit-no-gpg-sign", "git commit --no-gpg-sign -m x", "git-no-gpg-sign"),
    # pre-commit / husky bypass through the environment
    ("skip-prefix", "SKIP=ruff git commit -m x", "hook-bypass-env"),
    ("skip-through-env", "env SKIP=ruff git commit -m x", "hook-bypass-env"),
    ("skip-export", "export SKIP=gitleaks && git commit -m x", "hook-bypass-env"),
    ("husky-zero", "HUSKY=0 git commit -m x", "hook-bypass-env"),
    ("pre-commit-no-config", "PRE_COMMIT_ALLOW_NO_CONFIG=1 git commit -m x", "hook-bypass-env"),
    # GitHub CLI
    ("gh-admin-merge", "gh pr merge 42 --admin --squash", "gh-admin-merge"),
    (
        "gh-api-put-protection",
        "gh api -X PUT repos/o/r/branches/main/protection --input p.json",
        "gh-api-protected",
    ),
    (
        "gh-api-delete-protection",
        "gh api --method DELETE repos/o/r/branches/main/protection",
        "gh-api-protected",
    ),
    ("gh-api-field-rulesets", "gh api repos/o/r/rulesets -f name=open", "gh-api-protected"),
    (
        "gh-api-attached-method-secrets",
        "gh api -XPUT repos/o/r/actions/secrets/TOKEN -f encrypted_value=x",
        "gh-api-protected",
    ),
    ("gh-ruleset-delete", "gh ruleset delete 12", "gh-ruleset"),
    ("gh-secret-set", "gh secret set API_KEY --body x", "gh-secret"),
    ("gh-secret-delete", "gh secret delete API_KEY", "gh-secret"),
    ("gh-alias-admin", "gh alias set mm 'pr merge --admin'", "gh-admin-merge"),
    # rm -rf
    ("rm-rf-root", "rm -rf /", "rm-rf-dangerous"),
    ("rm-rf-root-glob", "rm -rf /*", "rm-rf-dangerous"),
    ("rm-rf-home-tilde", "rm -rf ~", "rm-rf-dangerous"),
    ("rm-rf-home-var", 'rm -rf "$HOME"', "rm-rf-dangerous"),
    ("rm-rf-dot", "rm -rf .", "rm-rf-dangerous"),
    ("rm-fr-dot-slash", "rm -fr ./", "rm-rf-dangerous"),
    ("rm-r-f-dotdot", "rm -r -f ..", "rm-rf-dangerous"),
    ("rm-long-options-star", "rm --recursive --force *", "rm-rf-dangerous"),
    ("rm-rf-repo-path", "rm -rf {repo}", "rm-rf-dangerous"),
    ("rm-rf-dot-git", "rm -rf .git", "rm-rf-dangerous"),
    ("rm-rf-unset-var-glob", 'rm -rf "$HARNESS_TEST_UNSET_VAR"/*', "rm-rf-dangerous"),
    ("rm-no-preserve-root", "rm -rf --no-preserve-root /", "rm-rf-dangerous"),
    ("cd-root-then-rm-star", "cd / && rm -rf *", "rm-rf-dangerous"),
    # nesting, chaining, wrappers
    ("bash-c", 'bash -c "git push --force"', "git-force-push"),
    ("sh-c-bash-c", "sh -c 'bash -c \"git reset --hard\"'", "git-reset-hard"),
    ("bash-lc", "bash -lc 'git clean -fdx'", "git-clean-force"),
    ("dollar-paren-substitution", "echo $(git push -f)", "git-force-push"),
    ("backtick-substitution", "echo `git reset --hard`", "git-reset-hard"),
    ("substitution-in-double-quotes", 'echo "done: $(git clean -fdx)"', "git-clean-force"),
    ("nested-substitution", "echo $(echo $(git push --force))", "git-force-push"),
    ("and-chain", "git status && git push --force", "git-force-push"),
    ("semicolon-chain", "ls; git push -f origin main", "git-force-push"),
    ("pipe-chain", "yes | git reset --hard", "git-reset-hard"),
    ("or-chain", "false || git push --force", "git-force-push"),
    ("background", "git push -f &", "git-force-push"),
    ("newline-separated", "git status\ngit push -f", "git-force-push"),
    ("subshell", "(cd sub && git push -f)", "git-force-push"),
    ("if-then", "if true; then git push -f; fi", "git-force-push"),
    ("for-loop-body", "for i in 1 2; do git reset --hard; done", "git-reset-hard"),
    ("eval", 'eval "git push --force"', "git-force-push"),
    ("env-wrapper", "env GIT_TRACE=1 git push -f", "git-force-push"),
    ("env-split-string", "env -S 'git push --force'", "git-force-push"),
    ("sudo", "sudo git push --force", "git-force-push"),
    ("sudo-user", "sudo -u root -- git reset --hard", "git-reset-hard"),
    ("nohup", "nohup git push -f &", "git-force-push"),
    ("time", "time git push -f", "git-force-push"),
    ("command-builtin", "command git push --force", "git-force-push"),
    ("exec", "exec git push --force", "git-force-push"),
    ("timeout", "timeout 30 git push -f", "git-force-push"),
    ("xargs", "echo main | xargs git push -f origin", "git-force-push"),
    ("xargs-supplies-flag", "echo --force | xargs git push origin", "git-force-push"),
    ("uv-run", "uv run -- git push --force", "git-force-push"),
    ("find-exec", "find . -maxdepth 0 -exec git reset --hard \\;", "git-reset-hard"),
    ("heredoc-into-bash", "bash <<'EOF'\ngit push --force\nEOF", "git-force-push"),
    ("echo-piped-into-sh", 'echo "git push --force" | sh', "git-force-push"),
    ("here-string-into-bash", "bash <<< 'git reset --hard'", "git-reset-hard"),
    ("git-dash-c-alias", "git -c alias.yolo='push --force' yolo", "git-force-push"),
    ("git-config-alias", 'git config alias.pf "push --force"', "git-force-push"),
    ("git-shell-alias", "git -c alias.x='!git reset --hard' x", "git-reset-hard"),
    ("submodule-foreach", "git submodule foreach 'git reset --hard'", "git-reset-hard"),
    ("rebase-exec", "git rebase -x 'git push -f' main", "git-force-push"),
    ("bash-c-positional-args", "bash -c 'git push \"$@\"' _ --force", "git-force-push"),
    ("rm-rf-pwd-substitution", 'rm -rf "$(pwd)"', "rm-rf-dangerous"),
    ("find-delete-everything", "find . -delete", "rm-rf-dangerous"),
    ("pre-commit-uninstall", "uv run pre-commit uninstall", "pre-commit-uninstall"),
    (
        "curl-put-protection",
        "curl -X PUT https://api.github.com/repos/o/r/branches/main/protection -d @p.json",
        "gh-api-protected",
    ),
    # shell writes to guard rails
    (
        "redirect-into-hook",
        "echo 'exit 0' > .claude/hooks/pretooluse_bash.py",
        "shell-write-protected",
    ),
    (
        "sed-in-place-settings",
        "sed -i 's/Bash/None/' .claude/settings.json",
        "shell-write-protected",
    ),
    ("rm-hook-script", "rm .claude/hooks/guard_edits.py", "shell-write-protected"),
    ("mv-hooks-away", "mv .claude/hooks /var/tmp/hooks-backup", "shell-write-protected"),
    (
        "tee-precommit-config",
        "echo 'repos: []' | tee .pre-commit-config.yaml",
        "shell-write-protected",
    ),
    ("git-hook-symlink", "ln -sf /dev/null .git/hooks/pre-commit", "shell-write-protected"),
    ("cp-over-secretsignore", "cp /dev/null .secretsignore", "shell-write-protected"),
    ("checkout-old-hooks", "git checkout v0.1.0 -- .claude/hooks", "shell-write-protected"),
]

# (test id, command) that must be allowed
EVERYDAY: list[tuple[str, str]] = [
    ("git-status", "git status"),
    ("git-status-short", "git status --short --branch"),
    ("git-add-all", "git add -A"),
    ("git-add-file", "git add src/app/main.py"),
    ("git-commit", 'git commit -m "feat: x"'),
    ("git-commit-message-mentions-force", 'git commit -m "fix: reject --force and -n flags"'),
    ("git-commit-message-mentions-skip", 'git commit -m "docs: explain SKIP=ruff"'),
    ("git-commit-all", 'git commit -am "chore: tidy"'),
    (
        "git-commit-heredoc-message",
        "git commit -m \"$(cat <<'EOF'\nfeat: add parser\n\nIt's done.\nEOF\n)\"",
    ),
    ("git-push-branch", "git push origin feature/x"),
    ("git-push-upstream-head", "git push -u origin HEAD"),
    ("git-push-set-upstream", "git push --set-upstream origin feature/x"),
    ("git-push-refspec", "git push origin HEAD:refs/heads/feature/x"),
    ("git-push-dry-run-n", "git push -n origin main"),
    ("git-push-tag", "git push origin v1.2.3"),
    ("git-log", "git log --oneline -n 20"),
    ("git-diff", "git diff"),
    ("git-diff-cached", "git diff --cached --stat"),
    ("git-diff-path", "git diff HEAD~1 -- src/"),
    ("git-reset-file", "git reset HEAD src/app/main.py"),
    ("git-clean-dry-run", "git clean -n"),
    ("git-clean-dry-run-dirs", "git clean -nd"),
    ("git-stash", "git stash && git stash pop"),
    ("git-merge", "git merge --no-ff feature/x"),
    ("git-checkout-new-branch", "git checkout -b feature/x"),
    ("git-switch", "git switch -c feat/y"),
    ("git-restore-staged-all", "git restore --staged ."),
    ("git-branch-delete-merged", "git branch -d merged-branch"),
    ("git-show-blame", "git show HEAD && git blame README.md"),
    ("git-config-user", 'git config user.name "Dev Eloper"'),
    ("git-config-read-hookspath", "git config core.hooksPath"),
    ("git-config-get-hookspath", "git config --get core.hooksPath"),
    ("git-dash-c-color", "git -c color.ui=always log -1"),
    ("git-log-hooks-dir", "git log -p -- .claude/hooks/"),
    ("uv-run-pytest", "uv run pytest -q tests/"),
    ("uv-sync-frozen", "uv sync --frozen"),
    ("uv-run-ruff", "uv run ruff check . && uv run ruff format --check ."),
    ("uv-run-mypy", "uv run mypy --strict src"),
    ("npm-ci", "npm ci"),
    ("npm-build", "npm run build"),
    ("npm-test", "npm test -- --watch=false"),
    ("frontend-build", "cd frontend && npm ci && npm run build"),
    ("grep-force", "grep -- --force docs/"),
    ("grep-rn-force", 'grep -rn "git push --force" docs/'),
    ("echo-forbidden", 'echo "git push --force is forbidden"'),
    ("printf-rm-rf", "printf '%s\\n' 'rm -rf /'"),
    ("rm-build-dirs", "rm -rf build/ dist/ .pytest_cache"),
    ("rm-node-modules", "rm -rf node_modules frontend/node_modules"),
    ("rm-file", "rm -f coverage.xml"),
    ("rm-scratch-dir", "rm -r ./tmp-scratch"),
    ("rm-in-subdir-star", "cd build && rm -rf *"),
    ("ls", "ls -la"),
    ("cat-head", "cat README.md | head"),
    ("cat-head-wc", "cat README.md | head -n 20 && wc -l README.md"),
    ("read-settings", "cat .claude/settings.json"),
    ("write-notes-heredoc", "cat > notes.txt <<'EOF'\nhello\nEOF"),
    ("redirect-dev-null", "echo hi > /dev/null 2>&1"),
    ("redirect-patch", "git diff > changes.patch"),
    ("gh-pr-create", "gh pr create --fill"),
    ("gh-pr-view", "gh pr view 12 --json title"),
    ("gh-pr-merge-squash", "gh pr merge 12 --squash --auto"),
    ("gh-api-pulls", "gh api repos/o/r/pulls"),
    ("gh-api-get-protection", "gh api repos/o/r/branches/main/protection"),
    ("gh-api-get-with-query", "gh api -X GET repos/o/r/rulesets -f includes_parents=true"),
    ("gh-secret-list", "gh secret list"),
    ("gh-ruleset-list", "gh ruleset list"),
    ("gh-run-watch", "gh run watch"),
    ("export-node-env", "export NODE_ENV=production"),
    ("skip-slow-env", "SKIP_SLOW=1 uv run pytest"),
    ("husky-one", "HUSKY=1 npm ci"),
    ("bash-c-harmless", 'bash -c "uv run pytest -q"'),
    ("python-module", "python -m pytest -x"),
    ("mkdir-touch", "mkdir -p src/app && touch src/app/__init__.py"),
    ("find-delete-pyc", 'find . -name "*.pyc" -delete'),
    ("xargs-wc", "git ls-files | xargs wc -l"),
    ("docker-compose", "docker compose up -d"),
    ("make-test", "make test"),
    ("remove-stale-git-lock", "rm -f .git/index.lock"),
    ("curl-get-github-api", "curl -s https://api.github.com/repos/o/r/branches/main/protection"),
    ("pre-commit-run", "uv run pre-commit run --all-files"),
]

_UPPER = string.ascii_uppercase
_LOWER = string.ascii_lowercase
_DIGITS = string.digits
_ALNUM = _UPPER + _LOWER + _DIGITS
_BASE32 = _UPPER + "234567"
_BASE64 = _ALNUM + "+/"
_URLSAFE = _ALNUM + "_-"
_HEX = "0123456789abcdef"


def fake_chars(seed: str, alphabet: str, length: int) -> str:
    """Deterministic, random-looking text (high entropy, no secret ever leaves the tests)."""
    out: list[str] = []
    counter = 0
    while len(out) < length:
        digest = hashlib.sha256(f"{seed}:{counter}".encode()).digest()
        out.extend(alphabet[byte % len(alphabet)] for byte in digest)
        counter += 1
    return "".join(out[:length])


@dataclass(frozen=True)
class PlantedSecret:
    """A fake secret inside a file: where it is and which rule must report it."""

    rule_id: str
    secret: str
    filename: str
    content: str
    line: int


def _planted(rule_id: str, secret: str, filename: str, template: str) -> PlantedSecret:
    content = template.replace("SECRET_VALUE", secret)
    line = next(n for n, text in enumerate(content.splitlines(), 1) if secret[:24] in text)
    return PlantedSecret(rule_id, secret, filename, content, line)


def planted_secrets() -> list[PlantedSecret]:
    """One realistic-looking fake value per scanner rule, each in a small file."""
    f = fake_chars
    pem_body = "\n".join(f(f"pem{n}", _BASE64, 64) for n in range(4))
    pem = (
        "-----BEGIN RSA " + "PRIVATE KEY-----\n" + pem_body + "\n-----END RSA " + "PRIVATE KEY-----"
    )
    py = '"""Settings."""\nimport os\n\nDEBUG = False\nVALUE = "SECRET_VALUE"\n'
    env = "# local settings\nLOG_LEVEL=info\nSERVICE_CREDENTIAL=SECRET_VALUE\n"
    return [
        _planted("aws-access-token", "AK" + "IA" + f("aws-id", _BASE32, 16), "aws.py", py),
        _planted(
            "aws-secret-access-key",
            f("aws-secret", _BASE64, 40),
            "credentials",
            "[default]\nregion = eu-west-1\naws_secret_access_key = SECRET_VALUE\n",
        ),
        _planted(
            "openai-api-key",
            "sk-" + "proj-" + f("oa1", _URLSAFE, 74) + "T3Blbk" + "FJ" + f("oa2", _URLSAFE, 74),
            "openai.env",
            env,
        ),
        _planted(
            "anthropic-api-key",
            "sk-" + "ant-api03-" + f("ant", _URLSAFE, 93) + "AA",
            "anthropic.env",
            env,
        ),
        _planted(
            "anthropic-admin-api-key",
            "sk-" + "ant-admin01-" + f("ant-admin", _URLSAFE, 93) + "AA",
            "anthropic_admin.env",
            env,
        ),
        _planted("github-pat", "gh" + "p_" + f("ghp", _ALNUM, 36), "gh_pat.py", py),
        _planted("github-oauth", "gh" + "o_" + f("gho", _ALNUM, 36), "gh_oauth.py", py),
        _planted("github-app-token", "gh" + "s_" + f("ghs", _ALNUM, 36), "gh_app.py", py),
        _planted("github-refresh-token", "gh" + "r_" + f("ghr", _ALNUM, 36), "gh_refresh.py", py),
        _planted(
            "github-fine-grained-pat",
            "github" + "_pat_" + f("fg1", _ALNUM, 22) + "_" + f("fg2", _ALNUM, 59),
            "gh_fine.py",
            py,
        ),
        _planted(
            "slack-bot-token",
            "xo"
            + "xb-"
            + f("sb1", _DIGITS, 12)
            + "-"
            + f("sb2", _DIGITS, 13)
            + "-"
            + f("sb3", _ALNUM, 24),
            "slack_bot.py",
            py,
        ),
        _planted(
            "slack-user-token",
            "xo"
            + "xp-"
            + f("su1", _DIGITS, 12)
            + "-"
            + f("su2", _DIGITS, 12)
            + "-"
            + f("su3", _DIGITS, 13)
            + "-"
            + f("su4", _HEX, 32),
            "slack_user.py",
            py,
        ),
        _planted(
            "slack-legacy-token",
            "xo"
            + "xs-"
            + f("sl1", _DIGITS, 10)
            + "-"
            + f("sl2", _DIGITS, 10)
            + "-"
            + f("sl3", _DIGITS, 12)
            + "-"
            + f("sl4", _HEX, 64),
            "slack_legacy.py",
            py,
        ),
        _planted(
            "slack-app-token",
            "xa"
            + "pp-1-A"
            + f("sa1", _UPPER + _DIGITS, 10)
            + "-"
            + f("sa2", _DIGITS, 13)
            + "-"
            + f("sa3", _HEX, 64),
            "slack_app.py",
            py,
        ),
        _planted(
            "slack-webhook-url",
            "https://hooks."
            + "slack.com/services/T"
            + f("sw1", _UPPER + _DIGITS, 8)
            + "/B"
            + f("sw2", _UPPER + _DIGITS, 10)
            + "/"
            + f("sw3", _ALNUM, 24),
            "slack_hook.py",
            py,
        ),
        _planted("stripe-access-token", "sk" + "_live_" + f("stripe", _ALNUM, 24), "stripe.py", py),
        _planted("gcp-api-key", "AI" + "za" + f("gcp", _URLSAFE, 35), "gcp.py", py),
        _planted("private-key", pem, "deploy_key.pem", "SECRET_VALUE\n"),
        _planted(
            "generic-api-key",
            f("generic", _ALNUM, 28),
            "db.env",
            "# database\nDB_HOST=localhost\nDATABASE_PASSWORD=SECRET_VALUE\n",
        ),
    ]


# Everyday commands that rewrite history, discard uncommitted work, run unlocked packages or
# change how later commands run: the fail-closed guard asks a person about each of them.
# (test id, command, rule id in the ask reason)
REVIEWED: list[tuple[str, str, str]] = [
    ("git-commit-amend", "git commit --amend --no-edit", "git-history-rewrite"),
    ("git-reset-soft", "git reset --soft HEAD~1", "git-history-rewrite"),
    ("git-fetch-pull", "git fetch origin && git pull --rebase origin main", "git-history-rewrite"),
    ("git-rebase", "git rebase main", "git-history-rewrite"),
    ("git-checkout-file", "git checkout -- src/app/main.py", "git-discard-file"),
    ("git-restore-file", "git restore src/app/main.py", "git-discard-file"),
    ("npx-vitest", "npx vitest run", "package-install"),
    ("export-path", 'export PATH="$HOME/.local/bin:$PATH"', "env-injection"),
]
