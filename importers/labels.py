"""The words of a 自评表 as the header search compares them.

Published tables write the same label many ways: full- or half-width brackets
and colons, "全年预算数（A）", "实施单位（盖章）", "其中：本年财政拨款". `norm`
reduces a label to what it means; the synonym groups hold the national table's
variants seen in published tables (DOMAIN.md §2.1, §9.1, §9.3).
"""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")
# (A) (B) (B/A) (A×B) … and the stamp / unit notes that follow a label
_NOTE = re.compile(r"\((?:[A-Za-z/×*÷+\-]+|盖章|公章|单位盖章|万元|单位:万元|%|\d+(?:\.\d+)?分)\)")


def norm(text: str) -> str:
    s = unicodedata.normalize("NFKC", text or "")
    s = _SPACE.sub("", s)
    s = _NOTE.sub("", s)
    return s.rstrip(":")


# the indicator table's columns; the first word of each group is the national label
INDICATOR_COLUMNS: dict[str, tuple[str, ...]] = {
    "l1": ("一级指标",),
    "l2": ("二级指标",),
    "l3": ("三级指标",),
    "nature": ("指标性质", "计算符号", "指标方向"),   # 正向/反向/定性 or ≥ ≤ = (core/nature.py)
    "target": ("指标值", "年度指标值", "目标值", "年度目标值", "预期指标值", "年初目标值", "绩效指标值"),
    "unit": ("度量单位", "计量单位", "指标单位"),
    "actual": ("完成值", "实际完成值", "全年实际完成值", "实际值", "全年完成值"),
    "weight": ("分值", "权重", "指标分值", "指标权重"),
    "score": ("得分", "指标得分", "自评得分"),
    "note": ("偏差原因", "偏差原因分析及改进措施", "偏差原因分析", "未完成原因分析", "未完成原因",
             "偏差原因分析及整改措施", "原因分析及改进措施"),
    "criteria": ("评分标准", "计分标准", "评分规则"),
    "explain": ("计分说明",),   # the program's own explanation: re-made on export, not read
}
COLUMN_OF = {norm(w): role for role, words in INDICATOR_COLUMNS.items() for w in words}

# labels that mean the same cell in published variants of the national table
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("当年财政拨款", "本年财政拨款", "财政拨款"),
    ("部门(单位)名称", "单位名称", "部门名称", "单位(部门)名称", "部门(单位)", "部门", "预算部门、单位名称"),
    ("实施单位", "项目实施单位"),
    ("主管部门", "市级主管部门", "县级主管部门", "主管单位"),
    ("年初预算数", "年初预算"),
    ("全年预算数", "全年预算", "调整后预算数"),
    ("全年执行数", "全年执行", "预算执行数"),
    ("预期目标", "年初预期目标", "年度预期目标"),
    ("实际完成情况", "年度实际完成情况", "全年实际完成情况"),
    ("年度资金总额", "资金总额"),
    ("服务对象满意度指标", "满意度指标", "服务对象满意度"),   # 棠溪镇 2022 prints 满意度指标 | 满意度指标
)
_GROUP = {norm(w): {norm(x) for x in g} for g in SYNONYMS for w in g}

# rows that sum up the table: re-computed by the program, never read as indicators
TOTAL_ROW = re.compile(r"^(总分|合计|总计|自评总分|综合得分|得分合计|总得分)")
SUBTOTAL_ROW = re.compile(r"小计$")
GRADE_ROW = re.compile(r"^(自评等级|评价等级|等级|自评结论)")
YEAR = re.compile(r"(\d{4})\s*年度")
# headings of the national table that carry no value of their own
HEADINGS = {norm(w) for w in (
    "绩效指标", "年度总体目标", "项目资金", "项目资金(万元)", "资金(万元)", "年度绩效目标", "项目名称", "执行率",
    "执行率(B/A)", "分值", "得分", "项目支出绩效自评表", "部门整体支出绩效自评表", "(单位盖章)", "单位:万元",
    "预算资金", "预算资金(万元)", "年度预算申请", "年度预算申请(万元)",
    "绩效指标完成情况", "其中:")}


def names(label: str) -> set[str]:
    """Every way `label` may be written, normalised; a sub-row's "其中：" dropped."""
    n = norm(label)
    bare = strip_qizhong(n)
    return {n, bare} | _GROUP.get(n, set()) | _GROUP.get(bare, set())


def strip_qizhong(n: str) -> str:
    return n[3:] if n.startswith("其中:") else n
