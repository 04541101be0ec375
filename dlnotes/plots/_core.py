"""Matplotlib helpers shared by the notebooks (figures are built here, not in cells).

Importing this module needs matplotlib; the core of dlnotes does not.
"""
import io
from pathlib import Path

import matplotlib
from matplotlib import font_manager
from matplotlib.figure import Figure

from .._editions import twin_metadata
from .._i18n import check_lang, tr

__all__ = ["new_figure", "fig_to_png", "STYLE", "JA_FONT", "training_curves"]

#: The Japanese font (Debian's fonts-ipafont-gothic, installed by the Makefile): matplotlib
#: takes from it the glyphs DejaVu Sans lacks, so an English figure looks as before.
JA_FONT = "IPAGothic"
#: Where Debian installs it (registered by hand when matplotlib's font cache predates the font).
_JA_FONT_FILES = ("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
                  "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf")

#: Matplotlib settings applied when ``dlnotes.plots`` is imported: the look every figure shares.
STYLE = {"figure.dpi": 100, "axes.grid": True, "grid.alpha": 0.3, "axes.spines.top": False,
         "axes.spines.right": False, "font.size": 10, "legend.frameon": False,
         "legend.fontsize": 9, "font.family": ["DejaVu Sans", JA_FONT]}


def _japanese_font_available():
    """Whether matplotlib knows :data:`JA_FONT`, registering its file if the font cache was
    built before the font was installed."""
    if any(f.name == JA_FONT for f in font_manager.fontManager.ttflist):
        return True
    for path in _JA_FONT_FILES:
        if Path(path).is_file():
            font_manager.fontManager.addfont(path)
            return True
    return False


# Without the Japanese font, English figures are the same and matplotlib does not log
# "font family not found" for every text; a Japanese figure then warns of its missing glyphs.
matplotlib.rcParams.update(STYLE if _japanese_font_available()
                           else {**STYLE, "font.family": ["DejaVu Sans"]})

# dpi of the PNG a notebook shows for a bare figure: at 90 dpi a 7.6-inch figure fills the book's
# 688 px column, and 9 pt text is 11.25 px on screen (tests/test_figure_fonts.py)
_DISPLAY_DPI = 90


def new_figure(ncols=1, nrows=1, width=4.2, height=3.4, **kw):
    """A figure with ``nrows x ncols`` axes of the given size each (inches).

    The figure is not registered with pyplot, so a notebook shows it exactly
    once: when a cell ends with it (or passes it to ``display``).
    """
    fig = Figure(figsize=(width * ncols, height * nrows), layout="constrained")
    axes = fig.subplots(nrows, ncols, **kw)
    return fig, axes


def fig_to_png(fig, dpi=80):
    """PNG bytes of a figure."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


def _twin_printer(obj):
    """IPython mimebundle printer of a ``Figure`` or an ``IPython.display.HTML``: no data (the
    usual PNG / HTML formatter makes it), and in editions mode the Japanese twin's bundle as
    the output's metadata (:func:`dlnotes._editions.twin_metadata`); None otherwise."""
    metadata = twin_metadata(obj)
    return ({}, metadata) if metadata else None


def _register_png_formatter():
    """Show a bare ``Figure`` as a PNG in IPython/Jupyter.

    Figures from ``new_figure`` are not registered with pyplot, so the inline
    backend never shows them by itself and IPython only knows their text repr;
    a cell that ends with such a figure then displays it once, as an image.

    In editions mode (issue 15) a figure (or an HTML animation) drawn by a public
    ``dlnotes.plots`` function also puts its Japanese twin in the output's metadata: a
    per-mimetype formatter can only give metadata keyed by its mimetype, so that part is a
    mimebundle printer (whose metadata is the output's own).
    """
    try:
        from IPython import get_ipython
        from IPython.display import HTML
    except ImportError:                                   # plain Python: nothing to register
        return
    ip = get_ipython()
    if ip is not None:
        ip.display_formatter.formatters["image/png"].for_type(Figure, lambda fig: fig_to_png(fig, dpi=_DISPLAY_DPI))
        for kind in (Figure, HTML):
            ip.display_formatter.mimebundle_formatter.for_type(kind, _twin_printer)


_register_png_formatter()


def training_curves(history, title=None, lang="en"):
    """Loss per iteration (left) and train/test accuracy per epoch (right); ``title`` (default
    "Training", in Japanese 「学習」) heads both panels, the texts are in ``lang`` ("en" or "ja")."""
    check_lang(lang, "training_curves")
    if title is None:
        title = tr(lang, "Training", "学習")
    fig, (ax1, ax2) = new_figure(ncols=2, width=3.8)
    ax1.plot(history["loss"], lw=0.8)
    ax1.set(xlabel=tr(lang, "iteration (mini-batch)", "イテレーション（ミニバッチ）"),
            ylabel=tr(lang, "loss (cross-entropy)", "損失（交差エントロピー誤差）"),
            title=tr(lang, f"{title}: loss", f"{title}：損失"))
    epochs = range(len(history["train_acc"]))
    ax2.plot(epochs, history["train_acc"], marker="o", ms=3, label=tr(lang, "train", "訓練データ"))
    if history.get("test_acc"):
        ax2.plot(epochs, history["test_acc"], marker="s", ms=3, label=tr(lang, "test", "テストデータ"))
    ax2.set(xlabel=tr(lang, "epoch", "エポック"), ylabel=tr(lang, "accuracy", "正解率"), ylim=(0, 1.02),
            title=tr(lang, f"{title}: accuracy", f"{title}：正解率"))
    ax2.legend(loc="lower right")
    return fig
