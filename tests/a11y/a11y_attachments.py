"""A message with a document and an image, restored from an export with File › Import
Conversation… as a person restores one: the Save File picker of the document (from the
message's menu), the image viewer and its Save Image picker, each opened from the keyboard and
checked as a11y_dialogs.check_box checks a box."""
import base64
import json
import os
import struct
import zlib

from atspi_harness import key, name, tab_to, to_message, to_message_box, type_text, wait_for
from a11y_dialogs import _window_named, check_box, check_controls, opened_window, press_keys

DOCUMENT, IMAGE = "notes.txt", "dot.png"
TEXT = "Here are my notes and a picture."


def _png():
    """A one-pixel PNG, written by hand (no imaging library needed)."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)  # 1×1, 8-bit RGB
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def _write_export(path, model):
    """A conversation export (src/core/storage/conversationexport.cpp, format 1) whose first
    message has a text document and an image attached."""
    def attachment(kind, file_name, media_type, data):
        return {"kind": kind, "fileName": file_name, "mediaType": media_type,
                "data": base64.b64encode(data).decode("ascii")}
    when = "2026-03-04T14:02:00Z"
    export = {
        "format": "sluice-conversation", "version": 1,
        "conversation": {"title": "Notes and a picture", "created": when, "updated": when,
                         "model": model},
        "messages": [
            {"role": "user", "content": TEXT, "created": when, "updated": when,
             "attachments": [attachment("document", DOCUMENT, "text/plain", b"Buy milk.\n"),
                             attachment("image", IMAGE, "image/png", _png())]},
            {"role": "assistant", "content": "Noted.", "model": model, "created": when,
             "updated": when}]}
    with open(path, "w") as f:
        json.dump(export, f)


def _menu_of_message(run):
    """The focused message's menu (Shift+F10), its first item current."""
    key("shift+F10")
    return run.popup_menu()


def check_attachment_pickers(run, check, model):
    path = os.path.join(run.work, "attachments.json")
    _write_export(path, model)
    to_message_box(run)
    press_keys(run, ["alt+f", "i"])
    opened_window(run.app, "the Import Conversation file dialog", "Import Conversation")
    type_text(path)
    key("Return")
    wait_for(lambda: _window_named(run.app, "Import Conversation") is None, "the import to end")
    run.focus_window()
    wait_for(lambda: any(TEXT in name(m) for m in run.messages()), "the imported conversation")
    to_message_box(run)
    item = to_message(run, "You, ")
    results = {}
    menu = _menu_of_message(run)
    save = f"Save {DOCUMENT} As…"
    check(save in menu and f"Open {IMAGE}" in menu, f"the message offers its attachments: {menu}")
    results["Save File picker of a document"] = check_box(
        run, "Save File", ["Down"] * menu.index(save) + ["Return"], check, "Sluice", before=item)
    menu = _menu_of_message(run)
    run.choose(menu, f"Open {IMAGE}")
    viewer = opened_window(run.app, "the image viewer", IMAGE)
    try:
        results["Image viewer"] = check_controls(run, viewer, "Image viewer", check)
        before = tab_to(run, "Save As…", "the image viewer")
        results["Save Image picker of an image"] = check_box(
            run, "Save Image", ["space"], check, IMAGE, before=before)
    finally:
        mark = run.mark()
        key("Escape")
        wait_for(lambda: _window_named(run.app, IMAGE) is None, "Escape to close the image viewer")
        run.focus_window()
    run.wait_focus(mark, lambda e: e["name"] == item["name"],
                   "the focus back on the message after the image viewer")
    return {f"{k}: controls named and reached by Tab": "{}/{}".format(*v)
            for k, v in results.items()}
