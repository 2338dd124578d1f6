from core.precision import extra_places


def test_decimals_beyond_the_table_are_counted():
    assert extra_places("510.123", 2) == 1
    assert extra_places("510.12", 2) == 0
    assert extra_places("510.1200", 2) == 0        # trailing zeros hide nothing
    assert extra_places("1,234.5678", 2) == 2
    assert extra_places("abc", 2) == 0 and extra_places(None, 2) == 0 and extra_places("0.000", 2) == 0
