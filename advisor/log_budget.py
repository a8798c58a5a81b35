"""A budget on what the logs take: at most LINES warnings (or errors) a minute from
each logger at each level, in each process. Past it, records are dropped and counted, and the next
record let through says how many went: whatever a client makes the site log (a bug's
traceback on every request, a flood of refused forms), the log grows by a bounded
amount a minute.
"""

from __future__ import annotations

import logging
import threading
import time

LINES = 60
WINDOW = 60.0  # seconds


class LogBudget(logging.Filter):
    def __init__(self, lines: int = LINES, window: float = WINDOW, clock=time.monotonic):
        super().__init__()
        self.lines, self.window, self.clock = lines, window, clock
        self._lock = threading.Lock()
        # (logger, level) -> [window start, records let through, records dropped].
        # Loggers are named in the code, so the keys are few.
        self._spent: dict[tuple[str, int], list] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:  # request lines and notes: the server's own pace
            return True
        now = self.clock()
        with self._lock:
            spent = self._spent.setdefault((record.name, record.levelno), [now, 0, 0])
            if now - spent[0] >= self.window:
                spent[0], spent[1] = now, 0
            if spent[1] >= self.lines:
                spent[2] += 1
                return False
            spent[1] += 1
            dropped, spent[2] = spent[2], 0
        if dropped:
            record.msg = f"[{dropped} earlier lines like this one were dropped] {record.msg}"
        return True
