"""End to end: a real `jupyter lab` on 127.0.0.1, headless Debian chromium driven by Playwright.

Runs the "Convert to Kedro pipeline" command from the palette, the notebook toolbar and the file
browser's context menus against the real converter, applies the previews and compares the files
with what `nb2pipe convert` writes. Needs /usr/bin/chromium: skipped locally without it (with the
install command), a failure under CI (CI=true).
"""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path

import pytest
from lab_harness import (
    INSTALL_HINT,
    accept_dialog,
    browser_page,
    cli_convert,
    copy_samples,
    missing_requirements,
    open_notebook,
    open_palette,
    panel_files,
    running_lab,
    tree,
    wait_panel,
)

CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
NOTEBOOK = "01_ingest_clean.ipynb"
TARGET = "01_ingest_clean_kedro"
MANIFEST = ".nb2pipe/manifest.json"


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    missing = missing_requirements()
    if missing:
        message = f"browser tests need chromium and Playwright ({missing}): {INSTALL_HINT}"
        if CI:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    root = tmp_path_factory.mktemp("labroot")
    copy_samples(root, (NOTEBOOK, "02_features.ipynb"))
    copy_samples(
        root / "wine", ("01_ingest_clean.ipynb", "02_features.ipynb", "03_train_evaluate.ipynb")
    )
    (root / "broken.ipynb").write_text("{ not a notebook", encoding="utf-8")
    with running_lab(root, tmp_path_factory.mktemp("home")) as server:
        yield server


@pytest.fixture(scope="module")
def page(lab):
    with browser_page(lab) as pg:
        yield pg


def manifest_without_volatile_fields(text: bytes) -> object:
    data = json.loads(text)
    for key in ("created", "timestamp", "generated_at", "nb2pipe_version", "version"):
        if isinstance(data, dict):
            data.pop(key, None)
    return data


def assert_same_tree(ours: Path, theirs: Path) -> None:
    """Same paths, same bytes; in the manifest, only volatile fields (if any) may differ."""
    mine, cli = tree(ours), tree(theirs)
    assert sorted(mine) == sorted(cli)
    differ = [
        path
        for path in mine
        if (
            manifest_without_volatile_fields(mine[path])
            != manifest_without_volatile_fields(cli[path])
            if path == MANIFEST
            else mine[path] != cli[path]
        )
    ]
    if differ:
        first = next((p for p in differ if p != MANIFEST), differ[0])
        diff = "".join(
            difflib.unified_diff(
                cli[first].decode(errors="replace").splitlines(True),
                mine[first].decode(errors="replace").splitlines(True),
                f"cli/{first}",
                f"jupyterlab/{first}",
            )
        )
        raise AssertionError(f"differ from what `nb2pipe convert` writes: {differ}\n{diff}")


def diff_lines(panel, sign: str) -> list[str]:
    cls = "nb2pipe-add" if sign == "+" else "nb2pipe-del"
    return [t.rstrip("\n") for t in panel.locator(f".nb2pipe-diffs .{cls}").all_text_contents()]


def run_command(page, path: str) -> dict:
    """Run the command by id, as a script would (no dialog); resolves to the finished job."""
    return page.evaluate(
        "p => window.jupyterapp.commands.execute('nb2pipe:convert', {path: p, dialog: false})", path
    )


def test_extension_is_loaded(page, lab):
    assert page.evaluate("() => window.jupyterapp.isPluginActivated('nb2pipe:plugin')")
    assert any("nb2pipe is activated" in m for m in page.console_messages)
    status, reply = lab.api("GET", "nb2pipe/status")
    assert status == 200 and reply["jobs"] == []


def test_palette_preview_then_apply_writes_what_the_cli_writes(page, lab, tmp_path):
    open_notebook(page, NOTEBOOK)
    palette = open_palette(page)
    palette.get_by_role("textbox").fill("Convert to Kedro")
    palette.locator('[data-command="nb2pipe:convert"]').click()
    assert page.locator(".jp-Dialog input.nb2pipe-target").input_value() == TARGET
    accept_dialog(page)

    panel = wait_panel(page, TARGET)
    files = panel_files(panel)
    assert files and set(files.values()) == {"added"}, files
    assert "conf/base/catalog.yml" in files and any(p.endswith("/nodes.py") for p in files), files
    added = diff_lines(panel, "+")
    assert any(line.startswith("+def ") for line in added), added[:20]
    assert not (lab.root / TARGET).exists(), "a preview must not write anything"

    panel.locator(".nb2pipe-apply").click()
    wait_panel(page, TARGET, ("applied",))
    written = lab.root / TARGET
    # plus the merge base of the next conversion (nb2pipe's own, not listed; regeneration.md)
    assert set(tree(written)) == set(files) | {".nb2pipe/base.json"}

    cli_root = tmp_path / "cli"
    copy_samples(cli_root, (NOTEBOOK,))
    result = cli_convert(cli_root / NOTEBOOK, cli_root / TARGET)
    assert result.returncode == 0, result.stderr
    assert_same_tree(written, cli_root / TARGET)


def test_toolbar_rerun_after_an_edit_shows_just_that_change(page, lab):
    open_notebook(page, NOTEBOOK)
    cell = page.locator(".jp-NotebookPanel:visible .jp-Cell").nth(2)
    assert "MIN_SCORE = 2" in cell.inner_text()
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.type("MIN_SCORE = 3  # stricter tasting panel")
    page.keyboard.press("Escape")  # the notebook is dirty: the command saves it first
    page.locator(
        ".jp-NotebookPanel-toolbar:visible [data-jp-item-name='nb2pipe-convert'] button"
    ).click()
    accept_dialog(page)

    panel = wait_panel(page, TARGET)
    files = panel_files(panel)
    changed = {p: s for p, s in files.items() if s != "unchanged"}
    assert set(changed.values()) == {"modified"}, changed
    assert "conf/base/parameters.yml" in changed and len(changed) < len(files) / 3, changed
    # the "All changes" view: one diff per changed file, whose lines are about MIN_SCORE only
    shown = panel.locator(".nb2pipe-diffs .nb2pipe-diff-file").evaluate_all(
        "els => els.map(e => e.dataset.path)"
    )
    assert sorted(shown) == sorted(changed)
    for path in changed:
        section = panel.locator(f'.nb2pipe-diff-file[data-path="{path}"]')
        lines = section.locator(".nb2pipe-add, .nb2pipe-del").all_text_contents()
        assert lines, path
        if path == MANIFEST:  # the hashes of the other changed files
            assert all(any(f'"{other}"' in line for other in changed) for line in lines), lines
        else:
            assert all("MIN_SCORE" in line for line in lines), (path, lines)
    added, removed = diff_lines(panel, "+"), diff_lines(panel, "-")
    assert "+  MIN_SCORE: 3" in added and "-  MIN_SCORE: 2" in removed, (added, removed)
    assert page.locator(".nb2pipe-ResultPanel").count() == 1, "one panel per target"

    panel.locator(".nb2pipe-apply").click()
    wait_panel(page, TARGET, ("applied",))
    assert "MIN_SCORE: 3" in (lab.root / TARGET / "conf" / "base" / "parameters.yml").read_text()


def test_file_browser_notebook_menu_and_a_stale_preview(page, lab):
    page.evaluate("() => window.jupyterapp.commands.execute('filebrowser:go-to-path', {path: '/'})")
    item = page.locator(".jp-DirListing-item", has_text="02_features.ipynb").first
    item.click(button="right")
    page.locator('.lm-Menu-item[data-command="nb2pipe:convert"]').click()
    assert page.locator(".jp-Dialog input.nb2pipe-target").input_value() == "02_features_kedro"
    accept_dialog(page)
    panel = wait_panel(page, "02_features_kedro")
    assert "02_features" in panel.locator(".nb2pipe-title").inner_text()

    # the notebook changes on disk between preview and apply: the apply is refused (409)
    path = lab.root / "02_features.ipynb"
    nb = json.loads(path.read_text())
    nb["cells"].append(
        {"cell_type": "markdown", "id": "added", "metadata": {}, "source": ["More notes."]}
    )
    path.write_text(json.dumps(nb, indent=1))
    panel.locator(".nb2pipe-apply").click()
    panel = wait_panel(page, "02_features_kedro", ("conflict",))
    assert "changed" in panel.locator(".nb2pipe-status").inner_text()
    assert not (lab.root / "02_features_kedro").exists()

    panel.locator(".nb2pipe-rerun").click()  # the panel offers a fresh preview
    panel = wait_panel(page, "02_features_kedro")
    panel.locator(".nb2pipe-apply").click()
    wait_panel(page, "02_features_kedro", ("applied",))
    assert (lab.root / "02_features_kedro" / "conf" / "base" / "catalog.yml").is_file()


def test_file_browser_folder_menu_then_discard(page, lab):
    page.evaluate("() => window.jupyterapp.commands.execute('filebrowser:go-to-path', {path: '/'})")
    page.locator('.jp-DirListing-item[data-isdir="true"]', has_text="wine").first.click(
        button="right"
    )
    page.locator('.lm-Menu-item[data-command="nb2pipe:convert"]').click()
    assert page.locator(".jp-Dialog input.nb2pipe-target").input_value() == "wine_kedro"
    accept_dialog(page, memory=True)
    panel = wait_panel(page, "wine_kedro")
    files = panel_files(panel)
    for stem in ("ingest_clean", "features", "train_evaluate"):
        assert any(stem in p for p in files), (stem, sorted(files))
    panel.locator(".nb2pipe-discard").click()
    page.wait_for_selector('.nb2pipe-ResultPanel[data-target="wine_kedro"]', state="detached")
    assert not (lab.root / "wine_kedro").exists()
    status, reply = lab.api("GET", "nb2pipe/status")
    assert all(j["target"] != "wine_kedro" for j in reply["jobs"])


def test_a_bad_notebook_gives_a_readable_notification(page, lab):
    job = run_command(page, "broken.ipynb")
    assert job["state"] == "error" and job["error"]["kind"] == "input", job
    toast = page.locator(".Toastify__toast", has_text="cannot convert")
    toast.first.wait_for(state="visible", timeout=10_000)
    text = toast.first.inner_text()
    assert "broken.ipynb" in text and "Traceback" not in text
    panel = wait_panel(page, "broken_kedro", ("error",))
    assert panel.locator(".nb2pipe-problems .nb2pipe-diagnostic").count() >= 1
    assert "Traceback" not in panel.inner_text()


def test_diagnostic_links_open_the_notebook_at_the_cell(page, lab):
    run_command(page, NOTEBOOK)
    panel = wait_panel(page, TARGET)
    panel.locator(".nb2pipe-diagnostics-summary").click()  # info-only lists are folded
    links = panel.locator(".nb2pipe-diagnostic-link")
    if links.count() == 0:
        pytest.fail("the sample notebook gave no diagnostic with a cell to link to")
    link = links.nth(links.count() - 1)  # not the first cell, which may be active anyway
    first_link = link.inner_text()
    link.click()
    page.wait_for_function(
        "() => window.jupyterapp.shell.currentWidget?.context?.path === '01_ingest_clean.ipynb'"
    )
    active = page.evaluate(
        "() => { const nb = window.jupyterapp.shell.currentWidget.content;"
        " return [nb.activeCellIndex, nb.activeCell.model.id]; }"
    )
    index, cell_id = active
    assert index > 0
    assert f"cell {cell_id}" in first_link or f"cell {index + 1}" in first_link, (
        active,
        first_link,
    )
