"""Benchmark: score geoparsing on TR-News (system vs baseline) and the seeds gold.

A thin wrapper over :mod:`geomap.evaluation`, equivalent to ``geomap eval``::

    .venv/bin/python benchmarks/eval_geoparse.py [--limit N] [--json] [--no-seeds]

TR-News is read from ``--trnews``, ``--eval-dir`` or ``$GEOMAP_EVAL_DIR`` (skipped without).
"""

from __future__ import annotations

import sys

from geomap.cli.evaluate import eval_command

if __name__ == "__main__":
    sys.exit(eval_command.main(args=sys.argv[1:], prog_name="eval_geoparse"))
