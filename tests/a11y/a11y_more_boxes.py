"""The boxes and pickers of Settings' pages and the pre-send context warning, opened from the
keyboard as a person opens them, checked as a11y_dialogs.check_box checks a box."""
import pyatspi

from atspi_harness import has_state, key, name, text_of, type_text, wait_for
from a11y_dialogs import _active_dialog, check_box, opened_window, press_keys, selected_page

# Longer than the window the test server reports (`--num-ctx`, a11y_suite.NUM_CTX) once the
# model is loaded: the app asks before sending it.
LONG = " ".join(["This long message does not fit the small context window of the model."] * 4)


def tab_to(run, label, what, limit=60):
    """Presses Tab until the control named `label` has the focus; its focus event."""
    got = None
    for _ in range(limit):
        mark = run.mark()
        key("Tab")
        got = run.wait_focus(mark, lambda e: True, f"Tab in {what}")
        if got["name"] == label:
            return got
    raise AssertionError(f"Tab never reaches {label!r} in {what} (last at {got and got['name']!r})")


def _settings_page(run, page):
    """Opens Settings and shows its page tab named `page` with Ctrl+Tab, as a person would."""
    mark = run.mark()
    press_keys(run, ["ctrl+comma"])
    settings = opened_window(run.app, "the Settings dialog")
    run.wait_focus(mark, lambda e: True, "a control of Settings to have the focus")
    for _ in range(4):
        shown = selected_page(settings)
        if shown == page:
            break
        key("ctrl+Tab")
        wait_for(lambda: selected_page(settings) not in (None, shown),
                 f"Ctrl+Tab to move on from the {shown!r} page")
    check_page = selected_page(settings)
    if check_page != page:
        raise AssertionError(f"Ctrl+Tab never shows the {page!r} page (at {check_page!r})")
    return settings


def _close_settings(run):
    key("Escape")
    wait_for(lambda: _active_dialog(run.app) is None, "Settings to close")
    run.focus_window()


def check_settings_pickers(run, check):
    """Each file picker of Settings, from its button: crush.json import (Providers), data folder
    and log file (Application), MCP servers import, presets import and export."""
    results = {}
    for page, buttons in (("Providers", (("Import crush.json…", "Import crush.json"),)),
                          ("Application", (("Browse…", "Data folder"), ("Browse…", "Log file"))),
                          # Named by what it does, which starts with what it shows.
                          ("MCP servers", (("Import MCP servers from another program",
                                            "Import MCP servers"),)),
                          # Named without the ellipsis that it shows.
                          ("Presets", (("Import", "Import presets"),
                                       ("Export", "Export presets")))):
        settings = _settings_page(run, page)
        try:
            for label, title in buttons:
                before = tab_to(run, label, f"Settings, {page} page")
                results[f"{title} file dialog"] = check_box(run, title, ["space"], check,
                                                            name(settings), before=before)
        finally:
            _close_settings(run)
    return {f"{k}: controls named and reached by Tab": f"{n}/{t}" for k, (n, t) in results.items()}


def check_context_warning(run, check):
    """A message longer than the loaded model's window, sent with Enter: the warning. Escape is
    Don't send, and the message stays in the box, which has the focus again."""
    key("ctrl+n", "ctrl+l")  # a new chat: nothing in it to drop, the warning still shows
    wait_for(lambda: has_state(run.composer, pyatspi.STATE_FOCUSED), "Ctrl+L to the message box")
    before = {"role": "text", "name": "Message"}
    type_text(LONG)
    title = "This conversation will not fit"
    result = check_box(run, title, ["Return"], check, "Sluice", before=before)
    wait_for(lambda: LONG in text_of(run.composer), "the message kept in the box, not sent")
    key("ctrl+a", "BackSpace")
    return {f"Context warning ({title!r}): controls named and reached by Tab":
            "{}/{}".format(*result)}
