"""The task runner on a bare QApplication: outcomes on the GUI thread, failures reported, stale
results dropped, progress and cancel, and a runner whose owner is deleted mid-task.

Workers are held on ``threading.Event``s, never timed: each test decides when a task ends."""

from __future__ import annotations

import logging
import threading

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject

from ui.tasks import Cancelled, TaskRunner

HANG_GUARD_MS = 5000
HANG_GUARD_S = 5


class Owner(QObject):
    """Stands for a window part: the runner's parent, whose methods are the callbacks."""

    def __init__(self):
        super().__init__()
        self.results: list = []
        self.failures: list[BaseException] = []
        self.progress: list = []
        self.threads: list[int] = []
        self.runner = TaskRunner(self, "test")

    def succeeded(self, result) -> None:
        self.threads.append(threading.get_ident())
        self.results.append(result)

    def failed(self, exc: BaseException) -> None:
        self.threads.append(threading.get_ident())
        self.failures.append(exc)

    def progressed(self, value) -> None:
        self.threads.append(threading.get_ident())
        self.progress.append(value)

    def run(self, work, key: str | None = None, **kwargs):
        return self.runner.run(work, success=self.succeeded, failure=self.failed, key=key, **kwargs)


@pytest.fixture
def owner(qapp):
    owner = Owner()
    yield owner
    owner.runner.wait(HANG_GUARD_S)
    if shiboken6.isValid(owner):
        owner.deleteLater()
    QCoreApplication.processEvents()


def held(started: list | None = None, value=None):
    """Work that waits for its gate: ``(work, gate)``; ``started`` records that it ran."""
    gate = threading.Event()

    def work():
        if started is not None:
            started.append(value)
        assert gate.wait(HANG_GUARD_S), "the test never released the work"
        return value

    return work, gate


def test_the_result_arrives_on_the_gui_thread(qtbot, owner):
    owner.run(threading.get_ident)
    assert owner.runner.busy()
    qtbot.waitUntil(lambda: bool(owner.results), timeout=HANG_GUARD_MS)
    (worker,) = owner.results
    assert worker != threading.get_ident()  # the work ran elsewhere…
    assert owner.threads == [threading.get_ident()]  # …and its result came back here
    assert not owner.runner.busy() and owner.failures == []


def test_a_failure_reaches_the_failure_callback_on_the_gui_thread(qtbot, owner):
    def broken():
        raise ValueError("a rule crashed")

    owner.run(broken)
    qtbot.waitUntil(lambda: bool(owner.failures), timeout=HANG_GUARD_MS)
    assert [str(e) for e in owner.failures] == ["a rule crashed"]
    assert owner.threads == [threading.get_ident()] and owner.results == []
    assert not owner.runner.busy()


def test_a_newer_request_of_the_same_kind_drops_the_older_result_and_runs_after_it(qtbot, owner):
    started = []
    first, first_gate = held(started, "old state")
    owner.run(first, key="checks")
    qtbot.waitUntil(lambda: started == ["old state"], timeout=HANG_GUARD_MS)
    replaced, _ = held(started, "replaced")
    newest, newest_gate = held(started, "newest state")
    newest_gate.set()
    owner.run(replaced, key="checks")  # typed while the first run is busy…
    owner.run(newest, key="checks")  # …and again: only the newest request still counts
    assert started == ["old state"]  # one run at a time: the newest waits
    assert owner.runner.busy("checks") and not owner.runner.busy("preview")
    first_gate.set()
    qtbot.waitUntil(lambda: not owner.runner.busy(), timeout=HANG_GUARD_MS)
    assert started == ["old state", "newest state"]  # the replaced request never ran
    assert owner.results == ["newest state"]  # the old state's result was never shown


def test_tasks_of_different_kinds_each_deliver(qtbot, owner):
    one, one_gate = held(value="backup")
    two, two_gate = held(value="export")
    owner.run(one, key="backup")
    owner.run(two)  # no key: runs beside it
    two_gate.set()
    qtbot.waitUntil(lambda: owner.results == ["export"], timeout=HANG_GUARD_MS)
    one_gate.set()
    qtbot.waitUntil(lambda: owner.results == ["export", "backup"], timeout=HANG_GUARD_MS)


def test_cancel_drops_the_outcome_even_a_failure(qtbot, owner, caplog):
    caplog.set_level(logging.INFO, logger="duizhao.ui")
    gate = threading.Event()

    def fails_later():
        gate.wait(HANG_GUARD_S)
        raise OSError("disk gone")

    owner.run(fails_later, key="preview")
    waiting, _ = held(value="never")
    owner.run(waiting, key="preview")
    owner.runner.cancel("preview")  # the material changed: neither is wanted any more
    gate.set()
    assert owner.runner.wait(HANG_GUARD_S)
    assert owner.results == [] and owner.failures == []
    assert "disk gone" in caplog.text  # dropped, but not without a trace


def test_wait_returns_once_the_outcome_was_handled(qtbot, owner):
    work, gate = held(value="backed up")
    owner.run(work)
    assert not owner.runner.wait(0.05)  # still held: waiting gives up, nothing delivered
    assert owner.results == []
    gate.set()
    assert owner.runner.wait(HANG_GUARD_S)  # no event loop turned: wait delivered it
    assert owner.results == ["backed up"] and not owner.runner.busy()


def test_progress_arrives_in_order_and_cancel_stops_the_work_at_its_next_report(qtbot, owner):
    steps = [threading.Event() for _ in range(3)]
    reached = []

    def convert(report):
        for number, step in enumerate(steps):
            step.wait(HANG_GUARD_S)
            reached.append(number)
            report(number)
        return "converted"

    task = owner.run(convert, progress=owner.progressed)
    steps[0].set()
    steps[1].set()
    qtbot.waitUntil(lambda: owner.progress == [0, 1], timeout=HANG_GUARD_MS)
    assert set(owner.threads) == {threading.get_ident()}
    task.cancel()  # the user pressed 取消
    steps[2].set()
    assert owner.runner.wait(HANG_GUARD_S)
    assert reached == [0, 1, 2] and owner.progress == [0, 1]  # stopped at its next report
    assert owner.results == [] and owner.failures == []


def test_deleting_the_owner_mid_task_waits_for_nothing_and_calls_nothing_back(qtbot, qapp):
    owner = Owner()
    started, reports = [], []
    gate = threading.Event()

    def long_job(report):
        started.append(True)
        gate.wait(HANG_GUARD_S)
        try:
            report("half")
        except Cancelled:
            reports.append("told it was cancelled")
            raise
        return "too late"

    owner.run(long_job, progress=owner.progressed)
    qtbot.waitUntil(lambda: bool(started), timeout=HANG_GUARD_MS)
    worker = next(t for t in threading.enumerate() if t.name == "duizhao-test")
    results, failures = owner.results, owner.failures
    owner.deleteLater()  # the window closes while the task runs
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    assert not shiboken6.isValid(owner)
    assert worker.is_alive()  # the deletion did not wait for the work
    gate.set()
    worker.join(HANG_GUARD_S)
    QCoreApplication.sendPostedEvents()
    QCoreApplication.processEvents()
    assert reports == ["told it was cancelled"]
    assert results == [] and failures == []


def test_a_deleted_runners_relay_is_freed_on_the_gui_thread_after_its_last_worker(qtbot):
    """A worker that outlives its runner must not free Qt objects off the GUI thread (a
    segfault in a loop of quick imports, each with a short-lived runner)."""
    owner = QObject()
    runner = TaskRunner(owner, "short-lived")
    relay = runner._relay
    freed_on = []
    relay.destroyed.connect(lambda *_: freed_on.append(threading.current_thread()))
    gate = threading.Event()
    task = runner.run(lambda: gate.wait(5), success=lambda _r: None, failure=lambda _e: None)
    shiboken6.delete(owner)  # the window closes while the work still runs
    del runner
    qtbot.wait(10)
    assert shiboken6.isValid(relay)  # the worker still reports through it
    gate.set()
    task.thread.join(5)
    qtbot.waitUntil(lambda: not shiboken6.isValid(relay), timeout=2000)
    assert freed_on == [threading.main_thread()]
