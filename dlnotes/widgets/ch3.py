"""Chapter 3 widgets (filled in by the chapter-3 notebooks)."""
__all__ = []
