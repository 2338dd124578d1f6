"""The journal's edit log: edits after a snapshot, replayed by recovery."""

from __future__ import annotations

from core.session import Session
from core.store import append_edit, clear_journal, journal_dir, journal_key, recoverable, rows_record, set_record
from core.template import IndicatorDef, RuleSpec


def _session(gd_template, sample_draft):
    s = Session(gd_template, sample_draft, None)
    s.autosave()                                                   # the snapshot
    return s


def _log(s, record):
    append_edit(s.path, s.session_id, record)


def test_edits_after_the_snapshot_are_recovered(gd_template, sample_draft):
    s = _session(gd_template, sample_draft)
    s.set("indicators.t2_cases.score", "7")
    _log(s, set_record("indicators.t2_cases.score", "7"))
    s.set("fields.preparer", "李四")
    _log(s, set_record("fields.preparer", "李四"))
    row = IndicatorDef(id="u1", name="接访群众满意度", weight=2, rule=RuleSpec(type="manual"))
    rows = list(s.draft.extra_indicators["duty"]) + [row]
    s.replace_extra("duty", rows)
    _log(s, rows_record("duty", rows))
    [entry] = recoverable()
    assert entry.draft.indicators["t2_cases"].score == "7"
    assert entry.draft.fields["preparer"] == "李四"
    assert [n.id for n in entry.draft.extra_indicators["duty"]][-1] == "u1"


def test_a_line_cut_by_the_crash_ends_the_log_and_a_snapshot_empties_it(gd_template, sample_draft):
    s = _session(gd_template, sample_draft)
    _log(s, set_record("fields.preparer", "李四"))
    log = journal_dir() / f"{journal_key(None, s.session_id)}.edits"
    with open(log, "ab") as fh:
        fh.write(b'{"set": "fields.preparer", "value": "\\u738b')  # killed mid-line
    assert recoverable()[0].draft.fields["preparer"] == "李四"
    s.set("fields.preparer", "李四")
    s.autosave()
    assert not log.exists()
    clear_journal(None, s.session_id)
    assert recoverable() == []
