"""Legacy word-processor files (.doc, .odt, .rtf) -> DOCX, with LibreOffice headless.

The input is copied into a private temporary folder and converted there, with a
LibreOffice profile of its own (so conversions can run side by side and never
touch the user's profile or files), under a time limit.  The DOCX is then read by
the DOCX reader like any other.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from planuri.extract.errors import ExtractError

LEGACY_FORMATS = ("doc", "odt", "rtf")
INSTALL_HINT = "apt-get install libreoffice-writer-nogui"


@dataclass(frozen=True)
class ConvertSettings:
    soffice: str | None = None  # LibreOffice binary; found on PATH (soffice, libreoffice) when None
    timeout: float = 120.0  # seconds a conversion may take


def find_soffice(settings: ConvertSettings = ConvertSettings()) -> str:
    if settings.soffice:
        found = shutil.which(settings.soffice)
        if not found:
            raise ExtractError("libreoffice-missing", f"LibreOffice binary {settings.soffice!r} not found ({INSTALL_HINT})")
        return found
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise ExtractError("libreoffice-missing",
                       f"reading .doc/.odt/.rtf files needs LibreOffice, which is not installed ({INSTALL_HINT})")


@contextlib.contextmanager
def converted_to_docx(path: Path, fmt: str, settings: ConvertSettings = ConvertSettings()) -> Iterator[Path]:
    """Yield the path of a DOCX converted from ``path`` (removed on exit)."""
    binary = find_soffice(settings)
    with tempfile.TemporaryDirectory(prefix="planuri-convert-") as tmp:
        work = Path(tmp)
        source = work / f"input.{fmt}"  # a plain name: the original's may hold anything
        shutil.copyfile(path, source)
        out_dir = work / "out"
        command = [binary, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
                   "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out_dir), str(source)]
        returncode, stdout, stderr = run_in_own_group(command, settings.timeout, dict(os.environ, HOME=str(work)))
        if returncode is None:
            raise ExtractError("conversion-timeout",
                               f"LibreOffice did not convert the {fmt} file within {settings.timeout:.0f} s")
        produced = out_dir / "input.docx"
        if returncode != 0 or not produced.is_file() or produced.stat().st_size == 0:
            detail = (stderr or stdout or b"").decode("utf-8", "replace").strip().splitlines()
            raise ExtractError("unreadable-" + fmt, f"LibreOffice could not convert the file"
                                                    f"{': ' + detail[-1] if detail else ''}")
        yield produced


def run_in_own_group(command: list[str], timeout: float, env: dict) -> tuple[int | None, bytes, bytes]:
    """Run ``command`` in a session of its own: (return code, stdout, stderr), or (None, …) past
    ``timeout`` seconds, when the whole process group is killed -- ``soffice`` is a shell wrapper
    around ``soffice.bin``, which killing the wrapper alone would leave running."""
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=env, start_new_session=True)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
        return process.returncode, stdout, stderr
    except subprocess.TimeoutExpired:
        kill_group(process)
        stdout, stderr = process.communicate()
        return None, stdout, stderr
    except BaseException:  # interrupted (Ctrl-C, a worker stopped): leave no LibreOffice behind
        kill_group(process)
        process.wait()
        raise


def kill_group(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
