"""``--smoke-test``: load the data, build the real window offscreen, run one search and one full
wizard path through the real widgets, print SMOKE OK. Used in CI and on the packaged app."""

from __future__ import annotations

import re
import sys
import time

from PySide6.QtWidgets import QApplication

from desktop.domain.model import VERDICT_LABELS
from desktop.domain.search import SearchIndex
from desktop.ui.data_loading import DataState
from desktop.ui.history import PROVISION, SEARCH, WIZARD
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings
from desktop.ui.themes import Themes

MAX_STEPS = 200


class SmokeFailure(Exception):
    pass


def _check(condition: object, message: str) -> None:
    if not condition:
        raise SmokeFailure(message)


def _query_for(window: MainWindow) -> str:
    """A word the pack certainly contains: the first long word of the first scenario's title."""
    assert window.pack is not None
    for scenario in window.pack.scenarios:
        for word in re.findall(r"[A-Za-z]{5,}", scenario.title):
            return word.lower()
    return window.pack.provisions[0].title.split()[0]


#: Imported before stop_pyside_source_scan can run in the frozen app (PyInstaller imports PySide6 first), with
#: the package itself
_IMPORTED_TO_STOP_THE_SCAN = ("desktop.runtime",)


def _looked_at_by_pyside() -> list[str]:
    """The app's modules PySide6's import wrapper looked at (read, or tried to read, the source of), but for
    the two the stop needs: none once stop_pyside_source_scan has run, from source (run_gui) and frozen (the
    launcher). Empty where this PySide6 keeps no such record."""
    looked_at = getattr(sys.modules.get("shibokensupport.feature"), "pyside_feature_dict", {})
    return sorted(name for name in looked_at
                  if name.startswith("desktop.") and name not in _IMPORTED_TO_STOP_THE_SCAN)


def _pyside_support_compiled_here() -> bool:
    """Whether shiboken6 compiled its support modules from the source it embeds at this start (their
    ``__file__`` is the embedded ``….py``), where the frozen bundle ships them as bytecode in
    ``shiboken6/files.dir`` (build_scripts/shiboken_bytecode.py)."""
    loader = sys.modules.get("shibokensupport.signature.loader")
    return loader is not None and not str(getattr(loader, "__file__", "")).endswith(".pyc")


def _smoke(app: QApplication, window: MainWindow, timings: dict[str, float]) -> str:
    _check(not (late := _looked_at_by_pyside()), f"PySide6's import wrapper looked at {len(late)} of the app's "
           f"modules, e.g. {late[:3]}: stop_pyside_source_scan ran too late")
    _check(not (getattr(sys, "frozen", False) and _pyside_support_compiled_here()),
           "the bundle compiled PySide's support modules at start-up: shiboken6/files.dir is missing from it")
    data = window.data
    _check(data.loaded is not None, "no data pack could be loaded")
    _check(not data.failed, f"{data.failed_what()} could not be loaded: "
           + "; ".join(str(p) for p in data.problems[:5]))
    pack = data.loaded.pack  # type: ignore[union-attr]
    _check(pack.scenarios, "the data pack has no scenarios")

    t0 = time.perf_counter()
    window.set_search_index(SearchIndex(pack))
    timings["index"] = time.perf_counter() - t0

    # one search, typed into the real field, opened with Enter
    query = _query_for(window)
    window.focus_search()
    window.search_field.setText(query)
    _check(window.current_kind() == SEARCH, "typing did not open the search page")
    window.search_page.flush()
    app.processEvents()
    hits = window.search_page.model.rowCount()
    _check(hits > 0, f"searching for {query!r} found nothing")
    window.search_field.returnPressed.emit()
    app.processEvents()
    _check(window.current_kind() != SEARCH, "Enter did not open the first result")

    # one full wizard path from Home, by tapping the first answer each time
    window.go_home()
    app.processEvents()
    if window.home_page.buttons:
        window.home_page.buttons[0].click()
    else:
        window.start_scenario(next(s.scenario_id for s in pack.scenarios if not s.subflow))
    app.processEvents()
    _check(window.current_kind() == WIZARD, "the wizard did not open")
    wizard = window.wizard_page
    for _ in range(MAX_STEPS):
        if wizard.current_outcome() is not None:
            break
        _check(wizard.answer_buttons, "a question has no answer buttons")
        wizard.answer_buttons[0].click()
        app.processEvents()
    outcome = wizard.current_outcome()
    _check(outcome is not None, "the walk never reached an outcome")
    card = wizard.card
    _check(card.verdict_label.text() in VERDICT_LABELS.values(), "the outcome card shows no verdict")
    _check(card.headline_label.text() == outcome.headline, "the outcome card shows the wrong headline")  # type: ignore[union-attr]
    _check(card.cites.buttons, "the outcome card has no citation links")
    card.cites.buttons[0].click()
    app.processEvents()
    _check(window.current_kind() == PROVISION, "the citation did not open the provision")
    window.go_back()
    app.processEvents()
    _check(window.current_kind() == WIZARD and wizard.current_outcome() == outcome, "Back did not return to the outcome")
    return f"search {query!r}: {hits} hit(s); walked {len(wizard.state.steps)} answer(s) to {outcome.verdict_label}"  # type: ignore[union-attr]


def run_smoke_test(app: QApplication, data: DataState, settings: Settings, themes: Themes, started: float) -> int:
    timings: dict[str, float] = {}
    window: MainWindow | None = None
    try:
        t0 = time.perf_counter()
        window = MainWindow(data, settings, themes)
        window.show()
        app.processEvents()
        timings["window"] = time.perf_counter() - t0
        summary = _smoke(app, window, timings)
    except SmokeFailure as exc:
        print(f"SMOKE FAILED: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # the smoke test reports, it does not crash
        print(f"SMOKE FAILED: unexpected {type(exc).__name__}: {exc}", file=sys.stderr)
        import traceback

        traceback.print_exc()
        return 1
    finally:
        if window is not None:
            window.close()
            window.deleteLater()
            app.processEvents()
    total = time.perf_counter() - started
    print(
        f"{summary}. Start-up {total * 1000:.0f} ms (window {timings.get('window', 0) * 1000:.0f} ms, "
        f"search index {timings.get('index', 0) * 1000:.0f} ms)",
        file=sys.stderr,
    )
    print("SMOKE OK")
    return 0
