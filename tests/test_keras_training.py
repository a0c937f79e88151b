"""Keras training (compile/fit/evaluate/predict/*_on_batch) against NumPy references of what Keras
computes: per-sample-weighted epoch aggregation, the sample-weight rule, validation split, the
linear-regression trajectory under SGD, log key order, evaluate's list order, progress text,
`.weights.h5` files (Keras's layout; needs the optional h5py) and clone_model."""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tfshim as tf

K = tf.keras
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _linear(w: np.ndarray, b: float) -> object:
    model = K.Sequential([K.Input((w.shape[0],)), K.layers.Dense(1)])
    model.set_weights([w.reshape(-1, 1).astype(np.float32), np.array([b], np.float32)])
    return model


@settings(max_examples=12, deadline=None)
@given(n=st.integers(3, 23), batch=st.integers(1, 9), lr=st.sampled_from([0.0, 0.01, 0.1]), epochs=st.integers(1, 3),
       seed=st.integers(0, 2**16))
def test_sgd_linear_regression_matches_numpy(n: int, batch: int, lr: float, epochs: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 2)).astype(np.float32)
    y = rng.normal(size=(n, 1)).astype(np.float32)
    w0, b0 = rng.normal(size=2), float(rng.normal())
    model = _linear(w0, b0)
    model.compile(K.optimizers.SGD(lr), loss="mse", metrics=["mae"])
    hist = model.fit(x, y, batch_size=batch, epochs=epochs, verbose=0, shuffle=False).history
    w, b = w0.astype(np.float64).reshape(-1, 1), b0
    losses, maes = [], []
    for _ in range(epochs):
        total = total_ae = 0.0
        for i in range(0, n, batch):
            xb, yb = x[i:i + batch].astype(np.float64), y[i:i + batch].astype(np.float64)
            err = xb @ w + b - yb
            total += float(np.mean(err ** 2)) * len(xb)
            total_ae += float(np.sum(np.abs(err)))
            grad = 2 * err / len(xb)
            w, b = w - lr * xb.T @ grad, b - lr * float(grad.sum())
        losses.append(total / n)
        maes.append(total_ae / n)
    np.testing.assert_allclose(hist["loss"], losses, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(hist["mae"], maes, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(model.get_weights()[0], w, rtol=1e-4, atol=1e-5)
    assert list(hist) == ["loss", "mae"] and int(model.optimizer.iterations.numpy()) == epochs * -(-n // batch)


def test_sample_weight_divides_by_batch_size_and_metrics_ignore_it() -> None:
    x = np.arange(12, dtype=np.float32).reshape(6, 2) / 10
    y = np.ones((6, 1), np.float32)
    sw = np.array([0.0, 1.0, 2.0, 3.0, 0.5, 1.5], np.float32)
    model = _linear(np.array([0.5, -0.25]), 0.1)
    model.compile(K.optimizers.SGD(0.0), loss="mse", metrics=["mae"], weighted_metrics=["mae"])
    logs = model.evaluate(x, y, sample_weight=sw, batch_size=4, verbose=0, return_dict=True)
    err = x @ np.array([[0.5], [-0.25]]) + 0.1 - 1
    per = (err ** 2).ravel()
    batch_losses = [np.sum(per[:4] * sw[:4]) / 4, np.sum(per[4:] * sw[4:]) / 2]
    np.testing.assert_allclose(logs["loss"], (batch_losses[0] * 4 + batch_losses[1] * 2) / 6, rtol=1e-5)
    np.testing.assert_allclose(logs["mae"], np.mean(np.abs(err)), rtol=1e-5)
    np.testing.assert_allclose(logs["weighted_mae"], np.sum(np.abs(err).ravel() * sw) / sw.sum(), rtol=1e-5)
    assert list(logs) == ["loss", "mae", "weighted_mae"]


def test_validation_split_takes_the_last_rows_before_shuffling() -> None:
    x = np.arange(10, dtype=np.float32).reshape(10, 1)
    model = _linear(np.array([1.0]), 0.0)
    model.compile(K.optimizers.SGD(0.0), loss="mae")
    hist = model.fit(x, np.zeros((10, 1), np.float32), validation_split=0.3, verbose=0, shuffle=True).history
    assert hist["val_loss"] == [pytest.approx(8.0)] and hist["loss"] == [pytest.approx(3.0)]
    with pytest.raises(ValueError, match="not sufficient to split"):
        model.fit(x[:1], x[:1], validation_split=0.5, verbose=0)


def test_log_keys_are_sorted_and_evaluate_orders_by_metrics() -> None:
    model = _linear(np.array([1.0, 1.0]), 0.0)
    model.compile("sgd", loss="mse", metrics=[K.metrics.MeanAbsoluteError(name=n) for n in ("omega", "Delta", "beta")])
    x, y = np.ones((4, 2), np.float32), np.zeros((4, 1), np.float32)
    hist = model.fit(x, y, validation_data=(x, y), verbose=0).history
    assert list(hist) == ["Delta", "beta", "loss", "omega", "val_Delta", "val_beta", "val_loss", "val_omega"]
    assert model.metrics_names == ["loss", "compile_metrics"]
    values = model.evaluate(x, y, verbose=0)
    assert len(values) == 4 and values[1] == values[2] == values[3]


def test_misuse_raises_keras_exception_classes() -> None:
    model = _linear(np.array([1.0, 1.0]), 0.0)
    x, y = np.ones((4, 2), np.float32), np.zeros((4, 1), np.float32)
    with pytest.raises(ValueError, match="You must call `compile\\(\\)`"):
        model.fit(x, y)
    with pytest.raises(TypeError, match="unexpected keyword argument 'epoch'"):
        model.fit(x, y, epoch=2)
    model.compile("sgd", loss="mse")
    with pytest.raises(ValueError, match="Data cardinality is ambiguous"):
        model.fit(x, y[:3], verbose=0)
    with pytest.raises(ValueError, match="Unrecognized data type"):
        model.predict([[1.0, 2.0]], verbose=0)
    with pytest.raises(ValueError):
        model.fit(np.ones((4, 3), np.float32), y, verbose=0)
    with pytest.raises(ValueError, match="Expected `metrics` argument to be a list"):
        model.compile("sgd", loss="mse", metrics="mae")


def test_progress_bar_final_line_and_verbose_2_line() -> None:
    model = _linear(np.array([1.0, 1.0]), 0.0)
    model.compile(K.optimizers.SGD(0.0), loss="mse")
    x, y = np.ones((70, 2), np.float32), np.zeros((70, 1), np.float32)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        model.fit(x, y, verbose=1, epochs=2, shuffle=False)
        model.fit(x, y, verbose=2, shuffle=False)
    text = out.getvalue()
    assert text.startswith("Epoch 1/2\n")
    bar = "\x1b[32m" + "━" * 20 + "\x1b[0m\x1b[37m\x1b[0m"
    assert re.search(r"\r\x1b\[1m3/3\x1b\[0m " + re.escape(bar) + r" \x1b\[1m\d+s\x1b\[0m \d+(ms|us|s)/step - "
                     r"loss: 4\.0000 *\n", text)
    assert re.search(r"\n3/3 - \d+s - \d+(ms|us|s)/step - loss: 4\.0000\n$", text)


def test_predict_returns_float32_arrays_and_lists_for_two_outputs() -> None:
    inp = K.Input((2,))
    a, b = K.layers.Dense(1, name="a")(inp), K.layers.Dense(3, name="b")(inp)
    model = K.Model(inp, [a, b])
    out = model.predict(np.ones((70, 2)), verbose=0)
    assert isinstance(out, list) and out[0].dtype == np.float32 and out[1].shape == (70, 3)


def test_generator_and_dataset_inputs_give_the_array_results() -> None:
    rng = np.random.default_rng(3)
    x, y = rng.normal(size=(12, 2)).astype(np.float32), rng.normal(size=(12, 1)).astype(np.float32)
    results = []
    for kind in ("arrays", "dataset", "generator"):
        model = _linear(np.array([0.3, -0.2]), 0.1)
        model.compile(K.optimizers.SGD(0.1), loss="mse")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if kind == "arrays":
                h = model.fit(x, y, batch_size=4, epochs=2, verbose=0, shuffle=False)
            elif kind == "dataset":
                h = model.fit(tf.data.Dataset.from_tensor_slices((x, y)).batch(4), epochs=2, verbose=0)
            else:
                def gen() -> object:
                    while True:
                        for i in range(0, 12, 4):
                            yield x[i:i + 4], y[i:i + 4]
                h = model.fit(gen(), steps_per_epoch=3, epochs=2, verbose=0)
        results.append((h.history["loss"], model.get_weights()[0]))
    for losses, w in results[1:]:
        np.testing.assert_allclose(losses, results[0][0], rtol=1e-6)
        np.testing.assert_allclose(w, results[0][1], rtol=1e-6)


def test_seeded_shuffle_is_reproducible_and_visits_every_row_once() -> None:
    seen: list = []
    for _ in range(2):
        K.utils.set_random_seed(11)
        model = _linear(np.array([1.0]), 0.0)
        model.compile(K.optimizers.SGD(0.0), loss="mae")
        rows = []
        cb = K.callbacks.LambdaCallback(on_train_batch_end=lambda b, logs, r=rows: r.append(logs["loss"]))
        model.fit(np.arange(8, dtype=np.float32).reshape(8, 1), np.zeros((8, 1), np.float32), batch_size=1,
                  verbose=0, callbacks=[cb])
        per_row = np.diff(np.concatenate([[0.0], np.array(rows) * np.arange(1, 9)]))
        assert sorted(np.round(per_row).astype(int).tolist()) == list(range(8))
        seen.append(rows)
    assert seen[0] == seen[1]


def test_clone_model_has_new_weights_and_same_config() -> None:
    model = K.Sequential([K.Input((3,)), K.layers.Dense(4, activation="relu", name="hidden"), K.layers.Dense(1)])
    clone = K.models.clone_model(model)
    assert [layer.name for layer in clone.layers] == [layer.name for layer in model.layers]
    assert clone.layers[0].get_config() == model.layers[0].get_config()
    assert clone.layers[0].kernel is not model.layers[0].kernel and not clone.compiled


try:
    import h5py
except ImportError:  # the optional extra
    h5py = None
needs_h5py = pytest.mark.skipif(h5py is None, reason="the optional h5py extra (tfshim[h5]) is not installed")


@needs_h5py
def test_weights_file_layout_is_keras_layout(tmp_path: object) -> None:
    K.backend.clear_session()  # the optimizer's auto name ("adam") depends on the names already taken
    model = K.Sequential([K.Input((3,)), K.layers.Dense(2), K.layers.Dense(1, name="out")])
    model.compile("adam", loss="mse")
    model.fit(np.ones((4, 3)), np.ones((4, 1)), verbose=0)
    path = os.path.join(str(tmp_path), "a.weights.h5")
    model.save_weights(path)
    names: list = []
    with h5py.File(path, "r") as f:
        f.visit(names.append)
        assert f["layers/dense_1/vars"].attrs["name"] == "out"
        assert f["optimizer/vars"].attrs["name"] == "adam"
        assert f["optimizer/vars/0"][()] == 1
    assert names == ["layers", "layers/dense", "layers/dense/vars", "layers/dense/vars/0", "layers/dense/vars/1",
                     "layers/dense_1", "layers/dense_1/vars", "layers/dense_1/vars/0", "layers/dense_1/vars/1",
                     "optimizer", "optimizer/vars", *sorted(f"optimizer/vars/{i}" for i in range(10)), "vars"]
    other = K.Sequential([K.Input((3,)), K.layers.Dense(2), K.layers.Dense(1)])
    other.load_weights(path)
    for a, b in zip(other.get_weights(), model.get_weights()):
        np.testing.assert_array_equal(a, b)


_TF_PYTHON = os.path.join(ROOT, ".venv-tf", "bin", "python")


@needs_h5py
@pytest.mark.skipif(not os.path.exists(_TF_PYTHON), reason="needs the .venv-tf TensorFlow environment")
def test_weights_files_load_in_real_keras_and_back(tmp_path: object) -> None:
    model = K.Sequential([K.Input((3,)), K.layers.Dense(4, activation="relu"), K.layers.Dense(1)])
    ours = os.path.join(str(tmp_path), "ours.weights.h5")
    theirs = os.path.join(str(tmp_path), "theirs.weights.h5")
    model.save_weights(ours)
    script = (
        "import os, sys, numpy as np\nos.environ['TF_CPP_MIN_LOG_LEVEL']='3'\nimport keras\n"
        "m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4, activation='relu'), keras.layers.Dense(1)])\n"
        f"m.load_weights({ours!r})\nnp.save({theirs!r} + '.npy', m.predict(np.ones((2, 3)), verbose=0))\n"
        f"m.set_weights([w * 2 for w in m.get_weights()])\nm.save_weights({theirs!r})\n")
    subprocess.run([_TF_PYTHON, "-c", script], check=True, capture_output=True, timeout=300)
    np.testing.assert_allclose(np.load(theirs + ".npy"), model.predict(np.ones((2, 3)), verbose=0), rtol=1e-6)
    expected = [w * 2 for w in model.get_weights()]
    model.load_weights(theirs)
    for a, b in zip(model.get_weights(), expected):
        np.testing.assert_allclose(a, b, rtol=1e-6)


def test_h5py_missing_gives_a_clear_import_error(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    monkeypatch.setitem(sys.modules, "h5py", None)
    model = K.Sequential([K.Input((3,)), K.layers.Dense(1)])
    with pytest.raises(ImportError, match="requires the `h5py` package"):
        model.save_weights(os.path.join(str(tmp_path), "x.weights.h5"))


def _two_heads() -> object:
    inp = K.Input((3,), name="x")
    h = K.layers.Dense(4, activation="tanh", name="h")(inp)
    return K.Model(inp, [K.layers.Dense(1, name="left")(h), K.layers.Dense(2, name="right")(h)])


def _xy2() -> tuple:
    rng = np.random.default_rng(0)
    return (rng.normal(size=(12, 3)).astype(np.float32),
            [rng.normal(size=(12, 1)).astype(np.float32), rng.normal(size=(12, 2)).astype(np.float32)])


def test_short_loss_list_leaves_the_last_output_without_a_loss() -> None:
    x, y = _xy2()
    model = _two_heads()
    model.compile("sgd", loss=["mse"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        h = model.fit(x, y, verbose=0)
    assert list(h.history) == ["loss"]
    model = _two_heads()
    model.compile("sgd", loss=["mse", "mse", "mse"])
    with pytest.raises(KeyError, match=r"The path: \(2,\) in the `loss` argument"):
        model.fit(x, y, verbose=0)


def test_loss_weights_must_have_as_many_leaves_as_the_loss() -> None:
    x, y = _xy2()
    model = _two_heads()
    model.compile("sgd", loss="mse", loss_weights=[0.5, 2.0])
    with pytest.raises(ValueError, match="got 1 losses and 2 weights"):
        model.fit(x, y, verbose=0)
    model = _two_heads()
    model.compile("sgd", loss="mse", loss_weights=[0.0])  # one weight for the one loss: every output
    h = model.fit(x, y, verbose=0)
    assert h.history["loss"] == [0.0]


def test_metrics_of_the_wrong_structure_report_the_tree_error() -> None:
    x, y = _xy2()
    model = _two_heads()
    model.compile("sgd", loss="mse", metrics=[["mae"]] * 3)
    with pytest.raises(ValueError, match=r"^tuple arity mismatch; expected: 2, got: 3;"):
        model.fit(x, y, verbose=0)


def test_missing_gradient_warning_comes_once_per_compile() -> None:
    x, y = _xy2()
    model = _two_heads()
    model.compile("sgd", loss=["mse", None])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.fit(x, y, batch_size=4, epochs=2, verbose=0)
    assert sum("Gradients do not exist" in str(w.message) for w in caught) == 1


def test_compile_config_round_trip_keeps_the_callers_dict() -> None:
    model = _two_heads()
    model.compile(K.optimizers.Adam(0.5), loss="mse")
    config = model.get_compile_config()
    assert config["optimizer"]["class_name"] == "Adam" and config["jit_compile"] is False
    other = _two_heads()
    other.compile_from_config(config)
    assert config["optimizer"]["class_name"] == "Adam"
    assert type(other.optimizer).__name__ == "Adam"


def test_sample_weight_structure_must_match_the_targets() -> None:
    x, y = _xy2()
    model = _two_heads()
    model.compile("sgd", loss="mse")
    with pytest.raises(ValueError, match="You should provide one `sample_weight` array per output in `y`"):
        model.fit(x, y, sample_weight={"left": np.ones(12)}, verbose=0)
    with pytest.raises(ValueError, match="only have one scalar score per sample"):
        model.fit(x, y, sample_weight=np.ones((12, 2)), verbose=0)


def test_fit_steps_do_not_repeat_once_per_location_warnings() -> None:
    """Silencing the trace-time warnings after the first step must not reset Python's registry of
    warnings already shown (a `warnings.catch_warnings()` per step would show this one every step)."""
    import warnings

    class Warns(K.Model):
        def __init__(self) -> None:
            super().__init__()
            self.dense = K.layers.Dense(1)

        def call(self, x: object) -> object:
            warnings.warn("shown once per location", UserWarning, stacklevel=1)
            return self.dense(x)

    model = Warns()
    model.compile("sgd", "mse")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")
        model.fit(np.ones((8, 3)), np.ones((8, 1)), batch_size=2, epochs=1, verbose=0)
    assert [str(w.message) for w in caught].count("shown once per location") == 1
