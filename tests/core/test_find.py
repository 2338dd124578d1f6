"""查找 over the GD sample (花都区信访局 2021)."""

from core.draft import effective_indicators
from core.find import find


def _find(gd_template, sample_draft, text):
    return find(gd_template, sample_draft, effective_indicators(gd_template, sample_draft), text)


def test_finds_fields_indicators_and_report_text_by_what_the_clerk_reads(gd_template, sample_draft):
    hits = _find(gd_template, sample_draft, "信访局")
    assert hits[0].address == "fields.unit_name" and hits[0].where.endswith("· 单位名称")
    notes = _find(gd_template, sample_draft, "按评分标准酌情扣 0.5 分")
    assert [h.address for h in notes if h.address.startswith("indicators.")][0] == "indicators.t2_cases.note"
    assert notes[0].where == "绩效指标 · 分类录入办理信访案件数 · 偏差原因"
    report = [h for h in _find(gd_template, sample_draft, "信访") if h.address.startswith("sections.")]
    assert report and all(len(h.text) <= 3 * 14 + 2 + len("信访") for h in report)   # a window, not a page


def test_full_width_and_case_do_not_matter_and_nothing_is_found_for_nothing(gd_template, sample_draft):
    assert _find(gd_template, sample_draft, "１００％")          # typed full-width: finds 100%
    assert _find(gd_template, sample_draft, "  ") == []
    assert _find(gd_template, sample_draft, "没有这样的字") == []
