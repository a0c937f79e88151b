"""Spec keras-training-and-data.md sections 1, 9, 10: the callback protocol (hook order, the logs
each hook receives, params, model), stop_training, and the built-in callbacks (History,
ProgbarLogger, EarlyStopping, ModelCheckpoint, LearningRateScheduler, ReduceLROnPlateau,
TerminateOnNaN, CSVLogger, LambdaCallback) with their printed messages."""

from __future__ import annotations

import os
import tempfile
from typing import Any

import numpy as np

from conformance.case import attempt, case
from conformance.cases._keras_training_helpers import (
    X7,
    Y7,
    X,
    Y,
    captured,
    final_lines,
    fresh,
    mlp,
    quiet,
    warning_messages,
)

AREA = "keras_callbacks"
TOL = {"rtol": 2e-5, "atol": 2e-6}
_HOOKS = ["on_train_begin", "on_train_end", "on_epoch_begin", "on_epoch_end", "on_train_batch_begin",
          "on_train_batch_end", "on_test_begin", "on_test_end", "on_test_batch_begin", "on_test_batch_end",
          "on_predict_begin", "on_predict_end", "on_predict_batch_begin", "on_predict_batch_end"]


def _recorder(keras: Any, with_values: bool = True) -> Any:
    class Recorder(keras.callbacks.Callback):
        def __init__(self) -> None:
            super().__init__()
            self.events: list = []

    def make(hook: str) -> Any:
        def method(self: Any, *args: Any, **kwargs: Any) -> None:
            if "logs" in kwargs:
                logs = kwargs["logs"]
            else:
                logs, args = args[-1], args[:-1]
            index = args[0] if args else None
            if logs is None:
                entry = None
            elif "outputs" in logs:
                entry = {"outputs": np.asarray(logs["outputs"]).shape}
            else:
                entry = dict(logs) if with_values else sorted(logs)
            self.events.append([hook, index, type(logs).__name__, entry])
        return method

    for hook in _HOOKS:
        setattr(Recorder, hook, make(hook))
    return Recorder()


def _compiled(keras: Any, metrics: Any = ("mae",), lr: float = 0.05) -> Any:
    model = mlp(keras)
    model.compile(keras.optimizers.SGD(lr), loss="mse", metrics=list(metrics) if metrics else None)
    return model


def _order_case(name: str, run: Any, with_values: bool = True) -> None:
    @case(AREA, f"hooks {name}", **TOL)
    def wrapper(tf: Any) -> Any:
        keras = fresh(tf)
        model = _compiled(keras)
        rec = _recorder(keras, with_values)
        quiet(run, model, rec, tf)
        return rec.events


_order_case("fit one epoch", lambda m, r, tf: m.fit(X, Y, batch_size=8, verbose=0, shuffle=False, callbacks=[r]))
_order_case("fit with validation", lambda m, r, tf: m.fit(X, Y, batch_size=8, epochs=2, verbose=0, shuffle=False,
                                                          validation_data=(X7, Y7), callbacks=[r]))
_order_case("fit validation split and freq", lambda m, r, tf: m.fit(
    X, Y, batch_size=6, epochs=3, verbose=0, shuffle=False, validation_split=0.25, validation_freq=2,
    callbacks=[r]))
_order_case("fit initial epoch", lambda m, r, tf: m.fit(X, Y, batch_size=10, epochs=3, initial_epoch=1, verbose=0,
                                                        shuffle=False, callbacks=[r]))
_order_case("fit epochs zero", lambda m, r, tf: m.fit(X, Y, epochs=0, verbose=0, callbacks=[r]))
_order_case("fit steps per epoch", lambda m, r, tf: m.fit(X, Y, batch_size=4, epochs=2, steps_per_epoch=3,
                                                          verbose=0, shuffle=False, callbacks=[r]))
_order_case("evaluate", lambda m, r, tf: m.evaluate(X, Y, batch_size=7, verbose=0, callbacks=[r]))
_order_case("predict", lambda m, r, tf: m.predict(X, batch_size=7, verbose=0, callbacks=[r]))
_order_case("fit on a dataset", lambda m, r, tf: m.fit(tf.data.Dataset.from_tensor_slices((X, Y)).batch(9),
                                                       epochs=2, verbose=0, callbacks=[r],
                                                       validation_data=tf.data.Dataset.from_tensor_slices(
                                                           (X7, Y7)).batch(4)))
_order_case("fit verbose 1 keys only", lambda m, r, tf: m.fit(X, Y, batch_size=8, epochs=2, verbose=1,
                                                              shuffle=False, callbacks=[r]), with_values=False)


@case(AREA, "params and model of callbacks")
def params(tf: Any) -> Any:
    keras = fresh(tf)
    model = _compiled(keras)
    seen = []

    class Peek(keras.callbacks.Callback):
        def on_train_begin(self, logs: Any = None) -> None:
            seen.append([dict(self.params), self.model is model])

        def on_test_begin(self, logs: Any = None) -> None:
            seen.append(["test", dict(self.params)])

        def on_predict_begin(self, logs: Any = None) -> None:
            seen.append(["predict", dict(self.params)])

    cb = Peek()
    quiet(model.fit, X, Y, batch_size=6, epochs=3, verbose=2, callbacks=[cb], validation_data=(X7, Y7))
    quiet(model.fit, X, Y, batch_size=6, epochs=1, verbose="auto", callbacks=[cb])
    model.evaluate(X, Y, batch_size=5, verbose=0, callbacks=[cb])
    model.predict(X, batch_size=3, verbose=0, callbacks=[cb])
    return seen


@case(AREA, "callbacks run before History and see earlier keys", **TOL)
def key_writers(tf: Any) -> Any:
    keras = fresh(tf)
    model = _compiled(keras)
    seen = []
    writer = keras.callbacks.LambdaCallback(on_epoch_end=lambda e, logs: logs.update(extra=1.0))
    reader = keras.callbacks.LambdaCallback(on_epoch_end=lambda e, logs: seen.append(sorted(logs)))
    h, text = captured(model.fit, X, Y, epochs=2, batch_size=10, verbose=2, shuffle=False,
                       callbacks=[writer, reader])
    return [seen, list(h.history), h.history["extra"], final_lines(text)]


@case(AREA, "stop_training in on_train_batch_end", **TOL)
def stop_mid_epoch(tf: Any) -> Any:
    keras = fresh(tf)
    model = _compiled(keras)
    rec = _recorder(keras)

    def stop(batch: int, logs: Any) -> None:
        if batch == 1:
            model.stop_training = True

    cb = keras.callbacks.LambdaCallback(on_train_batch_end=stop)
    h = model.fit(X, Y, batch_size=4, epochs=3, verbose=0, shuffle=False, callbacks=[cb, rec],
                  validation_data=(X7, Y7))
    return [h.history, h.epoch, model.stop_training, [e[0] for e in rec.events], int(model.optimizer.iterations)]


@case(AREA, "stop_training in on_epoch_end", **TOL)
def stop_epoch_end(tf: Any) -> Any:
    keras = fresh(tf)
    model = _compiled(keras)

    def stop(epoch: int, logs: Any) -> None:
        if epoch == 1:
            model.stop_training = True

    h = model.fit(X, Y, batch_size=10, epochs=5, verbose=0, shuffle=False,
                  callbacks=[keras.callbacks.LambdaCallback(on_epoch_end=stop)])
    return [h.history, h.epoch, model.stop_training]


@case(AREA, "stop_training reset at the next fit", **TOL)
def stop_reset(tf: Any) -> Any:
    keras = fresh(tf)
    model = _compiled(keras)
    cb = keras.callbacks.LambdaCallback(on_epoch_end=lambda e, logs: setattr(model, "stop_training", True))
    h1 = model.fit(X, Y, epochs=3, verbose=0, shuffle=False, callbacks=[cb])
    h2 = model.fit(X, Y, epochs=2, verbose=0, shuffle=False)
    return [h1.epoch, h2.epoch, model.stop_training]


@case(AREA, "LambdaCallback hooks including on_batch_end")
def lambda_hooks(tf: Any) -> Any:
    keras = fresh(tf)
    model = _compiled(keras)
    events = []
    cb = keras.callbacks.LambdaCallback(
        on_train_begin=lambda logs: events.append(["train_begin", logs]),
        on_train_end=lambda logs: events.append(["train_end", sorted(logs)]),
        on_epoch_begin=lambda e, logs: events.append(["epoch_begin", e, logs]),
        on_batch_begin=lambda b, logs: events.append(["batch_begin", b]),
        on_batch_end=lambda b, logs: events.append(["batch_end", b, sorted(logs)]),
        on_test_begin=lambda logs: events.append(["test_begin"]))
    model.fit(X, Y, batch_size=10, epochs=2, verbose=0, shuffle=False, callbacks=[cb], validation_data=(X7, Y7))
    return events


@case(AREA, "Callback base class defaults")
def base_defaults(tf: Any) -> Any:
    keras = fresh(tf)
    cb = keras.callbacks.Callback()
    return [cb.model, cb.params, [getattr(cb, h)(*([0] if "batch" in h or "epoch" in h else []))
                                  for h in [*_HOOKS, "on_batch_begin", "on_batch_end"]]]


@case(AREA, "nested callback lists are flattened", **TOL)
def nested_lists(tf: Any) -> Any:
    keras = fresh(tf)
    model = _compiled(keras)
    a, b = _recorder(keras), _recorder(keras)
    model.fit(X, Y, epochs=1, batch_size=10, verbose=0, shuffle=False, callbacks=[[a], b])
    return [len(a.events), len(b.events)]


# -- History ---------------------------------------------------------------------------------------------
@case(AREA, "History epochs and keys across fits", **TOL)
def history_keys(tf: Any) -> Any:
    keras = fresh(tf)
    model = _compiled(keras, metrics=["mae", "mse"])
    h = model.fit(X, Y, epochs=3, batch_size=8, verbose=0, shuffle=False, validation_data=(X7, Y7))
    h2 = model.fit(X, Y, epochs=1, batch_size=8, verbose=0, shuffle=False)
    return [type(h).__name__, h.history, list(h.history), h.epoch, h.params, h2.history, h2.epoch, h is h2]


@case(AREA, "History reused across two fits", **TOL)
def history_reused(tf: Any) -> Any:
    keras = fresh(tf)
    model = _compiled(keras)
    mine = keras.callbacks.History()
    model.fit(X, Y, epochs=2, batch_size=10, verbose=0, shuffle=False, callbacks=[mine])
    model.fit(X, Y, epochs=1, batch_size=10, verbose=0, shuffle=False, callbacks=[mine])
    return [mine.history, mine.epoch]


# -- EarlyStopping ---------------------------------------------------------------------------------------
_VAL_UP = (X7, Y7 * 40.0)  # validation loss rises as the model fits Y


def _early(name: str, es_kwargs: dict, fit_kwargs: dict | None = None, lr: float = 0.05,
           metrics: Any = ("mae",)) -> None:
    @case(AREA, f"EarlyStopping {name}", **TOL)
    def run(tf: Any) -> Any:
        keras = fresh(tf)
        model = _compiled(keras, metrics=metrics, lr=lr)
        es = keras.callbacks.EarlyStopping(**es_kwargs)
        kwargs = dict({"epochs": 6, "batch_size": 10, "verbose": 0, "shuffle": False, "validation_data": _VAL_UP},
                      **(fit_kwargs or {}))
        (h, warns), text = captured(warning_messages, model.fit, X, Y, callbacks=[es], **kwargs)
        return [h.epoch, h.history, es.stopped_epoch, getattr(es, "best_epoch", None), es.best, es.wait,
                model.stop_training, model.get_weights(), warns, final_lines(text)]


_early("val_loss rising patience 2", {"patience": 2})
_early("patience 0", {"patience": 0})
_early("verbose restore best weights", {"patience": 1, "restore_best_weights": True, "verbose": 1})
_early("restore best weights without stopping", {"patience": 10, "restore_best_weights": True, "monitor": "loss"})
_early("monitor loss improving runs to the end", {"monitor": "loss", "patience": 0})
_early("min_delta large stops", {"monitor": "loss", "min_delta": 10.0, "patience": 1})
_early("baseline never reached", {"monitor": "loss", "baseline": 1e-6, "patience": 1})
_early("baseline reached", {"monitor": "loss", "baseline": 100.0, "patience": 1})
_early("start_from_epoch", {"patience": 0, "start_from_epoch": 3})
_early("mode max on loss", {"monitor": "loss", "mode": "max", "patience": 1})
_early("monitor mae auto min", {"monitor": "val_mae", "patience": 1})
_early("monitor accuracy auto max", {"monitor": "accuracy", "patience": 1}, metrics=("accuracy",))
_early("missing monitor warns", {"monitor": "val_nope", "mode": "min"}, {"validation_data": None})
_early("missing val_loss without validation", {}, {"validation_data": None})


@case(AREA, "EarlyStopping unknown direction")
def early_unknown(tf: Any) -> Any:
    keras = fresh(tf)
    model = _compiled(keras)
    cb = keras.callbacks.LambdaCallback(on_epoch_end=lambda e, logs: logs.update(custom=1.0))
    es = keras.callbacks.EarlyStopping(monitor="custom")
    return [type(attempt(quiet, model.fit, X, Y, epochs=2, verbose=0, callbacks=[cb, es])).__name__]


@case(AREA, "EarlyStopping unknown direction message")
def early_unknown_message(tf: Any) -> Any:
    keras = fresh(tf)
    model = _compiled(keras)
    cb = keras.callbacks.LambdaCallback(on_epoch_end=lambda e, logs: logs.update(custom=1.0))
    es = keras.callbacks.EarlyStopping(monitor="custom")
    return attempt(quiet, model.fit, X, Y, epochs=2, verbose=0, callbacks=[cb, es])


@case(AREA, "EarlyStopping attributes before training")
def early_attrs(tf: Any) -> Any:
    keras = fresh(tf)
    es = keras.callbacks.EarlyStopping(min_delta=-0.5, patience=3, baseline=0.2)
    return [es.monitor, es.min_delta, es.patience, es.baseline, es.wait, es.stopped_epoch, es.best,
            es.restore_best_weights, es.start_from_epoch, es.verbose, es.mode]


# -- LearningRateScheduler / ReduceLROnPlateau ----------------------------------------------------------
@case(AREA, "LearningRateScheduler epoch and lr", **TOL)
def lr_scheduler(tf: Any) -> Any:
    keras = fresh(tf)
    model = _compiled(keras, lr=0.2)
    seen = []

    def schedule(epoch: int, lr: float) -> float:
        seen.append([epoch, lr])
        return lr * 0.5 if epoch > 0 else lr

    h, text = captured(model.fit, X, Y, epochs=3, batch_size=10, verbose=0, shuffle=False,
                       callbacks=[keras.callbacks.LearningRateScheduler(schedule, verbose=1)])
    return [seen, h.history, list(h.history), final_lines(text), float(model.optimizer.learning_rate),
            model.get_weights()]


@case(AREA, "LearningRateScheduler epoch only", **TOL)
def lr_scheduler_epoch(tf: Any) -> Any:
    keras = fresh(tf)
    model = _compiled(keras)
    h = model.fit(X, Y, epochs=3, batch_size=10, verbose=0, shuffle=False, validation_data=(X7, Y7),
                  callbacks=[keras.callbacks.LearningRateScheduler(lambda epoch: 0.1 / (epoch + 1))])
    return [h.history, list(h.history), model.get_weights()]


@case(AREA, "LearningRateScheduler non-float output")
def lr_scheduler_bad(tf: Any) -> Any:
    keras = fresh(tf)
    model = _compiled(keras)
    return attempt(model.fit, X, Y, epochs=1, verbose=0,
                   callbacks=[keras.callbacks.LearningRateScheduler(lambda epoch: "fast")])


@case(AREA, "LearningRateScheduler initial epoch", **TOL)
def lr_scheduler_initial(tf: Any) -> Any:
    keras = fresh(tf)
    model = _compiled(keras)
    seen = []
    h = model.fit(X, Y, epochs=4, initial_epoch=2, batch_size=10, verbose=0, shuffle=False,
                  callbacks=[keras.callbacks.LearningRateScheduler(lambda e, lr: seen.append(e) or 0.01 * (e + 1))])
    return [seen, h.history]


def _plateau(name: str, kwargs: dict, lr: float = 0.2, epochs: int = 5, fit_kwargs: dict | None = None) -> None:
    @case(AREA, f"ReduceLROnPlateau {name}", **TOL)
    def run(tf: Any) -> Any:
        keras = fresh(tf)
        model = _compiled(keras, lr=lr)
        cb = keras.callbacks.ReduceLROnPlateau(**kwargs)
        fk = dict({"epochs": epochs, "batch_size": 10, "verbose": 0, "shuffle": False}, **(fit_kwargs or {}))
        (h, warns), text = captured(warning_messages, model.fit, X, Y, callbacks=[cb], **fk)
        return [h.history, list(h.history), float(model.optimizer.learning_rate), cb.wait, cb.cooldown_counter,
                final_lines(text), warns, model.get_weights()]


_plateau("floor applies", {"monitor": "loss", "factor": 0.25, "patience": 1, "min_delta": 10, "min_lr": 0.005,
                           "verbose": 1})
_plateau("patience 2 cooldown 1", {"monitor": "loss", "factor": 0.5, "patience": 2, "min_delta": 10,
                                   "cooldown": 1})
_plateau("improving never reduces", {"monitor": "loss", "patience": 1})
_plateau("val_loss rising", {"factor": 0.5, "patience": 1, "verbose": 1}, fit_kwargs={"validation_data": _VAL_UP})
_plateau("missing monitor warns", {"monitor": "val_loss"})
_plateau("mode max", {"monitor": "loss", "mode": "max", "factor": 0.5, "patience": 1})


@case(AREA, "ReduceLROnPlateau factor >= 1")
def plateau_factor(tf: Any) -> Any:
    keras = fresh(tf)
    return attempt(keras.callbacks.ReduceLROnPlateau, factor=1.0)


# -- TerminateOnNaN --------------------------------------------------------------------------------------
@case(AREA, "TerminateOnNaN stops after a NaN batch")
def terminate_nan(tf: Any) -> Any:
    keras = fresh(tf)
    model = _compiled(keras)
    y = Y.copy()
    y[12] = np.nan
    rec = _recorder(keras, with_values=False)
    h, text = captured(model.fit, X, y, epochs=3, batch_size=4, verbose=0, shuffle=False,
                       callbacks=[keras.callbacks.TerminateOnNaN(), rec])
    return [h.epoch, list(h.history), bool(np.isnan(h.history["loss"][0])), model.stop_training,
            final_lines(text), [e[:2] for e in rec.events], bool(np.isnan(model.get_weights()[0]).any())]


@case(AREA, "TerminateOnNaN on infinite loss")
def terminate_inf(tf: Any) -> Any:
    keras = fresh(tf)
    model = _compiled(keras, metrics=None)
    y = Y.copy()
    y[2] = np.inf
    h, text = captured(model.fit, X, y, epochs=2, batch_size=5, verbose=0, shuffle=False,
                       callbacks=[keras.callbacks.TerminateOnNaN()])
    return [h.epoch, final_lines(text), model.stop_training]


@case(AREA, "TerminateOnNaN finite loss does nothing", **TOL)
def terminate_finite(tf: Any) -> Any:
    keras = fresh(tf)
    model = _compiled(keras)
    h, text = captured(model.fit, X, Y, epochs=2, batch_size=5, verbose=0, shuffle=False,
                       callbacks=[keras.callbacks.TerminateOnNaN()])
    return [h.epoch, text, h.history]


# -- CSVLogger -------------------------------------------------------------------------------------------
def _csv(tf: Any, fit_kwargs: dict, logger_kwargs: dict, twice: bool = False) -> Any:
    keras = fresh(tf)
    model = _compiled(keras)
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "log.csv")
        for _ in range(2 if twice else 1):
            model.fit(X, Y, batch_size=10, verbose=0, shuffle=False,
                      callbacks=[keras.callbacks.CSVLogger(path, **logger_kwargs)], **fit_kwargs)
        with open(path) as f:
            text = f.read()
    rows = [line.split(logger_kwargs.get("separator", ",")) for line in text.splitlines()]
    return [rows[0], [[float(v) if v not in ("NA",) else v for v in row] for row in rows[1:]] if len(rows) > 1
            else [], len(text.splitlines())]


@case(AREA, "CSVLogger rows", **TOL)
def csv_rows(tf: Any) -> Any:
    return _csv(tf, {"epochs": 3}, {})


@case(AREA, "CSVLogger with validation", **TOL)
def csv_val(tf: Any) -> Any:
    return _csv(tf, {"epochs": 2, "validation_data": (X7, Y7)}, {})


@case(AREA, "CSVLogger validation every other epoch", **TOL)
def csv_val_freq(tf: Any) -> Any:
    return _csv(tf, {"epochs": 3, "validation_data": (X7, Y7), "validation_freq": 2}, {})


@case(AREA, "CSVLogger separator and append", **TOL)
def csv_append(tf: Any) -> Any:
    return _csv(tf, {"epochs": 2}, {"separator": ";", "append": True}, twice=True)


@case(AREA, "CSVLogger overwrite", **TOL)
def csv_overwrite(tf: Any) -> Any:
    return _csv(tf, {"epochs": 2}, {}, twice=True)


# -- ModelCheckpoint -------------------------------------------------------------------------------------
def _checkpoint(tf: Any, cp_kwargs: dict, epochs: int = 3, val: Any = _VAL_UP) -> Any:
    keras = fresh(tf)
    model = _compiled(keras)
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, cp_kwargs.pop("name", "w.weights.h5"))
        cp = keras.callbacks.ModelCheckpoint(path, save_weights_only=True, **cp_kwargs)
        h, text = captured(model.fit, X, Y, epochs=epochs, batch_size=10, verbose=0, shuffle=False,
                           validation_data=val, callbacks=[cp])
        files = sorted(os.listdir(d))
        restored = []
        for name in files:
            other = mlp(keras, seed=99)
            other.load_weights(os.path.join(d, name))
            restored.append(other.get_weights())
        text = text.replace(d, "<dir>")
    return [files, restored, cp.best, final_lines(text), h.epoch, model.get_weights()]


@case(AREA, "ModelCheckpoint weights every epoch", **TOL)
def checkpoint_every(tf: Any) -> Any:
    return _checkpoint(tf, {"name": "w{epoch:02d}.weights.h5", "verbose": 1})


@case(AREA, "ModelCheckpoint save best only", **TOL)
def checkpoint_best(tf: Any) -> Any:
    return _checkpoint(tf, {"save_best_only": True, "monitor": "loss", "verbose": 1})


@case(AREA, "ModelCheckpoint save best only rising val_loss", **TOL)
def checkpoint_best_rising(tf: Any) -> Any:
    return _checkpoint(tf, {"save_best_only": True, "verbose": 1})


@case(AREA, "ModelCheckpoint filename with logs", **TOL)
def checkpoint_format(tf: Any) -> Any:
    return _checkpoint(tf, {"name": "e{epoch}-{loss:.3f}.weights.h5"}, epochs=2)


@case(AREA, "ModelCheckpoint save_freq in batches", **TOL)
def checkpoint_freq(tf: Any) -> Any:
    return _checkpoint(tf, {"name": "b{epoch}_{batch}.weights.h5", "save_freq": 3}, epochs=2)


@case(AREA, "ModelCheckpoint whole models (.keras) every epoch and best only, loaded back", **TOL)
def checkpoint_whole_model(tf: Any) -> Any:
    out = []
    for kwargs in ({"name": "m{epoch}.keras", "verbose": 1}, {"name": "best.keras", "save_best_only": True,
                                                               "monitor": "loss", "verbose": 1}):
        keras = fresh(tf)
        model = _compiled(keras)
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, kwargs.pop("name"))
            cp = keras.callbacks.ModelCheckpoint(path, **kwargs)
            h, text = captured(model.fit, X, Y, epochs=2, batch_size=10, verbose=0, shuffle=False,
                               validation_data=_VAL_UP, callbacks=[cp])
            files = sorted(os.listdir(d))
            loaded = [keras.models.load_model(os.path.join(d, name)) for name in files]
            out.append([files, [m.get_weights() for m in loaded], [int(m.optimizer.iterations) for m in loaded],
                        final_lines(text.replace(d, "<dir>")), h.epoch, model.get_weights()])
    return out


@case(AREA, "ModelCheckpoint path misuse")
def checkpoint_misuse(tf: Any) -> Any:
    keras = fresh(tf)
    return [attempt(keras.callbacks.ModelCheckpoint, "w.h5", save_weights_only=True),
            type(attempt(keras.callbacks.ModelCheckpoint, "model.h5")).__name__,
            attempt(keras.callbacks.ModelCheckpoint, "model.ckpt"),
            attempt(keras.callbacks.ModelCheckpoint, "w.weights.h5", save_weights_only=True, save_freq="never")]


# -- weights files -----------------------------------------------------------------------------------------
@case(AREA, "save_weights and load_weights round trip with optimizer", **TOL)
def weights_roundtrip(tf: Any) -> Any:
    keras = fresh(tf)
    model = _compiled(keras)
    model.fit(X, Y, epochs=1, batch_size=10, verbose=0, shuffle=False)
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "m.weights.h5")
        model.save_weights(path)
        other = mlp(keras, seed=3)
        other.compile(keras.optimizers.SGD(0.05), loss="mse")
        other.load_weights(path)
        fresh_model = mlp(keras, seed=4)
        fresh_model.load_weights(path)
        bad = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2), keras.layers.Dense(1)])
        mismatch = attempt(bad.load_weights, path)
        wrong_ext = attempt(model.save_weights, os.path.join(d, "m.h5"))
    return [other.get_weights(), fresh_model.get_weights(), type(mismatch).__name__, type(wrong_ext).__name__,
            other.predict(X7, verbose=0)]


@case(AREA, "load_weights functional model", **TOL)
def weights_functional(tf: Any) -> Any:
    from conformance.cases._keras_training_helpers import two_outputs

    keras = fresh(tf)
    model = two_outputs(keras)
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "f.weights.h5")
        model.save_weights(path)
        other = two_outputs(keras, seed=11)
        other.load_weights(path)
    return [other.get_weights(), other.predict(X7, verbose=0)]


# -- ProgbarLogger / Progbar -------------------------------------------------------------------------------
@case(AREA, "explicit ProgbarLogger with verbose 0")
def explicit_progbar(tf: Any) -> Any:
    keras = fresh(tf)
    model = _compiled(keras)
    _, text = captured(model.fit, X, Y, epochs=2, batch_size=10, verbose=0, shuffle=False,
                       callbacks=[keras.callbacks.ProgbarLogger()])
    return final_lines(text)


@case(AREA, "Progbar by hand")
def progbar_by_hand(tf: Any) -> Any:
    keras = fresh(tf)
    out = []
    for verbose in (1, 2):
        bar = keras.utils.Progbar(target=4, verbose=verbose)

        def run(bar: Any = bar) -> None:
            for i in range(1, 5):
                bar.update(i, values=[("loss", 1.0 / i), ("tiny", -0.0001 * i)])
        _, text = captured(run)
        out.append(final_lines(text))
    bar = keras.utils.Progbar(target=None)
    _, text = captured(lambda: [bar.update(3, values=[("a", 2.0)]), bar.update(5, finalize=True)])
    out.append(final_lines(text))
    return out


@case(AREA, "callback reprs name Keras's modules")
def callback_reprs(tf: Any) -> Any:
    import re

    keras = fresh(tf)

    class Mine(keras.callbacks.Callback):
        pass

    cbs = [keras.callbacks.History(), keras.callbacks.EarlyStopping(), keras.callbacks.CallbackList(),
           keras.callbacks.LambdaCallback(), keras.callbacks.TerminateOnNaN(), keras.callbacks.ProgbarLogger(),
           keras.callbacks.Callback(), Mine()]
    return [re.sub(r"0x[0-9a-f]+", "0x?", repr(cb)).replace(__name__, "<module>") for cb in cbs]
