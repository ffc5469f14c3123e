"""Bar charts as PNG (matplotlib, Agg backend), imported only when a chart is drawn: never at app start-up."""

from __future__ import annotations

import base64
import io
import re


def bar_png(title: str, bars: list[tuple[str, float]], shown: list[str] | None = None) -> bytes:
    """A horizontal bar chart, readable on a phone (600×N px at 100 dpi), as PNG bytes. `shown`: each bar's
    figure as the text beside the chart writes it (money, "25%", "4.9 days"); by default the number."""
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
        texts = shown if shown and len(shown) == len(bars) else [f"{v:,.1f}" for v in values]
        for i, (v, text) in enumerate(zip(values[::-1], texts[::-1], strict=False)):
            ax.text(v, i, f" {text}", va="center", fontsize=9)
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
