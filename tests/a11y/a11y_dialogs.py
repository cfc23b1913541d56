"""Names and Tab order of the main window and every dialog, through AT-SPI."""
import subprocess

import pyatspi

from atspi_harness import (Failure, children, find, find_all, has_state, key, name, press_for_focus,
                           press_until, role, tab_to, to_message, to_message_box, wait_for, walk)

# What a person operates: these must be named and reached by Tab.
CONTROLS = {"push button", "toggle button", "check box", "radio button", "combo box", "text",
            "password text", "spin button", "table", "tree", "tree table", "list", "slider",
            "page tab list", "entry", "scroll bar"}
ITEM_ROLES = {"list item", "table cell", "tree item"}
VIEW_ROLES = {"list", "tree", "table", "tree table"}
# Parts of a control that take the focus with it (the line edit of a spin box or combo box).
COMPOSITE = {"combo box", "spin button"}


def _interactive(acc):
    return (role(acc) in CONTROLS and role(acc) != "scroll bar"
            and has_state(acc, pyatspi.STATE_FOCUSABLE) and has_state(acc, pyatspi.STATE_SHOWING)
            and has_state(acc, pyatspi.STATE_ENABLED))


def _path(acc, root):
    """Where an object is under `root`, as child indices (its identity across events)."""
    out = []
    while acc is not None and acc != root:
        try:
            out.append(acc.getIndexInParent())
            acc = acc.parent
        except Exception:
            return None
    return tuple(reversed(out)) if acc == root else None


def controls(root):
    """The interactive controls under root (not the inner parts of composite controls)."""
    found = []
    for node, _ in walk(root):
        if not _interactive(node):
            continue
        parent, inner = node.parent, False
        while parent is not None and parent != root:
            if role(parent) in COMPOSITE:
                inner = True
                break
            parent = parent.parent
        if not inner:
            found.append(node)
    return found


def named_controls(root):
    found = controls(root)
    missing = [f"{role(c)} at {_path(c, root)}" for c in found if not name(c).strip()]
    return len(found) - len(missing), missing


def _owner(acc, root, wanted):
    """The control of `wanted` (paths → labels) that `acc` is, or is inside of. An item of a
    tree (QFileDialog's file list) may not know its index in its parent: then the ancestor
    with the same role and name as exactly one wanted control is it."""
    ancestors = []
    while acc is not None and acc != root:
        p = _path(acc, root)
        if p in wanted:
            return p
        ancestors.append(f"{role(acc)} {name(acc)!r}")
        acc = acc.parent
    for label in ancestors:
        same = [p for p, shown in wanted.items() if shown == label]
        if len(same) == 1:
            return same[0]
    return None


def _in_table(acc, root):
    """The table `acc` is (or is a cell of), else None."""
    while acc is not None and acc != root:
        if role(acc) == "table":
            return _path(acc, root)
        acc = acc.parent
    return None


def tab_cycle(run, root, direction="Tab"):
    """Presses Tab until the focus comes back where it started. Returns the number of
    controls, those never reached, the order visited and the tables Tab stayed in."""
    expected = {_path(c, root): f"{role(c)} {name(c)!r}" for c in controls(root)}
    visited, order, trapped = set(), [], []
    first = None
    table = _in_table(run.focused_now(root), root)
    for _ in range(len(expected) * 2 + 6):
        mark = run.mark()
        key(direction)
        try:
            event = run.wait_focus(mark, lambda e: True, f"{direction} to move the focus")
        except Failure:
            break  # one control only: the focus stays
        source = event["source"]
        if table is not None and _in_table(source, root) == table:
            trapped.append(expected.get(table, str(table)))  # Tab moved inside the table
        table = _in_table(source, root)
        owner = _owner(source, root, expected)
        label = owner if owner is not None else f"{event['role']} {event['name']!r}"
        order.append(label)
        if owner is not None:
            visited.add(owner)
        if first is None:
            first = label
        elif label == first and len(order) > 1:
            break
    missing = [expected[p] for p in expected if p not in visited]
    # An item whose view is not among its AT-SPI ancestors (QFileDialog's file view gives its
    # items no parent): the focus was in the one view not otherwise reached.
    items = [o for o in order if isinstance(o, str) and o.split(" '")[0] in ITEM_ROLES]
    views = [m for m in missing if m.split(" '")[0] in VIEW_ROLES]
    if items and len(views) == 1:
        missing.remove(views[0])
    return len(expected), missing, order, trapped


def opened_window(app, what, title=None):
    """The window that just opened (a dialog, or the one named `title`), active. Without a
    window manager X may leave the keyboard where it was: then it is given the keyboard, as a
    window manager gives it to a new transient window."""
    def showing():
        for w in children(app):
            if not has_state(w, pyatspi.STATE_SHOWING):
                continue
            if (title is None and role(w) == "dialog") or (title is not None and name(w) == title):
                return w
        return None
    window = wait_for(showing, what)
    if not has_state(window, pyatspi.STATE_ACTIVE):
        focus_window_named(name(window))
    wait_for(lambda: has_state(window, pyatspi.STATE_ACTIVE), f"{what}, active")
    return window


def _active_dialog(app):
    for w in children(app):
        if role(w) == "dialog" and has_state(w, pyatspi.STATE_ACTIVE):
            return w
    return None


def _table_rows(dialog):
    table = find(dialog, lambda a: role(a) == "table" and has_state(a, pyatspi.STATE_SHOWING))
    try:
        return table.queryTable().nRows if table is not None else 0
    except Exception:
        return 0


def selected_page(dialog):
    """The name of the page tab shown in `dialog` (None without tabs): Qt 6.4 names the tab
    list by its current tab (its tabs have no "selected" state)."""
    tabs = find(dialog, lambda a: role(a) == "page tab list")
    return name(tabs) if tabs is not None else None


def check_dialog(run, title, open_keys, check, pages=1, rows=0):
    """`rows`: wait until the dialog's table has that many rows (a full table is where Tab
    could be caught)."""
    press_keys(run, open_keys)
    dialog = opened_window(run.app, f"the {title} dialog")
    if rows:
        wait_for(lambda: _table_rows(dialog) >= rows, f"{rows} rows in the {title} table")
        # Choose the first model, as someone about to load or delete one: the focus is in a
        # cell of the table now, where Tab used to go on to the next cell.
        press_for_focus(run, "Down", lambda e: e["role"] == "table cell", f"a row of the {title} table")
    total_named = total = 0
    seen = []  # the pages shown, in turn
    try:
        for page in range(pages):
            if page:
                shown = selected_page(dialog)
                key("ctrl+Next")  # Ctrl+PgDown: the next page, as in tabbed dialogs
                wait_for(lambda: selected_page(dialog) not in (None, shown),
                         f"Ctrl+PgDown to show the next page of {title} (after {shown!r})")
            named, count = check_controls(run, dialog, f"{title} (page {page + 1})", check)
            total_named += named
            total += count
            seen.append(selected_page(dialog))
        check(len(set(seen)) == pages, f"{title}: Ctrl+PgDown showed {pages} pages: {seen}")
        if pages > 1:  # Ctrl+PgUp goes back
            for keys, wanted in (("ctrl+Prior", seen[-2]), ("ctrl+Next", seen[-1])):
                key(keys)
                wait_for(lambda: selected_page(dialog) == wanted,
                         f"{keys} to show the {wanted!r} page of {title}")
    finally:
        key("Escape")
        wait_for(lambda: _active_dialog(run.app) is None, f"the {title} dialog to close")
        run.focus_window()
    return total_named, total


def press_keys(run, keys):
    """Presses keys; after an Alt+letter that opens a menu, waits for the menu before the next
    key (a letter pressed before the menu is there goes to the message box instead)."""
    for k in keys:
        mark = run.mark()
        key(k)
        if k.startswith("alt+"):
            # An item of the menu now open (not a late event of a menu closed before).
            run.wait_focus(mark, lambda e: e["role"] in ("menu", "menu item")
                           and has_state(e["source"], pyatspi.STATE_SHOWING)
                           and has_state(e["source"].parent, pyatspi.STATE_SHOWING),
                           f"{k} to open a menu")


def _window_named(app, title):
    for w in children(app):
        if name(w) == title and has_state(w, pyatspi.STATE_SHOWING):
            return w
    return None


def focus_window_named(title):
    """Gives a window the keyboard, as a window manager does when the box over it closes."""
    wid = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name", f"^{title}$"],
                         capture_output=True, text=True, check=True).stdout.split()[0]
    subprocess.run(["xdotool", "windowfocus", "--sync", wid], check=True)


def check_box(run, title, open_keys, check, back_in, before=None, buttons=()):
    """A message box or file dialog that `open_keys` open from the focused control (or from
    `before`, a focus event, when a menu came between): every control named, Tab and Shift+Tab
    reach them all without a trap, Escape closes it and the focus comes back to that control
    when `back_in` (the window under it) has the keyboard. `buttons`: the beginnings of names
    of buttons it must show."""
    before = before or run.focus_events(0)[-1]
    press_keys(run, open_keys)
    box = opened_window(run.app, f"the {title!r} box", title)
    shown = [name(b) for b in find_all(box, lambda a: role(a) == "push button")]
    for wanted in buttons:
        check(any(b.startswith(wanted) for b in shown), f"{title}: a button {wanted!r} in {shown}")
    try:
        named, count = check_controls(run, box, title, check)
    finally:  # closed also when a check failed: the next scenario starts from the window
        mark = run.mark()
        key("Escape")
        wait_for(lambda: _window_named(run.app, title) is None, f"Escape to close {title!r}")
    focus_window_named(back_in)
    run.wait_focus(mark, lambda e: e["role"] == before["role"] and e["name"] == before["name"],
                   f"the focus back on {before['role']} {before['name']!r} after {title!r}")
    return named, count


def check_controls(run, window, title, check):
    """Every control of `window` named; Tab and Shift+Tab each reach them all, come back round
    and never move from a cell of a table to another. Returns (named, controls)."""
    mark = run.mark()
    named, missing_names = named_controls(window)
    check(not missing_names, f"{title}: controls without a name: {missing_names}")
    for direction in ("Tab", "shift+Tab"):
        count, missing, order, trapped = tab_cycle(run, window, direction)
        check(not trapped, f"{title}: {direction} moved between the cells of {trapped}")
        check(not missing, f"{title}: {direction} never reaches {missing}; it went {order}")
    # Focus events and the state "focused" only for what has the keyboard, in this window.
    stray = [f"{e['role']} {e['name']!r}" for e in run.focus_events(mark)
             if _elsewhere(e["source"], window)]
    check(not stray, f"{title}: focus events for widgets of other windows: {stray}")
    # Qt 6.4 also gives the state to the current item of a view without the focus and to the
    # current page tab (QFileDialog's sidebar and file list, Settings' list of servers), and to
    # a container whose focus proxy has the focus: one control besides those.
    last = run.focus_events(mark)[-1]
    holders = find_all(window, lambda a: has_state(a, pyatspi.STATE_FOCUSED))
    check(last["source"] in holders, f"{title}: the focused {last['role']} {last['name']!r} "
                                     f"says it is focused")
    others = [f"{role(a)} {name(a)!r}" for a in holders if a != last["source"]
              and role(a) not in ITEM_ROLES | {"page tab"} and not _path(last["source"], a)]
    check(not others, f"{title}: besides {last['name']!r}, these say they are focused: {others}")
    return named, named + len(missing_names)


def _elsewhere(acc, window):
    """True when `acc` is in another top-level window than `window` (an item that does not
    know its parent, as QFileDialog's, is not counted)."""
    top = acc
    while True:
        try:
            parent = top.parent
        except Exception:
            return False
        if parent is None or role(parent) == "application":
            break
        top = parent
    return role(top) not in ITEM_ROLES and top != window


def check_boxes(run, check):
    """The message boxes and file dialogs the app opens, each from where a person opens it."""
    results = {}
    # A file dialog: File > Import Conversation… from the message box.
    run.focus_window()
    results["Import Conversation file dialog"] = check_box(
        run, "Import Conversation", ["alt+f", "i"], check, "Sluice")
    # A question: Delete… a model in the Models dialog.
    press_keys(run, ["alt+f", "m"])
    dialog = opened_window(run.app, "the Models dialog")
    wait_for(lambda: _table_rows(dialog) >= 2, "the models in the table")
    press_for_focus(run, "Down", lambda e: e["role"] == "table cell", "a model chosen")
    tab_to(run, "Delete…", "the Models dialog", limit=12)
    models_title = name(dialog)
    try:
        results["Delete model question"] = check_box(run, "Delete model", ["space"], check,
                                                     models_title)
    finally:
        key("Escape")
        wait_for(lambda: _active_dialog(run.app) is None, "the Models dialog to close")
        run.focus_window()
    # A question in front of a dialog: Settings, a field changed, Escape asks to save.
    press_keys(run, ["ctrl+comma"])
    settings = opened_window(run.app, "the Settings dialog")
    try:
        press_until(run, "Tab", lambda e: e["role"] == "text" and has_state(
            e["source"], pyatspi.STATE_EDITABLE), "Settings (to a text field)", limit=30)
        key("End", "x")
        results["Unsaved settings question"] = check_box(run, "Unsaved settings", ["Escape"],
                                                         check, name(settings))
        key("BackSpace")  # the change undone: Escape closes without a question
    finally:
        key("Escape")
        wait_for(lambda: _active_dialog(run.app) is None, "Settings to close")
        run.focus_window()
    return {f"{k}: controls named and reached by Tab": f"{n}/{t}" for k, (n, t) in results.items()}


def check_conversation_boxes(run, check):
    """With a stored conversation: Delete on a message asks first (the question, from the
    message's menu); Export and Attach open file dialogs."""
    to_message_box(run)
    item = to_message(run, "You, ")
    key("shift+F10")
    menu = run.popup_menu()
    check("Delete" in menu, f"the message's menu offers Delete: {menu}")
    results = {"Delete messages question": check_box(
        run, "Delete messages", ["Down"] * menu.index("Delete") + ["Return"], check, "Sluice",
        before=item)}
    # A save dialog: File > Export Conversation… (there is a conversation to export).
    results["Export Conversation file dialog"] = check_box(
        run, "Export Conversation", ["alt+f", "e"], check, "Sluice")
    # The attach picker, from its button next to the message box.
    to_message_box(run)
    tab_to(run, "Attach files", "the window, from the message box", limit=8)
    results["Attach Files file dialog"] = check_box(run, "Attach Files", ["space"], check,
                                                     "Sluice")
    return {f"{k}: controls named and reached by Tab": f"{n}/{t}" for k, (n, t) in results.items()}


def check_dialogs(run, check):
    results = {}
    named = total = 0
    for title, keys, pages, rows in (("Settings", ["ctrl+comma"], 4, 0),
                                     ("Chat settings", ["alt+c", "t"], 1, 0),
                                     ("Models", ["alt+f", "m"], 1, 2)):
        n, t = check_dialog(run, title, keys, check, pages, rows)
        named += n
        total += t
        results[f"{title} dialog controls named and reached by Tab"] = f"{n}/{t}"
    results["dialog controls named"] = f"{named}/{total}"
    return results
