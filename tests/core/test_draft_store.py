import json
import os

import pytest

from core import store
from core.draft import FORMAT_VERSION, draft_from_bytes, draft_to_bytes, new_draft
from core.errors import DraftError, SaveError
from core.opening import attach, open_draft
from core.registry import Installed
from core.store import read_draft, recoverable, save_draft, write_journal


def test_round_trip_keeps_every_value_as_typed(gd_template, sample_draft, tmp_path):
    sample_draft.fields["unit_name"] = "甲&<乙> ={{ x }} 𠀀😀\x0b"
    path = tmp_path / "d.json"
    save_draft(sample_draft, path)
    again = read_draft(path)
    assert again.fields["unit_name"] == "甲&<乙> ={{ x }} 𠀀😀\x0b"
    assert again.indicators == sample_draft.indicators
    assert again.extra_indicators == sample_draft.extra_indicators
    assert again.grids["spending"]["wages"]["actual"] == "785.96"


def test_numbers_written_by_hand_as_json_numbers_become_text(gd_template):
    raw = json.dumps({"format": "jxzp-draft", "format_version": 1, "template": {"id": "x", "version": 2021},
                      "fields": {"year": 2021}, "grids": {"g": {"r": {"c": 1391.03}}},
                      "indicators": {"a": {"score": 26.9}}}).encode()
    d = draft_from_bytes(raw, "x.json")
    assert d.fields["year"] == "2021" and d.grids["g"]["r"]["c"] == "1391.03" and d.indicators["a"].score == "26.9"
    assert d.template.version == "2021"


@pytest.mark.parametrize("data, needle", [
    (b"", "空"), (b'{"format": "jxzp-draft", "format_version": 1, "templ', "不完整"),
    (b"\xff\xfe\x00garbage", "UTF-8"), (b"[1, 2]", "不是绩效自评草稿"), (b'{"a": NaN}', "不是绩效自评草稿"),
    (b'{"format": "jxzp-draft", "a": NaN}', "JSON"),
    (b'{"format": "jxzp-draft", "format_version": 1}', "template"),
    (b'{"format": "jxzp-draft", "format_version": 99, "program_version": "9.0"}', "较新版本"),
    (b"[" * 100000 + b"]" * 100000, "嵌套"),
])
def test_unreadable_drafts_give_a_chinese_reason(data, needle):
    with pytest.raises(DraftError) as exc:
        draft_from_bytes(data, "坏.json")
    assert needle in str(exc.value) and "坏.json" in str(exc.value)


def test_save_keeps_the_previous_version_as_bak(gd_template, tmp_path):
    path = tmp_path / "d.json"
    d = new_draft(gd_template)
    d.fields["unit_name"] = "第一版"
    save_draft(d, path)
    d.fields["unit_name"] = "第二版"
    save_draft(d, path)
    assert read_draft(path).fields["unit_name"] == "第二版"
    assert read_draft(str(path) + ".bak").fields["unit_name"] == "第一版"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_locked_target_is_retried_then_reported_and_nothing_is_lost(gd_template, tmp_path, monkeypatch):
    path = tmp_path / "d.json"
    d = new_draft(gd_template)
    d.fields["unit_name"] = "原稿"
    save_draft(d, path)
    real_replace, calls = os.replace, []

    def locked_twice(src, dst):
        calls.append(dst)
        if str(dst) == str(path) and len([c for c in calls if str(c) == str(path)]) <= 2:
            err = PermissionError(13, "locked")
            err.winerror = 32
            raise err
        return real_replace(src, dst)

    monkeypatch.setattr(store, "RETRY_DELAYS", (0.001,) * 6)
    monkeypatch.setattr(store.os, "replace", locked_twice)
    d.fields["unit_name"] = "改稿"
    save_draft(d, path)  # locked twice, then succeeds
    assert read_draft(path).fields["unit_name"] == "改稿"

    def always_locked(src, dst):
        if str(dst) == str(path):
            err = PermissionError(13, "locked")
            err.winerror = 32
            raise err
        return real_replace(src, dst)

    monkeypatch.setattr(store.os, "replace", always_locked)
    d.fields["unit_name"] = "第三稿"
    with pytest.raises(SaveError) as exc:
        save_draft(d, path)
    assert "占用" in exc.value.reason
    assert read_draft(path).fields["unit_name"] == "改稿"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_missing_folder_is_reported(gd_template, tmp_path):
    with pytest.raises(SaveError) as exc:
        save_draft(new_draft(gd_template), tmp_path / "gone" / "d.json")
    assert "不存在" in exc.value.reason


def test_journal_is_offered_after_a_crash_and_not_after_a_save(gd_template, tmp_path):
    path = tmp_path / "d.json"
    d = new_draft(gd_template)
    d.fields["unit_name"] = "已保存"
    save_draft(d, path)
    d.fields["unit_name"] = "未保存的修改"
    write_journal(d, str(path), "s1")
    entries = recoverable()
    assert len(entries) == 1 and entries[0].draft.fields["unit_name"] == "未保存的修改"
    assert entries[0].draft_path == str(path.resolve())
    save_draft(d, path)
    assert recoverable() == []  # the saved file holds the same content


def test_unsaved_new_draft_journal_is_recoverable(gd_template):
    d = new_draft(gd_template)
    d.fields["unit_name"] = "新建未保存"
    write_journal(d, None, "abc")
    (entry,) = recoverable()
    assert entry.draft_path is None and entry.draft.fields["unit_name"] == "新建未保存"


def test_old_template_version_opens_with_newest_and_orphans_are_kept(gd_template, sample_draft):
    sample_draft.template.version = "2019.1"
    sample_draft.fields["old_field"] = "旧栏目的内容"
    sample_draft.sections["s_gone"] = "旧章节"
    opened = attach(sample_draft, "x.json", Installed({"gd-dept-overall": [gd_template]}, []))
    assert opened.template.version == "2021.1" and opened.draft.template.version == "2021.1"
    assert opened.draft.orphans == {"fields.old_field": "旧栏目的内容", "sections.s_gone": "旧章节"}
    assert len(opened.notices) == 2 and "2019.1" in opened.notices[0] and "old_field" in opened.notices[1]
    assert json.loads(draft_to_bytes(opened.draft))["orphans"]["fields.old_field"] == "旧栏目的内容"


def test_unknown_template_is_a_clear_error(sample_draft):
    sample_draft.template.id = "zz-unknown"
    with pytest.raises(DraftError) as exc:
        attach(sample_draft, "x.json", Installed({}, []))
    assert "zz-unknown" in str(exc.value)


def test_open_draft_from_disk(sample_path):
    opened = open_draft(str(sample_path))
    assert opened.template.id == "gd-dept-overall" and opened.notices == []
    assert opened.draft.format_version == FORMAT_VERSION


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_saved_files_get_the_usual_mode_not_mkstemps_0600(gd_template, tmp_path):
    path = tmp_path / "d.json"
    old = os.umask(0o022)
    try:
        save_draft(new_draft(gd_template), path)
        assert path.stat().st_mode & 0o777 == 0o644
        os.chmod(path, 0o664)
        save_draft(new_draft(gd_template), path)
        assert path.stat().st_mode & 0o777 == 0o664  # an existing file keeps its mode
    finally:
        os.umask(old)


def test_a_killed_saves_leftover_temp_is_cleared_by_the_next_save(gd_template, tmp_path):
    path = tmp_path / "d.json"
    old = tmp_path / ".d.json.abc123.tmp"
    fresh = tmp_path / ".d.json.def456.tmp"
    old.write_bytes(b'{"half": ')
    fresh.write_bytes(b'{"in progress": ')
    an_hour_ago = os.path.getmtime(old) - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    save_draft(new_draft(gd_template), path)
    assert not old.exists() and fresh.exists()  # a save in progress elsewhere is left alone


def test_times_are_written_as_datetime_writes_them_in_seconds(gd_template, tmp_path):
    """core.store writes its times with `time` (datetime's import was start-up time):
    the same text datetime.isoformat(timespec="seconds") gives, now and for a file's time."""
    from datetime import datetime
    assert store._local_time(1_700_000_000.75) == datetime.fromtimestamp(1_700_000_000.75).isoformat(timespec="seconds")
    before = datetime.now().replace(microsecond=0)
    draft = new_draft(gd_template)
    save_draft(draft, tmp_path / "d.json")
    saved = datetime.fromisoformat(read_draft(tmp_path / "d.json").saved)
    assert before <= saved <= datetime.now() and len(read_draft(tmp_path / "d.json").saved) == 19
