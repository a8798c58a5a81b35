"""Issue 24, finding 5: a password-reset e-mail written to a file is a key to an
advisor's account, so it is the server user's alone: 0600 in a 0700 folder, even under
a loose umask."""

import os
import stat

import pytest
from django.core import mail

from advisor.private_files import PrivateFileEmailBackend

pytestmark = pytest.mark.django_db


@pytest.fixture
def loose_umask():
    was = os.umask(0o022)
    yield
    os.umask(was)


def test_reset_mails_are_written_for_the_server_user_only(
    client, settings, tmp_path, loose_umask, django_user_model
):
    settings.EMAIL_BACKEND = "advisor.private_files.PrivateFileEmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "sent-mail")
    django_user_model.objects.create_user("amal", "amal@example.com", "pw-long-enough-1")
    response = client.post("/accounts/password_reset/", {"email": "amal@example.com"})
    assert response.status_code == 302
    written = list((tmp_path / "sent-mail").iterdir())
    assert len(written) == 1 and "/accounts/reset/" in written[0].read_text()
    assert stat.S_IMODE(written[0].stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "sent-mail").stat().st_mode) == 0o700


def test_a_folder_made_before_is_closed_too(tmp_path, loose_umask):
    folder = tmp_path / "old"
    folder.mkdir(mode=0o755)
    backend = PrivateFileEmailBackend(file_path=str(folder))
    backend.send_messages([mail.EmailMessage("s", "b", "a@example.com", ["b@example.com"])])
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in folder.iterdir())
