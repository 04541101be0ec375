"""Shared verdict printing for exercise checkers."""
__all__ = ["verdict"]


def verdict(ok, why_right, why_wrong):
    """Print 'Right: ...' or 'Not yet: ...' and return ``ok`` (a plain bool)."""
    ok = bool(ok)
    print(("Right: " + why_right) if ok else ("Not yet: " + why_wrong))
    return ok
