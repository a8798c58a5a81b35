"""Files that carry personal data or a key (a password-reset e-mail, an export of
profiles) are the server user's alone: created 0600 in folders made 0700, whatever
the process's umask, so another account on the machine can neither list nor read
them."""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

from django.core.mail.backends.filebased import EmailBackend

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def private_folder(path: str | os.PathLike) -> Path:
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(FOLDER_MODE)
    return folder


def open_private(path: str | os.PathLike, mode: str = "w", **text) -> IO:
    """open() for a file only its owner may read: "w" (truncate), "a" or "ab"."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if "a" in mode else os.O_TRUNC)
    descriptor = os.open(path, flags, FILE_MODE)
    os.fchmod(descriptor, FILE_MODE)  # an older file made under a looser umask too
    return os.fdopen(descriptor, mode, **text)


class PrivateFileEmailBackend(EmailBackend):
    """Django's file-based backend (one file per connection in EMAIL_FILE_PATH), with
    private files: a reset link in a file others can read is someone's account."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        private_folder(self.file_path)

    def open(self):
        if self.stream is None:
            self.stream = open_private(self._get_filename(), "ab")
            return True
        return False
