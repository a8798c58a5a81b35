"""Wizard storage that writes the session only when an answer changes.

formtools' SessionStorage marks the session modified on every read, and creates
its data on the first look, so merely showing a step cost a database write
(a row per crawler, and on SQLite the write lock). Here a visitor who has not
answered anything yet costs no row at all, and a draft expires a few hours
after its last change (see device_memory).
"""

import secrets

from formtools.wizard.storage.session import SessionStorage

from profiles.device_memory import forget_finished, keep_draft

SUBMISSION_KEY = "submission_key"


class QuietSessionStorage(SessionStorage):
    def __init__(self, prefix, request=None, file_storage=None):
        session = request.session
        was_modified = session.modified
        super().__init__(prefix, request, file_storage)
        # An empty draft is created in memory; it reaches the database with the
        # first answer, not with the first look.
        session.modified = was_modified

    def _get_data(self):
        return self.request.session[self.prefix]

    data = property(_get_data, SessionStorage._set_data)

    def _changed(self) -> None:
        self.request.session.modified = True
        if self.data[self.step_data_key]:
            keep_draft(self.request.session)

    def reset(self):
        had_answers = bool(self.data[self.step_data_key])
        was_modified = self.request.session.modified
        super().reset()
        # Resetting a draft that holds nothing (a crawler following "Start over")
        # writes nothing either.
        self.request.session.modified = was_modified or had_answers

    def _set_current_step(self, step):
        if self.data[self.step_key] != step:
            super()._set_current_step(step)
            if self.data[self.step_data_key]:
                self._changed()

    def _set_extra_data(self, extra_data):
        super()._set_extra_data(extra_data)
        self._changed()

    def set_step_data(self, step, cleaned_data):
        super().set_step_data(step, cleaned_data)
        if SUBMISSION_KEY not in self.extra_data:
            # Names this draft: however often its last step is posted (a double
            # click, a retry), it makes one profile. A new draft also ends the
            # last form's claim on this browser (see device_memory.finished).
            self.extra_data = {**self.extra_data, SUBMISSION_KEY: secrets.token_urlsafe(16)}
            forget_finished(self.request.session)
            # A new session key for a new draft: an id noted earlier on a shared
            # computer no longer reads what this applicant types.
            self.request.session.cycle_key()
        self._changed()

    def set_step_files(self, step, files):
        """No question takes a file: a file part someone posts is never kept."""

    @property
    def submission_key(self) -> str | None:
        return self.extra_data.get(SUBMISSION_KEY)
