"""Benchmark: score geoparsing on TR-News (system vs baseline) and the seeds gold.

A thin wrapper over :mod:`geomap.evaluate`, equivalent to ``geomap eval``::

    .venv/bin/python benchmarks/eval_geoparse.py [--limit N] [--json] [--no-seeds]

Paths default to ``$GEOMAP_EVAL_DIR`` or ``../shared/eval`` next to the project.
"""

from __future__ import annotations

import sys

from geomap._cli_eval import eval_command

if __name__ == "__main__":
    sys.exit(eval_command.main(args=sys.argv[1:], prog_name="eval_geoparse"))
