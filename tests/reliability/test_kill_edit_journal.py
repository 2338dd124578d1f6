"""Every edit reaches the journal at once: a window process SIGKILLed at random
moments while the clerk types loses no edit that had returned (issue 11: edits
in the last 2 seconds before a crash were lost, the journal being written only
2 s after typing stopped). The first edit writes a snapshot, the others a line
of the edit log each, which recovery replays. Same harness as test_kill_save.py;
the control run, with the old write-after-a-pause, must lose edits or the test
proves nothing."""

from __future__ import annotations

import os
import random
import sys

import pytest

from core.paths import journal_dir
from core.store import journal_key, recoverable
from tests.reliability.test_kill_save import _litter, _run_and_kill

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork (POSIX)")]

KILLS = 200
SESSION = "edit-journal-session"


def _controller(journal_each_edit: bool):
    """A window's controller with a new draft open, made before the forks (each child
    starts typing at once instead of spending its life loading templates)."""
    from PySide6.QtCore import QCoreApplication

    from core.registry import scan
    from core.session import Session
    from ui.controller import Controller
    if QCoreApplication.instance() is None:
        QCoreApplication(["kill-test"])
    session = Session(scan().newest("gd-dept-overall"))
    session.session_id = SESSION
    controller = Controller()
    if not journal_each_edit:
        controller._log = lambda record: None    # as before: only the autosave after a pause
    controller.load(session)
    return controller


def _typing(controller):
    """The child's 'save': the clerk's next edit, through the window's controller."""
    def edit(draft):
        controller.edit("fields.unit_name", draft.fields["unit_name"])
        controller.edit("fields.overall_goal", draft.fields["overall_goal"])
    return edit


def _rounds(journal_each_edit: bool, kills: int, rng: random.Random) -> dict:
    journal_dir().mkdir(parents=True, exist_ok=True)
    journal = journal_dir() / f"{journal_key(None, SESSION)}.json"
    journal.unlink(missing_ok=True)
    n = {"kills": 0, "lost": 0, "corrupted": 0, "attempted": 0}
    problems = []
    next_v = 1
    typing = _typing(_controller(journal_each_edit))
    for _ in range(kills):
        tried, done = _run_and_kill(typing, next_v, rng)
        n["kills"] += 1
        next_v = max(tried | {next_v}) + 1
        n["attempted"] += len(tried)
        live = [e for e in recoverable() if e.file == journal]
        version = int(live[0].draft.fields["unit_name"].removeprefix("版本")) if live else None
        if done is not None and (version is None or version < done):
            n["lost"] += 1
            problems.append(f"kill {n['kills']}: edit {done} had returned, the journal holds {version}")
        elif version is not None and version not in tried:
            n["corrupted"] += 1
            problems.append(f"kill {n['kills']}: the journal holds {version}, never typed in this run")
        journal.unlink(missing_ok=True)
        journal.with_suffix(".edits").unlink(missing_ok=True)
        _litter(journal.parent)
    n["problems"] = problems
    return n


def test_a_killed_window_loses_no_edit_that_had_returned(report_line):
    n = _rounds(True, KILLS, random.Random(int(os.environ.get("JXZP_KILL_SEED", "20240601")) + 2))
    report_line(f"edits journalled one by one: {n['kills']} kills, {n['attempted']} edits begun, "
                f"{n['lost']} lost, {n['corrupted']} wrong")
    assert (n["lost"], n["corrupted"]) == (0, 0), "\n".join(n["problems"][:20])
    assert n["attempted"] > n["kills"]


def test_the_harness_catches_a_journal_written_only_after_a_pause(report_line):
    n = _rounds(False, 40, random.Random(11))
    report_line(f"journal after a pause (control): {n['kills']} kills, {n['lost']} lost")
    assert n["lost"] > 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-s", "-q"]))
