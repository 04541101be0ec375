"""Chapter 3 plots (filled in by the chapter-3 notebooks)."""
__all__ = []
