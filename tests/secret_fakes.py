"""Fake secrets for the secret-scanner tests, built at run time from hashes and pieces.

No secret-shaped literal lives in the repository: each value is assembled here when the tests
run, so neither gitleaks nor the harness scanner flags the template's own sources.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import string
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

HOOKS_DIR = Path(__file__).resolve().parents[1] / "template" / ".claude" / "hooks"
ALNUM = string.ascii_letters + string.digits
B64 = ALNUM + "+/"
URLSAFE = ALNUM + "-_"
UPPER32 = string.ascii_uppercase + "234567"


def load_scanner() -> ModuleType:
    """The template's scanner, imported from its file (it is not a package)."""
    spec = importlib.util.spec_from_file_location(
        "harness_secret_scan_kinds", HOOKS_DIR / "secret_scan.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def chars(seed: str, alphabet: str, length: int) -> str:
    """``length`` characters of ``alphabet`` derived from ``seed`` (deterministic, high entropy)."""
    out: list[str] = []
    counter = 0
    while len(out) < length:
        digest = hashlib.sha256(f"{seed}/{counter}".encode()).digest()
        out.extend(alphabet[byte % len(alphabet)] for byte in digest)
        counter += 1
    return "".join(out[:length])


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def pem(kind: str, seed: str, newline: str = "\n", headers: str = "") -> str:
    """A PEM block of ``kind`` ("RSA PRIVATE KEY", "PUBLIC KEY", ...) with a fake body."""
    body = newline.join(chars(f"{seed}{n}", B64, 64) for n in range(6))
    dashes = "-" * 5
    return (
        f"{dashes}BEGIN {kind}{dashes}{newline}{headers}{body}{newline}"
        f"{dashes}END {kind}{dashes}{newline}"
    )


def jwt(seed: str) -> str:
    header = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    payload = b64url(json.dumps({"sub": chars(seed, ALNUM, 12), "iat": 1700000000}).encode())
    return f"{header}.{payload}.{chars(seed + 'sig', URLSAFE, 43)}"


@dataclass(frozen=True)
class Case:
    """A text with (``rule``) or without (``rule`` None) exactly one expected finding."""

    name: str
    text: str
    rule: str | None


def _private_keys() -> list[Case]:
    flavours = [
        "RSA PRIVATE KEY",
        "EC PRIVATE KEY",
        "DSA PRIVATE KEY",
        "OPENSSH PRIVATE KEY",
        "ENCRYPTED PRIVATE KEY",
        "PRIVATE KEY",
    ]
    cases = []
    for flavour in flavours:
        slug = flavour.lower().replace(" ", "-")
        cases.append(Case(f"pem-{slug}", pem(flavour, slug), "private-key"))
        cases.append(Case(f"pem-{slug}-crlf", pem(flavour, slug, "\r\n"), "private-key"))
    pgp = "PGP PRIVATE KEY BLOCK"
    cases.append(Case("pem-pgp", pem(pgp, "pgp", headers="Version: GnuPG v2\n\n"), "private-key"))
    legacy = "Proc-Type: 4,ENCRYPTED\r\nDEK-Info: AES-128-CBC,0123456789ABCDEF\r\n\r\n"
    encrypted = pem("RSA PRIVATE KEY", "legacy", "\r\n", legacy)
    cases.append(Case("pem-rsa-proc-type-crlf", encrypted, "private-key"))
    ssh2 = "-" * 4 + " BEGIN SSH2 ENCRYPTED PRIVATE KEY " + "-" * 4 + "\n"
    body = "\n".join(chars(f"ssh2{n}", B64, 70) for n in range(4))
    cases.append(Case("pem-ssh2", ssh2 + body + "\n", "private-key"))
    putty = (
        "PuTTY-User-Key-File-" + "2: ssh-rsa\nEncryption: none\nComment: deploy\n"
        f"Public-Lines: 1\n{chars('pub', B64, 64)}\nPrivate-Lines: 3\n"
        + "\n".join(chars(f"putty{n}", B64, 64) for n in range(3))
        + "\n"
    )
    cases.append(Case("putty-ppk", putty, "private-key"))
    rsa = pem("RSA PRIVATE KEY", "b64")
    encoded = base64.b64encode(rsa.encode()).decode()
    cases.append(Case("pem-base64", f"tls.key: {encoded}\n", "private-key-base64"))
    wrapped = "\n".join(encoded[i : i + 76] for i in range(0, len(encoded), 76))
    cases.append(
        Case("pem-base64-wrapped", f"KEY_B64 = '''\n{wrapped}\n'''\n", "private-key-base64")
    )
    for skip in (1, 2):
        shifted = base64.b64encode(b"#" * skip + rsa.encode()).decode()
        cases.append(Case(f"pem-base64-offset-{skip}", f"blob: {shifted}\n", "private-key-base64"))
    escaped = rsa.replace("-", "%2D").replace("\n", "%0A").replace(" ", "%20")
    cases.append(Case("pem-url-encoded", f"key={escaped}\n", "private-key"))
    service_account = {
        "type": "service_account",
        "project_id": "demo-project",
        "private_key_id": chars("kid", "0123456789abcdef", 40),
        "private_key": pem("PRIVATE KEY", "gcp"),
        "client_email": "svc@demo-project.iam.gserviceaccount.com",
    }
    cases.append(
        Case("gcp-service-account", json.dumps(service_account, indent=2), "gcp-service-account")
    )
    return cases


def positives() -> list[Case]:
    """One case per secret kind (several for private keys and database URLs)."""
    secret = chars("db", ALNUM, 20)
    cases = [
        Case("jwt", f'Authorization: "Bearer {jwt("jwt")}"\n', "jwt"),
        Case(
            "azure-connection-string",
            "AZURE_STORAGE=DefaultEndpointsProtocol=https;AccountName=demo;AccountKey="
            + chars("azure", B64, 86)
            + "==;EndpointSuffix=core.windows.net\n",
            "azure-storage-key",
        ),
        Case(
            "azure-service-bus",
            "Endpoint=sb://demo.servicebus.windows.net/;SharedAccessKeyName=root;"
            "SharedAccessKey=" + chars("bus", B64, 43) + "=\n",
            "azure-storage-key",
        ),
        Case(
            "azure-sas",
            "url = https://demo.blob.core.windows.net/c/f?sv=2022-11-02&ss=b&sp=r"
            "&se=2030-01-01&sig=" + chars("sas", ALNUM, 43) + "%3D\n",
            "azure-sas-token",
        ),
        Case(
            "azure-ad-client-secret",
            'client_secret: "' + chars("ad", ALNUM, 3) + "8Q~" + chars("ad2", ALNUM, 34) + '"\n',
            "azure-ad-client-secret",
        ),
        Case(
            "slack-bot",
            "SLACK=xox" + "b-1234567890-1234567890123-" + chars("sb", ALNUM, 24) + "\n",
            "slack-bot-token",
        ),
        Case(
            "slack-user",
            "SLACK=xox"
            + "p-1234567890-1234567890-1234567890-"
            + chars("su", "0123456789abcdef", 32)
            + "\n",
            "slack-user-token",
        ),
        Case(
            "slack-app",
            "SLACK=xap"
            + "p-1-A0"
            + chars("sa", UPPER32, 9)
            + "-1234567890123-"
            + chars("sa2", "0123456789abcdef", 64)
            + "\n",
            "slack-app-token",
        ),
        Case(
            "slack-legacy", "SLACK=xox" + "s-" + chars("sl", ALNUM, 40) + "\n", "slack-legacy-token"
        ),
        Case(
            "slack-webhook",
            "url: https://hooks.slack"
            + ".com/services/T"
            + chars("w1", UPPER32, 8)
            + "/B"
            + chars("w2", UPPER32, 10)
            + "/"
            + chars("w3", ALNUM, 24)
            + "\n",
            "slack-webhook-url",
        ),
        Case(
            "stripe-secret",
            "STRIPE=s" + "k_live_" + chars("st", ALNUM, 24) + "\n",
            "stripe-access-token",
        ),
        Case(
            "stripe-restricted",
            "STRIPE=r" + "k_live_" + chars("rk", ALNUM, 24) + "\n",
            "stripe-access-token",
        ),
        Case("github-pat", "GH=gh" + "p_" + chars("ghp", ALNUM, 36) + "\n", "github-pat"),
        Case("github-oauth", "GH=gh" + "o_" + chars("gho", ALNUM, 36) + "\n", "github-oauth"),
        Case(
            "github-user-to-server",
            "GH=gh" + "u_" + chars("ghu", ALNUM, 36) + "\n",
            "github-app-token",
        ),
        Case(
            "github-server-to-server",
            "GH=gh" + "s_" + chars("ghs", ALNUM, 36) + "\n",
            "github-app-token",
        ),
        Case(
            "github-refresh",
            "GH=gh" + "r_" + chars("ghr", ALNUM, 36) + "\n",
            "github-refresh-token",
        ),
        Case(
            "github-fine-grained",
            "GH=github" + "_pat_" + chars("fg", ALNUM + "_", 82) + "\n",
            "github-fine-grained-pat",
        ),
        Case("gitlab-pat", "GL=glp" + "at-" + chars("gl", URLSAFE, 20) + "\n", "gitlab-pat"),
        Case("gitlab-runner", "GL=glr" + "t-" + chars("glrt", URLSAFE, 20) + "\n", "gitlab-token"),
        Case(
            "npm",
            "//registry.npmjs.org/:_authToken=np" + "m_" + chars("npm", ALNUM, 36) + "\n",
            "npm-access-token",
        ),
        Case(
            "pypi",
            "password = pypi-"
            + b64url(b"\x02\x01\x08pypi.org")
            + chars("pypi", URLSAFE, 70)
            + "\n",
            "pypi-upload-token",
        ),
        Case(
            "openai-project",
            "OPENAI=s" + "k-proj-" + chars("oa", URLSAFE, 64) + "\n",
            "openai-api-key",
        ),
        Case(
            "openai-legacy",
            "OPENAI=s"
            + "k-"
            + chars("ol1", ALNUM, 20)
            + b64url(b"Open" + b"AI")
            + chars("ol2", ALNUM, 20)
            + "\n",
            "openai-api-key",
        ),
        Case(
            "anthropic",
            "KEY=s" + "k-ant-api03-" + chars("an", URLSAFE, 93) + "AA\n",
            "anthropic-api-key",
        ),
        Case(
            "anthropic-admin",
            "KEY=s" + "k-ant-admin01-" + chars("aa", URLSAFE, 93) + "AA\n",
            "anthropic-admin-api-key",
        ),
        Case(
            "anthropic-url-encoded",
            "https://example.invalid/?k=s" + "k%2Dant%2Dapi03%2D" + chars("ane", ALNUM, 93) + "\n",
            "anthropic-api-key",
        ),
        Case(
            "aws-access-key",
            "AWS_ACCESS_KEY_ID=AK" + "IA" + chars("aws", UPPER32, 16) + "\n",
            "aws-access-token",
        ),
        Case(
            "aws-secret-key",
            "aws_secret_access_key = " + chars("awss", B64, 40) + "\n",
            "aws-secret-access-key",
        ),
        Case("gcp-api-key", "GOOGLE=AI" + "za" + chars("gcp", URLSAFE, 35) + "\n", "gcp-api-key"),
        Case(
            "generic", "SERVICE_TOKEN=" + chars("gen", ALNUM + "!#", 32) + "\n", "generic-api-key"
        ),
        Case(
            "postgres",
            f"DATABASE_URL=postgres://app:{secret}@db.internal:5432/app\n",
            "database-url",
        ),
        Case(
            "postgresql-psycopg",
            f'url = "postgresql+psycopg://app:{secret}@db/app"\n',
            "database-url",
        ),
        Case("mysql", f"mysql://root:{secret}@10.0.0.5/shop\n", "database-url"),
        Case(
            "mongodb-srv",
            f"MONGO=mongodb+srv://admin:{secret}@cluster0.mongodb.net/db\n",
            "database-url",
        ),
        Case("redis-no-user", f"REDIS_URL=redis://:{secret}@cache:6379/0\n", "database-url"),
        Case("amqp", f"BROKER=amqps://worker:{secret}@mq.internal/vhost\n", "database-url"),
    ]
    return cases + _private_keys()


def negatives() -> list[Case]:
    """Near misses: the same shapes, but placeholders, public material or too short."""
    dashes = "-" * 5
    return [
        Case("jwt-header-only", "prefix = " + b64url(b'{"alg":"HS256"}') + "\n", None),
        Case(
            "jwt-code",
            "claims = jwt.decode(token, key.get_secret_value(), algorithms=['HS256'])\n",
            None,
        ),
        Case(
            "azure-placeholder",
            "AccountKey=<your-account-key>;EndpointSuffix=core.windows.net\n",
            None,
        ),
        Case("azure-env", "AccountKey=${AZURE_STORAGE_KEY}\n", None),
        Case("azure-sas-short", "?sv=2022-11-02&sig=abc\n", None),
        Case("postgres-defaults", "postgresql://postgres:postgres@localhost:5432/app\n", None),
        Case("postgres-env", "postgresql+psycopg://app:${DB_PASSWORD}@db:5432/app\n", None),
        Case("postgres-no-password", "postgresql://app@localhost/app\n", None),
        Case("postgres-placeholder", "postgresql://user:<password>@host/db\n", None),
        Case("alembic-sample", "sqlalchemy.url = driver://user:pass@localhost/dbname\n", None),
        Case("redis-no-auth", "REDIS_URL=redis://localhost:6379/0\n", None),
        Case("amqp-guest", "amqp://guest:guest@localhost:5672//\n", None),
        Case("mysql-changeme", "mysql://app:changeme@localhost/app\n", None),
        Case("gcp-service-account-env", '{"type": "service_account", "private_key": ""}\n', None),
        Case("slack-short", "xox" + "b-123\n", None),
        Case(
            "slack-webhook-placeholder",
            "https://hooks.slack" + ".com/services/XXXX/YYYY/ZZZZ\n",
            None,
        ),
        Case("stripe-test", "s" + "k_test_" + chars("t", ALNUM, 24) + "\n", None),
        Case("github-low-entropy", "gh" + "p_" + "a" * 36 + "\n", None),
        Case("github-short", "gh" + "p_" + chars("short", ALNUM, 20) + "\n", None),
        Case("gitlab-short", "glp" + "at-abc\n", None),
        Case("npm-config", "npm_config_cache=/tmp/npm\n", None),
        Case("pypi-without-macaroon", "pypi-" + chars("nopypi", URLSAFE, 60) + "\n", None),
        Case("openai-short", "s" + "k-proj-abc\n", None),
        Case("anthropic-short", "s" + "k-ant-api03-abc\n", None),
        Case("aws-doc-example", "AK" + "IA" + "IOSFODNN7" + "EXAMPLE\n", None),
        Case("aws-secret-env", "aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}\n", None),
        Case("pem-public-key", pem("PUBLIC KEY", "pub"), None),
        Case("pem-certificate", pem("CERTIFICATE", "cert"), None),
        Case(
            "pem-header-in-code",
            f'if text.startswith("{dashes}BEGIN PRIVATE KEY{dashes}"):\n',
            None,
        ),
        Case(
            "base64-certificate",
            "ca.crt: " + base64.b64encode(pem("CERTIFICATE", "ca").encode()).decode() + "\n",
            None,
        ),
        Case("url-encoded-plain", "next=%2Fdocs%2Fsecurity%3Fa%3Db\n", None),
        Case("uuid", 'request_id = "' + "0f8fad5b-d9cb-469f-a165-70867728950e" + '"\n', None),
    ]
