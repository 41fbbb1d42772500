"""Unpacks the italia theme's packaged files from the design-django-theme wheel into assets/vendor/.

Usage: install_assets.py WHEEL VENDOR_FOLDER (the Makefile's theme-assets target runs it after pip has
downloaded the wheel pinned, with its hash, in requirements.txt). Only the files the pages use are
unpacked: the Bootstrap Italia stylesheet, the fonts in WOFF2 (every browser the portals support reads
it) and the licences, which travel with the files. The folder is replaced whole, so a file the new
version dropped does not linger.
"""

import shutil
import sys
import zipfile
from pathlib import Path

STATIC = "bootstrap_italia_template/static/"
LICENCE = "licenses/LICENSE"


def wanted(name: str) -> str | None:
    """The path under the vendor folder for a file of the wheel, or None to leave it out."""
    if name == STATIC + "css/bootstrap-italia.min.css":
        return "bootstrap-italia/bootstrap-italia.min.css"
    if name.startswith(STATIC + "fonts/") and name.endswith((".woff2", "OFL.txt", "LICENSE.txt")):
        return "fonts/" + name.removeprefix(STATIC + "fonts/")
    if name.endswith(".dist-info/" + LICENCE):
        return "bootstrap-italia/LICENSE.txt"
    return None


def main(wheel: str, vendor: str) -> None:
    target = Path(vendor)
    scratch = target.with_name(target.name + ".new")
    shutil.rmtree(scratch, ignore_errors=True)
    with zipfile.ZipFile(wheel) as archive:
        for name in archive.namelist():
            path = wanted(name)
            if path is None:
                continue
            out = scratch / path
            out.parent.mkdir(parents=True, exist_ok=True)
            data = archive.read(name)
            if path.endswith(".css"):
                # The source map is not shipped: drop the comment that would make browsers' tools ask for it.
                data = data.replace(b"/*# sourceMappingURL=bootstrap-italia.min.css.map */", b"")
            out.write_bytes(data)
    if not (scratch / "bootstrap-italia/bootstrap-italia.min.css").exists():
        sys.exit(f"{wheel} holds no {STATIC}css/bootstrap-italia.min.css; check the version in requirements.txt")
    shutil.rmtree(target, ignore_errors=True)
    scratch.rename(target)


if __name__ == "__main__":
    main(*sys.argv[1:])
