"""Screenshots of nb2pipe's JupyterLab command for docs/jupyterlab.md.

Reuses the browser-test setup (tests/jupyter/lab_harness.py): a real `jupyter lab` on 127.0.0.1
serving a copy of sample_notebooks/01_ingest_clean.ipynb, driven by headless chromium.

    python scripts/screenshot_jupyterlab.py [--out docs/img]

Writes jupyterlab-dialog.png (the options dialog), jupyterlab-preview.png (first preview: the
generated tree and the diff against nothing) and jupyterlab-panel.png (after applying, editing a
cell and running the toolbar button again: the diff of just that change).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "jupyter"))

import lab_harness as h  # noqa: E402

NOTEBOOK = "01_ingest_clean.ipynb"
TARGET = "01_ingest_clean_kedro"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "img")
    args = parser.parse_args()
    missing = h.missing_requirements()
    if missing:
        print(f"cannot take screenshots: {missing}\ninstall: {h.INSTALL_HINT}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="nb2pipe-shots-") as tmp:
        root, home = Path(tmp) / "work", Path(tmp) / "home"
        h.copy_samples(root, (NOTEBOOK,))
        with h.running_lab(root, home) as lab, h.browser_page(lab, 1600, 1000) as page:
            h.open_notebook(page, NOTEBOOK)
            page.evaluate("() => window.jupyterapp.commands.execute('filebrowser:toggle-main')")
            toolbar_button = (
                ".jp-NotebookPanel-toolbar:visible [data-jp-item-name='nb2pipe-convert'] button"
            )

            page.locator(toolbar_button).click()
            page.locator(".jp-Dialog .nb2pipe-Dialog").wait_for(state="visible")
            page.screenshot(path=str(args.out / "jupyterlab-dialog.png"))
            h.accept_dialog(page)
            panel = h.wait_panel(page, TARGET)
            page.locator(".Toastify__toast").evaluate_all("els => els.forEach(e => e.remove())")
            panel.locator('.nb2pipe-tree-file[data-path$="/nodes.py"]').first.click()
            page.screenshot(path=str(args.out / "jupyterlab-preview.png"))

            panel.locator(".nb2pipe-apply").click()
            h.wait_panel(page, TARGET, ("applied",))
            cell = page.locator(".jp-NotebookPanel:visible .jp-Cell").nth(2)
            cell.locator(".cm-content").click()
            page.keyboard.press("Control+a")
            page.keyboard.type("MIN_SCORE = 3  # stricter tasting panel")
            page.keyboard.press("Escape")
            page.locator(toolbar_button).click()
            h.accept_dialog(page)
            h.wait_panel(page, TARGET)
            page.wait_for_timeout(300)
            page.locator(".Toastify__toast").evaluate_all("els => els.forEach(e => e.remove())")
            page.screenshot(path=str(args.out / "jupyterlab-panel.png"))
    for name in ("jupyterlab-dialog.png", "jupyterlab-preview.png", "jupyterlab-panel.png"):
        print(args.out / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
