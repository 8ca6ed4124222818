"""Reads one screen of CSTR Desk through the AT-SPI accessibility bus, as Orca does, and says in
JSON what a screen-reader user would miss on it.

Runs under the system Python (`/usr/bin/python3`), because pyatspi is a Debian package
(python3-pyatspi) and not installable into the virtualenv. The app's driver (driver.py) runs it
once per screen while the app's event loop keeps answering the bus.

Usage: walker.py --pid PID [--tabs N] [--expect-text TEXT] [--expect-focus TEXT]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time

import pyatspi
from gi.repository import GLib

# The values of the `role` property the style sheets match (resources/styles/base.qss) and the
# names Qt falls back to: a screen reader saying any of these is reading the code, not the screen.
STYLE_WORDS = {"heading", "error", "warning", "muted", "stem", "item", "copyright", "answer",
               "header", "label", "filler", "panel", "widget", "none"}
# Nodes a keyboard user lands on. Table cells are judged through their table.
FIELD_ROLES = {"text", "password text", "spin button", "entry"}
CONTAINER_ROLES = {"table", "tree table", "tree", "list"}
# Focus staying inside one widget for this many Tab presses, when there is somewhere else to go,
# is a keyboard trap (WCAG 2.1.2).
TRAP_PRESSES = 8
TAB_KEYSYM = 0xFF09


def _state(node) -> set[str]:
    states = node.getState()
    return {name for name, value in (("showing", pyatspi.STATE_SHOWING),
                                     ("focusable", pyatspi.STATE_FOCUSABLE),
                                     ("focused", pyatspi.STATE_FOCUSED),
                                     ("enabled", pyatspi.STATE_ENABLED))
            if states.contains(value)}


def _text_of(node) -> str:
    try:
        text = node.queryText()
    except NotImplementedError:
        return ""
    return text.getText(0, -1) or ""


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\ufffc", " ")).strip().lower()


class Screen:
    """The showing part of the application's tree, flattened once."""

    def __init__(self, app) -> None:
        self.nodes: list[tuple[object, tuple[int, ...], str, str, set[str], str | None]] = []
        for index, window in enumerate(app):
            if window is not None and "showing" in _state(window):
                self._walk(window, (index,), None)

    def _walk(self, node, path: tuple[int, ...], container: str | None) -> None:
        role, name, states = node.getRoleName(), node.name or "", _state(node)
        if "showing" not in states:
            return
        self.nodes.append((node, path, role, name, states, container))
        inner = ".".join(map(str, path)) if role in CONTAINER_ROLES or role == "combo box" else container
        for index, child in enumerate(node):
            if child is not None:
                self._walk(child, path + (index,), inner)

    def interactive(self):
        return [n for n in self.nodes if "focusable" in n[4] and n[5] is None]

    def focused(self):
        return next((n for n in self.nodes if "focused" in n[4]), None)


def _label_problems(nodes) -> list[str]:
    problems = []
    for node, _path, role, name, _states, container in nodes:
        if container is not None:
            continue
        if _norm(name) in STYLE_WORDS:
            problems.append(f"{role} named with a style word {name!r}")
    return problems


def _field_problems(screen: Screen) -> list[str]:
    problems = []
    for node, _path, role, name, _states, _container in screen.interactive():
        if not name.strip():
            problems.append(f"{role} with no name" + (f" (shows {_text_of(node)[:40]!r})" if _text_of(node) else ""))
            continue
        if name.rstrip().endswith(("-", "None")):
            problems.append(f"{role} {name!r} has an unfinished name")
        if role == "combo box":
            # On Linux Qt names a combo box after its current value; what it asks comes from
            # its label (a labelled-by relation), which Orca reads first.
            values = {_norm(c.name or "") for c in _descendants(node)} | {_norm(name)}
            asks = [label for label in _labels_of(node) if _norm(label) not in values | {""}]
            if not asks:
                problems.append(f"combo box showing {name!r} has no label saying what it asks")
        elif role in FIELD_ROLES and _text_of(node) and _norm(_text_of(node)) == _norm(name):
            problems.append(f"{role} named after what is typed in it {name!r}")
    return problems


def _labels_of(node) -> list[str]:
    labels = []
    for relation in node.getRelationSet():
        if relation.getRelationType() == pyatspi.RELATION_LABELLED_BY:
            labels += [relation.getTarget(i).name or "" for i in range(relation.getNTargets())]
    return labels


def _descendants(node):
    for child in node:
        if child is None:
            continue
        yield child
        yield from _descendants(child)


def _top_level_problems(app) -> list[str]:
    problems = []
    for window in app:
        if window is None or "showing" not in _state(window):
            continue
        if window.getRoleName() not in {"frame", "dialog", "window", "alert"} or not window.name:
            problems.append(f"window exposed as {window.getRoleName()} {window.name!r}, not a named window")
    return problems


def _owner(node) -> tuple[str, str]:
    """Where a focused node is, as (identity, description): a table cell's owner is its table,
    so moving from cell to cell counts as staying in one widget."""
    chain, description = [], f"{node.getRoleName()} {node.name!r}"
    owner = None
    while node is not None and node.getRole() != pyatspi.ROLE_APPLICATION:
        if node.getRoleName() in CONTAINER_ROLES:
            owner, description = len(chain), f"{node.getRoleName()} {node.name!r}"
        chain.append(node.getIndexInParent())
        node = node.parent
    path = list(reversed(chain))
    return ".".join(map(str, path[: len(path) - owner] if owner is not None else path)), description


def _tab_through(start, presses: int) -> tuple[list[str], str | None]:
    """Press Tab through the real X keyboard path (XTest, via the registry) and follow the
    focus by the bus's focus events, as a screen reader does."""
    events: list = []
    listener = lambda event: events.append(event.source) if event.detail1 else None
    pyatspi.Registry.registerEventListener(listener, "object:state-changed:focused")
    context = GLib.MainContext.default()
    visited = [_owner(start) if start is not None else ("", "(no focus)")]
    for _ in range(presses):
        seen = len(events)
        pyatspi.Registry.generateKeyboardEvent(TAB_KEYSYM, None, pyatspi.KEY_SYM)
        deadline = time.monotonic() + 0.3
        while len(events) == seen and time.monotonic() < deadline:
            while context.pending():
                context.iteration(False)
            time.sleep(0.005)
        # No focus event: the focus did not move to another node (or moved inside a table).
        visited.append(_owner(events[-1]) if len(events) > seen else visited[-1])
    pyatspi.Registry.deregisterEventListener(listener, "object:state-changed:focused")
    trap, run = None, 1
    for before, after in zip(visited, visited[1:]):
        run = run + 1 if after[0] == before[0] and after[0] else 1
        if run >= TRAP_PRESSES:
            trap = f"Tab stays inside {after[1]} for {run} presses"
            break
    return [v[1] for v in visited], trap


def _find_app(pid: int):
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        for app in pyatspi.Registry.getDesktop(0):
            if app is not None and app.get_process_id() == pid:
                return app
        time.sleep(0.1)
    raise SystemExit(f"no application with process id {pid} on the accessibility bus")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--tabs", type=int, default=-1, help="Tab presses; -1: enough to go round and spot a trap")
    parser.add_argument("--expect-text", default="", help="text that must be readable somewhere")
    parser.add_argument("--expect-focus", default="", help="text the focused node must say")
    args = parser.parse_args()
    app = _find_app(args.pid)
    started = time.monotonic()
    screen = Screen(app)
    interactive = screen.interactive()
    problems = _top_level_problems(app) + _field_problems(screen) + _label_problems(screen.nodes)
    unnamed = [f"{n[2]} at {'.'.join(map(str, n[1]))}" for n in interactive if not n[3].strip()]
    if args.expect_text:
        readable = " ".join(_norm(n[3]) + " " + _norm(_text_of(n[0])) for n in screen.nodes)
        if _norm(args.expect_text) not in readable:
            problems.append(f"{args.expect_text!r} is nowhere in the accessibility tree")
    if args.expect_focus:
        focused = screen.focused()
        said = "" if focused is None else _norm(focused[3] + " " + (focused[0].description or ""))
        if _norm(args.expect_focus) not in said:
            problems.append(f"the focus ({focused[2] + ' ' + repr(focused[3]) if focused else 'none'}) "
                            f"does not announce {args.expect_focus!r}")
    presses = args.tabs if args.tabs >= 0 else min(len(interactive) + TRAP_PRESSES, 45)
    walked = time.monotonic() - started
    focused = screen.focused()
    order, trap = _tab_through(focused and focused[0], presses) if presses else ([], None)
    if trap:
        problems.append(trap)
    json.dump({"interactive": len(interactive), "unnamed": unnamed, "problems": problems,
               "tab_order": order, "seconds": [round(walked, 2), round(time.monotonic() - started, 2)]},
              sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
