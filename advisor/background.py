"""Work too long for a request (a background export, re-checking every profile's
advice after an admin's save) runs as `manage.py <command> <job id>` in a process
of its own.

Measured: such work takes a minute or more at a million rows, past a gunicorn
worker's 30 s timeout; a thread of the worker dies with it when gunicorn recycles
the worker (max_requests), which a benchmark did within seconds. A process needs
nothing more deployed; if it dies, its job's heartbeat stops and the job reads as
stopped.
"""

from __future__ import annotations

import logging
import subprocess
import sys

from django.conf import settings

logger = logging.getLogger(__name__)


def start_detached(command: str, job_id: int) -> bool:
    """Start `manage.py command job_id`; False if no process could be made (out of
    processes or memory), for the caller to mark its job stopped."""
    # A session of its own: the job outlives the worker, and no signal sent to the
    # worker's group (a restart) reaches it. subprocess reaps it on a later start.
    try:
        subprocess.Popen(
            [sys.executable, str(settings.BASE_DIR / "manage.py"), command, str(job_id)],
            cwd=settings.BASE_DIR,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        logger.exception("%s %s could not start", command, job_id)
        return False
    return True
