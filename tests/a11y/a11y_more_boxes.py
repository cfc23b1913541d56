"""The boxes and pickers of Settings' pages, the pre-send context warning (both variants), the
"No keychain" question and the configuration-error box at start, opened from the keyboard as
a person opens them, checked as a11y_dialogs.check_box checks a box."""
import pyatspi

from atspi_harness import (Failure, children, has_state, role, key, name, press_for_focus, tab_to, text_of,
                           to_message_box, type_text, wait_for)
from a11y_dialogs import (_active_dialog, check_box, check_controls, opened_window, press_keys,
                          selected_page)

# Longer than the window the test server reports (`--num-ctx`, a11y_suite.NUM_CTX) once the
# model is loaded: the app asks before sending it.
LONG = " ".join(["This long message does not fit the small context window of the model."] * 4)
# Short enough to fit that window alone, too long to fit after the first exchange: the warning
# offers to drop the oldest messages.
SHORT = "Tell me more about that code, line by line, please."
WARNING = "This conversation will not fit"


def _settings_page(run, page):
    """Opens Settings and shows its page tab named `page` with Ctrl+PgDown, as a person would
    (Ctrl+Tab does it too, but only with the focus inside the pages)."""
    press_for_focus(run, "ctrl+comma", what="a control of Settings to have the focus")
    settings = opened_window(run.app, "the Settings dialog")
    for _ in range(4):
        shown = selected_page(settings)
        if shown == page:
            break
        key("ctrl+Next")
        wait_for(lambda: selected_page(settings) not in (None, shown),
                 f"Ctrl+PgDown to move on from the {shown!r} page")
    check_page = selected_page(settings)
    if check_page != page:
        raise AssertionError(f"Ctrl+PgDown never shows the {page!r} page (at {check_page!r})")
    return settings


def _open_windows(run):
    return [f"{role(w)} {name(w)!r}" for w in children(run.app)
            if role(w) != "frame" and has_state(w, pyatspi.STATE_SHOWING)]


def _close_settings(run):
    key("Escape")
    try:
        wait_for(lambda: not _open_windows(run), "Settings to close")
    except Failure as e:
        raise Failure(f"{e}; open: {_open_windows(run)}, focus last on "
                      f"{run.focus_events(0)[-1]['name']!r}") from None
    run.focus_window()


def check_settings_pickers(run, check):
    """Each file picker of Settings, from its button: crush.json import (Providers), data folder
    and log file (Application), MCP servers import, presets import and export."""
    results = {}
    for page, buttons in (("Providers", (("Import crush.json…", "Import crush.json"),)),
                          ("Application", (("Browse…", "Data folder"), ("Browse…", "Log file"))),
                          # Named as shown (what voice control hears), like every button.
                          ("MCP servers", (("Import…", "Import MCP servers"),)),
                          ("Presets", (("Import…", "Import presets"),
                                       ("Export…", "Export presets")))):
        settings = _settings_page(run, page)
        try:
            for label, title in buttons:
                before = tab_to(run, label, f"Settings, {page} page")
                results[f"{title} file dialog"] = check_box(run, title, ["space"], check,
                                                            name(settings), before=before)
        finally:
            _close_settings(run)
    return {f"{k}: controls named and reached by Tab": f"{n}/{t}" for k, (n, t) in results.items()}


def _warning(run, check, text, buttons):
    """`text` typed in the message box and sent with Enter: the warning. Escape is Don't send,
    and the message stays in the box, which has the focus again."""
    wait_for(lambda: has_state(run.composer, pyatspi.STATE_FOCUSED), "the message box focused")
    before = {"role": "text", "name": "Message"}
    type_text(text)
    result = check_box(run, WARNING, ["Return"], check, "Sluice", before=before, buttons=buttons)
    wait_for(lambda: text in text_of(run.composer), "the message kept in the box, not sent")
    key("ctrl+a", "BackSpace")
    return result


def check_context_warning(run, check):
    """A message longer than the loaded model's window, in a new chat: nothing to drop."""
    key("ctrl+n", "ctrl+l")  # a new chat: nothing in it to drop, the warning still shows
    result = _warning(run, check, LONG, ("Raise the context", "New chat with a summary",
                                         "Send anyway", "Don't send"))
    return {f"Context warning ({WARNING!r}): controls named and reached by Tab":
            "{}/{}".format(*result)}


def check_drop_oldest(run, check):
    """In the conversation of the first reply, a message that fits alone but not after it: the
    warning offers to drop the oldest messages too."""
    to_message_box(run)
    result = _warning(run, check, SHORT, ("Raise the context", "Drop the oldest",
                                          "New chat with a summary", "Send anyway",
                                          "Don't send"))
    return {f"Context warning with Drop the oldest: controls named and reached by Tab":
            "{}/{}".format(*result)}


def check_keychain_question(run, check):
    """An API key saved with no keychain (the suite's D-Bus session has no Secret Service):
    Settings asks whether to write it into sluice.json. Escape is Don't Save; the focus comes
    back to the key field, and the key is cleared again before Settings closes."""
    settings = _settings_page(run, "Providers")
    try:
        before = tab_to(run, "API key", "Settings, Providers page")
        type_text("sk-a11y-suite")
        result = check_box(run, "No keychain", ["Return"], check, name(settings), before=before,
                           buttons=("Write to sluice.json", "Don't Save"))
        key("ctrl+a", "BackSpace")
    finally:
        _close_settings(run)  # the key cleared: nothing changed, no question
    return {"No keychain question: controls named and reached by Tab": "{}/{}".format(*result)}


def check_config_error(run, check, config_path, broken):
    """The app started on a broken sluice.json asks first, without a window under it. Its
    controls are named and reached by Tab; Escape is Quit, and the file is left as it was."""
    box = opened_window(run.app, "the question about the broken configuration", "Sluice")
    named, count = check_controls(run, box, "Configuration error", check)
    key("Escape")
    wait_for(lambda: run.app_process.poll() is not None, "Escape (Quit) to end the app")
    with open(config_path) as f:
        check(f.read() == broken, "the broken sluice.json is left as it was")
    return {"Configuration error at start: controls named and reached by Tab": f"{named}/{count}"}
