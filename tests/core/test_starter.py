from core.starter import figure_gaps


def test_gaps_are_single_dashes_with_their_words():
    assert figure_gaps("本年度收入—万元，其中：财政拨款收入1391.03万元。") == ["本年度收入—万元，其中：财政…"]
    assert figure_gaps("工作——以人民为中心") == []          # a Chinese dash is punctuation
    assert figure_gaps("") == [] and figure_gaps(None) == []
