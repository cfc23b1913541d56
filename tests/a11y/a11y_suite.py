#!/usr/bin/env python3
"""The accessibility suite: the real Sluice window, read through AT-SPI as Orca reads it.

Run by tests/a11y/run_a11y.sh (ctest: a11y_atspi), which gives it an Xvfb display, a D-Bus
session with the AT-SPI bus and Qt's AT-SPI bridge. Keys are pressed through the X server
(xdotool); replies come from the loopback test server (tests/support/sluice-testserver).
It asserts what issue #18 lists under "Done when" and prints the counts docs/accessibility.md
quotes. Every wait polls a condition with a generous deadline; nothing waits for a fixed time.
"""
import argparse
import json
import os
import re
import select
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pyatspi  # noqa: E402
from atspi_harness import (DEADLINE, Events, Failure, actions_of, by, children,  # noqa: E402
                           do_action, find, find_all, find_app, has_state, key, name,
                           press_for_focus, pump, role, text_of, to_message, to_message_box,
                           type_text, wait_for)
import a11y_attachments  # noqa: E402
import a11y_dialogs  # noqa: E402
import a11y_more_boxes  # noqa: E402

REPLY = ("Here is **the** code:\n\n```python\nprint('hi')\n```\n\n"
         "That prints *hi*, see [the docs](https://example.com).")
THINKING = "The user wants a short example."
MODEL = "qwen3:8b"
# The window the test server's Ollama says the model is loaded with (/api/ps), once loaded:
# the first message fits the default window; a long one later does not (the context warning).
NUM_CTX = "48"
TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b")
EVENTS = ("object:state-changed:focused", "object:property-change:accessible-name",
          "object:property-change:accessible-description", "object:text-changed",
          "object:children-changed", "object:announcement", "object:state-changed:checked",
          "object:state-changed:showing")


class Run:
    """One app (and its test server) with its config, history and event log."""

    def __init__(self, args, label, server_args, broken_config=None):
        """`broken_config`: text written as sluice.json instead of a good one; the app then
        opens with its question about it, not with its window (attach_window() follows)."""
        self.args, self.label = args, label
        self.work = os.path.join(args.work, label)
        os.makedirs(self.work, exist_ok=True)
        self.server = subprocess.Popen(
            [args.server, "--reply", REPLY, "--thinking", THINKING, "--token-delay", "5",
             "--models", f"{MODEL},llama3.2:3b", *server_args],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        url = self._server_url()
        config = os.path.join(self.work, "sluice.json")
        with open(config, "w") as f:
            json.dump({"version": 1, "default": {"provider": "ollama", "model": MODEL},
                       "providers": {"ollama": {"name": "Local Ollama", "type": "ollama",
                                                "base_url": url}}}, f)
        if broken_config is not None:
            with open(config, "w") as f:
                f.write(broken_config)
        env = dict(os.environ, XDG_CONFIG_HOME=os.path.join(self.work, "config"),
                   XDG_DATA_HOME=os.path.join(self.work, "data"))
        self.events = Events(*EVENTS)
        self.app_process = subprocess.Popen(
            [args.app, "--config", config, "--data-dir", os.path.join(self.work, "history")],
            env=env, stdout=open(os.path.join(self.work, "app.log"), "w"),
            stderr=subprocess.STDOUT)
        self.app = find_app("sluice")
        if broken_config is None:
            self.attach_window()

    def attach_window(self):
        """Finds the main window and gives it the keyboard; the message box has the focus."""
        self.window = wait_for(lambda: find(self.app, lambda a: role(a) == "frame"
                                            and name(a) == "Sluice"), "the main window")
        self.composer = wait_for(lambda: find(self.window, by("text", "Message")),
                                 "the message box")
        self.xid = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name",
                                   "^Sluice$"], capture_output=True, text=True,
                                  check=True).stdout.split()[0]
        self.focus_window()
        wait_for(lambda: has_state(self.composer, pyatspi.STATE_FOCUSED),
                 "the message box to have the focus at start")

    def focus_window(self):
        """Gives the main window the keyboard, as a window manager does when a dialog closes
        (the suite runs without one)."""
        subprocess.run(["xdotool", "windowfocus", "--sync", self.xid], check=True)
        wait_for(lambda: has_state(self.window, pyatspi.STATE_ACTIVE), "the main window to be active")

    def _server_url(self):
        deadline = time.monotonic() + DEADLINE
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.server.stdout], [], [], 0.2)
            if ready:
                line = self.server.stdout.readline()
                m = re.search(r"listening on (http\S+)", line)
                if m:
                    return m.group(1)
        raise Failure("the test server did not start")

    def stop(self):
        self.events.close()
        for p in (self.app_process, self.server):
            p.terminate()
            try:
                p.wait(timeout=DEADLINE)
            except subprocess.TimeoutExpired:
                p.kill()

    # --- what the suite looks at ---------------------------------------------------------

    def conversation(self):
        return wait_for(lambda: find(self.window, by("list", "Conversation")),
                        "the conversation list")

    def messages(self):
        return [c for c in children(self.conversation()) if role(c) == "list item"]

    def status(self):
        return find(self.window, lambda a: role(a) == "status bar" and a.parent
                    and role(a.parent) == "status bar")

    def mark(self):
        pump()
        return len(self.events.items)

    def since(self, mark, prefix=""):
        pump()
        return [e for e in self.events.items[mark:] if e["type"].startswith(prefix)]

    def wait_event(self, mark, predicate, what):
        return wait_for(lambda: next((e for e in self.since(mark) if predicate(e)), None), what)

    def focus_events(self, mark):
        return [e for e in self.since(mark, "object:state-changed:focused") if e["detail1"] == 1]

    def wait_focus(self, mark, predicate, what):
        return self.wait_event(mark, lambda e: e["type"] == "object:state-changed:focused"
                               and e["detail1"] == 1 and predicate(e), what)

    def focused_now(self, root):
        """The object under root that the last focus event named (None before any)."""
        events = self.focus_events(0)
        return events[-1]["source"] if events else None

    def popup_menu(self):
        """Opens nothing: reads the menu that just opened by moving onto its first item with
        Down, as a person would; returns the names of its items (the first one is current)."""
        mark = self.mark()
        key("Down")
        event = self.wait_focus(mark, lambda e: e["role"] in ("menu item", "check menu item"),
                                "a menu item to take the focus")
        menu = event["source"].parent
        return [name(c) for c in children(menu) if role(c) in ("menu item", "check menu item")]

    def choose(self, menu, label):
        """In an open menu whose first item is current, moves to `label` and presses Return."""
        key(*(["Down"] * menu.index(label)), "Return")

    def send(self, text):
        mark = self.mark()
        type_text(text)
        key("Return")
        return mark


class Suite:
    def __init__(self, args):
        self.args = args
        self.failures = []
        self.counts = {}

    def check(self, condition, message):
        if not condition:
            raise Failure(message)

    def scenario(self, title, fn, *a):
        if self.args.only and self.args.only not in title:
            return
        started = time.monotonic()
        try:
            fn(*a)
            print(f"PASS {title} ({time.monotonic() - started:.1f} s)", flush=True)
        except Exception as e:  # report every scenario, then fail
            self.failures.append(f"{title}: {e}")
            print(f"FAIL {title}: {e}", flush=True)
            if a and isinstance(a[0], Run) and getattr(a[0], "window", None) is not None:
                self.recover(a[0])

    def recover(self, run):
        """After a failed scenario: the boxes and dialogs it left open closed (Escape), the
        main window given the keyboard, so that the next scenario starts as the others do."""
        try:
            for _ in range(4):
                top = [w for w in children(run.app) if role(w) != "frame"
                       and has_state(w, pyatspi.STATE_SHOWING)]
                if not top:
                    break
                key("Escape")
                wait_for(lambda: len([w for w in children(run.app) if role(w) != "frame" and has_state(
                    w, pyatspi.STATE_SHOWING)]) < len(top), "a box or dialog to close")
            run.focus_window()
            to_message_box(run)
        except Exception as e:
            print(f"  (could not get back to the message box: {e})", flush=True)

    # --- the main window ----------------------------------------------------------------

    def names_in_window(self, run):
        named, missing = a11y_dialogs.named_controls(run.window)
        self.counts["main window controls named"] = f"{named}/{named + len(missing)}"
        self.check(not missing, f"focusable controls without a name: {missing}")
        self.check(find(run.window, by("push button", "Chat settings")),
                   "the ⚙ Chat settings button is named as shown")
        model = find(run.window, lambda a: role(a) == "combo box" and name(a) == MODEL)
        self.check(model is not None, "the model picker shows its model")
        labels = [name(t) for r in model.getRelationSet()
                  if r.getRelationType() == pyatspi.RELATION_LABELLED_BY
                  for t in (r.getTarget(i) for i in range(r.getNTargets()))]
        self.check("Model" in labels, f"the model picker is labelled by 'Model' (has {labels})")

    def reply_is_announced(self, run):
        mark = run.send("Show me some code")
        status = run.wait_event(mark, lambda e: e["type"] == "object:text-changed:insert"
                                and e["role"] == "status bar" and "Done" not in str(e["data"]),
                                "the status announcing that the reply started")
        done = run.wait_event(mark, lambda e: e["type"] == "object:text-changed:insert"
                              and e["role"] == "status bar" and str(e["data"]).startswith("Done"),
                              "the status announcing that the reply finished")
        told = wait_for(lambda: run.composer.description.startswith(MODEL + ": Done") and len(
            run.since(mark, "object:property-change:accessible-description")) >= 2,
            "the focused message box describing the start and the end of the reply")
        self.check(status and done and told, "announcements")
        # What Orca 43 speaks wherever the focus is: a notification shown, with the sentence.
        said = wait_for(lambda: (lambda n: n if len(n) >= 2 else None)(
            [e["name"] for e in run.since(mark, "object:state-changed:showing")
             if e["role"] == "notification" and e["detail1"] == 1]),
            "two notifications (start and end) shown")
        # A name is read when the event arrives: on a loaded machine the start's notification
        # may already say the end (the status text events above carry the start's words).
        self.check(said[0] in (f"{MODEL} is replying…", said[-1])
                   and said[-1].startswith(f"{MODEL}: Done"),
                   f"the notifications say the start and the end: {said}")
        self.counts["notifications shown per reply (what Orca speaks)"] = len(said)
        events = run.since(mark)
        on_status = [e for e in events if e["role"] == "status bar"
                     and e["type"].startswith("object:text-changed:insert")]
        self.counts["announcements per reply (status text-changed:insert)"] = len(on_status)
        self.counts["focused-object description changes per reply"] = len(
            [e for e in events if e["type"].endswith("accessible-description") and e["name"] == "Message"])
        added = [e for e in events if e["type"] == "object:children-changed:add"
                 and e["name"] == "Conversation"]
        self.counts["messages added (children-changed:add) per exchange"] = len(added)
        self.check(len(added) == 2, f"two messages announced as added, got {len(added)}")
        stray = [f"{e['role']} {e['name']!r}" for e in run.focus_events(mark) if e["name"] != "Message"]
        self.check(not stray, f"focus reported away from the message box while sending: {stray}")
        self.only_one_focused(run, "Message")

    def only_one_focused(self, run, expected):
        """The state "focused" is on the widget with the keyboard focus and nothing else (the
        history list's current item said it too, issue #18)."""
        holders = [f"{role(a)} {name(a)!r}" for a in find_all(run.window, lambda a: has_state(
            a, pyatspi.STATE_FOCUSED))]
        self.check(len(holders) == 1 and holders[0].endswith(repr(expected)),
                   f"only {expected!r} reports the focused state, but: {holders}")

    def messages_are_readable(self, run):
        items = wait_for(lambda: (lambda m: m if len(m) >= 2 and "Done" not in name(m[-1])
                                  and "end of code block" in name(m[-1]) else None)(run.messages()),
                         "two readable messages")
        user, reply = name(items[0]), name(items[1])
        self.check(user.startswith("You, ") and TIME.search(user) and "Show me some code" in user,
                   f"the user's message reads who, when and what: {user!r}")
        for part in (MODEL, "Thought for", "code block, python", "print('hi')",
                     "end of code block", "That prints hi, see the docs."):
            self.check(part in reply, f"the reply reads {part!r}: {reply!r}")
        self.check(TIME.search(reply), f"the reply says its time: {reply!r}")
        for syntax in ("```", "**", "](", "*hi*"):
            self.check(syntax not in reply, f"no Markdown syntax {syntax!r} in {reply!r}")
        self.check(text_of(items[1]) == reply, "the Text interface reads the same text")
        self.counts["messages readable"] = f"{len(items)}/{len(items)}"

    def actions_by_keyboard(self, run):
        # Shift+Tab from the message box reaches the conversation; the newest message has it.
        got = to_message(run)
        self.check(got["role"] == "list item" and MODEL in got["name"],
                   f"Shift+Tab reaches the newest message, got {got['role']} {got['name']!r}")
        reply = run.messages()[-1]
        buttons = [name(c) for c in children(reply)]
        self.counts["in-message actions of the reply"] = len(buttons)
        key("Return")
        menu = run.popup_menu()
        for wanted in ("Copy", "Copy code block 1, python", "Show thinking", "Regenerate", "Delete"):
            self.check(wanted in menu, f"the reply's menu offers {wanted!r}: {menu}")
        for b in buttons:  # every in-message button is in the keyboard's menu
            desc = reply.getChildAtIndex(buttons.index(b)).description
            self.check(b in menu or desc in menu, f"in-message {b!r} is reachable from the menu {menu}")
        # Choose "Show thinking" with the arrow keys, as a person would.
        toggled = run.mark()
        run.choose(menu, "Show thinking")
        wait_for(lambda: "Thinking: " + THINKING in name(run.messages()[-1]),
                 "the reply to read its thinking once shown")
        toggle = find(run.messages()[-1], lambda a: name(a).startswith("Thought for"))
        self.check(toggle is not None and has_state(toggle, pyatspi.STATE_EXPANDABLE)
                   and has_state(toggle, pyatspi.STATE_EXPANDED)
                   and not has_state(toggle, pyatspi.STATE_COLLAPSED),
                   "the thinking toggle is named as shown and reads as an expanded expander")
        self.check(role(toggle) == "push button", f"the toggle is a button: {role(toggle)}")
        run.wait_event(toggled, lambda e: e["type"] == "object:state-changed:checked"
                       and e["name"].startswith("Thought for") and e["detail1"] == 1,
                       "the toggle's state change (expanded) as an event")
        press_for_focus(run, "Up", lambda e: e["name"].startswith("You, "),
                        "Up to focus the user's message")
        key("shift+F10")
        menu = run.popup_menu()
        self.check("Edit & Resend…" in menu, f"the user's message offers Edit: {menu}")
        mark = run.mark()
        key("Escape")
        run.wait_focus(mark, lambda e: e["name"].startswith("You, "), "the menu to close")
        # The accessible actions work too (what Orca's action list offers).
        message = run.messages()[-1]
        self.check("ShowMenu" in actions_of(message) or any("menu" in a.lower() for a in actions_of(message)),
                   f"a message offers its menu as an action: {actions_of(message)}")
        toggle = find(message, lambda a: name(a).startswith("Thought for"))
        toggled = run.mark()
        do_action(toggle, "Toggle")
        wait_for(lambda: "Thinking: " not in name(run.messages()[-1]), "the Toggle action to hide the thinking")
        wait_for(lambda: has_state(toggle, pyatspi.STATE_COLLAPSED)
                 and not has_state(toggle, pyatspi.STATE_EXPANDED), "the toggle to read collapsed")
        run.wait_event(toggled, lambda e: e["type"] == "object:state-changed:checked"
                       and e["name"].startswith("Thought for") and e["detail1"] == 0,
                       "the toggle's state change (collapsed) as an event")

    def no_false_focus(self, run):
        to_message_box(run)
        mark = run.mark()
        key("ctrl+n")
        wait_for(lambda: find(run.window, by("label", "Start a conversation")), "a new chat")
        key("ctrl+k")
        run.wait_focus(mark, lambda e: e["name"] == "Search conversations", "Ctrl+K to focus the search")
        type_text("code")
        wait_for(lambda: find(run.window, lambda a: role(a) == "list" and name(a) == "Search results"
                              and has_state(a, pyatspi.STATE_SHOWING)), "the search results")
        self.only_one_focused(run, "Search conversations")
        key("Escape")
        focused = [f"{e['role']} {e['name']!r}" for e in run.focus_events(mark)]
        allowed = {"text 'Message'", "text 'Search conversations'"}
        stray = [f for f in focused if f not in allowed]
        self.check(not stray, f"focus events for widgets without the keyboard focus: {stray}")

    def failure_is_announced(self, run):
        mark = run.send("Will this fail?")
        failed = run.wait_event(mark, lambda e: e["type"] == "object:text-changed:insert"
                                and e["role"] == "status bar" and "Failed" in str(e["data"]),
                                "the status announcing the failure")
        run.wait_event(mark, lambda e: e["type"] == "object:state-changed:showing"
                       and e["role"] == "notification" and e["name"].startswith(f"{MODEL}: Failed"),
                       "a notification saying the reply failed")
        wait_for(lambda: "Failed" in run.composer.description and run.since(
            mark, "object:property-change:accessible-description"),
            "the focused message box describing the failure")
        reply = wait_for(lambda: (lambda m: m[-1] if m and "Failed: " in name(m[-1]) else None)(run.messages()),
                         "the failed reply to read its error")
        sentence = str(failed["data"]).split("Failed · ", 1)[-1].rstrip(".")
        self.check(sentence and sentence in name(reply),
                   f"the reply reads the error sentence {sentence!r}: {name(reply)!r}")
        # Retry, from the keyboard, on the focused message.
        to_message(run)
        key("Return")
        menu = run.popup_menu()
        for wanted in ("Retry", "Continue"):
            self.check(wanted in menu, f"the failed reply offers {wanted}: {menu}")
        mark = run.mark()
        run.choose(menu, "Retry")
        run.wait_event(mark, lambda e: e["type"] == "object:text-changed:insert"
                       and e["role"] == "status bar" and "Failed" not in str(e["data"]),
                       "Retry to start a new reply")
        run.wait_event(mark, lambda e: e["type"] == "object:text-changed:insert"
                       and "Failed" in str(e["data"]), "the retried reply's failure announced")

    def counted(self, check_fn):
        """A scenario of a module's check_…(run, check) function, whose counts it keeps."""
        return lambda run: self.counts.update(check_fn(run, self.check))

    def main(self):
        run = Run(self.args, "replies", ["--num-ctx", NUM_CTX])
        try:
            self.scenario("every control of the main window is named", self.names_in_window, run)
            self.scenario("a finished reply is announced", self.reply_is_announced, run)
            self.scenario("messages read as plain text", self.messages_are_readable, run)
            self.scenario("in-message actions from the keyboard", self.actions_by_keyboard, run)
            self.scenario("the context warning offering to drop the oldest messages",
                          self.counted(a11y_more_boxes.check_drop_oldest), run)
            self.scenario("focus events only for the focused widget", self.no_false_focus, run)
            self.scenario("Tab reaches every control of every dialog",
                          self.counted(a11y_dialogs.check_dialogs), run)
            self.scenario("message boxes and file dialogs: named, no trap, Escape, focus back",
                          self.counted(a11y_dialogs.check_boxes), run)
            self.scenario("Settings' file pickers: named, no trap, Escape, focus back",
                          self.counted(a11y_more_boxes.check_settings_pickers), run)
            self.scenario("the context warning: named, no trap, Escape keeps the message",
                          self.counted(a11y_more_boxes.check_context_warning), run)
        finally:
            run.stop()
        run = Run(self.args, "failures", ["--fault", "error", "--fault-after", "16"])
        try:
            self.scenario("a failed reply is announced and retried", self.failure_is_announced, run)
            self.scenario("delete question, export and attach dialogs: named, no trap, Escape, "
                          "focus back", self.counted(a11y_dialogs.check_conversation_boxes), run)
            self.scenario("a document's Save File, the image viewer and its Save Image: named, "
                          "no trap, Escape, focus back", self.counted(
                              lambda r, c: a11y_attachments.check_attachment_pickers(r, c, MODEL)),
                          run)
            self.scenario("the No keychain question when a key is saved: named, no trap, Escape",
                          self.counted(a11y_more_boxes.check_keychain_question), run)
        finally:
            run.stop()
        broken = '{"version": 1, "providers": {'
        run = Run(self.args, "broken-config", [], broken_config=broken)
        try:
            self.scenario("the configuration error at start: named, no trap, Escape quits",
                          self.counted(lambda r, c: a11y_more_boxes.check_config_error(
                              r, c, os.path.join(r.work, "sluice.json"), broken)), run)
        finally:
            run.stop()
        windows = [v for k, v in self.counts.items() if k.endswith("reached by Tab")]
        self.counts["dialogs and boxes checked"] = len(windows)
        self.counts["their controls named and reached by Tab"] = "{}/{}".format(
            *(sum(int(v.split("/")[i]) for v in windows) for i in (0, 1)))
        print("COUNTS " + json.dumps(self.counts, ensure_ascii=False), flush=True)
        if self.failures:
            print(f"{len(self.failures)} accessibility check(s) failed", flush=True)
            return 1
        return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--app", required=True)
    parser.add_argument("--server", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--only", help="run only the scenarios whose title contains this "
                                       "(those it needs first too: for trying one out)")
    sys.exit(Suite(parser.parse_args()).main())
