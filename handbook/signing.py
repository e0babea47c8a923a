"""Signed releases with minisign (Debian's `minisign` package, installed by scripts/install-system.sh).

When HANDBOOK_SIGNING_KEY names a minisign secret key, the build signs dist/SHA256SUMS into
dist/SHA256SUMS.minisig and prints the public key on the About page (hooks/release.py) and in the
zip's README.txt. Without it the build says the bundle is unsigned. A key that is missing,
unreadable or not a minisign secret key (or whose password, HANDBOOK_SIGNING_PASSWORD, is wrong)
stops the build with a message that says which.

Ed25519 signatures are deterministic and the trusted comment is fixed (name, version, date), so
the same key signs the same SHA256SUMS into the same bytes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

KEY_VARIABLE = "HANDBOOK_SIGNING_KEY"
PASSWORD_VARIABLE = "HANDBOOK_SIGNING_PASSWORD"
SIGNATURE_SUFFIX = ".minisig"


class SigningError(Exception):
    """The signing key cannot be used; the message says why and what to do."""


def key_path() -> Path | None:
    """The secret key named by HANDBOOK_SIGNING_KEY, or None for an unsigned build."""
    value = os.environ.get(KEY_VARIABLE, "").strip()
    return Path(value).expanduser() if value else None


def public_key(secret: Path) -> str:
    """The public key (one base64 line) of a minisign secret key; checks the key can be used."""
    _check_readable(secret)
    with tempfile.TemporaryDirectory() as scratch:
        public = Path(scratch) / "key.pub"
        _minisign(["-R", "-s", str(secret), "-p", str(public)], secret)
        lines = public.read_text(encoding="ascii").splitlines()
    return lines[1].strip()


def sign(secret: Path, file: Path, trusted_comment: str) -> Path:
    """Writes <file>.minisig and checks it against the key's own public key."""
    _check_readable(secret)
    signature = file.with_name(file.name + SIGNATURE_SUFFIX)
    _minisign(["-S", "-s", str(secret), "-m", str(file), "-x", str(signature), "-t", trusted_comment], secret)
    verify(file, signature, public_key(secret))
    return signature


def verify(file: Path, signature: Path, key: str) -> None:
    """Raises SigningError unless the signature of the file verifies with the public key."""
    result = subprocess.run([_executable(), "-V", "-q", "-m", str(file), "-x", str(signature), "-P", key],
                            capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if result.returncode != 0:
        raise SigningError(f"{signature.name} does not verify with the public key {key}: "
                           f"{(result.stderr or result.stdout).strip()}")


def _check_readable(secret: Path) -> None:
    if not secret.exists():
        raise SigningError(f"{KEY_VARIABLE}={secret}: no such file. Point it at a minisign secret key "
                           f"(minisign -G -s <file>), or unset it to build an unsigned bundle.")
    try:
        secret.read_bytes()
    except OSError as error:
        raise SigningError(f"{KEY_VARIABLE}={secret}: the key cannot be read ({error.strerror}).") from error


def _minisign(arguments: list[str], secret: Path) -> None:
    password = os.environ.get(PASSWORD_VARIABLE)
    result = subprocess.run([_executable(), *arguments], capture_output=True, text=True,
                            input=f"{password}\n" if password is not None else "", timeout=300)
    if result.returncode != 0:
        reason = (result.stderr or result.stdout).strip().splitlines()
        raise SigningError(
            f"{KEY_VARIABLE}={secret} is not a usable minisign secret key "
            f"({reason[-1] if reason else 'minisign failed'}). It must be a key made by `minisign -G`; "
            f"a password-protected key needs its password in {PASSWORD_VARIABLE}.")


def _executable() -> str:
    found = shutil.which("minisign")
    if found is None:
        raise SigningError(f"{KEY_VARIABLE} is set but minisign is not installed: run `make system` "
                           f"(apt-get install minisign).")
    return found
