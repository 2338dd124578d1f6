"""Any sheet, however its labels, numbers, dashes and merged cells fall, reads to a
draft that saves and scores, and a report: never a traceback. Each text cell ends
either placed or listed, never silently dropped."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.draft import draft_from_bytes, draft_to_bytes
from core.evaluate import evaluate
from core.registry import scan
from importers.sheet import Cell, Sheet
from importers.table import read_table
from tests.reliability.hostile import HOSTILE_TEXTS

FUZZ = settings(max_examples=int(os.environ.get("JXZP_FUZZ_EXAMPLES", "300")) // 3, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])
TEMPLATE = scan().newest("mof-project")
WORDS = ["项目名称", "主管部门", "实施单位（盖章）", "年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "得分",
         "执行率", "年度资金总额", "其中：本年财政拨款", "上年结转资金", "其他资金", "预期目标", "实际完成情况",
         "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "偏差原因分析及改进措施", "产出指标(50分)",
         "数量指标", "效益指标", "满意度指标", "总分", "合计", "小计", "（2022年度）", "—", "/", "≥90%", "100%",
         "项目负责人：张三", "联系人：　联络电话：", "评分标准"] + list(HOSTILE_TEXTS[:5])
SIZE = 10

values = st.one_of(st.sampled_from(WORDS), st.integers(-5, 1000).map(str), st.text(max_size=8),
                   st.decimals(min_value=-100, max_value=10_000, places=2, allow_nan=False).map(str))


@st.composite
def sheets(draw):
    sheet = Sheet("表1")
    for r in range(1, SIZE + 1):
        for c in range(1, SIZE + 1):
            if draw(st.booleans()):
                text = draw(values).strip()
                if text:
                    sheet.cells[(r, c)] = Cell(text)
    taken: set[tuple[int, int]] = set()
    for _ in range(draw(st.integers(0, 6))):
        r1, c1 = draw(st.integers(1, SIZE)), draw(st.integers(1, SIZE))
        r2, c2 = draw(st.integers(r1, min(SIZE, r1 + 3))), draw(st.integers(c1, min(SIZE, c1 + 3)))
        cells = {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
        if cells & taken or len(cells) == 1:
            continue
        taken |= cells
        sheet.merges.append((r1, c1, r2, c2))
        for rc in cells - {(r1, c1)}:
            sheet.cells.pop(rc, None)   # as Excel keeps them: only the top-left holds a value
    sheet.index_merges()
    return sheet


@FUZZ
@given(sheets())
def test_any_sheet_reads_to_a_draft_that_saves_and_scores(sheet):
    draft, report = read_table(sheet, TEMPLATE)
    again = draft_from_bytes(draft_to_bytes(draft), "fuzz.json")
    evaluate(TEMPLATE, again)
    assert all(n.sheet == "表1" and n.cell for n in report.unplaced)
    assert "\n".join(report.lines())
