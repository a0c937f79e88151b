"""`Trainer`: the backend-independent half of Keras's training API -- `compile`, `metrics`,
`metrics_names`, `compute_loss`, `compute_metrics` and the ordering of returned results.
`TensorFlowTrainer` (tensorflow_trainer.py) adds the loops."""

from __future__ import annotations

import inspect
import warnings
from typing import Any

import tfshim as tf
from tfshim.keras import optimizers as optimizers_module
from tfshim.keras.metrics import Mean, Metric
from tfshim.keras.trainers.compile_utils import CompileLoss, CompileMetrics


def _resolve_jit_compile(jit_compile: Any, run_eagerly: bool) -> Any:
    """Keras's resolution: `"auto"` is False here (Keras's choice on CPU); True with `run_eagerly`
    warns and becomes False."""
    if jit_compile == "auto":
        return False
    if jit_compile and run_eagerly:
        warnings.warn("If `run_eagerly` is True, then `jit_compile` cannot also be True. Disabling `jit_compile`.",
                      stacklevel=3)
        return False
    return jit_compile


def _serialize(value: Any) -> Any:
    from tfshim.keras import losses as losses_module
    from tfshim.keras import metrics as metrics_module

    if isinstance(value, dict):
        return {k: _serialize(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_serialize(v) for v in value)
    if isinstance(value, optimizers_module.Optimizer):
        return optimizers_module.serialize(value)
    if isinstance(value, Metric):
        return metrics_module.serialize(value)
    if isinstance(value, losses_module.Loss) or inspect.isfunction(value):
        return losses_module.serialize(value)  # (a function: Keras's `builtins` function entry)
    return value


def _deserialize(value: Any, key: str) -> Any:
    from tfshim.keras import losses as losses_module
    from tfshim.keras import metrics as metrics_module

    if isinstance(value, dict) and "class_name" in value:
        return (losses_module.get if key == "loss" else metrics_module.get)(value)
    if isinstance(value, dict):
        return {k: _deserialize(v, key) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_deserialize(v, key) for v in value)
    return value


class Trainer:
    """Mixed into `keras.Model`. All state is created by `compile` (a model that is never
    compiled carries none of it)."""

    def compile(self, optimizer: Any = "rmsprop", loss: Any = None, loss_weights: Any = None, metrics: Any = None,
                weighted_metrics: Any = None, run_eagerly: bool = False, steps_per_execution: int = 1,
                jit_compile: Any = "auto", auto_scale_loss: bool = True) -> None:
        """`Model.compile`. Differs from Keras: there is no graph compilation in tfshim, so
        `run_eagerly`, `jit_compile` and `steps_per_execution` are recorded and reported but change
        nothing (every step runs eagerly, one batch at a time)."""
        optimizer = optimizers_module.get(optimizer)
        output_names = self._get_output_names()
        jit_compile = _resolve_jit_compile(jit_compile, run_eagerly)
        d = self.__dict__
        d["_optimizer"] = optimizer
        d["_loss_tracker"] = Mean(name="loss")
        d["_compile_loss"] = CompileLoss(loss, loss_weights, output_names=output_names) if loss is not None \
            else None
        d["_compile_metrics"] = CompileMetrics(metrics, weighted_metrics, output_names=output_names) \
            if (metrics is not None or weighted_metrics is not None) else None
        d["loss"] = loss
        d["_run_eagerly"] = bool(run_eagerly)
        d["_jit_compile"] = jit_compile
        d["steps_per_execution"] = steps_per_execution
        d["_compile_config"] = {"optimizer": optimizer, "loss": loss, "loss_weights": loss_weights,
                                "metrics": metrics, "weighted_metrics": weighted_metrics,
                                "run_eagerly": run_eagerly, "steps_per_execution": steps_per_execution,
                                "jit_compile": jit_compile}
        d["compiled"] = True
        d["_train_step_traced"] = d["_train_on_batch_traced"] = False
        d.setdefault("stop_training", False)
        compute_loss = type(self).compute_loss
        d["_compute_loss_has_training_arg"] = "training" in inspect.signature(compute_loss).parameters

    def _get_output_names(self) -> list | None:
        names = self.__dict__.get("output_names")
        return list(names) if names else None

    # -- flags ----------------------------------------------------------------------------------
    @property
    def run_eagerly(self) -> bool:
        return bool(self.__dict__.get("_run_eagerly", False))

    @run_eagerly.setter
    def run_eagerly(self, value: bool) -> None:
        self.__dict__["_run_eagerly"] = bool(value)

    @property
    def jit_compile(self) -> Any:
        return self.__dict__.get("_jit_compile", False)

    @jit_compile.setter
    def jit_compile(self, value: Any) -> None:
        self.__dict__["_jit_compile"] = value

    # -- metrics --------------------------------------------------------------------------------
    @property
    def metrics(self) -> list:
        """The loss tracker, `compile_metrics`, the per-output loss trackers, metrics assigned as
        attributes, then the metrics of sub-layers (Keras's order)."""
        d = self.__dict__
        out: list = []
        if d.get("compiled", False):
            if d.get("_loss_tracker") is not None:
                out.append(d["_loss_tracker"])
            if d.get("_compile_metrics") is not None:
                out.append(d["_compile_metrics"])
            if d.get("_compile_loss") is not None:
                out.extend(d["_compile_loss"].metrics)
        own = {id(d.get(k)) for k in ("_loss_tracker", "_compile_metrics")}
        for key, value in d.items():
            if isinstance(value, Metric) and id(value) not in own and key not in ("_loss_tracker",
                                                                                  "_compile_metrics"):
                if not any(value is m for m in out):
                    out.append(value)
        for layer in self._flatten_layers(include_self=False):
            if isinstance(layer, Trainer):
                continue
            out.extend(layer.metrics)
        return out

    @property
    def metrics_names(self) -> list:
        return [m.name for m in self.metrics]

    def reset_metrics(self) -> None:
        for m in self.metrics:
            m.reset_state()

    def get_metrics_result(self) -> dict:
        out: dict = {}
        for metric in self.metrics:
            result = metric.result()
            if isinstance(result, dict):
                out.update(result)
            else:
                out[metric.name] = result
        return out

    def _get_metrics_result_or_logs(self, logs: Any) -> Any:
        metric_logs = self.get_metrics_result()
        if isinstance(logs, dict) and set(logs) == set(metric_logs):
            return metric_logs
        return logs

    def _flatten_metrics_in_order(self, logs: dict) -> Any:
        names: list = []
        for metric in self.metrics:
            if isinstance(metric, CompileMetrics):
                names += [m.name for m in metric.metrics]
            else:
                names.append(metric.name)
        results = [logs[n] for n in names if n in logs]
        results += [logs[k] for k in sorted(logs) if k not in names]
        return results[0] if len(results) == 1 else results

    # -- loss -----------------------------------------------------------------------------------
    def compute_loss(self, x: Any = None, y: Any = None, y_pred: Any = None, sample_weight: Any = None,
                     training: bool = True) -> Any:
        """The compiled loss plus every `add_loss`/regularization loss; ValueError when there is none."""
        losses = []
        compile_loss = self.__dict__.get("_compile_loss")
        if compile_loss is not None:
            value = compile_loss(y, y_pred, sample_weight)
            if value is not None:
                losses.append(value)
        for extra in self.losses:
            if not extra.dtype.is_floating:
                extra = tf.cast(extra, tf.float32)
            losses.append(tf.reduce_sum(extra))
        if not losses:
            raise ValueError("No loss to compute. Provide a `loss` argument in `compile()`.")
        if len(losses) == 1:
            return losses[0]
        return tf.add_n(losses)

    def _compute_loss(self, x: Any = None, y: Any = None, y_pred: Any = None, sample_weight: Any = None,
                      training: bool = True) -> Any:
        if self.__dict__.get("_compute_loss_has_training_arg", True):
            return self.compute_loss(x, y, y_pred, sample_weight, training=training)
        return self.compute_loss(x, y, y_pred, sample_weight)

    def compute_metrics(self, x: Any, y: Any, y_pred: Any, sample_weight: Any = None) -> dict:
        compile_metrics = self.__dict__.get("_compile_metrics")
        if compile_metrics is not None:
            compile_metrics.update_state(y, y_pred, sample_weight)
        return self.get_metrics_result()

    def _assert_compile_called(self, method_name: str | None = None) -> None:
        if not self.__dict__.get("compiled", False):
            raise ValueError("You must call `compile()` before using the model.")

    def get_compile_config(self) -> dict:
        """The `compile` arguments serialized as Keras serializes them (optimizer, loss and metric
        objects become `{"module", "class_name", "config", "registered_name"}` dicts)."""
        if self.__dict__.get("compiled", False):
            return _serialize(dict(self.__dict__.get("_compile_config", {})))
        return {}

    def compile_from_config(self, config: dict) -> None:
        """`compile(**config)` after deserializing; the caller's dict is left as it was."""
        import copy

        config = copy.deepcopy(config)
        for key in ("loss", "metrics", "weighted_metrics"):
            if key in config:
                config[key] = _deserialize(config[key], key)
        self.compile(**config)

    def _should_eval(self, epoch: int, validation_freq: Any) -> bool:
        epoch = epoch + 1
        if isinstance(validation_freq, int):
            return epoch % validation_freq == 0
        if isinstance(validation_freq, list):
            return epoch in validation_freq
        raise ValueError("Expected `validation_freq` to be a list or int. Received: "
                         f"validation_freq={validation_freq} of the type {type(validation_freq)}.")

    # -- weights files (Keras's Model.save_weights / load_weights) ---------------------------------
    def save_weights(self, filepath: Any, overwrite: bool = True, max_shard_size: Any = None) -> None:
        """Writes a `.weights.h5` file in Keras 3's layout (needs the optional `h5py`)."""
        import os

        filepath = os.fspath(filepath)
        if not filepath.endswith(".weights.h5"):
            raise ValueError("The filename must end in `.weights.h5`. Received: filepath=" + filepath)
        if not overwrite and os.path.exists(filepath):
            raise FileExistsError(f"File already exists: {filepath}")
        from tfshim.keras._saving import save_weights_only

        save_weights_only(self, filepath)

    def load_weights(self, filepath: Any, skip_mismatch: bool = False, **kwargs: Any) -> None:
        """Reads a `.weights.h5` file written by tfshim or by Keras 3."""
        import os

        filepath = os.fspath(filepath)
        if not filepath.endswith(".weights.h5"):
            raise ValueError("File format not supported: filepath=" + filepath + ". tfshim reads `.weights.h5` "
                             "files only.")
        if not os.path.exists(filepath):
            raise FileNotFoundError(f"No such file or directory: '{filepath}'")
        from tfshim.keras._saving import load_weights_only

        load_weights_only(self, filepath, skip_mismatch=skip_mismatch)
