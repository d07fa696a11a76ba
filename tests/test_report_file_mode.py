"""PDF handouts get the user's normal permissions, like workshop files, so a team folder can share them."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from workshop_app.core.demo import build_demo
from workshop_app.report.pdf import export_pdf

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX here")


def test_a_new_pdf_follows_the_umask_and_a_replaced_one_keeps_its_mode(tmp_path: Path) -> None:
    out = tmp_path / ("handout-" + "n" * 230 + ".pdf")  # a long name leaves room for the temporary one
    old = os.umask(0o002)
    try:
        export_pdf(build_demo(), out)
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o664
    out.chmod(0o640)
    export_pdf(build_demo(), out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]


def test_a_killed_export_leaves_no_temporary_for_long(tmp_path: Path) -> None:
    out = tmp_path / "handout.pdf"
    stale = tmp_path / ".handout.pdf.x1y2z3.tmp"
    stale.write_bytes(b"%PDF-1.4 half")
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    export_pdf(build_demo(), out)
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]
