"""A real published 项目支出绩效自评表 (天长市水利局 水旱灾害防御经费, 2022年度; page
"天长市水利局水旱灾害防御股项目支出绩效自评", published 2023-12-05; the search index
kept no address) entered with its figures as printed: the program reproduces its
总分 100, fills the 执行率 the table left empty, and names what the table left blank."""

from decimal import Decimal as D
from pathlib import Path

from core.evaluate import evaluate
from core.opening import open_draft

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "mof-project-published-tianchang-2022.json"


def test_reproduces_the_published_total_and_fills_the_missing_rate():
    opened = open_draft(str(SAMPLE))
    r = evaluate(opened.template, opened.draft)
    assert r.scores.total == D("100") and r.scores.grade == "优"
    assert [(g.name, g.score) for g in r.scores.groups] == [
        ("预算执行率", D("10.00")), ("产出指标", D("50.00")), ("效益指标", D("30.00")), ("满意度指标", D("10.00"))]
    assert r.values.numbers["funds.total.rate"] == D("100")   # printed empty in the source
    assert r.scores.nodes["benefit_ecological"].weight == D("0")  # the table's “/” row: an empty group
    assert [(f.code, f.field) for f in r.errors] == [("field.required", "fields.competent_dept")]
