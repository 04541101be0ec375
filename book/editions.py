"""Build the site in two editions, English and Japanese, from one source (`make book` runs this).

    python book/editions.py                  # both editions into _build/html/{en,ja}/ + _build/html/index.html
    python book/editions.py --only en        # one edition (the benchmark's single-edition build)
    python book/editions.py --allow-missing  # development only: English where a Japanese text is missing

Steps (each a function below):

1. ``execute``: every notebook in ``notebooks/`` runs ONCE (nbclient, two at a time, cwd
   ``notebooks/``) with ``DLNOTES_BOKEH=components DLNOTES_EDITIONS=1`` into ``_build/executed/``.
   In editions mode each language-dependent display output carries its Japanese twin in
   ``output.metadata.dlnotes.ja`` ({mimetype: data}); markdown cells carry their Japanese in
   ``cell.metadata.dlnotes.ja`` and code cells their Japanese alt text in ``...dlnotes.alt_ja``
   (written by ``notebooks/src/mknb.py``).
2. ``stage``: one Jupyter Book tree per language in ``_build/stage/<lang>/``: ``_config.yml``
   with the edition's settings (execution off, Sphinx ``language``, search language, title),
   ``_toc.yml`` (Japanese part captions from ``book/ja/_toc_captions.yml``), ``book/`` (for
   ``ja``, ``book/ja/X.md`` in place of ``book/X.md``) and the executed notebooks transformed by
   ``edition_notebook``.  A missing Japanese text stops the build with the list of what is missing.
3. ``build``: ``jupyter-book build`` on both stages in parallel, moved to ``_build/html/<lang>/``.
4. ``write_index``: ``_build/html/index.html`` offers both editions (works from file://).

The language switch on every page comes from ``book/_ext/dlnotes_editions.py`` (config value
``dlnotes_edition``, set here in each staged ``_config.yml``).
"""
import argparse
import copy
import json
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("en", "ja")
JA_DIR = ROOT / "book" / "ja"                    # book/ja/X.md: the Japanese of book/X.md
CAPTIONS = JA_DIR / "_toc_captions.yml"          # the Japanese title and part captions
EXEC_TIMEOUT = 300
WORKERS = 2          # the machine has two cores


class MissingJapanese(SystemExit):
    """The Japanese edition lacks some texts (raised by ``edition_notebook`` and ``main``)."""


def log(msg):
    print(f"[editions] {msg}", flush=True)


# ------------------------------------------------------------------------------ 1. execute
def _execute_one(src, dest):
    """Run one notebook (in a worker process) and write it executed; returns (name, seconds)."""
    from nbclient import NotebookClient
    t0 = time.perf_counter()
    nb = nbformat.read(src, as_version=4)
    NotebookClient(nb, timeout=EXEC_TIMEOUT, kernel_name="python3", allow_errors=False,
                   resources={"metadata": {"path": str(Path(src).parent)}}).execute()
    nbformat.write(nb, dest)
    return Path(src).name, time.perf_counter() - t0


def execute(notebooks, outdir, editions_mode):
    """Execute every notebook once, two at a time, into ``outdir``; SystemExit naming a failure."""
    outdir.mkdir(parents=True)
    os.environ["DLNOTES_BOKEH"] = "components"
    if editions_mode:
        os.environ["DLNOTES_EDITIONS"] = "1"
    else:
        os.environ.pop("DLNOTES_EDITIONS", None)
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p])
    t0 = time.perf_counter()
    with ProcessPoolExecutor(WORKERS) as pool:
        futures = {nb.name: pool.submit(_execute_one, str(nb), str(outdir / nb.name)) for nb in notebooks}
        for name, fut in futures.items():
            try:
                _, secs = fut.result()
            except Exception as exc:   # nbclient's CellExecutionError, a dead kernel, a timeout
                pool.shutdown(cancel_futures=True)
                raise SystemExit(f"[editions] executing notebooks/{name} failed:\n{exc}") from None
            log(f"executed {name} in {secs:.1f} s")
    log(f"executed {len(notebooks)} notebooks in {time.perf_counter() - t0:.1f} s "
        f"({WORKERS} at a time, DLNOTES_EDITIONS={'1' if editions_mode else 'unset'})")


# ------------------------------------------------------------------------------ 2. stage
def edition_notebook(nb, lang, missing=None, name="<notebook>"):
    """The notebook (a dict, copied) as ``lang``'s edition shows it; ``metadata.dlnotes`` removed.

    For ``ja``: a markdown cell's source becomes ``metadata.dlnotes.ja``, a code cell's
    ``metadata.mystnb.image.alt`` becomes ``metadata.dlnotes.alt_ja``, and every output with
    ``metadata.dlnotes.ja`` gets those mimetypes' data replaced.  What a Japanese text lacks is
    appended to ``missing`` (a list) if given, and then the English stays; without ``missing``
    a lack raises ``MissingJapanese``.
    """
    nb = copy.deepcopy(nb)
    lacks = []
    for i, cell in enumerate(nb["cells"]):
        meta = cell.get("metadata", {})
        extra = meta.pop("dlnotes", None) or {}
        where = f"{name} cell {i + 1}"
        if cell["cell_type"] == "markdown" and lang == "ja":
            if extra.get("ja", "").strip():
                cell["source"] = extra["ja"]
            elif "".join(cell["source"]).strip():
                lacks.append(f"{where}: markdown without metadata.dlnotes.ja "
                             f"({' '.join(''.join(cell['source']).split())[:60]!r})")
        if cell["cell_type"] == "code":
            image = meta.get("mystnb", {}).get("image", {})
            if lang == "ja" and "alt" in image:
                if extra.get("alt_ja", "").strip():
                    image["alt"] = extra["alt_ja"]
                else:
                    lacks.append(f"{where}: figure alt text without metadata.dlnotes.alt_ja")
            for out in cell.get("outputs", []):
                ometa = out.get("metadata")
                if not ometa or "dlnotes" not in ometa:
                    continue
                variant = ometa.pop("dlnotes") or {}
                if lang == "ja" and variant.get("ja"):
                    out.setdefault("data", {}).update(variant["ja"])
    if lacks:
        if missing is None:
            raise MissingJapanese("[editions] the Japanese edition lacks:\n  " + "\n  ".join(lacks))
        missing.extend(lacks)
    return nb


def _toc_files(toc):
    """Every docname of a jupyter-book _toc.yml (root first)."""
    out = [toc["root"]]

    def walk(entries):
        for e in entries or []:
            if "file" in e:
                out.append(e["file"])
            walk(e.get("sections"))
            walk(e.get("chapters"))
    walk(toc.get("parts"))
    walk(toc.get("chapters"))
    return out


def _rel(path):
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def _japanese_captions(toc, config, missing):
    """Japanese title and part captions (book/ja/_toc_captions.yml) into ``config`` and ``toc``."""
    if not CAPTIONS.is_file():
        missing.append(f"{_rel(CAPTIONS)} (the Japanese title and part captions)")
        return
    captions = yaml.safe_load(CAPTIONS.read_text(encoding="utf-8")) or {}
    if captions.get("title"):
        config["title"] = captions["title"]
    else:
        missing.append(f"{_rel(CAPTIONS)}: no 'title'")
    for part in toc.get("parts", []):
        if captions.get(part["caption"]):
            part["caption"] = captions[part["caption"]]
        else:
            missing.append(f"{_rel(CAPTIONS)}: no Japanese for part caption {part['caption']!r}")


def stage(lang, executed, dest, missing):
    """Write ``dest`` = the Jupyter Book tree of one edition; Japanese lacks go to ``missing``."""
    dest.mkdir(parents=True)
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    sphinx_config = config.setdefault("sphinx", {}).setdefault("config", {})
    config["execute"]["execute_notebooks"] = "off"      # executed once, in step 1
    sphinx_config.update(language=lang, html_search_language=lang,
                         html_show_search_summary=False, dlnotes_edition=lang)
    config["sphinx"].setdefault("local_extensions", {})["dlnotes_editions"] = "book/_ext"

    # book/: everything but book/ja; for ja, book/ja/X.md replaces book/X.md
    shutil.copytree(ROOT / "book", dest / "book", ignore=shutil.ignore_patterns("ja", "__pycache__", "editions.py"))
    if lang == "ja":
        _japanese_captions(toc, config, missing)
        for doc in _toc_files(toc):
            if not doc.startswith("book/"):
                continue
            src = JA_DIR / (doc.removeprefix("book/") + ".md")
            if src.is_file():
                shutil.copy2(src, dest / (doc + ".md"))
            else:
                missing.append(f"{_rel(src)} (the Japanese of {doc}.md)")

    (dest / "_config.yml").write_text(
        "# staged by book/editions.py for the '%s' edition; edit ../../../_config.yml instead\n" % lang
        + yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (dest / "_toc.yml").write_text(yaml.safe_dump(toc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # offline_assets copies the html-manager from <book root>/node_modules
    (dest / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)

    (dest / "notebooks").mkdir()
    for path in sorted(executed.glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        nb = edition_notebook(nb, lang, missing, name=f"notebooks/{path.name}")
        (dest / "notebooks" / path.name).write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n",
                                                    encoding="utf-8")


# ------------------------------------------------------------------------------ 3. build
def _jupyter_book():
    exe = Path(sys.executable).parent / "jupyter-book"
    return str(exe) if exe.exists() else "jupyter-book"


def build_one(lang, stage_dir, html_dir, logs):
    """``jupyter-book build`` one staged edition; (lang, returncode, seconds, log path)."""
    t0 = time.perf_counter()
    log_path = logs / f"{lang}.log"
    with open(log_path, "w", encoding="utf-8") as fh:
        rc = subprocess.call([_jupyter_book(), "build", str(stage_dir), "--builder", "html"],
                             stdout=fh, stderr=subprocess.STDOUT, cwd=stage_dir)
    if rc == 0:
        shutil.move(str(stage_dir / "_build" / "html"), str(html_dir / lang))
    return lang, rc, time.perf_counter() - t0, log_path


def build(langs, stage_root, html_dir, logs):
    failed = []
    with ThreadPoolExecutor(len(langs)) as pool:
        for lang, rc, secs, log_path in pool.map(
                lambda lg: build_one(lg, stage_root / lg, html_dir, logs), langs):
            if rc == 0:
                log(f"built the {lang} edition in {secs:.1f} s -> {html_dir / lang}")
            else:
                tail = log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-40:]
                print(f"[editions] jupyter-book build of the {lang} edition FAILED (exit {rc}); "
                      f"last lines of {log_path}:\n  " + "\n  ".join(tail), file=sys.stderr)
                failed.append(lang)
    if failed:
        raise SystemExit(f"[editions] failed: {', '.join(failed)}")


# ------------------------------------------------------------------------------ 4. index
INDEX_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>dlnotes: Deep Learning from Scratch, computed</title>
<style>
  body { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", "IPAGothic", sans-serif;
         margin: 0; padding: 2rem 1rem; color: #222; background: #fafafa; line-height: 1.6; }
  main { max-width: 40rem; margin: 0 auto; }
  h1 { font-size: 1.5rem; margin: 0 0 1.5rem; }
  ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 1rem; }
  li { flex: 1 1 14rem; }
  a { display: block; padding: 1rem 1.25rem; border: 1px solid #ccd; border-radius: 8px; background: #fff;
      color: #1a4f9c; text-decoration: none; }
  a:hover, a:focus { border-color: #1a4f9c; }
  a strong { display: block; font-size: 1.2rem; }
  a span { color: #555; font-size: 0.95rem; }
</style>
</head>
<body>
<main>
<h1>dlnotes: <i>Deep Learning from Scratch</i>, computed <span lang="ja">／ 計算で読む『ゼロから作る Deep Learning』</span></h1>
<ul>
  <li><a href="en/index.html" hreflang="en" lang="en"><strong>English</strong>
      <span>The English edition</span></a></li>
  <li><a href="ja/index.html" hreflang="ja" lang="ja"><strong>日本語</strong>
      <span>日本語版</span></a></li>
</ul>
</main>
</body>
</html>
"""


REDIRECT_HTML = """<!DOCTYPE html>
<html lang="{lang}">
<head><meta charset="utf-8"><meta http-equiv="Refresh" content="0; url={url}"><title>dlnotes</title></head>
<body><p><a href="{url}">{url}</a></p></body>
</html>
"""


def fix_redirect(index, lang):
    """jupyter-book's <edition>/index.html is one bare <meta> refresh: give it a page and its <html lang>."""
    m = re.fullmatch(r'\s*<meta http-equiv="Refresh" content="0; url=([^"]+)" />\s*', index.read_text(encoding="utf-8"))
    if m:
        index.write_text(REDIRECT_HTML.format(lang=lang, url=m.group(1)), encoding="utf-8")


def write_index(html_dir, langs):
    for lang in langs:
        fix_redirect(html_dir / lang / "index.html", lang)
    html = INDEX_HTML
    if "ja" not in langs:
        html = html.replace(html[html.index('  <li><a href="ja/'):html.index("</ul>")], "")
    (html_dir / "index.html").write_text(html, encoding="utf-8")


# ------------------------------------------------------------------------------ main
def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", choices=LANGS, help="build one edition only")
    ap.add_argument("--out", default=str(ROOT / "_build"),
                    help="folder for html/, stage/, executed/ (default: _build)")
    ap.add_argument("--allow-missing", action="store_true",
                    help="development only: fall back to English where a Japanese text is missing")
    args = ap.parse_args(argv)
    langs = (args.only,) if args.only else LANGS
    out = Path(args.out).resolve()
    html_dir, stage_root, executed, logs = out / "html", out / "stage", out / "executed", out / "logs"
    t0 = time.perf_counter()
    for d in (html_dir, stage_root, executed):
        shutil.rmtree(d, ignore_errors=True)
    logs.mkdir(parents=True, exist_ok=True)

    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    execute(notebooks, executed, editions_mode="ja" in langs)

    missing = []
    for lang in langs:
        stage(lang, executed, stage_root / lang, missing if lang == "ja" else [])
    if missing:
        head = f"the Japanese edition lacks {len(missing)} text(s):\n  " + "\n  ".join(missing)
        if not args.allow_missing:
            raise MissingJapanese(f"[editions] {head}\n(--allow-missing falls back to English; "
                                  "for development only)")
        log(f"WARNING (--allow-missing: English used instead): {head}")
    log(f"staged {', '.join(langs)} in {stage_root}")

    html_dir.mkdir(parents=True)
    build(langs, stage_root, html_dir, logs)
    write_index(html_dir, langs)
    note = f" ({len(missing)} Japanese text(s) missing: English in their place)" if missing else ""
    log(f"done in {time.perf_counter() - t0:.1f} s{note}: {html_dir / 'index.html'}")


if __name__ == "__main__":
    main()
