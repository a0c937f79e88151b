"""Keras callbacks: the hook order and logs of fit/evaluate/predict, stop_training, and the
built-in callbacks' rules (EarlyStopping, ReduceLROnPlateau, LearningRateScheduler, TerminateOnNaN,
CSVLogger, ModelCheckpoint), checked against hand-computed expectations."""

from __future__ import annotations

import contextlib
import io
import os
import warnings

import numpy as np
import pytest

import tfshim as tf

K = tf.keras
X = np.linspace(-1, 1, 24, dtype=np.float32).reshape(12, 2)
Y = (X @ np.array([[1.0], [-2.0]], np.float32)).astype(np.float32)


def _model(lr: float = 0.1) -> object:
    model = K.Sequential([K.Input((2,)), K.layers.Dense(1)])
    model.set_weights([np.zeros((2, 1), np.float32), np.zeros(1, np.float32)])
    model.compile(K.optimizers.SGD(lr), loss="mse", metrics=["mae"])
    return model


class _Recorder(K.callbacks.Callback):
    def __init__(self) -> None:
        super().__init__()
        self.events: list = []

    def __getattribute__(self, name: str) -> object:
        if name.startswith("on_"):
            def hook(*args: object, **kwargs: object) -> None:
                logs = kwargs["logs"] if "logs" in kwargs else args[-1]
                index = args[0] if len(args) == 2 or (args and "logs" in kwargs) else None
                self.events.append((name, index, sorted(logs)))
            return hook
        return super().__getattribute__(name)


def test_fit_hook_order_with_validation() -> None:
    rec = _Recorder()
    _model().fit(X, Y, batch_size=8, epochs=1, verbose=0, shuffle=False, validation_data=(X[:3], Y[:3]),
                 callbacks=[rec])
    names = [(e[0], e[1]) for e in rec.events]
    assert names == [("on_train_begin", None), ("on_epoch_begin", 0), ("on_train_batch_begin", 0),
                     ("on_train_batch_end", 0), ("on_train_batch_begin", 1), ("on_train_batch_end", 1),
                     ("on_test_begin", None), ("on_test_batch_begin", 0), ("on_test_batch_end", 0),
                     ("on_test_end", None), ("on_epoch_end", 0), ("on_train_end", None)]
    logs = dict((e[0], e[2]) for e in rec.events)
    assert logs["on_train_begin"] == [] and logs["on_test_end"] == ["loss", "mae"]
    assert logs["on_epoch_end"] == ["loss", "mae", "val_loss", "val_mae"]
    assert logs["on_train_end"] == ["loss", "mae", "val_loss", "val_mae"]


def test_evaluate_and_predict_hooks_and_outputs() -> None:
    model = _model()
    rec = _Recorder()
    model.evaluate(X, Y, batch_size=5, verbose=0, callbacks=[rec])
    model.predict(X, batch_size=5, verbose=0, callbacks=[rec])
    assert [e[0] for e in rec.events] == (["on_test_begin"] + ["on_test_batch_begin", "on_test_batch_end"] * 3 +
                                          ["on_test_end", "on_predict_begin"] +
                                          ["on_predict_batch_begin", "on_predict_batch_end"] * 3 + ["on_predict_end"])
    assert rec.events[-2][2] == ["outputs"]


def test_stop_training_mid_epoch_still_validates() -> None:
    model = _model()
    rec = _Recorder()
    stop = K.callbacks.LambdaCallback(on_train_batch_end=lambda b, logs: setattr(model, "stop_training", b == 0))
    h = model.fit(X, Y, batch_size=4, epochs=3, verbose=0, validation_data=(X, Y), callbacks=[stop, rec])
    assert h.epoch == [0] and "val_loss" in h.history and model.stop_training
    assert int(model.optimizer.iterations.numpy()) == 1


@pytest.mark.parametrize(("values", "kwargs", "stopped", "best"), [
    ([3.0, 4.0, 5.0, 6.0, 7.0], {"patience": 3}, 3, 3.0),
    ([2.0, 1.95, 1.9, 1.0], {"patience": 1, "min_delta": 0.1}, 1, 2.0),
    ([5.0, 4.0, 3.0, 2.0], {"patience": 0, "baseline": 0.5}, 0, 2.0),
    ([1.0, 2.0, 3.0], {"patience": 0, "start_from_epoch": 2}, 0, 3.0),
])
def test_early_stopping_rules(values: list, kwargs: dict, stopped: int, best: float) -> None:
    model = _model(lr=0.0)
    feed = K.callbacks.LambdaCallback(on_epoch_end=lambda e, logs: logs.update(watch=values[e]))
    es = K.callbacks.EarlyStopping(monitor="watch", mode="min", **kwargs)
    h = model.fit(X, Y, epochs=len(values), verbose=0, callbacks=[feed, es])
    assert es.stopped_epoch == stopped and es.best == best
    assert len(h.epoch) == (stopped + 1 if stopped else len(values))


def test_early_stopping_restores_best_weights_without_stopping() -> None:
    model = _model(lr=0.05)
    snapshots: list = []
    grab = K.callbacks.LambdaCallback(on_epoch_end=lambda e, logs: snapshots.append(model.get_weights()))
    feed = K.callbacks.LambdaCallback(on_epoch_end=lambda e, logs: logs.update(watch=[3.0, 1.0, 2.0][e]))
    es = K.callbacks.EarlyStopping(monitor="watch", mode="min", patience=5, restore_best_weights=True)
    model.fit(X, Y, epochs=3, verbose=0, callbacks=[grab, feed, es])
    assert es.stopped_epoch == 0
    for a, b in zip(model.get_weights(), snapshots[1]):
        np.testing.assert_array_equal(a, b)


def test_reduce_lr_on_plateau_logs_the_lr_before_the_cut() -> None:
    model = _model(lr=0.2)
    cb = K.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.25, patience=1, min_delta=10, min_lr=0.005)
    h = model.fit(X, Y, epochs=5, verbose=0, callbacks=[cb])
    expected = [np.float32(v) for v in (0.2, 0.2, 0.05, 0.0125, 0.005)]
    np.testing.assert_allclose(h.history["learning_rate"], expected, rtol=1e-6)
    assert list(h.history)[-1] == "learning_rate"


def test_learning_rate_scheduler_sets_and_logs() -> None:
    model = _model(lr=0.2)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        h = model.fit(X, Y, epochs=2, verbose=0,
                      callbacks=[K.callbacks.LearningRateScheduler(lambda e, lr: lr / 2, verbose=1)])
    assert h.history["learning_rate"] == [float(np.float32(0.1)), float(np.float32(0.05))]
    assert out.getvalue().startswith("\nEpoch 1: LearningRateScheduler setting learning rate to 0.10000000149")


def test_terminate_on_nan() -> None:
    model = _model()
    y = Y.copy()
    y[5] = np.nan
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        h = model.fit(X, y, batch_size=4, epochs=3, verbose=0, shuffle=False,
                      callbacks=[K.callbacks.TerminateOnNaN()])
    assert out.getvalue() == "Batch 1: Invalid loss, terminating training\n" and h.epoch == [0]


def test_csv_logger_rows(tmp_path: object) -> None:
    path = os.path.join(str(tmp_path), "log.csv")
    h = _model().fit(X, Y, epochs=2, verbose=0, callbacks=[K.callbacks.CSVLogger(path)])
    with open(path) as f:
        lines = f.read().splitlines()
    assert lines[0] == "epoch,loss,mae,val_loss,val_mae"
    assert lines[1].split(",")[3:] == ["NA", "NA"]
    assert float(lines[2].split(",")[1]) == pytest.approx(h.history["loss"][1])


def test_model_checkpoint_best_only(tmp_path: object) -> None:
    pytest.importorskip("h5py", reason="the optional h5py extra (tfshim[h5]) is not installed")
    path = os.path.join(str(tmp_path), "e{epoch}.weights.h5")
    model = _model()
    feed = K.callbacks.LambdaCallback(on_epoch_end=lambda e, logs: logs.update(watch=[3.0, 1.0, 2.0][e]))
    cp = K.callbacks.ModelCheckpoint(path, monitor="watch", mode="min", save_best_only=True, save_weights_only=True)
    model.fit(X, Y, epochs=3, verbose=0, callbacks=[feed, cp])
    assert sorted(os.listdir(str(tmp_path))) == ["e1.weights.h5", "e2.weights.h5"] and cp.best == 1.0
    with pytest.raises(ValueError, match=r"must end in `\.weights\.h5`"):
        K.callbacks.ModelCheckpoint("w.h5", save_weights_only=True)


def test_missing_monitor_only_warns() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _model().fit(X, Y, epochs=2, verbose=0, callbacks=[K.callbacks.EarlyStopping()])
    assert any("Early stopping conditioned on metric `val_loss`" in str(w.message) for w in caught)


def test_builtin_callback_repr_uses_keras_module_path() -> None:
    import tfshim as tf

    cb = tf.keras.callbacks.History()
    assert repr(cb) == f"<keras.src.callbacks.history.History object at {hex(id(cb))}>"
