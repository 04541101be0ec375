"""Chapter 4 exercise checkers."""
from ._core import verdict  # noqa: F401

__all__ = []
