"""Calls that configure the process from a file when given one (`io_calls.CONFIG_FILES`:
`plt.style.use("my.mplstyle")`) read it when it is on disk, so it travels into the project; a
style's own name (`plt.style.use("ggplot")`) reads nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from nb2pipe.api import analyze_on_disk
from nb2pipe.model import ChunkFacts
from nb2pipe.model.symbols import File
from nb2pipe.planning.codegen import apply_edits

from .test_io import PLT, source_at


def last_chunks(root: Path, notebook: str, *cells: str) -> list[ChunkFacts]:
    """The last cell's chunks, analysed as a conversion does: with the disk below ``root`` read
    (the style and data files these tests write there) before analysis."""
    facts = analyze_on_disk(source_at(root, notebook, *cells), folders=[root])
    return [c for c in facts.chunks if c.cell == len(cells) - 1]

CASES = [
    ("plt.style.use('mine.mplstyle')", ["mine.mplstyle"], "plt.style.use(mine)"),
    ("plt.style.use(['ggplot', 'mine.mplstyle'])", ["mine.mplstyle"], "plt.style.use(['ggplot', mine])"),
    ("with plt.style.context('mine.mplstyle'):\n    pass", ["mine.mplstyle"],
     "with plt.style.context(mine):\n    pass"),
    ("import matplotlib as mpl\nmpl.rc_file('mine.mplstyle')", ["mine.mplstyle"], "mpl.rc_file(mine)"),
    ("from matplotlib import font_manager as fm\nfm.fontManager.addfont('brand.ttf')", ["brand.ttf"],
     "fm.fontManager.addfont(brand)"),
    ("from matplotlib.font_manager import FontProperties\nprop = FontProperties(fname='brand.ttf')",
     ["brand.ttf"], "prop = FontProperties(fname=brand)"),
    ("plt.style.use('ggplot')", [], "plt.style.use('ggplot')"),
    ("plt.style.use('absent.mplstyle')", [], "plt.style.use('absent.mplstyle')"),
]


@pytest.mark.parametrize(("code", "read", "after"), CASES, ids=[c for c, _, _ in CASES])
def test_a_style_file_on_disk_is_read_and_a_style_name_is_not(
    code: str, read: list[str], after: str, tmp_path: Path
) -> None:
    (tmp_path / "mine.mplstyle").write_text("lines.linewidth: 3.5\n")
    (tmp_path / "brand.ttf").write_bytes(b"\0")
    chunks = last_chunks(tmp_path, "nb.ipynb", PLT, code)
    assert [(f.path, f.mode) for c in chunks for f in c.files] == [(p, "read") for p in read]
    assert {s for c in chunks for s in c.uses if isinstance(s, File)} == {File(p) for p in read}
    rewritten = "\n".join(apply_edits(c.code, c.edits, {File("mine.mplstyle"): "mine", File("brand.ttf"): "brand"}) for c in chunks)
    assert rewritten.strip().endswith(after)


READS = [
    ("import xml.etree.ElementTree as ET\nroot = ET.parse('tree.xml').getroot()", ["tree.xml"],
     "root = ET.parse(tree).getroot()"),
    ("import configparser\ncfg = configparser.ConfigParser()\ncfg.read(['settings.ini'])", ["settings.ini"],
     "cfg.read([settings])"),
    ("NAME = 'settings.ini'\nimport configparser\nconfigparser.ConfigParser().read(NAME)", ["settings.ini"],
     "configparser.ConfigParser().read(settings)"),
    ("import seaborn as sns\ntips = sns.load_dataset('tips')", [], "tips = sns.load_dataset('tips')"),
    ("print('settings.ini')", [], "print('settings.ini')"),  # not a reading name
]


@pytest.mark.parametrize(("code", "read", "after"), READS, ids=[c.split("\n")[-1] for c, _, _ in READS])
def test_a_reading_call_given_a_file_on_disk_reads_it(
    code: str, read: list[str], after: str, tmp_path: Path
) -> None:
    """`io_calls.READING_NAME_PREFIXES`: `ET.parse`, `config.read`, ... that no table row knows."""
    (tmp_path / "tree.xml").write_text("<r/>")
    (tmp_path / "settings.ini").write_text("[main]\nx = 7\n")
    chunks = last_chunks(tmp_path, "nb.ipynb", code)
    assert [(f.path, f.mode) for c in chunks for f in c.files] == [(p, "read") for p in read]
    names = {File("tree.xml"): "tree", File("settings.ini"): "settings"}
    rewritten = "\n".join(apply_edits(c.code, c.edits, names) for c in chunks)
    assert rewritten.strip().endswith(after)
