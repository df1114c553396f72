"""Test helper: start an installed ``geomap`` build, signal it once past start-up.

Both the Ctrl-C test and the interrupted-write test need the same dance: read the run's
log until it says how many articles it will process, send one signal, collect what it
printed. The child gets the default SIGINT action: a shell's background job ignores
SIGINT, and a child inherits that.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path

from .conftest import ROOT


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def signalled_build(geomap: Path, args: Sequence[str], sig: int) -> tuple[int, str, str]:
    """Run ``geomap -v ARGS``, send ``sig`` once it reports "articles to process".

    Returns
    -------
    tuple
        The exit code, the log lines read before the signal, and the rest of stderr.
    """
    proc = subprocess.Popen(
        [str(geomap), "-v", *args],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_default_sigint,
    )
    seen: list[str] = []
    try:
        assert proc.stderr is not None
        # past start-up: this line comes before the model loads
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            line = proc.stderr.readline()
            seen.append(line)
            if not line or "articles to process" in line:
                break
        assert "articles to process" in seen[-1], seen
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return proc.returncode, "".join(seen), err
