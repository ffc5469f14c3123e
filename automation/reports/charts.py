"""Bar charts as PNG (matplotlib, Agg backend), imported only when a chart is drawn: never at app start-up."""

from __future__ import annotations

import base64
import io
import re


def bar_png(title: str, bars: list[tuple[str, float]], unit: str = "") -> bytes:
    """A horizontal bar chart, readable on a phone (600×N px at 100 dpi), as PNG bytes."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    labels = [str(label)[:24] for label, _ in bars] or ["(none)"]
    values = [float(v) for _, v in bars] or [0.0]
    fig, ax = plt.subplots(figsize=(6, 0.5 + 0.42 * len(labels)), dpi=100)
    try:
        ax.barh(labels[::-1], values[::-1], color="#1f4e79")
        ax.set_title(title, fontsize=11, loc="left")
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        for i, v in enumerate(values[::-1]):
            ax.text(v, i, f" {v:,.1f}{unit}", va="center", fontsize=9)
        fig.tight_layout()
        out = io.BytesIO()
        fig.savefig(out, format="png")
        return out.getvalue()
    finally:
        plt.close(fig)


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode()


def slug(title: str) -> str:
    """A chart's name in its URL: "Weighted forecast, next 3 months" → "weighted-forecast-next-3-months"."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
