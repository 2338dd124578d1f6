"""指标性质 and 度量单位 (core/nature.py, core/targets.split_target / compose_target).

Sources: Sichuan's 510000_0013zp as published by 青神县发展和改革局 (2023,
https://www.scqs.gov.cn/info/13206/211004.htm, samples/sc-project-published-qingshen-2023.json)
prints 指标性质 “=” | 指标值 “100” | 度量单位 “%”; a table of the same form
(https://dyrmt.com/article-132779-22.html) prints 科目调整次数 “≤10次” and 结余率 “≤5%”.
Yunnan's variant of the national table writes 正向 / 反向 / 定性 in the column (DOMAIN.md §9.3).
"""

from decimal import Decimal as D

import pytest

from core.nature import BY_WORD, cells, choices, fit, of_row, read, retarget, shown
from core.targets import compose_target, incomparable, parse_target, split_target, unit_problem
from core.template import IndicatorColumns

SIGNS = IndicatorColumns(nature="signs", unit=True)
WORDS = IndicatorColumns(nature="words", unit=True)
NONE = IndicatorColumns()


@pytest.mark.parametrize("text, parts", [
    ("=100%", ("=", "100", "%")),            # 青神县 足额保障率
    ("≤10次", ("≤", "10", "次")),             # dyrmt.com 科目调整次数
    ("≤ 5 %", ("≤", "5", "%")),
    (">=90%", ("≥", "90", "%")),
    ("1,000件", ("", "1,000", "件")),
    ("95", ("", "95", "")),
])
def test_a_sign_number_unit_target_splits_into_the_three_cells(text, parts):
    p = split_target(text)
    assert (p.sign, p.value, p.unit) == parts


@pytest.mark.parametrize("text", ["每年不少于2000件", "有效减轻", "95%以上", "2023年11月底前完成", ""])
def test_a_worded_target_stays_whole(text):
    assert split_target(text) is None


def test_the_three_cells_make_one_target_that_scores_as_before():
    assert compose_target("=", "100", "%") == "=100%"
    assert compose_target("≥", "≤5", "%") == "≤5%"            # a sign typed with the value wins
    assert compose_target("≥", "95%", "件") == "≥95%"          # so does a unit typed with it
    assert compose_target("≥", "有效减轻", "") == "有效减轻"
    assert compose_target("≥", " ", "%") == ""
    t = parse_target(compose_target("≤", "10", "次"))
    assert (t.op, t.value, t.unit) == ("≤", D(10), "次")


@pytest.mark.parametrize("cell, word, sign", [
    ("正向", "正向", ""), ("反向", "反向", ""), ("定性", "定性", ""), ("正向指标", "正向", ""),
    ("≥", "正向", "≥"), ("=", "正向", "="), ("＝", "正向", "="), ("≤", "反向", "≤"), ("<=", "反向", "≤"),
    ("<", "反向", "<"), (" ≧ ", "正向", "≥"),
])
def test_a_nature_cell_is_read_as_words_or_signs(cell, word, sign):
    nature, got = read(cell)
    assert (nature.word, got) == (word, sign)


@pytest.mark.parametrize("cell", ["", "正", "越大越好", "95"])
def test_an_unknown_nature_is_none(cell):
    assert read(cell) == (None, "")


def test_the_nature_chooses_the_rule():
    assert {n.word: n.rule for n in BY_WORD.values()} == {"正向": "ratio", "反向": "inverse_ratio",
                                                          "定性": "qualitative"}
    # and every rule it names exists in the one rule table
    from core.rules import RULES
    assert all(n.rule in RULES for n in BY_WORD.values())


def test_a_rows_nature_follows_its_rule_and_target():
    assert of_row("ratio", "≥95%").word == "正向"
    assert of_row("ratio", "≤5%").word == "反向"        # ratio scores a ≤ target lower-is-better
    assert of_row("ratio", "安全事故0起").word == "反向"
    assert of_row("inverse_ratio", "5%").word == "反向"
    assert of_row("qualitative", "有效").word == "定性"
    assert of_row("manual", "≥95%") is None
    assert of_row("execution_rate", None) is None


def test_signs_show_the_targets_own_comparison_words_show_the_word():
    assert shown("ratio", "=100%", "signs") == "="
    assert shown("ratio", "95%", "signs") == "="       # parse_target reads a bare number as "="
    assert shown("inverse_ratio", "5", "signs") == "≤"    # scored lower-is-better: the rule's sign, not "="
    assert shown("inverse_ratio", "≥5", "signs") == "≤"
    assert shown("ratio", "=0起", "signs") == "="         # 安全事故0起: "= 0" is lower-is-better itself
    assert shown("qualitative", "有效", "signs") == "定性"
    assert shown("ratio", "=100%", "words") == "正向"
    assert shown("ratio", "≤10次", "words") == "反向"
    assert [c for c, _ in choices("signs")] == ["≥", "=", "≤", "定性"]
    assert [c for c, _ in choices("words")] == ["正向", "反向", "定性"]


def test_cells_under_each_switch():
    assert cells("ratio", "=100%", SIGNS) == {"nature": "=", "target_value": "100", "unit": "%"}
    assert cells("ratio", "≤10次", WORDS) == {"nature": "反向", "target_value": "10", "unit": "次"}
    assert cells("manual", "≥95%", SIGNS) == {"nature": "", "target_value": "≥95", "unit": "%"}   # no nature: sign kept
    assert cells("ratio", "每年不少于2000件", SIGNS) == {"nature": "≥", "target_value": "每年不少于2000件", "unit": ""}
    assert cells("ratio", "=100%", IndicatorColumns(unit=True)) == {"nature": "", "target_value": "=100", "unit": "%"}
    assert cells("ratio", "=100%", NONE) == {"nature": "", "target_value": "=100%", "unit": ""}
    assert cells("ratio", None, SIGNS) == {"nature": "≥", "target_value": "", "unit": ""}   # the direction, before any value


def test_a_new_nature_puts_its_sign_before_a_bare_target():
    assert retarget("≥95%", BY_WORD["反向"], "") == "≤95%"
    assert retarget("=100%", BY_WORD["正向"], "") == "=100%"      # = is already 正向
    assert retarget("=100%", BY_WORD["正向"], "≥") == "≥100%"     # the sign picked
    assert retarget("95%", BY_WORD["正向"], "") == "≥95%"
    assert retarget("每年不少于2000件", BY_WORD["反向"], "") == "每年不少于2000件"
    assert retarget("≥95%", BY_WORD["定性"], "") == "≥95%"


def test_a_sign_that_contradicts_the_nature_is_replaced_by_the_natures():
    assert fit("≥1500元", BY_WORD["反向"]) == "≤1500元"
    assert fit("≤5%", BY_WORD["正向"]) == "≥5%"
    assert fit("=0起", BY_WORD["反向"]) == "=0起"          # "= 0" already says lower is better
    assert fit("=100%", BY_WORD["正向"]) == "=100%"
    assert fit("不少于200人", BY_WORD["反向"]) == "不少于200人"   # worded: left as written
    assert fit("95%", BY_WORD["反向"]) == "95%"              # no sign of its own: the rule decides


def test_a_unit_goes_after_a_worded_target_that_ends_in_its_figure():
    assert compose_target("", "不低于95", "%") == "不低于95%"
    assert compose_target("", "1-12", "月") == "1-12月"
    assert compose_target("", "有效减轻", "人") == "有效减轻"     # no figure to carry it: the caller says so
    assert unit_problem("2次") and unit_problem("３次") and not unit_problem("人次") and not unit_problem("")


def test_money_per_head_in_another_scale_is_incomparable():
    """Review 2026-11-30: ≥5000元/人 against 0.6万元/人 scored 0."""
    assert incomparable(parse_target("≥5000元/人"), "0.6万元/人")
    assert not incomparable(parse_target("≥5000元/人"), "5200元/人")
    assert not incomparable(parse_target("≥5000元/人"), "5200元")   # a per-head figure written short: 审核 warns


def test_the_three_cells_of_a_table_row_fold_into_one_target():
    """What 添加指标 and import-xlsx do with 指标性质 | 指标值 | 度量单位 (青神县: “=” | 100 | %)."""
    from core.nature import from_cells
    got = from_cells("=", "100", "%")
    assert (got.nature.word, got.target, got.written) == ("正向", "=100%", "=100%")
    got = from_cells("反向", "≥1500", "元")                 # the nature's sign wins, and the cells are kept
    assert (got.nature.rule, got.target, got.written) == ("inverse_ratio", "≤1500元", "≥1500元")
    got = from_cells("", "95", "%")
    assert (got.nature, got.target) == (None, "95%")


def test_typing_into_a_cell_gives_the_new_target_and_the_nature_a_typed_sign_picks():
    from core.nature import typed
    assert typed("ratio", "=100%", "value", "95", SIGNS) == ("=95%", None)          # the sign stays
    assert typed("ratio", "100%", "value", "95", SIGNS) == ("95%", None)            # a bare figure stays bare
    assert typed("ratio", "", "value", "95", SIGNS) == ("≥95", None)                # a new one takes 正向's
    assert typed("inverse_ratio", "≤100%", "value", "≥90", SIGNS) == ("≥90%", BY_WORD["正向"])
    assert typed("ratio", "≥95%", "value", "≤5", SIGNS) == ("≤5%", BY_WORD["反向"])
    assert typed("ratio", "=100%", "unit", "‰", SIGNS) == ("=100‰", None)
    assert typed("ratio", "=100%", "unit", "2次", SIGNS) == (None, None)            # a figure in a unit
    assert typed("ratio", "有效减轻", "unit", "人", SIGNS) == (None, None)            # nothing to carry it
    assert typed("ratio", "不低于95", "unit", "%", SIGNS) == ("不低于95%", None)
    assert typed("ratio", "=100%", "value", "95", NONE) == ("95", None)             # no columns: as typed
