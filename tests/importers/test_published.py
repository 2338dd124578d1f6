"""Two real published 项目支出绩效自评表, rebuilt as Excel in the arrangement they were
published in (the national form of 财预〔2020〕10号 as Anhui counties print it:
“项目资金（万元）”, “年度总体目标”, “绩效指标” as merged headings down column A; the
money block's 分值/执行率/得分 beside the three money columns; “其中：本年财政拨款”;
a footnote under the table), with the figures of samples/mof-project-published-*.json.

- 天长市水利局 “水旱灾害防御经费” 项目支出绩效自评表（2022年度）, page
  “天长市水利局水旱灾害防御股项目支出绩效自评”, published 2023-12-05 (the search
  index kept no address); templates/mof-project/README.md.
- 池州市贵池区棠溪镇人民政府 “委托业务项目” 项目支出绩效自评表（2022年度）,
  http://www.anthempetcare.com/upload_cz/download?id=502364&siteId=2 (a mirror of the
  government attachment), with its own wording: “产出指标(50分)” as the 一级 label, 经济效益指标
  after 可持续影响指标, “满意度指标 | 满意度指标”, the sub-rows' 分值/得分 empty; only “公众满…”
  of its 满意度 row survives, entered as the sample has it."""

from decimal import Decimal as D
from pathlib import Path

from core.evaluate import evaluate
from core.opening import open_draft
from core.registry import scan
from importers.workbook import import_table

from .helpers import build_xlsx, check_summary

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
FOOTNOTE = "注：一级指标分值统一设置为：产出指标50分、效益指标30分、服务对象满意度指标10分、预算资金执行率10分。"


def published(path, year, name, dept, unit, money, goal, done, indicators, total,
              labels=("年度资金总额", "其中：本年财政拨款", "上年结转资金", "其他资金")):
    """The national form, row by row as published; `indicators`: (一级, 二级, 三级, 指标值, 完成值, 分值, 得分, 偏差原因)."""
    rows = {1: {1: "项目支出绩效自评表"}, 2: {1: f"（{year}年度）"},
            3: {1: "项目名称", 2: name}, 4: {1: "主管部门", 2: dept, 5: "实施单位", 6: unit},
            5: {1: "项目资金（万元）", 3: "年初预算数", 4: "全年预算数（A）", 5: "全年执行数（B）", 6: "分值",
                7: "执行率（B/A）", 8: "得分"}}
    for i, (label, values) in enumerate(zip(labels, money)):
        rows[6 + i] = {2: label} | {3 + k: v for k, v in enumerate(values) if v is not None}
    rows[10] = {1: "年度总体目标", 2: "预期目标", 6: "实际完成情况"}
    rows[11] = {2: goal, 6: done}
    rows[12] = {1: "绩效指标", 2: "一级指标", 3: "二级指标", 4: "三级指标", 5: "年度指标值", 6: "实际完成值",
                7: "分值", 8: "得分", 9: "偏差原因分析及改进措施"}
    merges = ["A1:I1", "A2:I2", "B3:I3", "B4:D4", "F4:I4", "A5:A9", "H5:I5", "A10:A11", "B10:E10", "F10:I10",
              "B11:E11", "F11:I11"] + [f"H{r}:I{r}" for r in range(6, 10)]
    r = 13
    spans: dict[int, list[int]] = {}
    last = {}
    for row in indicators:
        cells = {c + 2: v for c, v in enumerate(row) if v is not None}
        for level in (0, 1):   # 一级/二级 merged down over their rows, as published
            if row[level] == last.get(level) and (level == 0 or row[0] == last.get(0)):
                cells.pop(level + 2, None)
                spans[level][-1] = r
            else:
                spans.setdefault(level, []).append(r)
                spans[level].append(r)
        last = {0: row[0], 1: row[1]}
        rows[r] = cells
        r += 1
    for level, marks in spans.items():
        col = "BC"[level]
        for start, end in zip(marks[::2], marks[1::2]):
            if end > start:
                merges.append(f"{col}{start}:{col}{end}")
    merges.append(f"A12:A{r - 1}")
    rows[r] = {1: "总分", 7: 100, 8: total}
    merges.append(f"A{r}:F{r}")
    rows[r + 1] = {1: FOOTNOTE}
    merges.append(f"A{r + 1}:I{r + 1}")
    build_xlsx(path, rows, merges, widths={1: 6, 2: 12, 3: 12, 4: 24, 5: 12, 6: 12, 9: 18})


def _templates():
    return [versions[0] for _, versions in sorted(scan().templates.items())]


def test_tianchang_reads_to_the_sample_and_its_total_100(tmp_path):
    sample = open_draft(str(SAMPLES / "mof-project-published-tianchang-2022.json"))
    f = sample.draft.fields
    path = tmp_path / "tianchang.xlsx"
    published(path, 2022, f["project_name"], None, f["impl_unit"],
              [(880, 880, 880, 10, None, 10), (880, 880, 880, "—", None, "—"), (None, None, None, "—", None, "—"),
               (None, None, None, "—", None, "—")],
              f["goal_expected"], f["goal_actual"], [
                  ("产出指标", "数量指标", "完成中型灌区节水改造项目数量", "1", "1", 10, 10, None),
                  ("产出指标", "数量指标", "完成农业综合水价改革项目", "1", "1", 10, 10, None),
                  ("产出指标", "质量指标", "工程质量合格", None, None, 10, 10, None),
                  ("产出指标", "时效指标", "年度资金支付完成率100%", None, None, 10, 10, None),
                  ("产出指标", "成本指标", "资金执行在预算范围内", None, None, 10, 10, None),
                  ("效益指标", "经济效益指标", "全市安全度汛", None, None, 10, 10, None),
                  ("效益指标", "社会效益指标", "保护全市人口财产不受损失", None, None, 10, 10, None),
                  ("效益指标", "生态效益指标", "/", "/", "/", "/", "/", None),
                  ("效益指标", "可持续影响指标", "已建工程良性运行", None, None, 10, 10, None),
                  ("满意度指标", "服务对象满意度指标", "服务对象满意度", "90%", "100%", 10, 10, None)], 100)
    draft, report = import_table(path, _templates())
    assert report.template.id == "mof-project"
    assert check_summary(report.template, draft) == check_summary(sample.template, sample.draft)
    assert check_summary(report.template, draft)[:2] == (D("100"), "优")
    assert report.notes == []
    assert [(n.cell, n.text) for n in report.unplaced] == [("A24", FOOTNOTE)]


def test_tangxi_keeps_the_printed_zero_and_finds_the_table_s_errors(tmp_path):
    sample = open_draft(str(SAMPLES / "mof-project-published-tangxi-2022.json"))
    f = sample.draft.fields
    path = tmp_path / "tangxi.xlsx"
    done = "达成预期指标"
    published(path, 2022, f["project_name"], f["competent_dept"], f["impl_unit"],
              [(0, 0, 0, 10, 0, 0), (90, 89.974, 89.974, None, None, None), (None, None, None, "—", None, "—"),
               (None, None, None, "—", None, "—")],
              f["goal_expected"], f["goal_actual"], [
                  ("产出指标(50分)", "数量指标", "基建工程委托业务项目数量", "≥50个", "50", 8, 8, None),
                  ("产出指标(50分)", "质量指标", "委托业务报告合格率", "≥100百分比", "100", 8, 8, None),
                  ("产出指标(50分)", "质量指标", "经费支出合规性", "严格执行相关制度规定", done, 8, 8, None),
                  ("产出指标(50分)", "时效指标", "提交报告及时性", "在项目计划完成时间内完成", done, 8, 8, None),
                  ("产出指标(50分)", "成本指标", "项目总成本", "≤90万元", "90", 8, 8, None),
                  ("产出指标(50分)", "成本指标", "单项业务成本", "符合相关规定", done, 10, 10, None),
                  ("效益指标(30分)", "社会效益指标", "对维护基建市场公平的影响程度", "效果明显", done, 10, 10, None),
                  ("效益指标(30分)", "生态效益指标", "对控制基建项目成本影响程度", "效果明显", done, 10, 10, None),
                  ("效益指标(30分)", "可持续影响指标", "对推动基建项目“四项制度”健全和落实的持续性影响", "效果明显", done,
                   10, 10, None),
                  ("效益指标(30分)", "经济效益指标", None, None, None, None, None, None),
                  # as published: 满意度指标 | 满意度指标 | 公众满…（the rest of the row was not obtained）
                  ("满意度指标(10分)", "满意度指标", "公众满意度", None, None, 10, None, None)], None,
              labels=("年度资金总额:", "其中:本年财政拨款", "上年结转资金", "其他资金"))
    draft, report = import_table(path, _templates())
    r = evaluate(report.template, draft)
    assert [g.score for g in r.scores.groups] == [D("0"), D("50"), D("30"), None]
    assert r.scores.total == D("80")
    # the table printed 执行率 0 and 得分 0 against a 0 budget: kept as printed, and said
    assert draft.indicators["budget_exec"].override.score == "0"
    assert any("“预算执行率”原表得分 0" in n for n in report.notes)
    codes = [f.code for f in r.findings]
    assert codes.count("grid.sum") == 3 and "template.budget_zero_spent" in codes and "text.breakdown" in codes
    assert draft.grids["funds"]["fiscal"] == {"initial": "90", "budget": "89.974", "actual": "89.974"}
