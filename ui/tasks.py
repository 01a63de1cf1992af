"""The one way to run work off the GUI thread: ``TaskRunner.run(work, success=…, failure=…)``.

Anki's ``QueryOp`` shape: ``work()`` runs on a worker thread and touches no widget; then
``success(result)`` or ``failure(exception)`` runs on the GUI thread. Every failure reaches its
``failure`` callback, whose job is to tell the user; the only outcomes dropped are those nobody
wants any more:

- Tasks with a ``key`` run one at a time per key, newest wins. A request while a task of its key
  runs waits for it (replacing an older waiting request), and the running task's outcome is
  dropped. Checks and the preview ask again after every edit: they never show a result of an
  older state, and never run twice at once (each holds the GIL in pure Python).
- ``cancel(key)``: what was asked so far is no longer wanted (the material changed meanwhile);
  a running task's outcome is dropped, a waiting one never starts.
- ``progress``: when given, ``work`` is called with a ``report(value)`` function that hands
  ``value`` to ``progress`` on the GUI thread and raises ``Cancelled`` once the task was
  cancelled, so long work (conversions, big imports) can show how far it is and stop early.

Workers are Python daemon threads rather than a ``QThreadPool``: a pool waits for its running
jobs when it is destroyed, so closing a window would wait for a render. Here nothing in Qt waits;
``wait()`` blocks only when a caller asks (a backup at quit). A runner is the child of the object
whose methods it calls back: once that is deleted, Qt discards the queued outcome (its receiver,
the runner, is gone) and the work, told it was cancelled, ends unobserved.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal

# Work on a worker holds the GIL in pure Python (a check run of 100 pages ≈250 ms, a render of
# the seed 0.25–0.6 s); each time the GUI thread re-enters Python (a key event's slots, a timer)
# it waits for the worker to yield, by default after 5 ms, and a keystroke needs several such
# entries. Measured on 100 pages: a keystroke took 40–90 ms at 5 ms, 25–50 ms at 0.5 ms (11–22 ms
# with no run); below 0.5 ms it got worse again. ``ui.main.main()`` sets it once per process.
GUI_SWITCH_INTERVAL = 0.0005

_log = logging.getLogger("duizhao.ui")


class Cancelled(Exception):
    """Raised by ``report`` in a task whose outcome is no longer wanted: the work stops there."""


@dataclass(eq=False)
class Task:
    """One request: its work, its callbacks, and whether its outcome is still wanted."""

    work: Callable[..., Any]
    success: Callable[[Any], object]
    failure: Callable[[BaseException], object]
    key: str | None = None
    progress: Callable[[Any], object] | None = None
    thread: threading.Thread | None = None
    _cancelled: threading.Event = field(default_factory=threading.Event)

    def cancel(self) -> None:
        """Drop the outcome; a ``report`` from the work raises ``Cancelled`` from now on."""
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()


class _Relay(QObject):
    """Carries outcomes and progress from the workers to the runner (queued signals).

    It lives on the GUI thread and is only ever deleted there: owned by the application (so a
    worker dropping the last Python reference frees no C++ object off the GUI thread, which can
    crash), and retired by ``deleteLater`` once its runner is gone and no worker uses it."""

    finished = Signal(object, bool, object)  # Task, succeeded, result or exception
    progressed = Signal(object, object)  # Task, value

    def __init__(self):
        super().__init__(QCoreApplication.instance())
        self.workers = 0  # started and not yet ended (counted on the GUI thread)
        self.retired = False
        self.finished.connect(self._ended, Qt.ConnectionType.QueuedConnection)

    def _ended(self, *_args) -> None:
        self.workers -= 1
        if self.retired and self.workers == 0:
            self.deleteLater()

    def retire(self, *_args) -> None:
        """Its runner is deleted: go once the last worker has reported."""
        self.retired = True
        if self.workers == 0:
            self.deleteLater()


class TaskRunner(QObject):
    """Runs tasks on daemon threads named ``duizhao-<name>`` and calls back on the GUI thread."""

    def __init__(self, parent: QObject, name: str):
        super().__init__(parent)
        self.name = name
        self._relay = _Relay()
        self._relay.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._relay.progressed.connect(self._progress, Qt.ConnectionType.QueuedConnection)
        self._running: set[Task] = set()  # started; outcome not handled yet
        self._waiting: dict[str, Task] = {}  # per key, the request after the running one
        # Deleted with its owner: tell the work it is no longer wanted (those that report stop).
        self.destroyed.connect(partial(_cancel_all, self._running, self._waiting))
        self.destroyed.connect(self._relay.retire)

    def run(
        self,
        work: Callable[..., Any],
        *,
        success: Callable[[Any], object],
        failure: Callable[[BaseException], object],
        key: str | None = None,
        progress: Callable[[Any], object] | None = None,
    ) -> Task:
        """Start ``work`` (or, keyed behind a running task of its key, queue it: newest wins)."""
        task = Task(work, success, failure, key, progress)
        running = self._running_with(key)
        if running is not None:
            running.cancel()
            self._waiting[key] = task  # replaces an older waiting request, which never runs
        else:
            self._start(task)
        return task

    def cancel(self, key: str) -> None:
        """The outcome of what was asked under ``key`` so far is no longer wanted."""
        running = self._running_with(key)
        if running is not None:
            running.cancel()
        self._waiting.pop(key, None)

    def busy(self, key: str | None = None) -> bool:
        """A task (of ``key``) was started and its outcome not handled yet, or one waits."""
        if key is None:
            return bool(self._running or self._waiting)
        return self._running_with(key) is not None or key in self._waiting

    def wait(self, timeout: float | None = None) -> bool:
        """Block until every task ended and its outcome was handled. False on timeout."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while self._running:
            for task in list(self._running):
                left = None if deadline is None else max(0.0, deadline - time.monotonic())
                task.thread.join(left)
                if task.thread.is_alive():
                    return False
            QCoreApplication.sendPostedEvents(self)  # their outcomes; a waiting task may start
        return True

    def _running_with(self, key: str | None) -> Task | None:
        if key is None:
            return None
        return next((t for t in self._running if t.key == key), None)

    def _start(self, task: Task) -> None:
        self._running.add(task)
        self._relay.workers += 1
        task.thread = threading.Thread(
            target=_work, args=(task, self._relay), name=f"duizhao-{self.name}", daemon=True
        )
        task.thread.start()

    def _deliver(self, task: Task, succeeded: bool, value: object) -> None:
        self._running.discard(task)
        try:
            if not task.cancelled:
                (task.success if succeeded else task.failure)(value)
            elif not succeeded and not isinstance(value, Cancelled):
                _log.info("dropped the failure of a superseded %s task: %r", self.name, value)
        finally:
            following = self._waiting.pop(task.key, None) if task.key is not None else None
            if following is not None:
                self._start(following)

    def _progress(self, task: Task, value: object) -> None:
        if not task.cancelled and task.progress is not None:
            task.progress(value)


def _work(task: Task, relay: _Relay) -> None:
    """The worker thread: the work's outcome, whatever it is, goes back to the GUI thread."""
    try:
        if task.progress is None:
            value = task.work()
        else:
            value = task.work(partial(_report, task, relay))
        succeeded = True
    except BaseException as exc:  # a worker must not die silently: ``failure`` reports it
        value, succeeded = exc, False
    relay.finished.emit(task, succeeded, value)


def _report(task: Task, relay: _Relay, value: object) -> None:
    if task.cancelled:
        raise Cancelled
    relay.progressed.emit(task, value)


def _cancel_all(running: set[Task], waiting: dict[str, Task], *_args) -> None:
    for task in running:
        task.cancel()
    waiting.clear()
