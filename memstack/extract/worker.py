"""An in-process worker: a thread that processes queued extraction jobs.

``mem.remember(..., background=True)`` only stores a job, so an agent's turn
never waits for a model. Something has to process the queue: the
``memstack worker`` command (another process), or this thread
(``mem.start_worker()``), which ``remember`` wakes as soon as it queues a job.

A worker never swallows an unexpected error: a job's own failures (model
errors, refused statements) are handled and logged by the plan; anything else
(the store was closed, a bug) stops the thread, is logged at ERROR on the
``memstack.extract`` logger and kept in :attr:`Worker.error`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from ..errors import MemstackError, UsageError

__all__ = ["Worker"]

log = logging.getLogger("memstack.extract")


class Worker:
    """Calls ``run_once`` until stopped, sleeping ``interval`` seconds when the queue is empty.

    Args:
        run_once: processes due jobs and returns how many it took
            (``Memory.run_jobs``).
        interval: seconds between polls of an empty queue.

    Attributes:
        processed: jobs taken so far.
        error: the exception that stopped the thread, if one did.
    """

    def __init__(self, run_once: Callable[[], int], *, interval: float = 1.0) -> None:
        if not isinstance(interval, int | float) or interval <= 0:
            raise UsageError(f"interval must be a positive number of seconds, got {interval!r}.")
        self._run_once = run_once
        self.interval = float(interval)
        self.processed = 0
        self.error: BaseException | None = None
        self._stop = threading.Event()
        self._wake = threading.Event()
        # wake() calls so far, and the last one after which the queue was found empty:
        # wait_idle() waits for the second to catch up with the first.
        self._cond = threading.Condition()
        self._requested = 0
        self._settled = 0
        self._finished = False
        self._thread = threading.Thread(target=self._loop, name="memstack-worker", daemon=True)

    def start(self) -> Worker:
        """Start the thread; returns ``self``."""
        self._thread.start()
        return self

    @property
    def alive(self) -> bool:
        """True while the thread runs."""
        return self._thread.is_alive()

    def wake(self) -> None:
        """Look at the queue now instead of at the end of the current sleep."""
        with self._cond:
            self._requested += 1
        self._wake.set()

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until the queue was found empty after the last :meth:`wake`, or the thread stopped.

        Returns:
            False if ``timeout`` passed first.

        Raises:
            MemstackError: the thread stopped on an unexpected error (see :attr:`error`),
                so the queue may still hold jobs.
        """
        with self._cond:
            target = self._requested
            done = self._cond.wait_for(lambda: self._settled >= target or self._finished, timeout)
        if self.error is not None:
            raise MemstackError(
                f"The extraction worker stopped on an error: {self.error}",
                hint="See the memstack.extract log; queued jobs stay queued for the next worker.",
            ) from self.error
        return done

    def stop(self, timeout: float | None = 30.0) -> None:
        """Ask the thread to finish its current job and stop; wait up to ``timeout`` seconds."""
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            with self._cond:
                seen = self._requested
            try:
                taken = self._run_once()
            except BaseException as exc:  # noqa: BLE001 - kept and logged, and the thread stops
                self.error = exc
                log.error("memstack worker stopped: %s", exc, exc_info=exc)
                break
            self.processed += taken
            if taken == 0:
                with self._cond:
                    self._settled = max(self._settled, seen)
                    self._cond.notify_all()
                self._wake.wait(self.interval)
        with self._cond:
            self._finished = True
            self._cond.notify_all()

    def __repr__(self) -> str:
        state = "running" if self.alive else "stopped"
        return f"<Worker {state}, {self.processed} job(s) processed>"
