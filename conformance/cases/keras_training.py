"""Spec keras-training-and-data.md sections 1-8, 11-13: compile/fit/evaluate/predict/*_on_batch on
small models with fixed weights -- History values and keys, epoch aggregation, metric names,
multi-output models, sample/class weights, validation, Datasets and generators, custom steps,
progress output (timing masked) and the misuses' exception classes."""

from __future__ import annotations

from typing import Any

import numpy as np

from conformance.case import attempt, case
from conformance.cases._keras_training_helpers import (
    SW,
    X7,
    Y7,
    Y_BIN,
    Y_INT,
    X,
    Y,
    captured,
    final_lines,
    fix_weights,
    fresh,
    mlp,
    quiet,
    summary,
    two_heads,
    two_outputs,
    two_outputs_dict,
    warning_counts,
    warning_messages,
)

AREA = "keras_training"
TOL = {"rtol": 2e-5, "atol": 2e-6}


def _fit_case(name: str, build: Any, fit_kwargs: dict, compile_kwargs: dict | None = None) -> None:
    @case(AREA, name, **TOL)
    def run(tf: Any) -> Any:
        keras = fresh(tf)
        model = build(keras)
        kwargs = dict(compile_kwargs or {})
        opt = kwargs.pop("optimizer", None)
        model.compile(optimizer=opt(keras) if callable(opt) else (opt or keras.optimizers.SGD(0.05)), **kwargs)
        history = quiet(model.fit, **fit_kwargs(tf) if callable(fit_kwargs) else fit_kwargs)
        return summary(history, model)


def _data(**extra: Any) -> dict:
    return dict({"x": X, "y": Y, "verbose": 0, "shuffle": False}, **extra)


# -- losses given as strings, classes, instances and functions -----------------------------------------
_REGRESSION_LOSSES = {
    "mse": "mse", "mae": "mae", "mean_squared_error": "mean_squared_error", "huber": "huber",
    "log_cosh": "log_cosh", "mape": "mape", "msle": "msle",
}
for _label, _loss in _REGRESSION_LOSSES.items():
    if _label != "mape":
        _fit_case(f"loss string {_label}", lambda k: mlp(k), _data(epochs=2, batch_size=8), {"loss": _loss})


@case(AREA, "loss string mape", rtol=3e-4, atol=1e-5)  # MAPE divides by |y|: float32 rounding grows
def loss_mape(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras)
    model.compile(keras.optimizers.SGD(0.05), loss="mape")
    return summary(model.fit(X, Y, epochs=2, batch_size=8, verbose=0, shuffle=False), model)



@case(AREA, "loss instances, classes and functions", **TOL)
def loss_kinds(tf: Any) -> Any:
    out = []
    for make in (lambda k: k.losses.MeanSquaredError(), lambda k: k.losses.Huber(delta=0.5),
                 lambda k: k.losses.MeanAbsoluteError, lambda k: k.losses.get("mean_squared_error"),
                 lambda k: k.losses.get("huber")):
        keras = fresh(tf)
        model = mlp(keras)
        model.compile(keras.optimizers.SGD(0.05), loss=make(keras))
        h = model.fit(X, Y, epochs=2, batch_size=8, verbose=0, shuffle=False)
        out.append([h.history, model.metrics_names])
    return out


@case(AREA, "python function loss and metric names", **TOL)
def function_loss(tf: Any) -> Any:
    keras = fresh(tf)

    def my_loss(y_true: Any, y_pred: Any) -> Any:
        return tf.reduce_mean(tf.square(y_true - y_pred), axis=-1)

    def my_metric(y_true: Any, y_pred: Any) -> Any:
        return tf.reduce_mean(tf.abs(y_true - y_pred), axis=-1)

    model = mlp(keras)
    model.compile(keras.optimizers.SGD(0.05), loss=my_loss, metrics=[my_metric])
    h = model.fit(X, Y, epochs=2, batch_size=6, verbose=0, shuffle=False)
    return summary(h, model)


_CLASSIFICATION = [
    ("binary_crossentropy accuracy", lambda k: mlp(k, out_activation="sigmoid"), Y_BIN,
     {"loss": "binary_crossentropy", "metrics": ["accuracy"]}),
    ("binary_crossentropy acc and AUC", lambda k: mlp(k, out_activation="sigmoid"), Y_BIN,
     {"loss": "binary_crossentropy", "metrics": ["acc", "mse"]}),
    ("sparse categorical from logits", lambda k: mlp(k, outputs=3), Y_INT,
     {"loss": "SparseCategoricalCrossentropy_logits", "metrics": ["accuracy"]}),
    ("sparse categorical string", lambda k: mlp(k, outputs=3, out_activation="softmax"), Y_INT,
     {"loss": "sparse_categorical_crossentropy", "metrics": ["accuracy", "sparse_categorical_crossentropy"]}),
    ("categorical one-hot", lambda k: mlp(k, outputs=3, out_activation="softmax"), np.eye(3, dtype=np.float32)[Y_INT],
     {"loss": "categorical_crossentropy", "metrics": ["accuracy"]}),
    ("binary crossentropy instance from logits", lambda k: mlp(k), Y_BIN,
     {"loss": "BinaryCrossentropy_logits", "metrics": ["binary_accuracy"]}),
    ("sparse categorical int64 labels", lambda k: mlp(k, outputs=3, out_activation="softmax"),
     Y_INT.astype(np.int64), {"loss": "sparse_categorical_crossentropy", "metrics": ["acc"]}),
]


def _resolve_loss(keras: Any, loss: Any) -> Any:
    if loss == "SparseCategoricalCrossentropy_logits":
        return keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    if loss == "BinaryCrossentropy_logits":
        return keras.losses.BinaryCrossentropy(from_logits=True)
    return loss


for _name, _build, _y, _ck in _CLASSIFICATION:
    def _register(name: str = _name, build: Any = _build, y: Any = _y, ck: dict = _ck) -> None:
        @case(AREA, f"classification {name}", **TOL)
        def run(tf: Any) -> Any:
            keras = fresh(tf)
            model = build(keras)
            model.compile(keras.optimizers.Adam(0.01), loss=_resolve_loss(keras, ck["loss"]), metrics=ck["metrics"])
            h = model.fit(X, y, epochs=3, batch_size=8, verbose=0, shuffle=False)
            return [summary(h, model), model.evaluate(X, y, verbose=0), model.evaluate(X, y, verbose=0,
                                                                                     return_dict=True)]
    _register()

# -- metrics: names and kinds ---------------------------------------------------------------------------
_METRIC_SETS = {
    "mae string": ["mae"],
    "mse and mae strings": ["mse", "mae"],
    "long names": ["mean_absolute_error", "mean_squared_error"],
    "objects default names": ["RootMeanSquaredError", "MeanAbsolutePercentageError"],
    "object with name": ["named_rmse"],
    "capital names order": ["Delta", "beta", "omega"],
    "loss name as metric": ["mse", "huber"],
    "class as metric": ["MAE_class"],
}


def _metrics(keras: Any, names: list) -> list:
    out = []
    for n in names:
        if n == "RootMeanSquaredError":
            out.append(keras.metrics.RootMeanSquaredError())
        elif n == "MeanAbsolutePercentageError":
            out.append(keras.metrics.MeanAbsolutePercentageError())
        elif n == "named_rmse":
            out.append(keras.metrics.RootMeanSquaredError(name="rmse"))
        elif n in ("Delta", "beta", "omega"):
            out.append(keras.metrics.MeanAbsoluteError(name=n))
        elif n == "MAE_class":
            out.append(keras.metrics.MeanAbsoluteError)
        else:
            out.append(n)
    return out


for _label, _names in _METRIC_SETS.items():
    def _register_metrics(label: str = _label, names: list = _names) -> None:
        @case(AREA, f"metrics {label}", **TOL)
        def run(tf: Any) -> Any:
            keras = fresh(tf)
            model = mlp(keras)
            model.compile(keras.optimizers.SGD(0.05), loss="mse", metrics=_metrics(keras, names))
            before = model.metrics_names
            h = model.fit(X, Y, epochs=2, batch_size=8, verbose=0, shuffle=False, validation_data=(X7, Y7))
            return [before, summary(h, model), model.evaluate(X, Y, verbose=0),
                    model.evaluate(X, Y, verbose=0, return_dict=True), [m.name for m in model.metrics],
                    [type(m).__name__ for m in model.metrics]]
    _register_metrics()

# -- optimizers ------------------------------------------------------------------------------------------
for _opt in ("sgd", "adam", "rmsprop", "adagrad", "adamax", "nadam", "adamw", "adadelta", "ftrl", "lion"):
    def _register_opt(opt: str = _opt) -> None:
        @case(AREA, f"optimizer string {opt}", **TOL)
        def run(tf: Any) -> Any:
            keras = fresh(tf)
            model = mlp(keras)
            model.compile(opt, loss="mse")
            h = model.fit(X, Y, epochs=2, batch_size=8, verbose=0, shuffle=False)
            return [summary(h, model), type(model.optimizer).__name__, float(model.optimizer.learning_rate)]
    _register_opt()


@case(AREA, "optimizer instance with schedule and clipnorm", **TOL)
def optimizer_schedule(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras)
    sched = keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=2, decay_rate=0.5)
    model.compile(keras.optimizers.SGD(sched, momentum=0.9, clipnorm=1.0), loss="mse")
    h = model.fit(X, Y, epochs=3, batch_size=8, verbose=0, shuffle=False)
    return summary(h, model)


# -- fit arguments ---------------------------------------------------------------------------------------
_fit_case("batch size default 32 with 70 rows", mlp,
          {"x": np.tile(X, (4, 1))[:70], "y": np.tile(Y, (4, 1))[:70], "verbose": 0, "shuffle": False},
          {"loss": "mse"})
_fit_case("batch size 7 partial last batch", mlp, _data(batch_size=7, epochs=2), {"loss": "mse", "metrics": ["mae"]})
_fit_case("batch size larger than data", mlp, _data(batch_size=64, epochs=3), {"loss": "mse"})
_fit_case("batch size 1", mlp, _data(batch_size=1, epochs=1), {"loss": "mse"})
_fit_case("epochs zero", mlp, _data(epochs=0), {"loss": "mse"})
_fit_case("initial epoch", mlp, _data(epochs=4, initial_epoch=2, batch_size=8), {"loss": "mse"})
_fit_case("initial epoch equals epochs", mlp, _data(epochs=2, initial_epoch=2), {"loss": "mse"})
_fit_case("validation split 0.25", mlp, _data(epochs=2, batch_size=4, validation_split=0.25),
          {"loss": "mse", "metrics": ["mae"]})
_fit_case("validation split 0.3 with sample weights", mlp,
          _data(epochs=2, batch_size=4, validation_split=0.3, sample_weight=SW), {"loss": "mse"})
_fit_case("validation split 1.5 not rejected", mlp, _data(epochs=1, batch_size=4, validation_split=1.5),
          {"loss": "mse"})
_fit_case("validation data tuple", mlp, _data(epochs=3, batch_size=8, validation_data=(X7, Y7)),
          {"loss": "mse", "metrics": ["mae"]})
_fit_case("validation data with sample weight", mlp,
          _data(epochs=2, batch_size=8, validation_data=(X7, Y7, SW[:7])), {"loss": "mse", "metrics": ["mae"]})
_fit_case("validation batch size and steps", mlp,
          _data(epochs=2, batch_size=8, validation_data=(X, Y), validation_batch_size=3, validation_steps=2),
          {"loss": "mse"})
_fit_case("validation freq 2", mlp, _data(epochs=5, batch_size=8, validation_data=(X7, Y7), validation_freq=2),
          {"loss": "mse", "metrics": ["mae"]})
_fit_case("validation freq list", mlp,
          _data(epochs=4, batch_size=8, validation_data=(X7, Y7), validation_freq=[1, 4]), {"loss": "mse"})
_fit_case("steps per epoch on arrays", mlp, _data(epochs=3, batch_size=4, steps_per_epoch=2), {"loss": "mse"})
_fit_case("sample weight", mlp, _data(epochs=2, batch_size=6, sample_weight=SW),
          {"loss": "mse", "metrics": ["mae"], "weighted_metrics": ["mae"]})
_fit_case("weighted metrics only", mlp, _data(epochs=2, batch_size=6, sample_weight=SW),
          {"loss": "mse", "weighted_metrics": ["mae", "mse"]})
_fit_case("class weight", lambda k: mlp(k, outputs=3, out_activation="softmax"),
          {"x": X, "y": Y_INT, "epochs": 2, "batch_size": 8, "verbose": 0, "shuffle": False,
           "class_weight": {0: 1.0, 1: 2.0, 2: 0.5}},
          {"loss": "sparse_categorical_crossentropy", "metrics": ["accuracy"]})
_fit_case("class weight one-hot", lambda k: mlp(k, outputs=3, out_activation="softmax"),
          {"x": X, "y": np.eye(3, dtype=np.float32)[Y_INT], "epochs": 2, "batch_size": 8, "verbose": 0,
           "shuffle": False, "class_weight": {0: 3.0, 2: 0.25}},
          {"loss": "categorical_crossentropy", "metrics": ["accuracy"]})
_fit_case("float64 inputs", mlp, {"x": X.astype(np.float64), "y": Y.astype(np.float64), "epochs": 2,
                                   "batch_size": 8, "verbose": 0, "shuffle": False}, {"loss": "mse"})
_fit_case("int32 targets with mse", mlp, {"x": X, "y": Y_INT.reshape(-1, 1), "epochs": 1, "batch_size": 8,
                                          "verbose": 0, "shuffle": False}, {"loss": "mse"})
_fit_case("y of width 3 broadcast against one output", mlp,
          {"x": X, "y": np.repeat(Y, 3, axis=1), "epochs": 1, "batch_size": 8, "verbose": 0, "shuffle": False},
          {"loss": "mse"})
_fit_case("loss weight float single output", mlp, _data(epochs=2, batch_size=8), {"loss": "mse", "loss_weights": 0.5})
_fit_case("run eagerly", mlp, _data(epochs=2, batch_size=8), {"loss": "mse", "run_eagerly": True,
                                                              "metrics": ["mae"]})
_fit_case("jit compile false and steps per execution", mlp, _data(epochs=2, batch_size=8),
          {"loss": "mse", "jit_compile": False, "steps_per_execution": 1})


@case(AREA, "fit on tensors", **TOL)
def fit_tensors(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras)
    model.compile(keras.optimizers.SGD(0.05), loss="mse", metrics=["mae"])
    h = model.fit(tf.constant(X), tf.constant(Y), epochs=2, batch_size=8, verbose=0, shuffle=False,
                  validation_data=(tf.constant(X7), tf.constant(Y7)))
    return summary(h, model)


@case(AREA, "fit on a batched Dataset", **TOL)
def fit_dataset(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras)
    model.compile(keras.optimizers.SGD(0.05), loss="mse", metrics=["mae"])
    ds = tf.data.Dataset.from_tensor_slices((X, Y)).batch(6)
    val = tf.data.Dataset.from_tensor_slices((X7, Y7)).batch(4)
    h = quiet(model.fit, ds, epochs=3, verbose=0, validation_data=val)
    return summary(h, model)


@case(AREA, "fit on a Dataset with sample weights", **TOL)
def fit_dataset_sw(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras)
    model.compile(keras.optimizers.SGD(0.05), loss="mse", weighted_metrics=["mae"])
    ds = tf.data.Dataset.from_tensor_slices((X, Y, SW)).batch(8)
    h = quiet(model.fit, ds, epochs=2, verbose=0)
    return summary(h, model)


@case(AREA, "fit on a repeated Dataset with steps per epoch", **TOL)
def fit_dataset_repeat(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras)
    model.compile(keras.optimizers.SGD(0.05), loss="mse")
    ds = tf.data.Dataset.from_tensor_slices((X, Y)).batch(8).repeat()
    val = tf.data.Dataset.from_tensor_slices((X7, Y7)).batch(2).repeat()
    h = quiet(model.fit, ds, epochs=3, steps_per_epoch=2, verbose=0, validation_data=val, validation_steps=2)
    return summary(h, model)


@case(AREA, "fit on a Dataset of unknown cardinality", **TOL)
def fit_dataset_unknown(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras)
    model.compile(keras.optimizers.SGD(0.05), loss="mse")
    ds = tf.data.Dataset.from_tensor_slices((X, Y)).batch(8).filter(lambda x, y: True)
    h, warns = warning_messages(model.fit, ds, epochs=2, verbose=0)
    result = summary(h, model)
    del result["iterations"]  # TF's counter also counts the step that found the data exhausted
    return [result, warns]


@case(AREA, "fit on a Dataset with class weight", **TOL)
def fit_dataset_class_weight(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras, outputs=3, out_activation="softmax")
    model.compile(keras.optimizers.SGD(0.05), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    ds = tf.data.Dataset.from_tensor_slices((X, Y_INT)).batch(8)
    h = quiet(model.fit, ds, epochs=2, verbose=0, class_weight={0: 2.0, 1: 0.5, 2: 1.0})
    return summary(h, model)


@case(AREA, "fit on a python generator", **TOL)
def fit_generator(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras)
    model.compile(keras.optimizers.SGD(0.05), loss="mse", metrics=["mae"])

    def gen() -> Any:
        while True:
            for i in range(0, 20, 5):
                yield X[i:i + 5], Y[i:i + 5]

    h = quiet(model.fit, gen(), epochs=2, steps_per_epoch=4, verbose=0)
    return summary(h, model)


@case(AREA, "fit on a finite generator", **TOL)
def fit_generator_finite(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras)
    model.compile(keras.optimizers.SGD(0.05), loss="mse")

    def gen() -> Any:
        for i in range(0, 20, 5):
            yield X[i:i + 5], Y[i:i + 5]

    h = quiet(model.fit, gen(), epochs=1, verbose=0)
    return [h.history, h.params["steps"], model.get_weights()]


@case(AREA, "evaluate and predict on a Dataset", **TOL)
def dataset_eval_predict(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras)
    model.compile("sgd", loss="mse", metrics=["mae"])
    ds = tf.data.Dataset.from_tensor_slices((X, Y)).batch(6)
    xs = tf.data.Dataset.from_tensor_slices(X).batch(6)
    return [model.evaluate(ds, verbose=0), model.evaluate(ds, verbose=0, steps=2, return_dict=True),
            model.predict(ds, verbose=0), model.predict(xs, verbose=0)]


# -- aggregation -----------------------------------------------------------------------------------------
@case(AREA, "epoch loss is the per-sample mean (lr 0)", **TOL)
def aggregation_lr0(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras)
    model.compile(keras.optimizers.SGD(0.0), loss="mse", metrics=["mae"])
    seen = []
    cb = keras.callbacks.LambdaCallback(on_train_batch_end=lambda b, logs: seen.append(dict(logs)))
    h = model.fit(X7, Y7, batch_size=3, verbose=0, shuffle=False, callbacks=[cb])
    return [h.history, seen, float(np.mean((model.predict(X7, verbose=0) - Y7) ** 2))]


@case(AREA, "evaluate does not depend on batch size", **TOL)
def evaluate_batch_sizes(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras)
    model.compile("sgd", loss="mse", metrics=["mae", "mse"])
    return [model.evaluate(X, Y, batch_size=b, verbose=0) for b in (1, 3, 7, 32)]


@case(AREA, "evaluate with sample weight", **TOL)
def evaluate_sample_weight(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras)
    model.compile("sgd", loss="mse", metrics=["mae"], weighted_metrics=["mae"])
    return [model.evaluate(X, Y, sample_weight=SW, batch_size=6, verbose=0, return_dict=True),
            model.evaluate(X, Y, sample_weight=SW, batch_size=6, verbose=0)]


@case(AREA, "evaluate list order with weighted duplicate", **TOL)
def evaluate_duplicate(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras)
    model.compile("sgd", loss="mse", metrics=["mape", "mae"], weighted_metrics=["mape"])
    return [model.evaluate(X, Y, sample_weight=SW, verbose=0), model.metrics_names,
            model.evaluate(X, Y, sample_weight=SW, verbose=0, return_dict=True)]


@case(AREA, "evaluate steps and plain loss", **TOL)
def evaluate_steps(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras)
    model.compile("sgd", loss="mse")
    r = model.evaluate(X, Y, verbose=0)
    return [r, type(r).__name__, model.evaluate(X, Y, steps=2, batch_size=4, verbose=0),
            model.evaluate(X, Y, verbose=0, return_dict=True)]


# -- multi-output models ---------------------------------------------------------------------------------
_MULTI = {
    "list losses": lambda k: {"loss": ["mse", "mae"]},
    "list losses and weights": lambda k: {"loss": ["mse", "mae"], "loss_weights": [1.0, 0.5]},
    "dict losses": lambda k: {"loss": {"left": "mse", "right": "mae"}},
    "dict losses and weights": lambda k: {"loss": {"left": "mse", "right": "mae"},
                                          "loss_weights": {"left": 2.0, "right": 0.25}},
    "single loss for both": lambda k: {"loss": "mse"},
    "list metrics per output": lambda k: {"loss": ["mse", "mae"], "metrics": [["mape"], ["msle", "mae"]]},
    "dict metrics": lambda k: {"loss": ["mse", "mae"], "metrics": {"left": "mape", "right": ["mae"]}},
    "loss objects": lambda k: {"loss": [k.losses.MeanSquaredError(), k.losses.Huber()]},
    "None loss for one output": lambda k: {"loss": ["mse", None]},
}
for _label, _ck in _MULTI.items():
    def _register_multi(label: str = _label, ck: Any = _ck) -> None:
        @case(AREA, f"two outputs {label}", **TOL)
        def run(tf: Any) -> Any:
            keras = fresh(tf)
            model = two_outputs(keras)
            model.compile(keras.optimizers.SGD(0.05), **ck(keras))
            y = [Y, np.concatenate([Y, -Y], axis=1)]
            before = model.metrics_names
            h = model.fit(X, y, epochs=2, batch_size=6, verbose=0, shuffle=False,
                          validation_data=(X7, [y[0][:7], y[1][:7]]))
            return [before, summary(h, model), model.evaluate(X, y, batch_size=6, verbose=0),
                    model.evaluate(X, y, verbose=0, return_dict=True), model.predict(X7, verbose=0)]
    _register_multi()


@case(AREA, "two outputs targets as a dict", **TOL)
def multi_dict_targets(tf: Any) -> Any:
    keras = fresh(tf)
    model = two_outputs(keras)
    model.compile(keras.optimizers.SGD(0.05), loss={"left": "mse", "right": "mae"}, metrics={"left": ["mae"]})
    y = {"left": Y, "right": np.concatenate([Y, -Y], axis=1)}
    h = model.fit(X, y, epochs=2, batch_size=8, verbose=0, shuffle=False)
    return [summary(h, model), model.evaluate(X, y, verbose=0)]


@case(AREA, "dict outputs model", **TOL)
def dict_outputs(tf: Any) -> Any:
    keras = fresh(tf)
    model = two_outputs_dict(keras)
    model.compile(keras.optimizers.SGD(0.05), loss={"left": "mse", "right": "mae"}, metrics={"right": ["mse"]})
    y = {"left": Y, "right": np.concatenate([Y, -Y], axis=1)}
    h = model.fit(X, y, epochs=2, batch_size=8, verbose=0, shuffle=False)
    p = model.predict(X7, verbose=0)
    return [summary(h, model), model.evaluate(X, y, verbose=0, return_dict=True), type(p).__name__, p,
            model.predict_on_batch(X7)]


@case(AREA, "two inputs model with dict x", **TOL)
def two_inputs(tf: Any) -> Any:
    keras = fresh(tf)
    a = keras.Input((3,), name="a")
    b = keras.Input((2,), name="b")
    h = keras.layers.Concatenate()([a, b])
    out = keras.layers.Dense(1, name="out")(h)
    model = fix_weights(keras.Model([a, b], out))
    model.compile(keras.optimizers.SGD(0.05), loss="mse")
    xb = X[:, :2] * 2
    h1 = model.fit({"a": X, "b": xb}, Y, epochs=2, batch_size=8, verbose=0, shuffle=False)
    h2 = model.fit([X, xb], Y, epochs=1, batch_size=8, verbose=0, shuffle=False)
    return [h1.history, h2.history, model.predict([X7, xb[:7]], verbose=0), model.get_weights()]


@case(AREA, "multi output short last batch per-output loss quirk", **TOL)
def multi_output_quirk(tf: Any) -> Any:
    keras = fresh(tf)
    model = two_outputs(keras)
    model.compile(keras.optimizers.SGD(0.0), loss=["mse", "mse"], metrics=[["mape"], []])
    y = [Y7, np.concatenate([Y7, Y7], axis=1)]
    h = model.fit(X7, y, batch_size=3, verbose=0, shuffle=False)
    return h.history


# -- predict and *_on_batch ------------------------------------------------------------------------------
@case(AREA, "predict dtypes and batching", **TOL)
def predict_basic(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras)
    x70 = np.tile(X, (4, 1))[:70]
    seen = []
    cb = keras.callbacks.LambdaCallback(on_predict_batch_end=lambda b, logs: seen.append(logs["outputs"].shape))
    p = model.predict(x70, verbose=0, callbacks=[cb])
    return [p, p.dtype.name, type(p).__name__, seen, model.predict(X.astype(np.float64), verbose=0),
            model.predict(tf.constant(X), batch_size=5, verbose=0), model.predict(X, steps=2, batch_size=3,
                                                                                  verbose=0)]


@case(AREA, "predict int input", **TOL)
def predict_int(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras)
    return model.predict((X * 4).astype(np.int32), verbose=0)


@case(AREA, "train_on_batch and test_on_batch", **TOL)
def on_batch(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras)
    model.compile(keras.optimizers.SGD(0.1), loss="mse", metrics=["mae"])
    a = model.test_on_batch(X[:8], Y[:8])
    b = model.train_on_batch(X[:8], Y[:8])
    c = model.train_on_batch(X[:8], Y[:8], return_dict=True)
    d = model.test_on_batch(X[:8], Y[:8], sample_weight=SW[:8], return_dict=True)
    e = model.train_on_batch(X[:8], Y[:8], sample_weight=SW[:8])
    return [a, b, c, d, e, model.predict_on_batch(X[:3]), type(model.predict_on_batch(X[:3])).__name__,
            model.get_weights(), int(model.optimizer.iterations.numpy())]


@case(AREA, "train_on_batch plain loss and class weight", **TOL)
def on_batch_plain(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras, outputs=3, out_activation="softmax")
    model.compile(keras.optimizers.SGD(0.1), loss="sparse_categorical_crossentropy")
    r = model.train_on_batch(X[:8], Y_INT[:8])
    r2 = model.train_on_batch(X[:8], Y_INT[:8], class_weight={0: 2.0, 1: 1.0, 2: 0.5})
    return [r, type(r).__name__, r2, model.test_on_batch(X, Y_INT), model.get_weights()]


@case(AREA, "on_batch multi output", **TOL)
def on_batch_multi(tf: Any) -> Any:
    keras = fresh(tf)
    model = two_outputs(keras)
    model.compile(keras.optimizers.SGD(0.1), loss=["mse", "mae"], metrics=[["mae"], []])
    y = [Y[:8], np.concatenate([Y, Y], axis=1)[:8]]
    return [model.train_on_batch(X[:8], y), model.test_on_batch(X[:8], y, return_dict=True),
            model.predict_on_batch(X[:2]), model.metrics_names]


@case(AREA, "train_on_batch reset_metrics keyword", **TOL)
def on_batch_reset_kw(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras)
    model.compile("sgd", loss="mse")
    return [type(attempt(model.train_on_batch, X, Y, reset_metrics=True)).__name__]


# -- model state: metrics, names, flags ------------------------------------------------------------------
@case(AREA, "metrics names before and after compile")
def names_lifecycle(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras)
    a = model.metrics_names
    model.compile("sgd", loss="mse")
    b = model.metrics_names
    model.compile("sgd", loss="mse", metrics=["mae"])
    c = model.metrics_names
    return [a, b, c, [type(m).__name__ for m in model.metrics], model.compiled, model.run_eagerly,
            type(model.optimizer).__name__]


@case(AREA, "compile optimizer strings and learning rates")
def optimizer_strings(tf: Any) -> Any:
    keras = fresh(tf)
    out = []
    for name in ("sgd", "adam", "rmsprop", "SGD", "Adam"):
        model = mlp(keras)
        model.compile(name, loss="mse")
        out.append([type(model.optimizer).__name__, float(model.optimizer.learning_rate),
                    model.optimizer.iterations.dtype])
    return out


@case(AREA, "stop_training flag and history attribute")
def stop_training_flag(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras)
    model.compile("sgd", loss="mse")
    h1 = model.fit(X, Y, verbose=0, shuffle=False)
    h2 = model.fit(X, Y, verbose=0, shuffle=False)
    return [model.stop_training, h1 is h2, model.history is h2, type(model.history).__name__]


@case(AREA, "user History object is returned", **TOL)
def user_history(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras)
    model.compile("sgd", loss="mse")
    mine = keras.callbacks.History()
    h = model.fit(X, Y, epochs=2, verbose=0, shuffle=False, callbacks=[mine])
    return [h is mine, mine.history, mine.epoch, model.history is mine]


@case(AREA, "regularization and add_loss in the loss", **TOL)
def regularized(tf: Any) -> Any:
    keras = fresh(tf)
    model = keras.Sequential([keras.Input((3,)),
                              keras.layers.Dense(4, activation="tanh", kernel_regularizer=keras.regularizers.L2(0.1)),
                              keras.layers.Dense(1, activity_regularizer=keras.regularizers.L1(0.01))])
    fix_weights(model)
    model.compile(keras.optimizers.SGD(0.05), loss="mse", metrics=["mse"])
    h = model.fit(X, Y, epochs=2, batch_size=8, verbose=0, shuffle=False)
    return [summary(h, model), model.evaluate(X, Y, verbose=0)]


@case(AREA, "dropout active in fit only", **TOL)
def dropout_fit(tf: Any) -> Any:
    keras = fresh(tf)
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4), keras.layers.Dropout(0.999999),
                              keras.layers.Dense(1)])
    fix_weights(model)
    model.compile(keras.optimizers.SGD(0.0), loss="mse")
    h = model.fit(X, Y, batch_size=20, verbose=0, shuffle=False)
    return [h.history, model.evaluate(X, Y, verbose=0)]


@case(AREA, "non-trainable model warns", **TOL)
def untrainable(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras)
    model.trainable = False
    model.compile("sgd", loss="mse")
    h, warns = warning_messages(model.fit, X, Y, verbose=0, shuffle=False)
    return [h.history, warns, model.get_weights()]


@case(AREA, "batch norm moving statistics in fit", **TOL)
def batchnorm_fit(tf: Any) -> Any:
    keras = fresh(tf)
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4), keras.layers.BatchNormalization(),
                              keras.layers.Dense(1)])
    fix_weights(model)
    model.compile(keras.optimizers.SGD(0.05), loss="mse")
    h = model.fit(X, Y, epochs=2, batch_size=5, verbose=0, shuffle=False)
    return [summary(h, model), model.evaluate(X, Y, verbose=0)]


# -- custom steps ----------------------------------------------------------------------------------------
def _custom_model_class(keras: Any, tf: Any) -> Any:
    class Custom(keras.Model):
        def __init__(self) -> None:
            super().__init__()
            self.dense = keras.layers.Dense(1)
            self.obj = keras.metrics.Mean(name="obj")
            self.err = keras.metrics.MeanAbsoluteError(name="err")

        def call(self, x: Any) -> Any:
            return self.dense(x)

        def train_step(self, data: Any) -> Any:
            x, y = data
            with tf.GradientTape() as tape:
                pred = self(x, training=True)
                loss = tf.reduce_mean(tf.square(pred - y))
            grads = tape.gradient(loss, self.trainable_variables)
            self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
            self.obj.update_state(loss)
            self.err.update_state(y, pred)
            return {"obj": self.obj.result(), "err": self.err.result(), "raw": loss}

        def test_step(self, data: Any) -> Any:
            x, y = data
            pred = self(x, training=False)
            self.err.update_state(y, pred)
            return {"err": self.err.result()}

    return Custom


@case(AREA, "custom train_step and test_step", **TOL)
def custom_train_step(tf: Any) -> Any:
    keras = fresh(tf)
    model = _custom_model_class(keras, tf)()
    model(X[:1])
    fix_weights(model)
    model.compile(keras.optimizers.SGD(0.05))
    h = model.fit(X, Y, epochs=2, batch_size=6, verbose=0, shuffle=False, validation_data=(X7, Y7))
    return [h.history, list(h.history), model.metrics_names, model.evaluate(X, Y, verbose=0, return_dict=True),
            model.get_weights()]


@case(AREA, "custom metrics property", **TOL)
def custom_metrics_property(tf: Any) -> Any:
    keras = fresh(tf)
    base = _custom_model_class(keras, tf)

    class NoReset(base):  # type: ignore[misc, valid-type]
        @property
        def metrics(self) -> list:
            return []

    class Listed(base):  # type: ignore[misc, valid-type]
        @property
        def metrics(self) -> list:
            return [self.obj, self.err]

    out = []
    for cls in (NoReset, Listed):
        model = cls()
        model(X[:1])
        fix_weights(model)
        model.compile(keras.optimizers.SGD(0.05))
        h = model.fit(X, Y, epochs=2, batch_size=10, verbose=0, shuffle=False)
        out.append([h.history, model.metrics_names])
    return out


@case(AREA, "custom model without loss evaluate")
def custom_no_loss(tf: Any) -> Any:
    keras = fresh(tf)

    class Plain(keras.Model):
        def __init__(self) -> None:
            super().__init__()
            self.dense = keras.layers.Dense(1)

        def call(self, x: Any) -> Any:
            return self.dense(x)

    model = Plain()
    model.compile("sgd")
    return attempt(model.evaluate, X, Y, verbose=0)


@case(AREA, "compute_loss override", **TOL)
def compute_loss_override(tf: Any) -> Any:
    keras = fresh(tf)

    class Scaled(keras.Model):
        def __init__(self) -> None:
            super().__init__()
            self.dense = keras.layers.Dense(1)

        def call(self, x: Any) -> Any:
            return self.dense(x)

        def compute_loss(self, x: Any = None, y: Any = None, y_pred: Any = None, sample_weight: Any = None,
                         training: bool = True) -> Any:
            return 3.0 * tf.reduce_mean(tf.abs(y - y_pred))

    model = Scaled()
    model(X[:1])
    fix_weights(model)
    model.compile(keras.optimizers.SGD(0.05), metrics=["mae"])
    h = model.fit(X, Y, epochs=2, batch_size=8, verbose=0, shuffle=False)
    return [h.history, model.metrics_names, model.get_weights()]


@case(AREA, "subclassed model with compiled loss", **TOL)
def subclassed_compiled(tf: Any) -> Any:
    keras = fresh(tf)

    class Two(keras.Model):
        def __init__(self) -> None:
            super().__init__()
            self.a = keras.layers.Dense(4, activation="relu")
            self.b = keras.layers.Dense(1)

        def call(self, x: Any, training: Any = None) -> Any:
            return self.b(self.a(x))

    model = Two()
    model(X[:1])
    fix_weights(model)
    model.compile(keras.optimizers.Adam(0.01), loss="mse", metrics=["mae"])
    h = model.fit(X, Y, epochs=3, batch_size=8, verbose=0, shuffle=False, validation_split=0.2)
    return [summary(h, model), model.predict(X7, verbose=0)]


# -- console output (timing masked) ----------------------------------------------------------------------
def _output_case(name: str, run: Any) -> None:
    @case(AREA, f"output {name}")
    def wrapper(tf: Any) -> Any:
        keras = fresh(tf)
        model = mlp(keras)
        model.compile(keras.optimizers.SGD(0.05), loss="mse", metrics=["mae"])
        _, text = captured(run, model, tf)
        return final_lines(text)


_output_case("verbose 2 one epoch", lambda m, tf: m.fit(X, Y, batch_size=8, verbose=2, shuffle=False))
_output_case("verbose 2 epochs with validation", lambda m, tf: m.fit(X, Y, batch_size=8, epochs=3, verbose=2,
                                                                     shuffle=False, validation_data=(X7, Y7)))
_output_case("verbose 1 epochs", lambda m, tf: m.fit(X, Y, batch_size=8, epochs=2, verbose=1, shuffle=False))
_output_case("verbose 1 with validation", lambda m, tf: m.fit(X, Y, batch_size=4, epochs=2, verbose=1,
                                                              shuffle=False, validation_split=0.25))
_output_case("verbose auto", lambda m, tf: m.fit(X, Y, batch_size=8, epochs=2, shuffle=False))
_output_case("verbose 0 prints nothing", lambda m, tf: [m.fit(X, Y, epochs=2, verbose=0, shuffle=False),
                                                        m.evaluate(X, Y, verbose=0), m.predict(X, verbose=0)])
_output_case("evaluate verbose 1", lambda m, tf: m.evaluate(X, Y, batch_size=6, verbose=1))
_output_case("evaluate verbose 2", lambda m, tf: m.evaluate(X, Y, batch_size=6, verbose=2))
_output_case("predict verbose 1", lambda m, tf: m.predict(X, batch_size=6, verbose=1))
_output_case("predict verbose 2", lambda m, tf: m.predict(X, batch_size=6, verbose=2))
_output_case("many steps counter width", lambda m, tf: m.fit(np.tile(X, (6, 1)), np.tile(Y, (6, 1)), batch_size=1,
                                                             verbose=2, shuffle=False))
_output_case("small values print in e-notation", lambda m, tf: m.fit(X, X @ np.zeros((3, 1), np.float32), verbose=2,
                                                                     shuffle=False, epochs=2))
_output_case("unknown cardinality dataset", lambda m, tf: m.fit(
    tf.data.Dataset.from_tensor_slices((X, Y)).batch(8).filter(lambda x, y: True), epochs=2, verbose=1))
_output_case("verbose 2 initial epoch", lambda m, tf: m.fit(X, Y, batch_size=10, epochs=3, initial_epoch=1,
                                                            verbose=2, shuffle=False))


# -- misuse ----------------------------------------------------------------------------------------------
@case(AREA, "fit evaluate train_on_batch before compile")
def before_compile(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras)
    return [attempt(model.fit, X, Y, verbose=0), attempt(model.evaluate, X, Y, verbose=0),
            attempt(model.train_on_batch, X, Y), attempt(model.test_on_batch, X, Y),
            type(model.predict(X, verbose=0)).__name__]


@case(AREA, "misspelled fit keyword", compare_message=False)
def misspelled(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras)
    uncompiled = mlp(keras)
    model.compile("sgd", loss="mse")
    return [attempt(model.fit, X, Y, epoch=3), attempt(uncompiled.fit, X, Y, epoch=3)]


@case(AREA, "misspelled fit keyword message")
def misspelled_message(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras)
    model.compile("sgd", loss="mse")
    return attempt(model.fit, X, Y, epoch=3)


@case(AREA, "unknown optimizer loss and metric identifiers")
def unknown_identifiers(tf: Any) -> Any:
    keras = fresh(tf)
    out = [attempt(mlp(keras).compile, "nope", loss="mse")]
    model = mlp(keras)
    out.append(attempt(model.compile, "sgd", loss="nope_loss"))
    out.append(attempt(model.fit, X, Y, verbose=0))
    model = mlp(keras)
    out.append(attempt(model.compile, "sgd", loss="mse", metrics=["nope_metric"]))
    out.append(attempt(model.fit, X, Y, verbose=0))
    return out


@case(AREA, "metrics as a bare string")
def metrics_bare_string(tf: Any) -> Any:
    keras = fresh(tf)
    return [attempt(mlp(keras).compile, "sgd", loss="mse", metrics="mse"),
            attempt(mlp(keras).compile, "sgd", loss="mse", weighted_metrics="mae")]


@case(AREA, "wrong feature width", compare_message=False)
def wrong_width(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras)
    model.compile("sgd", loss="mse")
    return [attempt(model.fit, X[:, :2], Y, verbose=0), attempt(model.predict, X[:, :2], verbose=0),
            attempt(model.evaluate, X[:, :2], Y, verbose=0)]


@case(AREA, "wrong rank", compare_message=False)
def wrong_rank(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras)
    model.compile("sgd", loss="mse")
    return [attempt(model.fit, X[:, 0], Y, verbose=0)]


@case(AREA, "mismatched lengths")
def mismatched(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras)
    model.compile("sgd", loss="mse")
    return [attempt(model.fit, X[:9], Y[:4], verbose=0), attempt(model.evaluate, X[:9], Y[:4], verbose=0),
            attempt(model.fit, X, Y, sample_weight=SW[:5], verbose=0)]


@case(AREA, "y missing for a compiled loss")
def y_missing(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras)
    model.compile("sgd", loss="mse")
    return [attempt(model.fit, X, verbose=0), attempt(model.evaluate, X, verbose=0)]


@case(AREA, "python list input", compare_message=False)
def list_input(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras)
    model.compile("sgd", loss="mse")
    return [attempt(model.fit, X.tolist(), Y, verbose=0), attempt(model.predict, [[0.5, 1.5, 2.5]], verbose=0)]


@case(AREA, "python list predict message")
def list_predict_message(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras)
    return attempt(model.predict, [[0.5, 1.5, 2.5]], verbose=0)


@case(AREA, "validation split misuse")
def validation_split_misuse(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras)
    model.compile("sgd", loss="mse")
    ds = tf.data.Dataset.from_tensor_slices((X, Y)).batch(4)
    return [type(attempt(model.fit, ds, validation_split=0.2, verbose=0)).__name__,
            attempt(model.fit, X[:1], Y[:1], validation_split=0.5, verbose=0)]


@case(AREA, "sample weight and class weight together", compare_message=False)
def sw_and_cw(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras, outputs=3, out_activation="softmax")
    model.compile("sgd", loss="sparse_categorical_crossentropy")
    return [type(attempt(model.fit, X, Y_INT, sample_weight=SW, class_weight={0: 1.0}, verbose=0)).__name__]


@case(AREA, "validation freq of a wrong type", compare_message=False)
def bad_validation_freq(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras)
    model.compile("sgd", loss="mse")
    return attempt(model.fit, X, Y, validation_data=(X7, Y7), validation_freq="2", verbose=0)


# -- seeded shuffling ------------------------------------------------------------------------------------
@case(AREA, "shuffled fit is reproducible under set_random_seed", **TOL)
def seeded_shuffle(tf: Any) -> Any:
    out = []
    for _ in range(2):
        keras = fresh(tf)
        keras.utils.set_random_seed(5)
        model = mlp(keras)
        model.compile(keras.optimizers.SGD(0.0), loss="mse")
        order: list = []
        cb = keras.callbacks.LambdaCallback(on_train_batch_end=lambda b, logs, seen=order: seen.append(logs["loss"]))
        model.fit(X, Y, batch_size=5, epochs=2, verbose=0, callbacks=[cb])
        out.append(order)
    return [out[0] == out[1], len(out[0])]


@case(AREA, "shuffle true leaves epoch loss of a full batch unchanged", **TOL)
def shuffle_full_batch(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras)
    model.compile(keras.optimizers.SGD(0.05), loss="mse")
    h = model.fit(X, Y, batch_size=20, epochs=3, verbose=0, shuffle=True)
    return np.round(np.array(h.history["loss"]), 4)


# -- get_config / clone_model ----------------------------------------------------------------------------
@case(AREA, "clone_model fresh weights same structure", **TOL)
def clone(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras)
    clone_ = keras.models.clone_model(model)
    fix_weights(clone_)
    clone_.compile(keras.optimizers.SGD(0.05), loss="mse")
    h = clone_.fit(X, Y, epochs=2, batch_size=8, verbose=0, shuffle=False)
    return [type(clone_).__name__, [type(layer).__name__ for layer in clone_.layers],
            [w.shape for w in clone_.get_weights()], h.history, clone_.compiled, model.compiled,
            clone_.layers[0].units, clone_.layers[0].get_config()["activation"]]


@case(AREA, "clone_model functional", **TOL)
def clone_functional(tf: Any) -> Any:
    keras = fresh(tf)
    model = two_outputs(keras)
    clone_ = keras.models.clone_model(model)
    clone_.set_weights(model.get_weights())
    return [type(clone_).__name__, [layer.name for layer in clone_.layers], clone_.output_names,
            clone_.predict(X7, verbose=0)]


@case(AREA, "get_compile_config keys")
def compile_config(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras)
    a = model.get_compile_config()
    model.compile("sgd", loss="mse", metrics=["mae"])
    return [a, sorted(model.get_compile_config())]


@case(AREA, "seeded shuffled fit visits rows in TF's order", **TOL)
def seeded_shuffle_order(tf: Any) -> Any:
    out = []
    for seed, batch in ((5, 1), (17, 6)):
        keras = fresh(tf)
        keras.utils.set_random_seed(seed)
        model = mlp(keras)
        model.compile(keras.optimizers.SGD(0.05), loss="mse", metrics=["mae"])
        losses: list = []
        cb = keras.callbacks.LambdaCallback(on_train_batch_end=lambda b, logs, seen=losses: seen.append(logs["loss"]))
        h = model.fit(X, Y, batch_size=batch, epochs=2, verbose=0, callbacks=[cb])
        out.append([losses, h.history, model.get_weights()])
    return out


@case(AREA, "seeded shuffled fit with initializers and validation split", **TOL)
def seeded_shuffle_init(tf: Any) -> Any:
    keras = fresh(tf)
    keras.utils.set_random_seed(42)
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(5, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(0.01), loss="mse")
    h = model.fit(X, Y, batch_size=4, epochs=3, verbose=0, validation_split=0.2)
    return [h.history, model.get_weights()]


# -- probed against TF 2.21 (Keras 3.15): warnings, compile configurations of two outputs ----------
Y_HOT = np.eye(3, dtype=np.float32)[Y_INT]


@case(AREA, "unknown-cardinality Dataset runs out at every epoch", **TOL)
def unknown_cardinality_warning_count(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras)
    model.compile(keras.optimizers.SGD(0.05), loss="mse")
    ds = tf.data.Dataset.from_tensor_slices((X, Y)).batch(8).filter(lambda x, y: True)
    h, counts = warning_counts(model.fit, ds, epochs=3, verbose=0, shuffle=False)
    return [h.history, counts, warning_counts(model.evaluate, ds, verbose=0)[1]]


@case(AREA, "missing-gradient warning once per compile", **TOL)
def missing_gradient_once(tf: Any) -> Any:
    keras = fresh(tf)
    model = two_heads(keras)
    model.compile(keras.optimizers.SGD(0.05), loss=["mse", None])
    h, first = warning_counts(model.fit, X, [Y, Y_INT], epochs=2, batch_size=8, verbose=0, shuffle=False)
    _, again = warning_counts(model.fit, X, [Y, Y_INT], epochs=1, batch_size=8, verbose=0, shuffle=False)
    _, on_batch = warning_counts(model.train_on_batch, X, [Y, Y_INT])
    model.compile(keras.optimizers.SGD(0.05), loss=["mse", None])
    _, recompiled = warning_counts(model.fit, X, [Y, Y_INT], epochs=1, batch_size=8, verbose=0, shuffle=False)
    return [h.history, first, again, on_batch, recompiled]


def _two_heads_fit(tf: Any, y: Any, as_dict: bool = False, **compile_kwargs: Any) -> Any:
    keras = fresh(tf)
    model = two_heads(keras, as_dict=as_dict)
    model.compile(keras.optimizers.SGD(0.05), **compile_kwargs)
    h = attempt(quiet, model.fit, X, y, epochs=1, batch_size=10, verbose=0, shuffle=False)
    return h if isinstance(h, Exception) else [h.history, model.metrics_names]


@case(AREA, "two outputs metrics of the wrong structure")
def two_heads_metrics_structure(tf: Any) -> Any:
    y, losses = [Y, Y_INT], ["mse", "sparse_categorical_crossentropy"]
    return [_two_heads_fit(tf, y, loss=losses, metrics={"lft": "mae"}),
            _two_heads_fit(tf, y, loss=losses, metrics=[["mae"], ["mae"], ["mae"]]),
            _two_heads_fit(tf, y, loss=losses, metrics=("mae",)),
            _two_heads_fit(tf, {"left": Y, "right": Y_HOT}, as_dict=True, loss="mse", metrics={"c": "mae"}),
            _two_heads_fit(tf, {"left": Y, "right": Y_HOT}, as_dict=True, loss="mse", metrics=[["mae"]] * 3),
            _two_heads_fit(tf, [Y, Y_HOT], loss="mse", metrics={"right": "foo"})]


@case(AREA, "two outputs loss lists shorter and longer than the outputs", **TOL)
def two_heads_loss_lists(tf: Any) -> Any:
    y = [Y, Y_INT]
    return [_two_heads_fit(tf, y, loss=["mse"]),
            _two_heads_fit(tf, y, loss=["mse"], loss_weights=[2.0]),
            _two_heads_fit(tf, y, loss=["mse", "sparse_categorical_crossentropy", "mse"])]


@case(AREA, "two outputs loss_weights packed like the loss", **TOL)
def two_heads_loss_weights(tf: Any) -> Any:
    y = [Y, Y_HOT]
    out = []
    for lw in (0.5, [0.5], [0.5, 2.0], {"left": 0.5, "right": 2.0}, {"left": 0.5}, [1.0, 2.0, 3.0]):
        out.append([_two_heads_fit(tf, y, loss="mse", loss_weights=lw),
                    _two_heads_fit(tf, y, loss=["mse", "categorical_crossentropy"], loss_weights=lw),
                    _two_heads_fit(tf, y, loss={"right": "categorical_crossentropy", "left": "mse"}, loss_weights=lw),
                    _two_heads_fit(tf, {"left": Y, "right": Y_HOT}, as_dict=True, loss="mse", loss_weights=lw)])
    return out


@case(AREA, "two outputs loss dict and targets that do not match", **TOL)
def two_heads_loss_dict_targets(tf: Any) -> Any:
    return [_two_heads_fit(tf, [Y, Y_HOT], loss={"left": "mse"}),
            _two_heads_fit(tf, {"left": Y, "right": Y_HOT}, as_dict=True, loss={"left": "mse"}),
            _two_heads_fit(tf, [Y], loss="mse"),
            _two_heads_fit(tf, Y, loss="mse"),
            _two_heads_fit(tf, (Y,), loss="mse"),
            _two_heads_fit(tf, [Y, Y_HOT, Y], loss="mse")]


@case(AREA, "fit batches carry lists of arrays as tuples")
def fit_batches_tuples(tf: Any) -> Any:
    keras = fresh(tf)
    seen: list = []

    class Probe(keras.Model):
        def train_step(self, data: Any) -> Any:
            _x, y = data
            seen.append(type(y).__name__)  # TF runs this once, when tracing
            return {"n": tf.constant(1.0)}

    inp = keras.Input((3,))
    model = Probe(inp, [keras.layers.Dense(1)(inp), keras.layers.Dense(2)(inp)])
    model.compile("sgd", loss="mse")
    quiet(model.fit, X, [Y, Y_HOT[:, :2]], batch_size=10, epochs=1, verbose=0)
    return seen[:1]


@case(AREA, "get_compile_config serializes the objects", **TOL)
def compile_config_serialized(tf: Any) -> Any:
    keras = fresh(tf)
    model = mlp(keras)
    model.compile(optimizer=keras.optimizers.Adam(0.5), loss=keras.losses.MeanSquaredError(),
                  metrics=["mae", keras.metrics.MeanSquaredError(name="q")], loss_weights=0.5)
    config = model.get_compile_config()
    other = mlp(keras)
    other.compile_from_config(config)
    again = other.get_compile_config()
    del again["optimizer"]["config"]["name"]
    return [config, again, type(other.optimizer).__name__, float(np.asarray(other.optimizer.learning_rate))]


@case(AREA, "compile resolves jit_compile")
def compile_jit_compile(tf: Any) -> Any:
    keras = fresh(tf)
    out = []
    for kwargs in ({}, {"jit_compile": True}, {"jit_compile": True, "run_eagerly": True}, {"run_eagerly": True}):
        model = mlp(keras)
        _, warns = warning_messages(model.compile, "sgd", loss="mse", **kwargs)
        out.append([model.jit_compile, model.run_eagerly, model.get_compile_config()["jit_compile"], warns])
    return out


@case(AREA, "sample weights for two outputs checked like Keras")
def two_outputs_sample_weight_checks(tf: Any) -> Any:
    keras = fresh(tf)
    out = []
    sw4 = SW[:4]
    for sw in ({"left": sw4, "right": sw4}, [sw4], [sw4] * 3, np.ones((4, 2), np.float32), sw4[:, None], [sw4] * 2):
        model = two_outputs(keras)
        model.compile(keras.optimizers.SGD(0.05), loss="mse")
        h = attempt(quiet, model.fit, X[:4], [Y[:4], np.ones((4, 2), np.float32)], sample_weight=sw, epochs=1,
                    verbose=0, shuffle=False)
        out.append(h if isinstance(h, Exception) else h.history)
    return out
