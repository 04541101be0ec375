"""Chapter 4 widgets (filled in by the chapter-4 notebooks)."""
__all__ = []
