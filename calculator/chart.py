"""A bar chart per municipality as plain SVG geometry (rendered by a template, no JS).

Receipts go up from the zero line, payments down; the net (Saldo) is a
marker. The same numbers stand in the results table, which is the chart's text
equivalent.
"""

from dataclasses import dataclass
from decimal import Decimal

WIDTH_PER_PARTNER = 72
LEFT, TOP, PLOT_HEIGHT, BOTTOM = 16, 16, 200, 56


@dataclass
class Bar:
    x: float
    label: str
    receives_y: float
    receives_h: float
    pays_y: float
    pays_h: float
    net_y: float
    title: str


@dataclass
class Chart:
    width: int
    height: int
    zero_y: float
    bars: list[Bar]
    bar_width: int = 22


def build(names: list[str], receives: list[Decimal], pays: list[Decimal], fmt) -> Chart | None:
    up = max(receives, default=Decimal(0))
    down = max(pays, default=Decimal(0))
    if up == 0 and down == 0:
        return None
    scale = Decimal(PLOT_HEIGHT) / (up + down)
    zero = TOP + float(up * scale)
    bars = []
    for i, name in enumerate(names):
        x = LEFT + i * WIDTH_PER_PARTNER
        r = float(receives[i] * scale)
        p = float(pays[i] * scale)
        net = receives[i] - pays[i]
        short = name if len(name) <= 11 else name[:10] + "…"
        bars.append(
            Bar(
                x=x,
                label=short,
                receives_y=round(zero - r, 2),
                receives_h=round(r, 2),
                pays_y=round(zero, 2),
                pays_h=round(p, 2),
                net_y=round(zero - float(net * scale), 2),
                title=f"{name}: erhält {fmt(receives[i])}, zahlt {fmt(pays[i])}, Saldo {fmt(net)}",
            )
        )
    width = LEFT * 2 + WIDTH_PER_PARTNER * len(names)
    return Chart(width=width, height=TOP + PLOT_HEIGHT + BOTTOM, zero_y=round(zero, 2), bars=bars)
