"""Owns the open draft: the core Session, the undo stack and autosave.

Pages never call the session to change anything; they call edit(), which
pushes an undo command; the command comes back through apply(), which calls
Session.set and broadcasts the core's Change so every view redraws from it.
"""

from __future__ import annotations

import time
from contextlib import contextmanager

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from core.errors import SaveError
from core.session import Change, Session
from core.store import append_edit, rows_record, set_record
from core.template import walk_indicators

from .commands import SetRows, SetValue, edit_label

AUTOSAVE_EVERY_MS = 30_000
AUTOSAVE_AFTER_BURST_MS = 2_000


class Controller(QObject):
    changed = Signal(object)        # core.session.Change, after every edit, undo and redo
    loaded = Signal()               # another draft is open (new, open, recover)
    checked = Signal()              # the open draft's first 审核 ran (finish_checks)
    autosaved = Signal(str)         # "HH:MM"
    autosave_failed = Signal(str)   # reason, in Chinese

    def __init__(self, parent=None):
        super().__init__(parent)
        self.session: Session | None = None
        self.stack = QUndoStack(self)
        self._pending = False
        self._journal_started = False   # a snapshot of this session's draft is in the journal
        self._audit_shown = False       # the views were told the opened draft's 审核 ran (finish_checks)
        self._burst = QTimer(self, singleShot=True, interval=AUTOSAVE_AFTER_BURST_MS)
        self._burst.timeout.connect(self.autosave)
        self._every = QTimer(self, interval=AUTOSAVE_EVERY_MS)
        self._every.timeout.connect(self.autosave)
        self._every.start()

    # -- the open draft ----------------------------------------------------------
    @property
    def template(self):
        return self.session.template

    @property
    def result(self):
        return self.session.result

    def load(self, session: Session, modified: bool = False) -> None:
        if self.session is not None and self.session is not session:
            self.session.close()
        self.session = session
        self._journal_started = False
        self._audit_shown = False
        self.stack.clear()
        if modified:
            self.stack.resetClean()  # e.g. a recovered draft: not yet in the clerk's file
            self._pending = True
            self.autosave()
        self.loaded.emit()

    def finish_checks(self) -> None:
        """Run the 审核 a draft is opened without (core.session: its first frame shows
        the total without waiting for it) and say so, once per opened draft, even when
        something read the findings first (a page, an export) and so ran it already."""
        if self.session is not None and not self._audit_shown:
            self._audit_shown = True
            self.session.result.findings
            self.checked.emit()

    def value(self, address: str):
        value = self.session.get(address)
        if hasattr(value, "model_dump"):  # an Override: undo must hand back plain data
            return value.model_dump()
        return value

    def is_modified(self) -> bool:
        return self.session is not None and not self.stack.isClean()

    # -- editing -----------------------------------------------------------------
    def edit(self, address: str, value, text: str | None = None, mergeable: bool = True) -> None:
        old = self.value(address)
        if old == value or (not old and not value and not isinstance(value, (bool, dict))):
            return
        label = text or edit_label(self.template, address, value)
        self.stack.push(SetValue(self, address, old, value, label, mergeable))

    @contextmanager
    def macro(self, text: str):
        """Several edits (a paste, a clear) as one undo step."""
        self.stack.beginMacro(text)
        try:
            yield
        finally:
            self.stack.endMacro()

    def set_rows(self, parent_id: str, rows: list, text: str) -> None:
        """The clerk's rows under one node replaced; values of rows that go are
        dropped with them (and come back on undo), so no orphan is left behind."""
        old = list(self.session.draft.extra_indicators.get(parent_id, []))
        gone = {n.id for _, n in walk_indicators(old)} - {n.id for _, n in walk_indicators(rows)}
        entries = {i: e for i, e in self.session.draft.indicators.items() if i in gone}
        self.stack.push(SetRows(self, parent_id, old, list(rows), entries, text))

    def apply(self, address: str, value) -> Change:
        change = self.session.set(address, value)
        self._log(lambda: set_record(address, value))
        self._after(change)
        return change

    def apply_rows(self, parent_id: str, rows: list, drop=(), restore: dict | None = None) -> Change:
        change = self.session.replace_extra(parent_id, rows, drop, restore)
        self._log(lambda: rows_record(parent_id, rows, drop, restore))
        self._after(change)
        return change

    def _after(self, change: Change) -> None:
        self._pending = True
        self._burst.start()
        self.changed.emit(change)

    def _log(self, record) -> None:
        """Every edit reaches the journal at once, so a crash loses at most the
        keystroke in flight: the first as a snapshot of the draft, the rest as lines
        of the edit log (a fraction of a millisecond). The autosave 2 s after a burst
        writes a new snapshot, says so, and reports a failure; here one is only retried."""
        s = self.session
        try:
            if self._journal_started:
                append_edit(s.path, s.session_id, record())
            else:
                s.autosave()
                self._journal_started = True
        except (SaveError, OSError):
            self._journal_started = False

    # -- files -------------------------------------------------------------------
    def save(self, path: str | None = None) -> None:
        """Raises SaveError with the Chinese reason; the draft in memory stays as it is."""
        self.session.save(path)
        self.stack.setClean()
        self._pending = False
        self._journal_started = False   # the journal is named after the file: a new one starts

    def autosave(self) -> bool:
        if self.session is None or not self._pending:
            return False
        try:
            self.session.autosave()
        except SaveError as exc:
            self.autosave_failed.emit(exc.reason)
            return False
        except OSError as exc:
            self.autosave_failed.emit(str(exc))
            return False
        self._pending = False
        self._journal_started = True
        self.autosaved.emit(time.strftime("%H:%M"))
        return True

    def emergency_save(self) -> str | None:
        """For the crash hook: write the journal whatever the state; the path or None."""
        if self.session is None:
            return None
        try:
            return str(self.session.autosave())
        except Exception:  # noqa: BLE001 - we are already handling a crash
            return None

    def close(self) -> None:
        """A clean close: no journal entry is left to offer for recovery."""
        self._burst.stop()
        self._every.stop()
        if self.session is not None:
            self.session.close()
