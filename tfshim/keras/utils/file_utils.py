"""`tf.keras.utils.get_file`: a file from Keras's cache, downloaded (standard library only) if missing.

The cache is Keras's own: `$KERAS_HOME`, else `~/.keras` (`/tmp/.keras` when the home directory is
not writable), with the same sub-directories, file names, archive targets (`<name>_archive`,
`<name>_extracted`) and hash checks, so a cache filled by real Keras is used as it is and the other
way round.

Differences from Keras: the download progress bar is a plain single-line bar on stdout; a failed
download raises Keras's `Exception("URL fetch failure on ...")` with a sentence added that says
where to put the file to work offline. Remote (gfile) cache paths are not supported.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tarfile
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import warnings
import zipfile
from typing import Any

__all__ = ["get_file", "hash_file", "validate_file", "extract_archive", "keras_home"]

_CHUNK = 1 << 16


def keras_home() -> str:
    """Keras's base directory, resolved as Keras resolves it (read anew on each call)."""
    if "KERAS_HOME" in os.environ:
        return os.environ["KERAS_HOME"]
    base = os.path.expanduser("~")
    if not os.access(base, os.W_OK):
        base = "/tmp"
    return os.path.join(base, ".keras")


def _hasher(algorithm: str, file_hash: str | None = None) -> Any:
    if algorithm == "sha256" or (algorithm == "auto" and file_hash is not None and len(file_hash) == 64):
        return hashlib.sha256()
    return hashlib.md5()


def hash_file(fpath: str, algorithm: Any = "sha256", chunk_size: int = 65535) -> str:
    """The hex digest of a file (`algorithm`: 'sha256', 'md5', 'auto' or a hashlib object)."""
    hasher = _hasher(algorithm) if isinstance(algorithm, str) else algorithm
    with open(fpath, "rb") as f:
        for chunk in iter(lambda: f.read(chunk_size), b""):
            hasher.update(chunk)
    return hasher.hexdigest()


def validate_file(fpath: str, file_hash: str, algorithm: str = "auto", chunk_size: int = 65535) -> bool:
    """Whether the file's hash is `file_hash` ('auto': sha256 for 64 hex digits, else md5)."""
    return str(hash_file(fpath, _hasher(algorithm, file_hash), chunk_size)) == str(file_hash)


def _inside(base: str, relative: str) -> bool:
    path = os.path.realpath(os.path.join(base, relative))
    try:
        return os.path.commonpath([path, base]) == base
    except ValueError:
        return False


def _safe_members(archive: Any, base: str) -> Any:
    base = os.path.realpath(base)
    if isinstance(archive, zipfile.ZipFile):
        for info in archive.infolist():
            if _inside(base, info.filename):
                yield info
            else:
                warnings.warn(f"Skipping invalid path during archive extraction: '{info.filename}'.", stacklevel=2)
        return
    for info in archive:
        ok = _inside(base, info.name)
        if ok and (info.issym() or info.islnk()):
            target = info.linkname if info.islnk() else os.path.join(os.path.dirname(info.name), info.linkname)
            ok = _inside(base, target)
        if ok:
            yield info
        else:
            warnings.warn(f"Skipping invalid path during archive extraction: '{info.name}'.", stacklevel=2)


def extract_archive(file_path: str, path: str = ".", archive_format: Any = "auto") -> bool:
    """Extracts a tar or zip archive into `path`, skipping members that would land outside it.
    Returns False when the file is none of the formats asked for."""
    if archive_format is None:
        return False
    formats = ["tar", "zip"] if archive_format == "auto" else \
        [archive_format] if isinstance(archive_format, str) else list(archive_format)
    file_path, path = os.fspath(file_path), os.fspath(path)
    for kind in formats:
        if kind == "tar":
            opener, matches = tarfile.open, tarfile.is_tarfile
        elif kind == "zip":
            opener, matches = zipfile.ZipFile, zipfile.is_zipfile
        else:
            raise NotImplementedError(kind)
        if not matches(file_path):
            continue
        with opener(file_path) as archive:
            try:
                if isinstance(archive, zipfile.ZipFile):
                    archive.extractall(path, members=_safe_members(archive, path))
                else:
                    extra = {"filter": "data"} if sys.version_info < (3, 14) and \
                        hasattr(tarfile, "data_filter") else {}
                    archive.extractall(path, members=_safe_members(archive, path), **extra)
            except (tarfile.TarError, RuntimeError, KeyboardInterrupt):
                if os.path.isfile(path):
                    os.remove(path)
                elif os.path.exists(path):
                    shutil.rmtree(path)
                raise
        return True
    return False


class _Progress:
    """A one-line download bar on stdout: `done/total ━━━━━━━━━━ elapsed`, redrawn at most every 0.1 s."""

    def __init__(self, total: int | None) -> None:
        self.total = total
        self.start = time.monotonic()
        self.last = 0.0
        self.drawn = ""

    def update(self, done: int, final: bool = False) -> None:
        now = time.monotonic()
        if not final and now - self.last < 0.1:
            return
        self.last = now
        if self.total:
            width = len(str(self.total))
            filled = min(20, 20 * done // self.total)
            line = f"{done:>{width}}/{self.total} {'━' * filled}{' ' * (20 - filled)} {int(now - self.start)}s"
        else:
            line = f"{done:>8}/Unknown {int(now - self.start)}s"
        if line != self.drawn:
            sys.stdout.write("\r" + line)
            self.drawn = line
        if final:
            sys.stdout.write("\n")
        sys.stdout.flush()


def _download(origin: str, target: str) -> None:
    error = "URL fetch failure on {}: {} -- {}"
    offline = (f" (no network? Put the file at {target} and it will be used without downloading; an existing "
               "Keras cache is shared)")
    try:
        try:
            with urllib.request.urlopen(origin, timeout=60) as response, open(target, "wb") as out:
                length = response.headers.get("Content-Length")
                progress = _Progress(int(length) if length and length.isdigit() else None)
                done = 0
                while True:
                    block = response.read(_CHUNK)
                    if not block:
                        break
                    out.write(block)
                    done += len(block)
                    progress.update(done)
                progress.update(done, final=True)
        except urllib.error.HTTPError as e:
            raise Exception(error.format(origin, e.code, e.msg)) from None
        except urllib.error.URLError as e:
            raise Exception(error.format(origin, getattr(e, "errno", None), e.reason) + offline) from None
        except OSError as e:  # timeouts, resets
            raise Exception(error.format(origin, e.errno, e) + offline) from None
    except (Exception, KeyboardInterrupt):
        if os.path.exists(target):
            os.remove(target)
        raise


def get_file(fname: Any = None, origin: str | None = None, untar: bool = False, md5_hash: str | None = None,
             file_hash: str | None = None, cache_subdir: str = "datasets", hash_algorithm: str = "auto",
             extract: bool = False, archive_format: Any = "auto", cache_dir: Any = None,
             force_download: bool = False) -> str:
    """The local path of `fname` in the Keras cache (`cache_dir/cache_subdir`), downloading it from
    `origin` when it is missing or its hash does not match; with `extract`, the extraction directory."""
    if origin is None:
        raise ValueError('Please specify the "origin" argument (URL of the file to download).')
    if cache_dir is None:
        cache_dir = keras_home()
        try:  # Keras creates its home directory when it is imported
            os.makedirs(os.path.expanduser(cache_dir), exist_ok=True)
        except OSError:
            pass
    if md5_hash is not None and file_hash is None:
        file_hash, hash_algorithm = md5_hash, "md5"
    base = os.path.expanduser(os.fspath(cache_dir))
    if not os.access(base, os.W_OK):
        base = os.path.join("/tmp" if os.path.isdir("/tmp") else tempfile.gettempdir(), ".keras")
    datadir = os.path.join(base, cache_subdir)
    os.makedirs(datadir, exist_ok=True)

    given = fname
    fname = os.fspath(fname) if fname is not None else None
    if not fname:
        fname = os.path.basename(urllib.parse.urlsplit(origin).path)
        if not fname:
            raise ValueError(f"Can't parse the file name from the origin provided: '{origin}'.Please specify the "
                             "`fname` argument.")
    elif os.sep in fname:
        raise ValueError("Paths are no longer accepted as the `fname` argument. To specify the file's parent "
                         f"directory, use the `cache_dir` argument. Received: fname={fname}")

    extraction_dir = None
    if extract or untar:
        if given and "." in fname:
            target = os.path.join(datadir, fname)
            stem = fname[:fname.find(".")]
            extraction_dir = os.path.join(datadir, f"{stem}_extracted")
        else:
            extraction_dir = os.path.join(datadir, fname)
            target = os.path.join(datadir, f"{fname}_archive")
    else:
        target = os.path.join(datadir, fname)

    download = force_download or not os.path.exists(target)
    if not download and file_hash is not None and not validate_file(target, file_hash, algorithm=hash_algorithm):
        print(f"A local file was found, but it seems to be incomplete or outdated because the {hash_algorithm} file "
              f"hash does not match the original value of {file_hash} so we will re-download the data.")
        download = True
    if download:
        print(f"Downloading data from {origin}")
        _download(origin, target)
        if file_hash is not None and not validate_file(target, file_hash, algorithm=hash_algorithm):
            raise ValueError(f"Incomplete or corrupted file detected. The {hash_algorithm} file hash does not match "
                             f"the provided value of {file_hash}.")
    if extraction_dir is not None:
        if not extract_archive(target, extraction_dir, "tar" if untar else archive_format):
            warnings.warn("Could not extract archive.", stacklevel=2)
        return extraction_dir
    return target
