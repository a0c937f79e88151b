"""tf.keras.datasets loaders and tf.keras.utils.get_file, run for real against small dataset files
the tests write and serve from a local HTTP server on 127.0.0.1 (nothing is mocked: the loaders
download, hash-check, extract and parse; only the origin folder and the expected hashes are pointed
at the test's files)."""

from __future__ import annotations

import gzip
import hashlib
import http.server
import io
import json
import os
import pickle
import socket
import tarfile
import threading
from typing import Any

import numpy as np
import pytest

import tfshim as tf
from tfshim.keras.datasets import (
    _cifar,
    _common,
    boston_housing,
    cifar10,
    cifar100,
    fashion_mnist,
    imdb,
    mnist,
    reuters,
)
from tfshim.keras.utils import file_utils


class _Server:
    """A bounded static file server over a directory, counting the requests it answers."""

    def __init__(self, root: str) -> None:
        owner = self
        self.requests: list = []

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, directory=root, **kwargs)

            def do_GET(self) -> None:
                owner.requests.append(self.path)
                super().do_GET()

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.timeout = 5
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
def served(tmp_path: Any, monkeypatch: Any) -> Any:
    """(server, files directory); KERAS_HOME is a fresh directory and the loaders' origins point here."""
    files = tmp_path / "served"
    files.mkdir()
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras_home"))
    server = _Server(str(files))
    monkeypatch.setattr(_common, "ORIGIN_FOLDER", server.url)
    monkeypatch.setattr(_cifar, "ORIGIN_FOLDER", server.url)
    yield server, files
    server.close()


def _sha256(path: Any) -> str:
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def _cache(*parts: str) -> str:
    return os.path.join(os.environ["KERAS_HOME"], *parts)


# -- get_file ------------------------------------------------------------------------------------
def test_get_file_downloads_into_keras_cache_and_reuses_it(served: Any, capsys: Any) -> None:
    server, files = served
    (files / "data.bin").write_bytes(b"hello" * 1000)
    digest = _sha256(files / "data.bin")
    path = tf.keras.utils.get_file("data.bin", origin=server.url + "data.bin", file_hash=digest)
    assert path == _cache("datasets", "data.bin")
    assert open(path, "rb").read() == b"hello" * 1000
    out = capsys.readouterr().out
    assert f"Downloading data from {server.url}data.bin" in out
    assert "5000/5000" in out  # the progress bar's last line
    again = tf.keras.utils.get_file("data.bin", origin=server.url + "data.bin", file_hash=digest)
    assert again == path and server.requests == ["/data.bin"]


def test_get_file_name_from_origin_cache_subdir_and_md5(served: Any) -> None:
    server, files = served
    (files / "x.txt").write_bytes(b"abc")
    md5 = hashlib.md5(b"abc").hexdigest()
    path = file_utils.get_file(origin=server.url + "x.txt", md5_hash=md5, cache_subdir="mine")
    assert path == _cache("mine", "x.txt")


def test_get_file_redownloads_a_stale_file(served: Any, capsys: Any) -> None:
    server, files = served
    (files / "f.bin").write_bytes(b"new contents")
    target = _cache("datasets", "f.bin")
    os.makedirs(os.path.dirname(target))
    open(target, "wb").write(b"old")
    path = file_utils.get_file("f.bin", origin=server.url + "f.bin", file_hash=_sha256(files / "f.bin"))
    assert open(path, "rb").read() == b"new contents"
    assert "hash does not match the original value" in capsys.readouterr().out


def test_get_file_hash_mismatch_after_download(served: Any) -> None:
    server, files = served
    (files / "f.bin").write_bytes(b"contents")
    with pytest.raises(ValueError, match="Incomplete or corrupted file detected"):
        file_utils.get_file("f.bin", origin=server.url + "f.bin", file_hash="0" * 64)


def test_get_file_http_error_leaves_nothing(served: Any) -> None:
    server, _ = served
    with pytest.raises(Exception, match=r"URL fetch failure on .*missing.bin: 404") as info:
        file_utils.get_file("missing.bin", origin=server.url + "missing.bin")
    assert type(info.value) is Exception
    assert not os.path.exists(_cache("datasets", "missing.bin"))


def test_get_file_without_network_says_what_to_do(tmp_path: Any, monkeypatch: Any) -> None:
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(Exception, match="URL fetch failure") as info:
        file_utils.get_file("a.npz", origin=f"http://127.0.0.1:{port}/a.npz")
    assert "no network?" in str(info.value) and str(tmp_path) in str(info.value)
    assert not os.path.exists(os.path.join(str(tmp_path), "datasets", "a.npz"))


def test_get_file_argument_errors(tmp_path: Any) -> None:
    with pytest.raises(ValueError, match='specify the "origin"'):
        file_utils.get_file("x")
    with pytest.raises(ValueError, match="Paths are no longer accepted"):
        file_utils.get_file("a/b", origin="http://127.0.0.1/x", cache_dir=str(tmp_path))
    with pytest.raises(ValueError, match="Can't parse the file name"):
        file_utils.get_file(origin="http://127.0.0.1/", cache_dir=str(tmp_path))


def _tar(path: Any, members: dict) -> None:
    with tarfile.open(path, "w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))


def test_get_file_extract_targets(served: Any) -> None:
    server, files = served
    _tar(files / "pack.tar.gz", {"inner/a.txt": b"A"})
    named = file_utils.get_file("pack.tar.gz", origin=server.url + "pack.tar.gz", extract=True)
    assert named == _cache("datasets", "pack_extracted")
    assert open(os.path.join(named, "inner", "a.txt")).read() == "A"
    assert os.path.exists(_cache("datasets", "pack.tar.gz"))
    bare = file_utils.get_file("pack-target", origin=server.url + "pack.tar.gz", extract=True)
    assert bare == _cache("datasets", "pack-target")
    assert os.path.exists(_cache("datasets", "pack-target_archive"))


def test_extract_skips_members_outside_the_target(tmp_path: Any) -> None:
    _tar(tmp_path / "evil.tar.gz", {"../escape.txt": b"x", "ok.txt": b"y"})
    with pytest.warns(UserWarning, match="Skipping invalid path"):
        assert file_utils.extract_archive(str(tmp_path / "evil.tar.gz"), str(tmp_path / "out"))
    assert os.path.exists(tmp_path / "out" / "ok.txt") and not os.path.exists(tmp_path / "escape.txt")


def test_keras_cache_directory_rules(monkeypatch: Any, tmp_path: Any) -> None:
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "kh"))
    assert file_utils.keras_home() == str(tmp_path / "kh")
    monkeypatch.delenv("KERAS_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert file_utils.keras_home() == os.path.join(str(tmp_path), ".keras")


def test_cache_is_shared_with_real_keras(served: Any) -> None:
    keras_file_utils = pytest.importorskip("keras.src.utils.file_utils")
    server, files = served
    (files / "shared.npz").write_bytes(b"payload")
    _tar(files / "arch.tar.gz", {"d/x.txt": b"X"})
    digest = _sha256(files / "shared.npz")
    cache_dir = os.environ["KERAS_HOME"]
    ours = file_utils.get_file("shared.npz", origin=server.url + "shared.npz", file_hash=digest)
    theirs = keras_file_utils.get_file("shared.npz", origin=server.url + "shared.npz", file_hash=digest,
                                       cache_dir=cache_dir)
    assert ours == theirs and server.requests == ["/shared.npz"]  # Keras found our download
    for name in ("arch.tar.gz", "arch-target"):
        theirs = keras_file_utils.get_file(name, origin=server.url + "arch.tar.gz", extract=True, cache_dir=cache_dir)
        count = len(server.requests)
        ours = file_utils.get_file(name, origin=server.url + "arch.tar.gz", extract=True)
        assert ours == theirs and len(server.requests) == count  # we found Keras's download


# -- loaders -------------------------------------------------------------------------------------
def test_mnist(served: Any, monkeypatch: Any) -> None:
    server, files = served
    rng = np.random.default_rng(0)
    arrays = {"x_train": rng.integers(0, 256, (5, 28, 28)).astype(np.uint8), "y_train": np.arange(5, dtype=np.uint8),
              "x_test": rng.integers(0, 256, (2, 28, 28)).astype(np.uint8), "y_test": np.array([3, 4], np.uint8)}
    np.savez(files / "mnist.npz", **arrays)
    monkeypatch.setattr(mnist, "_HASH", _sha256(files / "mnist.npz"))
    (x_train, y_train), (x_test, y_test) = tf.keras.datasets.mnist.load_data()
    for got, name in ((x_train, "x_train"), (y_train, "y_train"), (x_test, "x_test"), (y_test, "y_test")):
        np.testing.assert_array_equal(got, arrays[name])
        assert got.dtype == np.uint8
    assert os.path.exists(_cache("datasets", "mnist.npz"))
    mnist.load_data()
    assert server.requests == ["/mnist.npz"]


def test_fashion_mnist(served: Any) -> None:
    server, files = served
    labels = {"train": np.array([1, 2, 3], np.uint8), "t10k": np.array([9], np.uint8)}
    images = {k: np.arange(len(v) * 784, dtype=np.int64).astype(np.uint8).reshape(len(v), 28, 28)
              for k, v in labels.items()}
    for part in ("train", "t10k"):
        with gzip.open(files / f"{part}-labels-idx1-ubyte.gz", "wb") as f:
            f.write(b"\0" * 8 + labels[part].tobytes())
        with gzip.open(files / f"{part}-images-idx3-ubyte.gz", "wb") as f:
            f.write(b"\0" * 16 + images[part].tobytes())
    (x_train, y_train), (x_test, y_test) = fashion_mnist.load_data()
    np.testing.assert_array_equal(x_train, images["train"])
    np.testing.assert_array_equal(y_train, labels["train"])
    np.testing.assert_array_equal(x_test, images["t10k"])
    np.testing.assert_array_equal(y_test, labels["t10k"])
    assert os.path.exists(_cache("datasets", "fashion-mnist", "train-images-idx3-ubyte.gz"))
    assert len(server.requests) == 4


def _cifar_batch(n: int, label_key: str, seed: int) -> tuple:
    rng = np.random.default_rng(seed)
    data = rng.integers(0, 256, (n, 3072)).astype(np.uint8)
    labels = rng.integers(0, 10, n).tolist()
    return pickle.dumps({b"data": data, label_key.encode(): labels}), data, labels


def test_cifar10(served: Any, monkeypatch: Any) -> None:
    _, files = served
    members, train_x, train_y = {}, [], []
    for i in range(1, 6):
        blob, data, labels = _cifar_batch(2, "labels", i)
        members[f"cifar-10-batches-py/data_batch_{i}"] = blob
        train_x.append(data)
        train_y += labels
    blob, test_data, test_labels = _cifar_batch(3, "labels", 9)
    members["cifar-10-batches-py/test_batch"] = blob
    _tar(files / "cifar-10-python.tar.gz", members)
    monkeypatch.setattr(cifar10, "_HASH", _sha256(files / "cifar-10-python.tar.gz"))
    (x_train, y_train), (x_test, y_test) = cifar10.load_data()
    expected = np.concatenate(train_x).reshape(10, 3, 32, 32).transpose(0, 2, 3, 1)
    np.testing.assert_array_equal(x_train, expected)
    assert x_train.shape == (10, 32, 32, 3) and x_train.dtype == np.uint8
    np.testing.assert_array_equal(y_train, np.array(train_y, np.uint8).reshape(10, 1))
    assert y_train.dtype == np.uint8 and y_test.dtype == np.uint8
    np.testing.assert_array_equal(y_test, np.array(test_labels, np.uint8).reshape(3, 1))
    np.testing.assert_array_equal(x_test, test_data.reshape(3, 3, 32, 32).transpose(0, 2, 3, 1))
    assert os.path.isdir(_cache("datasets", "cifar-10-batches-py-target", "cifar-10-batches-py"))
    assert os.path.exists(_cache("datasets", "cifar-10-batches-py-target_archive"))


def test_cifar100_label_modes(served: Any, monkeypatch: Any) -> None:
    _, files = served
    rng = np.random.default_rng(3)
    parts = {}
    for name, n in (("train", 4), ("test", 2)):
        data = rng.integers(0, 256, (n, 3072)).astype(np.uint8)
        parts[name] = (data, list(range(n)), [n - i for i in range(n)])
    members = {f"cifar-100-python/{name}": pickle.dumps({b"data": d, b"fine_labels": f, b"coarse_labels": c})
               for name, (d, f, c) in parts.items()}
    _tar(files / "cifar-100-python.tar.gz", members)
    monkeypatch.setattr(cifar100, "_HASH", _sha256(files / "cifar-100-python.tar.gz"))
    (x_train, y_train), (x_test, y_test) = cifar100.load_data()
    assert x_train.shape == (4, 32, 32, 3) and y_train.tolist() == [[0], [1], [2], [3]]
    np.testing.assert_array_equal(x_test, parts["test"][0].reshape(2, 3, 32, 32).transpose(0, 2, 3, 1))
    assert y_test.tolist() == [[0], [1]]
    (_, y_coarse), _ = cifar100.load_data(label_mode="coarse")
    assert y_coarse.tolist() == [[4], [3], [2], [1]]
    with pytest.raises(ValueError, match="label_mode"):
        cifar100.load_data(label_mode="medium")


def test_boston_housing_split(served: Any, monkeypatch: Any) -> None:
    _, files = served
    x = np.arange(20, dtype=np.float64).reshape(10, 2)
    y = np.arange(10, dtype=np.float64)
    np.savez(files / "boston_housing.npz", x=x, y=y)
    monkeypatch.setattr(boston_housing, "_HASH", _sha256(files / "boston_housing.npz"))
    (x_train, y_train), (x_test, y_test) = boston_housing.load_data(test_split=0.3)
    order = np.arange(10)
    np.random.RandomState(113).shuffle(order)
    np.testing.assert_array_equal(x_train, x[order[:7]])
    np.testing.assert_array_equal(y_train, y[order[:7]])
    np.testing.assert_array_equal(x_test, x[order[7:]])
    np.testing.assert_array_equal(y_test, y[order[7:]])
    with pytest.raises(ValueError, match="Invalid `test_split`"):
        boston_housing.load_data(test_split=1.0)


def _sequences(lengths: list, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    out = np.empty(len(lengths), dtype=object)
    for i, n in enumerate(lengths):
        out[i] = rng.integers(1, 20, n).tolist()
    return out


def test_imdb_processing(served: Any, monkeypatch: Any) -> None:
    _, files = served
    x_tr, x_te = _sequences([3, 5, 2], 1), _sequences([4, 1], 2)
    y_tr, y_te = np.array([0, 1, 1]), np.array([1, 0])
    np.savez(files / "imdb.npz", x_train=x_tr, y_train=y_tr, x_test=x_te, y_test=y_te)
    (files / "imdb_word_index.json").write_text(json.dumps({"the": 1, "movie": 2}))
    monkeypatch.setattr(imdb, "_HASH", _sha256(files / "imdb.npz"))
    monkeypatch.setattr(imdb, "_INDEX_HASH", hashlib.md5((files / "imdb_word_index.json").read_bytes()).hexdigest())
    (x_train, y_train), (x_test, y_test) = imdb.load_data(num_words=15)
    rng = np.random.RandomState(113)
    i_tr = np.arange(3)
    rng.shuffle(i_tr)
    i_te = np.arange(2)
    rng.shuffle(i_te)

    def expect(seq: list) -> list:
        return [w if w < 15 else 2 for w in [1] + [v + 3 for v in seq]]

    assert x_train.dtype == object and [list(s) for s in x_train] == [expect(x_tr[i]) for i in i_tr]
    assert [list(s) for s in x_test] == [expect(x_te[i]) for i in i_te]
    np.testing.assert_array_equal(y_train, y_tr[i_tr])
    np.testing.assert_array_equal(y_test, y_te[i_te])
    (short, _), _ = imdb.load_data(maxlen=5)
    assert all(len(s) < 5 for s in short)
    with pytest.raises(ValueError, match="no sequence was kept"):
        imdb.load_data(maxlen=1)
    assert imdb.get_word_index() == {"the": 1, "movie": 2}


def test_reuters_processing(served: Any, monkeypatch: Any) -> None:
    _, files = served
    xs, ys = _sequences([2, 3, 4, 5, 6], 5), np.array([0, 1, 2, 3, 4])
    np.savez(files / "reuters.npz", x=xs, y=ys)
    monkeypatch.setattr(reuters, "_HASH", _sha256(files / "reuters.npz"))
    (x_train, y_train), (x_test, y_test) = reuters.load_data(test_split=0.4, start_char=None, index_from=0)
    order = np.arange(5)
    np.random.RandomState(113).shuffle(order)
    top = max(max(x) for x in xs)  # num_words=None: Keras's cut is `w < max`, so the top word is OOV

    def expect(seq: list) -> list:
        return [w if w < top else 2 for w in seq]

    assert [list(s) for s in x_train] == [expect(xs[i]) for i in order[:3]]
    assert [list(s) for s in x_test] == [expect(xs[i]) for i in order[3:]]
    np.testing.assert_array_equal(y_train, ys[order[:3]])
    np.testing.assert_array_equal(y_test, ys[order[3:]])
    assert len(reuters.get_label_names()) == 46 and reuters.get_label_names()[3] == "earn"


def test_pickled_arrays_refuse_other_objects(tmp_path: Any) -> None:
    bad = np.empty(1, dtype=object)
    bad[0] = OSError
    np.savez(tmp_path / "bad.npz", x=bad)
    with pytest.raises(pickle.UnpicklingError, match="Refusing to deserialize"):
        _common.load_npz(str(tmp_path / "bad.npz"))


def test_loaders_are_under_tf_keras_datasets() -> None:
    for name in ("mnist", "fashion_mnist", "cifar10", "cifar100", "imdb", "boston_housing", "reuters"):
        assert callable(getattr(tf.keras.datasets, name).load_data)
