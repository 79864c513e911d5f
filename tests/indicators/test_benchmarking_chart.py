"""The benchmarking dot plot: ours found by text, every value in the description, escaped."""

from decimal import Decimal as D

from indicators.charts import dot_plot_svg


def test_ours_is_labelled_in_words_and_every_value_is_described():
    svg = str(
        dot_plot_svg(
            title="PI <b>",
            entries=[("A & Co", D("90"), False), ("B", D("80"), False), ("us", D("85"), True)],
            median=D("85"),
            unit="%",
        )
    )
    assert "<title>PI &lt;b&gt;</title>" in svg
    assert ">Us: 85%</text>" in svg  # the diamond's label, not colour alone
    assert "<desc>A &amp; Co: 90%; B: 80%; Our figure: 85%</desc>" in svg
    assert svg.count('class="dot"') == 2 and svg.count('class="dot-us"') == 1
    assert ">Median 85%</text>" in svg


def test_equal_values_stack_instead_of_hiding_each_other():
    svg = str(
        dot_plot_svg(
            title="t", entries=[("A", D("5"), False), ("B", D("5"), False), ("C", D("9"), False)]
        )
    )
    ys = [part.split('cy="')[1].split('"')[0] for part in svg.split('class="dot"')[1:]]
    assert len(set(ys[:2])) == 2  # A and B at the same value, one above the other


def test_nothing_to_plot():
    assert "No values to plot" in str(dot_plot_svg(title="t", entries=[]))
