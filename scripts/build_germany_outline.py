"""Extract Germany's outline from world-atlas (Natural Earth) into profiles/public/data/.

Usage: python scripts/build_germany_outline.py PATH/TO/countries-10m.json
(``make map-data`` fetches world-atlas with npm and runs this.)

Reads the TopoJSON file, decodes the arcs of the country with ISO 3166 numeric
code 276, simplifies each ring (Douglas-Peucker, tolerance in degrees) and
writes the rings as [longitude, latitude] pairs rounded to 3 decimals. Only
the Python standard library is used.
"""

import json
import sys
from pathlib import Path

GERMANY = "276"
TOLERANCE = 0.01  # degrees, about 1 km: invisible at the map's size
OUTPUT = Path(__file__).resolve().parent.parent / "profiles/public/data/deutschland.json"


def decode_arcs(topology):
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def ring_points(arcs, indexes):
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def simplify(points, tolerance):
    """Douglas-Peucker on a closed ring (iterative)."""
    if len(points) < 5:
        return points
    keep = {0, len(points) - 1}
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = (dx * dx + dy * dy) ** 0.5
        worst, worst_distance = None, tolerance
        for i in range(first + 1, last):
            x0, y0 = points[i]
            if length:
                distance = abs(dy * x0 - dx * y0 + x2 * y1 - y2 * x1) / length
            else:
                distance = ((x0 - x1) ** 2 + (y0 - y1) ** 2) ** 0.5
            if distance > worst_distance:
                worst, worst_distance = i, distance
        if worst is not None:
            keep.add(worst)
            stack.extend([(first, worst), (worst, last)])
    return [points[i] for i in sorted(keep)]


def main(path):
    topology = json.loads(Path(path).read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    geometry = next(
        g for g in topology["objects"]["countries"]["geometries"] if g.get("id") == GERMANY
    )
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    rings = []
    for polygon in polygons:
        for ring in polygon:
            points = simplify(ring_points(arcs, ring), TOLERANCE)
            if len(points) >= 4:
                rings.append([[round(x, 3), round(y, 3)] for x, y in points])
    data = {
        "source": "Natural Earth 1:10m Admin 0 countries (public domain), "
        "via the npm package world-atlas 2.0.2 (countries-10m.json)",
        "rings": rings,
    }
    OUTPUT.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUTPUT.name}: {len(rings)} rings, {sum(len(r) for r in rings)} points")


if __name__ == "__main__":
    main(sys.argv[1])
