"""The SVG map's boundaries (atlas.charts.map_paths) and its static export (atlas.exports.svg_map)."""

from __future__ import annotations

import re

import numpy as np

from atlas.charts import map_paths


def test_a_ring_becomes_relative_whole_unit_steps_without_repeats():
    ring = np.array([[-1.6, 55.0], [-1.6, 55.0], [-1.5, 55.0], [-1.5, 55.1], [-1.6, 55.0]])
    d = map_paths.ring_path(ring)
    x, y = map_paths.project(ring[:, 0], ring[:, 1])
    start = re.match(r"M(-?\d+) (-?\d+)l(.*)z$", d)
    assert (int(start[1]), int(start[2])) == (round(x[0]), round(y[0]))
    steps = np.array(start[3].split(), dtype=int).reshape(-1, 2)
    assert len(steps) == 3  # the repeated first point is dropped
    assert steps.sum(axis=0).tolist() == [0, 0]  # the ring closes where it began
    assert steps[0, 0] == round(x[2]) - round(x[0]) > 0  # east is +x
    assert steps[1, 1] < 0  # north is -y, as SVG draws


def test_a_ring_smaller_than_a_unit_is_dropped():
    assert map_paths.ring_path(np.array([[0.0, 50.0], [0.0001, 50.0], [0.0, 50.0001]])) == ""


def test_static_svg_export_draws_the_spec(open_page):
    from conftest import map_specs

    from atlas.exports.svg_map import svg_map

    spec = map_specs(open_page("map", ind="ks4_att8_all", mode="england", prog="CNUA"))[0]
    svg = svg_map(spec)
    assert svg.count("<path") == len(spec["areas"]) + len(spec["outline"])
    newcastle = next(a for a in spec["areas"] if a[0] == "E08000021")
    assert f'fill="{newcastle[1]}" fill-opacity="0.9"' in svg
    assert "Newcastle upon Tyne · " in svg  # the hover text as each shape's title
    for label, _ in spec["legend"]:
        assert f">{label}</text>" in svg


def test_coverage_map_classes_and_their_blues(open_page):
    from conftest import map_specs

    from atlas.charts import partnerships as PC

    assert PC.coverage_classes(2) == [(1, 1), (2, 2)]
    assert PC.coverage_classes(12) == [(1, 1), (2, 2), (3, 4), (5, 7), (8, 12)]
    assert PC.coverage_classes(7) == [(1, 1), (2, 2), (3, 4), (5, 7)]  # not '8–7'
    assert PC.coverage_classes(6) == [(1, 1), (2, 2), (3, 4), (5, 6)]
    spec = map_specs(open_page("partnerships", prog="Leading Places 1,Leading Places 2"))[0]
    legend = dict(spec["legend"])
    assert list(legend) == ["2", "1", "None"]  # most first; no intervention is grey
    assert legend["2"] == PC.COVER_BLUES[-1] and legend["1"] == PC.COVER_BLUES[0]


def test_static_geo_writes_once_per_build_and_keeps_a_few(tmp_path, monkeypatch):
    from atlas.charts import geometry

    monkeypatch.setattr(geometry, "GEO_DIR", tmp_path)
    calls = []
    for build in ["b1", "b2", "b3", "b4", "b5", "b5"]:
        monkeypatch.setattr(geometry, "version", lambda build=build: build)
        url = geometry.static_geo("lad", "paths", lambda: calls.append(1) or '{"ok": 1}')
        assert url == f"app/static/geo/lad-{build}.paths.json"
    assert len(calls) == 5  # the second b5 call found its file
    (tmp_path / "lad-b0.geo.json").write_text("{}")  # another kind is not pruned with these
    names = sorted(f.name for f in tmp_path.iterdir())
    assert len([n for n in names if n.endswith(".paths.json")]) == geometry.KEEP_FILES
    assert "lad-b5.paths.json" in names and "lad-b1.paths.json" not in names
    assert "lad-b0.geo.json" in names
