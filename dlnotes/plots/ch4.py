"""Chapter 4 plots (filled in by the chapter-4 notebooks)."""
__all__ = []
