"""Chapter 2 plots (filled in by the chapter-2 notebooks)."""
__all__ = []
