"""pytest plugin: run tests written against a `tf` fixture on tfshim, on TensorFlow, or on both.

Installed as a `pytest11` entry point, so it loads with tfshim but does nothing until a test asks for
the `tf` fixture:

    def test_training_step(tf, tf_compare):
        w = tf.Variable([1.0, 2.0])
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(w * w)
        tf_compare(tape.gradient(loss, w), "gradient")   # compared across backends with --tf-backend=both
        return loss                                       # the return value is compared too

Options (command line, or `tf_backend = ...` in the ini file):

    --tf-backend=tfshim       (default) `tf` is tfshim
    --tf-backend=tensorflow   `tf` is real TensorFlow (skips if it is not installed)
    --tf-backend=both         every test taking `tf` runs twice, ids [tfshim] and [tensorflow]; each must
                              pass on its own, and the values a test returns or hands to `tf_compare`
                              must match between the two (compared like assert_same_as_tensorflow:
                              values within TensorFlow's tolerances, dtypes, shapes, None-ness,
                              exception classes). A mismatch fails the second of the pair to finish.

The two runs of a pair are compared in the process that ran them; with pytest-xdist use
`--dist loadgroup` (the plugin puts each pair in one xdist group) so pairs are not split.
A project-defined `tf` fixture overrides this one, and is then left alone.

`--tfshim-as-tensorflow` (or `tfshim_as_tensorflow = true` in the ini file) runs a test suite that
imports TensorFlow itself on tfshim: `import tensorflow` resolves to tfshim from before the first
conftest.py is imported (see `tfshim.install_as_tensorflow`).
"""

from __future__ import annotations

import inspect
from typing import Any

import pytest

BACKENDS = ("tfshim", "tensorflow")
_MODES = ("tfshim", "tensorflow", "both")
_PAIRS = pytest.StashKey[dict]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("tfshim", "tfshim: compare with TensorFlow")
    group.addoption("--tf-backend", choices=_MODES, default=None, dest="tf_backend",
                    help="module given to the `tf` fixture: tfshim (default), tensorflow, or both "
                         "(run twice and compare results)")
    parser.addini("tf_backend", "default for --tf-backend", default="tfshim")
    group.addoption("--tfshim-as-tensorflow", action="store_true", default=False, dest="tfshim_as_tensorflow",
                    help="make `import tensorflow` import tfshim, before any conftest.py is loaded")
    parser.addini("tfshim_as_tensorflow", "default for --tfshim-as-tensorflow", type="bool", default=False)


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config: pytest.Config, parser: pytest.Parser, args: list) -> None:
    """Installs the `tensorflow` alias before conftest files (which may import TensorFlow) load."""
    asked = getattr(early_config.known_args_namespace, "tfshim_as_tensorflow", False)
    if asked or early_config.getini("tfshim_as_tensorflow"):
        from tfshim.tensorflow_alias import install_as_tensorflow

        install_as_tensorflow()


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_PAIRS] = {}


def backend_mode(config: pytest.Config) -> str:
    mode = config.getoption("tf_backend", default=None) or config.getini("tf_backend") or "tfshim"
    if mode not in _MODES:
        raise pytest.UsageError(f"tf_backend must be one of {', '.join(_MODES)}, not {mode!r}")
    return mode


def _uses_our_fixture(metafunc_or_item: Any) -> bool:
    """Whether `tf` resolves to this plugin's fixture (a project's own `tf` fixture is left alone)."""
    defs = getattr(metafunc_or_item, "_arg2fixturedefs", None)
    if defs is None:
        info = getattr(metafunc_or_item, "_fixtureinfo", None)
        defs = getattr(info, "name2fixturedefs", {})
    found = defs.get("tf")
    return bool(found) and getattr(found[-1].func, "__module__", None) == __name__


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "tf" not in metafunc.fixturenames or not _uses_our_fixture(metafunc):
        return
    if backend_mode(metafunc.config) == "both":
        metafunc.parametrize("tf", BACKENDS, indirect=True, ids=BACKENDS)


def pytest_collection_modifyitems(config: pytest.Config, items: list) -> None:
    if backend_mode(config) != "both" or not config.pluginmanager.hasplugin("xdist"):
        return
    for item in items:
        if _backend_of(item) is not None:
            item.add_marker(pytest.mark.xdist_group(_pair_key(item)[0]))


def _backend_of(item: Any) -> str | None:
    callspec = getattr(item, "callspec", None)
    if callspec is None or "tf" not in callspec.params or not _uses_our_fixture(item):
        return None
    return callspec.params["tf"]


def _pair_key(item: Any) -> tuple:
    others = tuple(sorted((k, id(v)) for k, v in item.callspec.params.items() if k != "tf"))
    return (item.nodeid.split("[", 1)[0] + repr(others), others)


def _load(name: str) -> Any:
    from tfshim.testing.backends import TENSORFLOW_MISSING, load_tensorflow, load_tfshim

    if name == "tfshim":
        return load_tfshim()
    module = load_tensorflow()
    if module is None:
        pytest.skip(TENSORFLOW_MISSING)
    return module


@pytest.fixture
def tf(request: pytest.FixtureRequest) -> Any:
    """The `tf` module under test: tfshim or TensorFlow, chosen by --tf-backend."""
    name = getattr(request, "param", None)
    if name is None:
        mode = backend_mode(request.config)
        name = "tfshim" if mode == "both" else mode
    return _load(name)


class _Recorder:
    """`tf_compare(value, label=None)`: keep a value for the cross-backend comparison; returns value."""

    def __init__(self, active: bool) -> None:
        self.active = active
        self.values: list[tuple[str, dict]] = []

    def __call__(self, value: Any, label: str | None = None) -> Any:
        if self.active:
            from tfshim.testing.encode import encode

            self.values.append((label or f"value {len(self.values)}", encode(value)))
        return value


@pytest.fixture
def tf_compare(request: pytest.FixtureRequest) -> _Recorder:
    """Records values to compare between backends (a no-op unless --tf-backend=both)."""
    return _Recorder(_backend_of(request.node) is not None)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Calls tests that take our `tf`, keeping their return value (compared under --tf-backend=both,
    ignored otherwise, so returning a value is never a pytest warning for these tests)."""
    if "tf" not in getattr(pyfuncitem, "fixturenames", ()) or not _uses_our_fixture(pyfuncitem) \
            or inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    result = pyfuncitem.obj(**{n: pyfuncitem.funcargs[n] for n in names})
    backend = _backend_of(pyfuncitem)
    if backend is not None:
        recorder = pyfuncitem.funcargs.get("tf_compare") or _Recorder(True)
        if result is not None:
            recorder.active = True
            recorder(result, "return value")
        _compare_pair(pyfuncitem, backend, recorder.values)
    return True


def _compare_pair(item: pytest.Function, backend: str, values: list) -> None:
    from tfshim.testing.compare import compare

    pairs = item.config.stash[_PAIRS]
    key = _pair_key(item)[0]
    seen = pairs.setdefault(key, {})
    seen[backend] = values
    if len(seen) < 2:
        return
    expected, got = pairs.pop(key)["tensorflow"], seen["tfshim"]
    if [label for label, _ in expected] != [label for label, _ in got]:
        pytest.fail(f"tfshim and TensorFlow compared different values: TensorFlow {[lbl for lbl, _ in expected]}, "
                    f"tfshim {[lbl for lbl, _ in got]}", pytrace=False)
    for (label, exp), (_, gv) in zip(expected, got):
        difference = compare(exp, gv, compare_message=False, path=label)
        if difference is not None:
            pytest.fail(f"tfshim differs from TensorFlow {difference}", pytrace=False)

