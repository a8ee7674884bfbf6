"""Civic Atlas: the app's runtime (pages call ``atlas.ui``; see docs/architecture.md).

One BLAS thread per process. The engine's matrices are small (a few hundred areas by a few hundred
placebo groups), and OpenBLAS's thread start-up costs far more than it saves: on this 2-core
machine a 200 x 361 by 361 x 20 product took 7.6 ms threaded and 0.1 ms on one thread, which made
``_pre_stat`` a third of every study's time. A server runs many sessions side by side and the
validation runs one process per core, so neither loses anything. Set before numpy is first
imported (``python -m atlas.serve``, ``python -m pipelines``, the tests); a setting already in the
environment wins.
"""

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
