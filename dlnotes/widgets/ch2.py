"""Chapter 2 widgets (filled in by the chapter-2 notebooks)."""
__all__ = []
