"""The before/after methods measured as candidates in ``make validate`` (docs/evidence.md,
"Validation"): each adds one change to the one before. ``inference.FINAL`` is the engine's."""

from __future__ import annotations

from dataclasses import replace

from atlas.evidence.inference import FINAL, Method

CANDIDATES = {
    "B: random placebos, one joint pre-test": Method(band=False, student=False, asym=False),
    "C: + placebos from the programme's band": Method(student=False, asym=False),
    "D: + studentised, non-symmetric": Method(),
    "E: D + regression adjustment": Method(adjust=True),
    "G: E + region in the adjustment, placebo pools without the programme": Method(
        adjust=True, region=True, own_pools=True
    ),
    "P: E + joint pre-test at a pretend start": Method(adjust=True, pretend=True),
    "GP: G + joint pre-test at a pretend start": Method(
        adjust=True, region=True, own_pools=True, pretend=True
    ),
    "GPR: GP + group placebos of the same rank in their region": Method(
        adjust=True, region=True, own_pools=True, pretend=True, rank_band=True
    ),
    "GPRH: GPR + the group band at least t(G - 1) over its host regions": Method(
        adjust=True, region=True, own_pools=True, pretend=True, rank_band=True, hosts=True
    ),
    "GPRHE: GPRH, t(G - 1) only at the edge of the regions, else Satterthwaite's df": replace(
        FINAL, level=0.95
    ),
    "GPRHE96: GPRHE with a 96% interval (one area: 99 nearest placebos)": replace(
        FINAL, unchecked=None, edge_bar=None, drift=0.0
    ),
    "GPRHE96B: + 'changed' needs the 98% band unchecked or at the edge (method 9)": replace(
        FINAL, drift=0.0
    ),
    "GPRHE96BD: + the gap's drift in the joint pre-test, a fifth of its level (method 10)": FINAL,
}
