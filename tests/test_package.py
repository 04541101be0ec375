"""Packaging: the core imports numpy only among third-party modules."""
import subprocess
import sys


def test_import_pulls_only_numpy():
    code = ("import sys, dlnotes; "
            "print(sorted({m.split('.')[0] for m in sys.modules} - set(sys.stdlib_module_names)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    mods = set(eval(out.stdout)) - {m for m in eval(out.stdout) if m.startswith("_")}
    assert mods == {"dlnotes", "numpy"}, mods
