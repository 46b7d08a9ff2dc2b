"""The summary's size chart: a pure function, tested without a database."""

import xml.etree.ElementTree as ET
from datetime import date

from monitoring.summary.chart import size_chart_svg

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg):
    return ET.fromstring(svg)  # noqa: S314 (our own output, parsed to check it is well formed)


def texts(svg):
    return [el.text for el in parse(svg).iter(f"{SVG}text")]


def test_no_points_draws_a_box_that_says_so():
    root = parse(size_chart_svg([], empty_text="Nothing to chart"))
    assert root.tag == f"{SVG}svg"
    assert [el.text for el in root.iter(f"{SVG}text")] == ["Nothing to chart"]
    assert not list(root.iter(f"{SVG}circle"))
    assert not list(root.iter(f"{SVG}polyline"))


def test_points_without_a_size_are_left_out():
    svg = size_chart_svg([(date(2026, 3, 2), None)], empty_text="Nothing to chart")
    assert texts(svg) == ["Nothing to chart"]


def test_one_point_is_one_marker_with_its_value_and_date():
    svg = size_chart_svg([(date(2026, 3, 2), 6)], format_date=lambda d: d.isoformat())
    root = parse(svg)
    assert len(list(root.iter(f"{SVG}circle"))) == 1
    assert not list(root.iter(f"{SVG}polyline"))
    labels = texts(svg)
    assert "6" in labels
    assert "2026-03-02" in labels


def test_many_points_are_joined_in_date_order():
    points = [(date(2026, 3, 30), 9), (date(2026, 3, 2), 6), (date(2026, 3, 16), 7.5)]
    svg = size_chart_svg(points, format_date=lambda d: d.isoformat())
    root = parse(svg)
    circles = list(root.iter(f"{SVG}circle"))
    assert len(circles) == 3
    xs = [float(c.get("cx")) for c in circles]
    assert xs == sorted(xs)
    # Larger sizes are drawn higher (smaller y).
    ys = [float(c.get("cy")) for c in circles]
    assert ys[0] > ys[1] > ys[2]
    assert len(list(root.iter(f"{SVG}polyline"))) == 1
    labels = texts(svg)
    assert {"6", "7.5", "9", "2026-03-02", "2026-03-30"} <= set(labels)


def test_many_points_label_only_first_and_last_value():
    points = [(date(2026, 1, day), day) for day in range(1, 21)]
    labels = texts(size_chart_svg(points))
    assert "1" in labels and "20" in labels
    assert "10" not in labels


def test_same_day_points_do_not_divide_by_zero():
    svg = size_chart_svg([(date(2026, 3, 2), 5), (date(2026, 3, 2), 7)])
    assert len(list(parse(svg).iter(f"{SVG}circle"))) == 2


def test_zero_sizes_chart_without_error():
    svg = size_chart_svg([(date(2026, 3, 2), 0), (date(2026, 3, 9), 0)])
    assert len(list(parse(svg).iter(f"{SVG}circle"))) == 2


def test_text_is_escaped():
    evil = '<script>alert(1)</script> & "x"'
    svg = size_chart_svg(
        [(date(2026, 3, 2), 6)], title=evil, unit="<b>", format_date=lambda d: "<img src=x>"
    )
    assert "<script>" not in svg and "<img" not in svg and "<b>" not in svg
    root = parse(svg)
    assert root.find(f"{SVG}title").text == evil
    assert root.get("aria-label") == evil
    assert "<img src=x>" in texts(svg)


def test_black_and_white_only():
    svg = size_chart_svg([(date(2026, 3, 2), 6), (date(2026, 4, 2), 8)])
    colours = {
        el.get(attr)
        for el in parse(svg).iter()
        for attr in ("fill", "stroke")
        if el.get(attr) is not None
    }
    assert colours <= {"#000", "#fff", "none"}
