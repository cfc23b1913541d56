"""What the accessibility suite needs around pyatspi: the app under test, its tree, its events,
keys pressed through the X server (xdotool), and waiting for conditions with deadlines.

Nothing here sleeps to let something happen: every wait polls a condition until a generous
deadline (the suite runs on loaded two-core machines), and a missed deadline fails with what
was awaited."""
import os
import subprocess
import time

import pyatspi
from gi.repository import GLib

# Deadlines are long because a loaded CI machine is slow; a pass is fast anyway.
DEADLINE = float(os.environ.get("SLUICE_A11Y_DEADLINE", "30"))


class Failure(AssertionError):
    pass


def pump():
    """Delivers the AT-SPI events that have arrived."""
    ctx = GLib.MainContext.default()
    while ctx.pending():
        ctx.iteration(False)


def wait_for(condition, what, timeout=DEADLINE):
    deadline = time.monotonic() + timeout
    last_error = None
    while True:
        pump()
        try:
            value = condition()
        except Exception as e:  # an object that went away while we looked at it
            value, last_error = None, e
        if value:
            return value
        if time.monotonic() > deadline:
            extra = f" (last error: {last_error})" if last_error else ""
            raise Failure(f"timed out after {timeout:.0f} s waiting for {what}{extra}")
        time.sleep(0.03)


def name(acc):
    try:
        return acc.name or ""
    except Exception:
        return ""


def role(acc):
    try:
        return acc.getRoleName()
    except Exception:
        return "?"


def states(acc):
    try:
        return acc.getState()
    except Exception:
        return None


def has_state(acc, state):
    s = states(acc)
    return bool(s and s.contains(state))


def children(acc):
    try:
        return [acc.getChildAtIndex(i) for i in range(acc.childCount)]
    except Exception:
        return []


def walk(acc, depth=0, max_depth=40):
    """Yields (node, depth), depth first, skipping what disappears while walking."""
    if acc is None or depth > max_depth:
        return
    yield acc, depth
    for child in children(acc):
        yield from walk(child, depth + 1, max_depth)


def find(acc, predicate):
    for node, _ in walk(acc):
        try:
            if predicate(node):
                return node
        except Exception:
            pass
    return None


def find_all(acc, predicate):
    out = []
    for node, _ in walk(acc):
        try:
            if predicate(node):
                out.append(node)
        except Exception:
            pass
    return out


def by(role_name=None, name_is=None, name_starts=None):
    def predicate(acc):
        if role_name and role(acc) != role_name:
            return False
        if name_is is not None and name(acc) != name_is:
            return False
        if name_starts is not None and not name(acc).startswith(name_starts):
            return False
        return True
    return predicate


def text_of(acc):
    """The Text interface's whole text (empty when there is none)."""
    try:
        t = acc.queryText()
        return t.getText(0, t.characterCount)
    except Exception:
        return ""


def actions_of(acc):
    try:
        a = acc.queryAction()
        return [a.getName(i) for i in range(a.nActions)]
    except Exception:
        return []


def do_action(acc, action_name):
    a = acc.queryAction()
    for i in range(a.nActions):
        if a.getName(i) == action_name:
            return a.doAction(i)
    raise Failure(f"{describe(acc)} has no action {action_name!r} (has {actions_of(acc)})")


def describe(acc):
    return f"[{role(acc)} {name(acc)!r}]"


def dump(acc, out, showing_only=True):
    for node, depth in walk(acc):
        s = states(node)
        if showing_only and s is not None and not s.contains(pyatspi.STATE_SHOWING) and depth > 0:
            continue
        flags = []
        if s is not None:
            for st, label in ((pyatspi.STATE_FOCUSABLE, "focusable"),
                              (pyatspi.STATE_FOCUSED, "FOCUSED"),
                              (pyatspi.STATE_CHECKED, "checked")):
                if s.contains(st):
                    flags.append(label)
        text = text_of(node)
        extra = f" text={text[:80]!r}" if text and text != name(node) else ""
        acts = actions_of(node)
        out.write(f"{'  ' * depth}{role(node)} {name(node)!r} {' '.join(flags)}{extra}"
                  f"{' actions=' + ','.join(acts) if acts else ''}\n")


class Events:
    """Records AT-SPI events of the given kinds, as plain values taken when they arrive."""

    def __init__(self, *kinds):
        self.items = []
        self.kinds = kinds
        for kind in kinds:
            pyatspi.Registry.registerEventListener(self._on, kind)

    def _on(self, event):
        src = event.source
        self.items.append({
            "type": event.type, "detail1": event.detail1, "data": _plain(event.any_data),
            "name": name(src), "role": role(src), "source": src,
        })

    def clear(self):
        pump()
        self.items = []

    def of(self, prefix):
        pump()
        return [e for e in self.items if e["type"].startswith(prefix)]

    def close(self):
        for kind in self.kinds:
            pyatspi.Registry.deregisterEventListener(self._on, kind)


def _plain(value):
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    try:
        return name(value)
    except Exception:
        return str(value)


def key(*keys):
    """Presses keys as the keyboard would (XTest through xdotool), in the focused window."""
    subprocess.run(["xdotool", "key", "--delay", "40", *keys], check=True)


def type_text(text):
    subprocess.run(["xdotool", "type", "--delay", "20", text], check=True)


def find_app(app_name, timeout=DEADLINE):
    def look():
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is not None and name(app) == app_name:
                return app
        return None
    return wait_for(look, f"the application {app_name!r} on the AT-SPI bus", timeout)


def focused(app):
    """The object that says it has the keyboard focus (AT-SPI state focused), or None."""
    for window in children(app):
        if not has_state(window, pyatspi.STATE_ACTIVE):
            continue
        node = find(window, lambda a: has_state(a, pyatspi.STATE_FOCUSED))
        if node is not None:
            return node
    return None


# --- moving the focus with keys, as a person does (`run`: a11y_suite.Run) ----------------

def press_for_focus(run, keys, predicate=lambda e: True, what=None):
    """Presses `keys` (one key name or a list) and returns the first focus event after it
    that `predicate` accepts."""
    keys = [keys] if isinstance(keys, str) else list(keys)
    mark = run.mark()
    key(*keys)
    return run.wait_focus(mark, predicate, what or f"{'+'.join(keys)} to move the focus")


def press_until(run, key_name, predicate, where, limit=12):
    """Presses `key_name` (Tab, shift+Tab, Up…) until the focus lands on what `predicate`
    accepts; returns that focus event. Fails saying where the focus was last."""
    got = None
    for _ in range(limit):
        got = press_for_focus(run, key_name, what=f"{key_name} in {where}")
        if predicate(got):
            return got
    last = f"{got['role']} {got['name']!r}" if got else "nothing"
    raise Failure(f"{key_name} never reaches what is wanted in {where} (last at {last})")


def tab_to(run, label, where, limit=60):
    """Presses Tab until the control named `label` has the focus; its focus event."""
    return press_until(run, "Tab", lambda e: e["name"] == label, f"{where} (to {label!r})", limit)


def to_message_box(run):
    """Ctrl+L: the focus in the message box (nothing to press when it is there already)."""
    if has_state(run.composer, pyatspi.STATE_FOCUSED):
        return {"role": "text", "name": "Message", "source": run.composer}
    return press_for_focus(run, "ctrl+l", lambda e: e["name"] == "Message",
                           "Ctrl+L to focus the message box")


def to_message(run, starts=None, limit=6):
    """From the message box, Shift+Tab to the conversation (on its newest message), then Up
    until a message whose name starts with `starts`; that message's focus event."""
    is_item = lambda e: e["role"] == "list item"  # noqa: E731
    item = press_for_focus(run, "shift+Tab", is_item, "Shift+Tab from the message box to a message")
    for _ in range(limit):
        if starts is None or item["name"].startswith(starts):
            return item
        item = press_for_focus(run, "Up", is_item, f"Up to the message before (to {starts!r})")
    raise Failure(f"Up never reaches a message starting {starts!r} (last {item['name']!r})")
