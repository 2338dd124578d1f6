"""The score proposed with a 评价档次 (the GD sample's 政府采购执行, 5 分: 达成 [4, 5],
部分达成 [3, 4), 未达成 [0, 3))."""

from decimal import Decimal

from core.band_pick import in_band, proposed_score
from core.template import walk_indicators


def _node(template, node_id):
    return next(n for _, n in walk_indicators(template.indicators) if n.id == node_id)


def test_the_top_of_the_band_is_proposed(gd_template):
    node = _node(gd_template, "procurement")
    assert proposed_score(node, "达成") == Decimal("5")
    assert proposed_score(node, "部分达成") == Decimal("3.9")
    assert proposed_score(node, "未达成") == Decimal("2.9")


def test_a_score_already_inside_the_band_is_left_alone(gd_template):
    node = _node(gd_template, "procurement")
    assert proposed_score(node, "部分达成", "3.5") is None
    assert proposed_score(node, "部分达成", "4") == Decimal("3.9")     # 4 belongs to 达成
    assert proposed_score(node, "达成", "4") is None
    assert proposed_score(node, None) is None and proposed_score(node, "优秀") is None
    assert in_band(node, "未达成", Decimal("0")) and not in_band(node, "未达成", Decimal("3"))
