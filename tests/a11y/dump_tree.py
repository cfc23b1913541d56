#!/usr/bin/python3
"""Prints Sluice's accessibility tree as a screen reader gets it over AT-SPI: role, name,
states (focusable, FOCUSED, checked), text when it differs from the name, and actions.
The app must run with the AT-SPI bridge on (QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1) in a session
that has the AT-SPI bus. --all includes objects that are not showing."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from atspi_harness import dump, find_app  # noqa: E402

dump(find_app("sluice"), sys.stdout, showing_only="--all" not in sys.argv)
