"""The map of Praxisbeispiele: Germany's outline and one pin per example, as SVG.

Drawn on the server from Natural Earth data (public domain) vendored in
profiles/public/data/deutschland.json (``make map-data`` regenerates it); no
tiles, nothing from another host, no JavaScript. The projection is
equirectangular with the longitude scaled by the cosine of the middle
latitude, which keeps Germany's shape true enough at this size.
"""

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "deutschland.json"
WIDTH = 440  # SVG user units; the map scales with its container
MARGIN = 12


@dataclass(frozen=True)
class Projection:
    west: float
    north: float
    scale: float
    x_factor: float
    height: float

    def __call__(self, longitude, latitude) -> tuple[float, float]:
        x = MARGIN + (float(longitude) - self.west) * self.x_factor * self.scale
        y = MARGIN + (self.north - float(latitude)) * self.scale
        return round(x, 1), round(y, 1)


@cache
def outline_rings() -> list[list[list[float]]]:
    return json.loads(DATA.read_text(encoding="utf-8"))["rings"]


@cache
def projection() -> Projection:
    points = [point for ring in outline_rings() for point in ring]
    west = min(p[0] for p in points)
    east = max(p[0] for p in points)
    south = min(p[1] for p in points)
    north = max(p[1] for p in points)
    x_factor = math.cos(math.radians((north + south) / 2))
    scale = (WIDTH - 2 * MARGIN) / ((east - west) * x_factor)
    height = (north - south) * scale + 2 * MARGIN
    return Projection(west, north, scale, x_factor, round(height, 1))


@cache
def outline_path() -> str:
    """The SVG path data of Germany's outline (all islands included)."""
    project = projection()
    parts = []
    for ring in outline_rings():
        coords = [project(lon, lat) for lon, lat in ring]
        parts.append("M" + " L".join(f"{x} {y}" for x, y in coords) + " Z")
    return " ".join(parts)


@dataclass
class Pin:
    number: int
    example: object
    x: float
    y: float
    places: list[str]

    @property
    def label(self) -> str:
        """The pin's accessible name: number, title and where."""
        return f"{self.number}. {self.example.title} ({', '.join(self.places)})"


def pin_position(example):
    """Mean position of an example's members with known coordinates, or None."""
    located = [m for m in example.members.all() if m.has_position]
    if not located:
        return None
    longitude = sum(float(m.longitude) for m in located) / len(located)
    latitude = sum(float(m.latitude) for m in located) / len(located)
    return longitude, latitude


def place_summary(example) -> list[str]:
    members = list(example.members.all())
    if len(members) <= 3:
        return [m.name for m in members]
    return [f"{members[0].name} und {len(members) - 1} weitere Kommunen"]


def map_entries(examples):
    """(entries, pins): every example numbered in list order; pins for those with a position."""
    entries, pins = [], []
    project = projection()
    for number, example in enumerate(examples, start=1):
        position = pin_position(example)
        pin = None
        if position is not None:
            x, y = project(*position)
            pin = Pin(number, example, x, y, place_summary(example))
            pins.append(pin)
        entries.append({"number": number, "example": example, "pin": pin})
    return entries, pins
