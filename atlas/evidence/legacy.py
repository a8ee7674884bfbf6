"""The engine's previous method ('calibrated-placebo/2'), kept only so that ``make validate`` can
show what the selection scenarios did to it (candidate A in docs/evidence.md): random placebos of
the programme's regional pattern, a symmetric interval on raw estimates, and three separate
pre-period checks (pre-trend, pretend starts, event-study years) each at 5%."""

from __future__ import annotations

import numpy as np

from atlas.evidence import checks as C
from atlas.evidence import placebo as PL
from atlas.evidence.synth import synthetic_control


def one_study(f, out, treated, eligible, placebo_set, seed: int, synth: bool) -> dict:
    frame = f.frame
    contr = PL.contrasts(frame, treated, eligible, placebo_set=placebo_set, seed=seed)
    did = C.calibrated(contr, frame)
    start = int(f.years[frame.post][0]) - out.lag
    ev = C.event(frame, contr, f.years, start, f.pre, out)
    fakes = C.pretend(frame, contr, f.years, start, f.pre)
    moved = (
        ev["pre_trend"]["differ"]
        or any(p["significant"] for p in fakes)
        or any(e["outside_band"] for e in ev["event"])
    )
    row = {
        "interval_fpr": did["significant"],
        "verdict_fpr": did["significant"] and not moved,
        "moved_apart": moved,
        "mde": did["mde"],
    }
    if synth:
        win = frame.window
        y = frame.y[:, win]
        donors = np.array([d for d in contr.pools[0] if not np.isnan(y[d]).any()])
        sc = synthetic_control(y, ~frame.post[win], frame.post[win], int(treated[0]), donors)
        row["sc_beyond"] = bool(sc and sc["significant"])
    return row
