"""Running unmodified `import tensorflow` code on tfshim: the import alias, the CLI, `check`."""

from __future__ import annotations

import importlib.util
import pathlib
import shutil
import subprocess
import sys
import types

import pytest

import tfshim
from tfshim import script_check, tensorflow_alias

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCRIPTS = sorted((ROOT / "examples" / "tensorflow_scripts").glob("*.py"))


def run(*args: str, cwd: pathlib.Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=cwd)


@pytest.fixture
def alias():
    tfshim.install_as_tensorflow()
    try:
        yield
    finally:
        tfshim.uninstall_as_tensorflow()


def test_importing_tfshim_does_not_install_the_alias() -> None:
    result = run("-c", "import sys, tfshim; from tfshim.tensorflow_alias import TensorFlowFinder; "
                       "print(any(isinstance(f, TensorFlowFinder) for f in sys.meta_path))")
    assert result.stdout.strip() == "False"


def test_alias_modules_are_real_modules(alias: None) -> None:
    import tensorflow as tf
    import tensorflow.math as tfm

    assert tf.__spec__.name == "tensorflow" and tfm.__spec__.name == "tensorflow.math"
    assert importlib.util.find_spec("tensorflow") is not None
    assert tf.GradientTape is tfshim.GradientTape and tfm.sqrt is tfshim.math.sqrt
    from tensorflow import UnconnectedGradients

    assert UnconnectedGradients is tfshim.UnconnectedGradients


def test_install_is_idempotent(alias: None) -> None:
    tfshim.install_as_tensorflow()
    finders = [f for f in sys.meta_path if isinstance(f, tensorflow_alias.TensorFlowFinder)]
    assert len(finders) == 1


def test_uninstall_removes_the_alias() -> None:
    tfshim.install_as_tensorflow()
    import tensorflow  # noqa: F401

    tfshim.uninstall_as_tensorflow()
    assert "tensorflow" not in sys.modules and not tensorflow_alias.is_installed()


def test_refuses_when_real_tensorflow_is_imported(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.ModuleType("tensorflow")
    fake.__file__ = "/site-packages/tensorflow/__init__.py"
    monkeypatch.setitem(sys.modules, "tensorflow", fake)
    with pytest.raises(RuntimeError, match="already imported"):
        tfshim.install_as_tensorflow()
    assert not tensorflow_alias.is_installed()


def test_missing_name_is_an_informative_attribute_error(alias: None) -> None:
    import tensorflow as tf

    assert not hasattr(tf, "saved_model") and not hasattr(tf.math, "no_such_function")
    with pytest.raises(AttributeError, match=r"tfshim does not implement tf\.saved_model yet .*docs/compatibility\.md"):
        tf.saved_model  # noqa: B018
    with pytest.raises(AttributeError, match=r"tf\.math\.no_such_function"):
        tf.math.no_such_function  # noqa: B018


def test_missing_submodule_is_an_informative_import_error(alias: None) -> None:
    with pytest.raises(ModuleNotFoundError, match=r"No module named 'tensorflow\.saved_model': tfshim does not "
                                                  r"implement tf\.saved_model yet"):
        import tensorflow.saved_model.experimental  # noqa: F401


def test_run_passes_arguments_and_main(tmp_path: pathlib.Path) -> None:
    script = tmp_path / "prog.py"
    script.write_text("import sys\nimport tensorflow as tf\nfrom tensorflow.math import sqrt\n"
                      "print(__name__, sys.argv[1:], sqrt(tf.constant(float(sys.argv[1]))).numpy())\n")
    result = run("-m", "tfshim", "run", str(script), "9.0", "--flag")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "__main__ ['9.0', '--flag'] 3.0"


def test_dash_c_and_dash_m(tmp_path: pathlib.Path) -> None:
    result = run("-m", "tfshim", "-c", "import tensorflow as tf; print(tf.reduce_sum([1., 2.]).numpy())")
    assert result.stdout.strip() == "3.0", result.stderr
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "mod.py").write_text("import tensorflow as tf\nprint(__name__, tf.constant(2) * 3)\n")
    result = run("-m", "tfshim", "-m", "pkg.mod", cwd=tmp_path)
    assert result.stdout.strip() == "__main__ tf.Tensor(6, shape=(), dtype=int32)", result.stderr


def test_console_script_is_installed() -> None:
    command = shutil.which("tfshim", path=str(pathlib.Path(sys.executable).parent))
    assert command is not None
    result = subprocess.run([command, "-c", "import tensorflow as tf; print(tf.__version__[:2])"], capture_output=True,
                            text=True)
    assert result.stdout.strip() == "2."


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_unmodified_scripts_print_what_tensorflow_printed(script: pathlib.Path) -> None:
    expected = script.parent / "expected" / f"{script.stem}.txt"
    result = run("-m", "tfshim", "check", "--expected", str(expected), str(script))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_unmodified_scripts_match_live_tensorflow(script: pathlib.Path) -> None:
    if script_check.find_tensorflow_python() is None:
        pytest.skip("TensorFlow is not installed here; the recorded-output test covers this script")
    result = run("-m", "tfshim", "check", str(script))
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_reports_the_first_divergence() -> None:
    found = script_check.compare_outputs("a 1.0\nb [1. 2.]\nc\n", "a 1.0000001\nb [1. 2.5]\nc\n")
    assert found is not None and found.line == 2 and "2.5" in found.reason
    assert script_check.compare_outputs("x [ 2.331644 13.062129]\n", "x [ 2.3316438 13.062128 ]\n") is None
    assert script_check.compare_outputs("nan inf\n", "nan inf\n") is None
    assert script_check.compare_outputs("1\n2\n", "1\n").reason == "the outputs have different lengths"


def test_pytest_option_installs_the_alias_before_conftest(tmp_path: pathlib.Path) -> None:
    (tmp_path / "conftest.py").write_text("import tensorflow as tf\nSEEN = tf.__tfshim__\n")
    (tmp_path / "test_uses_tf.py").write_text(
        "import tensorflow as tf\n\n"
        "def test_runs_on_tfshim():\n"
        "    x = tf.Variable(3.0)\n"
        "    with tf.GradientTape() as tape:\n"
        "        y = x * x\n"
        "    assert float(tape.gradient(y, x)) == 6.0\n"
        "    assert tf.__tfshim__.__name__ == 'tfshim'\n")
    result = run("-m", "pytest", "-q", "-p", "no:cacheprovider", "--tfshim-as-tensorflow", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout
