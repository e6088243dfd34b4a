"""The workflow as a diagram: states placed in rows by how many steps they are from the start,
with an arrow for each step. Drawn on the server as inline SVG (no JavaScript); the page shows
the same workflow as a text list beside it, for screen readers and for print."""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass

from .models import StateKind

BOX_WIDTH = 150
BOX_HEIGHT = 40
COLUMN_GAP = 24
ROW_GAP = 48
MARGIN = 12


@dataclass
class Box:
    state: object
    x: float
    y: float

    @property
    def centre(self) -> tuple[float, float]:
        return self.x + BOX_WIDTH / 2, self.y + BOX_HEIGHT / 2


@dataclass
class Arrow:
    step: object
    path: str


def _edge_point(box: Box, towards: tuple[float, float]) -> tuple[float, float]:
    """Where the line from the box's centre towards a point leaves the box."""
    cx, cy = box.centre
    dx, dy = towards[0] - cx, towards[1] - cy
    if dx == 0 and dy == 0:
        return cx, cy
    scale = min(
        (BOX_WIDTH / 2) / abs(dx) if dx else math.inf,
        (BOX_HEIGHT / 2) / abs(dy) if dy else math.inf,
    )
    return cx + dx * scale, cy + dy * scale


def layout(states, steps) -> dict:
    """Boxes and arrows for a workflow, and the drawing's size. Unreachable states (which the
    editor refuses, but old data may hold) go in a last row of their own."""
    following: dict = {}
    for step in steps:
        following.setdefault(step.source_id, []).append(step.target_id)
    start = next((s.pk for s in states if s.kind == StateKind.RECEIVED), None)
    depth = {}
    if start is not None:
        depth[start] = 0
        queue = deque([start])
        while queue:
            current = queue.popleft()
            for target in following.get(current, []):
                if target not in depth:
                    depth[target] = depth[current] + 1
                    queue.append(target)
    last = max(depth.values(), default=-1) + 1
    rows: dict[int, list] = {}
    for state in states:
        rows.setdefault(depth.get(state.pk, last), []).append(state)
    widest = max((len(row) for row in rows.values()), default=1)
    width = MARGIN * 2 + widest * BOX_WIDTH + (widest - 1) * COLUMN_GAP
    boxes = {}
    for row_number, (_depth, row) in enumerate(sorted(rows.items())):
        row_width = len(row) * BOX_WIDTH + (len(row) - 1) * COLUMN_GAP
        left = (width - row_width) / 2
        for column, state in enumerate(row):
            boxes[state.pk] = Box(
                state,
                left + column * (BOX_WIDTH + COLUMN_GAP),
                MARGIN + row_number * (BOX_HEIGHT + ROW_GAP),
            )
    arrows = []
    for step in steps:
        source, target = boxes.get(step.source_id), boxes.get(step.target_id)
        if source is None or target is None:
            continue
        start_point = _edge_point(source, target.centre)
        end_point = _edge_point(target, source.centre)
        if target.y <= source.y:
            # A step back up (or sideways): bend it, so it does not cover a step down.
            bend_x = max(source.x, target.x) + BOX_WIDTH + COLUMN_GAP / 2
            path = (
                f"M{start_point[0]:.1f},{start_point[1]:.1f} "
                f"Q{bend_x:.1f},{(source.y + target.y) / 2 + BOX_HEIGHT / 2:.1f} "
                f"{end_point[0]:.1f},{end_point[1]:.1f}"
            )
        else:
            path = (
                f"M{start_point[0]:.1f},{start_point[1]:.1f} L{end_point[0]:.1f},{end_point[1]:.1f}"
            )
        arrows.append(Arrow(step, path))
    height = MARGIN * 2 + len(rows) * BOX_HEIGHT + max(len(rows) - 1, 0) * ROW_GAP
    # Numbers go into SVG attributes as text made here: a template would write them in the
    # reader's locale ("12,5" in Norwegian), which SVG does not read.
    return {
        "boxes": [
            {
                "state": box.state,
                "x": _number(box.x),
                "y": _number(box.y),
                "text_x": _number(box.centre[0]),
                "text_y": _number(box.centre[1]),
            }
            for box in boxes.values()
        ],
        "arrows": arrows,
        "view_box": f"0 0 {_number(width + COLUMN_GAP)} {_number(height)}",
        "box_width": _number(BOX_WIDTH),
        "box_height": _number(BOX_HEIGHT),
    }


def _number(value: float) -> str:
    return f"{value:.1f}"
