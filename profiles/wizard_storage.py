"""Wizard storage that writes the session only when the wizard's data changes.

formtools' SessionStorage marks the session modified on every read, so merely
showing a step cost a database write (and, on SQLite, the write lock).
"""

from formtools.wizard.storage.session import SessionStorage


class QuietSessionStorage(SessionStorage):
    def _get_data(self):
        return self.request.session[self.prefix]

    data = property(_get_data, SessionStorage._set_data)

    def _changed(self) -> None:
        self.request.session.modified = True

    def _set_current_step(self, step):
        if self.data[self.step_key] != step:
            super()._set_current_step(step)
            self._changed()

    def _set_extra_data(self, extra_data):
        super()._set_extra_data(extra_data)
        self._changed()

    def set_step_data(self, step, cleaned_data):
        super().set_step_data(step, cleaned_data)
        self._changed()

    def set_step_files(self, step, files):
        super().set_step_files(step, files)
        self._changed()
