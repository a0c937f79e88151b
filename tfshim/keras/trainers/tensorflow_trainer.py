"""`TensorFlowTrainer`: Keras's loops -- `fit`, `evaluate`, `predict`, the `*_on_batch` methods
and the default `train_step`/`test_step`/`predict_step` -- computing with tfshim's ops.

Differs from Keras: steps run eagerly (no `tf.function`), one batch per step whatever
`steps_per_execution` says; callbacks are called synchronously."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

import tfshim as tf
from tfshim.keras.callbacks.callback_list import CallbackList
from tfshim.keras.trainers.data_adapters import array_data_adapter
from tfshim.keras.trainers.data_adapters import data_adapter_utils as utils
from tfshim.keras.trainers.epoch_iterator import EpochIterator
from tfshim.keras.trainers.trainer import Trainer


def _batch_size(x: Any) -> Any:
    first = tf.nest.flatten(x)[0]
    return int(first.shape[0])


def _to_tensors(structure: Any) -> Any:
    def convert(a: Any) -> Any:
        if a is None or tf.is_tensor(a):
            return a
        arr = np.asarray(a)
        if arr.dtype.kind == "f" and arr.dtype != np.float32:
            arr = arr.astype(np.float32)
        return tf.constant(arr)
    if isinstance(structure, dict):
        return {k: _to_tensors(v) for k, v in structure.items()}
    if isinstance(structure, (list, tuple)):
        return type(structure)(_to_tensors(v) for v in structure)
    return convert(structure)


def _check_array_input(name: str, value: Any) -> None:
    if value is None:
        return
    if isinstance(value, (list, tuple)) and not array_data_adapter.can_convert_arrays(value):
        raise ValueError(f"Unrecognized data type: {name}={value} (of type {type(value)})")


def _numpy(x: Any) -> Any:
    return x.numpy() if hasattr(x, "numpy") else np.asarray(x)




class TensorFlowTrainer(Trainer):
    def _run_train_step(self, data: Any, flag: str = "_train_step_traced") -> dict:
        """`train_step(data)`. Keras runs the step's Python code once, when its `tf.function` is
        traced (once per `compile`), so the optimizer's warnings about missing gradients and the
        no-trainable-weights warning come once; later steps here run with those silenced (unless
        `run_eagerly`, where Keras warns every step as well). `train_on_batch` passes its own `flag`:
        its batches have a static batch size, so TF traces the function again for them."""
        d = self.__dict__
        if not d.get(flag) or self.run_eagerly:
            d[flag] = True
            return self.train_step(data)
        # (flags read where the two warnings are raised: a warnings.catch_warnings() per step would also
        # reset Python's once-per-location registry, repeating every other warning of the step)
        optimizer = d.get("_optimizer")
        d["_quiet_trace_warnings"] = True
        if optimizer is not None:
            object.__setattr__(optimizer, "_quiet_missing_gradients", True)
        try:
            return self.train_step(data)
        finally:
            d["_quiet_trace_warnings"] = False
            if optimizer is not None:
                object.__setattr__(optimizer, "_quiet_missing_gradients", False)

    # -- steps ----------------------------------------------------------------------------------
    def train_step(self, data: Any) -> dict:
        """One optimisation step on a batch; returns the logs (`get_metrics_result()`)."""
        x, y, sample_weight = utils.unpack_x_y_sample_weight(data)
        with tf.GradientTape() as tape:
            if self._call_info.has_training:
                y_pred = self(x, training=True)
            else:
                y_pred = self(x)
            loss = self._compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight, training=True)
            self._loss_tracker.update_state(loss, sample_weight=_batch_size(x))
            if self.optimizer is not None:
                loss = self.optimizer.scale_loss(loss)
        trainable = self.trainable_weights
        if trainable:
            grads = tape.gradient(loss, trainable)
            self.optimizer.apply_gradients(zip(grads, trainable))
        elif not self.__dict__.get("_quiet_trace_warnings"):
            warnings.warn("The model does not have any trainable weights.", stacklevel=2)
        return self.compute_metrics(x, y, y_pred, sample_weight=sample_weight)

    def test_step(self, data: Any) -> dict:
        x, y, sample_weight = utils.unpack_x_y_sample_weight(data)
        if self._call_info.has_training:
            y_pred = self(x, training=False)
        else:
            y_pred = self(x)
        loss = self._compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight, training=False)
        self._loss_tracker.update_state(loss, sample_weight=_batch_size(x))
        return self.compute_metrics(x, y, y_pred, sample_weight=sample_weight)

    def predict_step(self, data: Any) -> Any:
        x, _, _ = utils.unpack_x_y_sample_weight(data)
        if self._call_info.has_training:
            return self(x, training=False)
        return self(x)

    # -- loops ----------------------------------------------------------------------------------
    def fit(self, x: Any = None, y: Any = None, batch_size: int | None = None, epochs: int = 1,
            verbose: Any = "auto", callbacks: Any = None, validation_split: float = 0.0,
            validation_data: Any = None, shuffle: Any = True, class_weight: dict | None = None,
            sample_weight: Any = None, initial_epoch: int = 0, steps_per_epoch: int | None = None,
            validation_steps: int | None = None, validation_batch_size: int | None = None,
            validation_freq: Any = 1) -> Any:
        """`Model.fit`; returns the `History` callback."""
        self._assert_compile_called("fit")
        _check_array_input("x", x)
        if validation_split and validation_data is None:
            (x, y, sample_weight), validation_data = array_data_adapter.train_validation_split(
                (x, y, sample_weight), validation_split=validation_split)
        val_x = val_y = val_sample_weight = None
        if validation_data is not None:
            val_x, val_y, val_sample_weight = utils.unpack_x_y_sample_weight(validation_data)
        epoch_iterator = EpochIterator(x=x, y=y, sample_weight=sample_weight, batch_size=batch_size,
                                       steps_per_epoch=steps_per_epoch, shuffle=shuffle,
                                       class_weight=class_weight)
        if not isinstance(callbacks, CallbackList):
            callbacks = CallbackList(callbacks, add_history=True, add_progbar=verbose != 0, verbose=verbose,
                                     epochs=epochs, steps=epoch_iterator.num_batches, model=self)
        self.__dict__["stop_training"] = False
        callbacks.on_train_begin()
        training_logs = None
        logs: Any = {}
        eval_iterator = None
        for epoch in range(initial_epoch, epochs):
            self.reset_metrics()
            callbacks.on_epoch_begin(epoch)
            for step, data in epoch_iterator:
                callbacks.on_train_batch_begin(step)
                logs = self._run_train_step(data)
                callbacks.on_train_batch_end(step, logs)
                if self.stop_training:
                    break
            epoch_logs = dict(self._get_metrics_result_or_logs(logs))
            if validation_data is not None and self._should_eval(epoch, validation_freq):
                if eval_iterator is None:
                    eval_iterator = EpochIterator(x=val_x, y=val_y, sample_weight=val_sample_weight,
                                                  batch_size=validation_batch_size or batch_size,
                                                  steps_per_epoch=validation_steps, shuffle=False)
                val_logs = self._evaluate_loop(eval_iterator, callbacks)
                epoch_logs.update({"val_" + k: v for k, v in val_logs.items()})
            callbacks.on_epoch_end(epoch, epoch_logs)
            training_logs = epoch_logs
            if self.stop_training:
                break
        callbacks.on_train_end(logs=training_logs)
        return self.history

    def _evaluate_loop(self, epoch_iterator: EpochIterator, callbacks: CallbackList) -> dict:
        epoch_iterator.reset()
        self.__dict__["stop_evaluating"] = False
        callbacks.on_test_begin()
        logs: Any = {}
        self.reset_metrics()
        for step, data in epoch_iterator:
            callbacks.on_test_batch_begin(step)
            logs = self.test_step(data)
            callbacks.on_test_batch_end(step, logs)
            if self.__dict__.get("stop_evaluating"):
                break
        logs = self._get_metrics_result_or_logs(logs)
        logs = callbacks.pythonify(logs)
        callbacks.on_test_end(logs)
        return logs

    def evaluate(self, x: Any = None, y: Any = None, batch_size: int | None = None, verbose: Any = "auto",
                 sample_weight: Any = None, steps: int | None = None, callbacks: Any = None,
                 return_dict: bool = False, **kwargs: Any) -> Any:
        """`Model.evaluate`: a float, a list (Keras's order) or, with `return_dict`, a dict."""
        self._assert_compile_called("evaluate")
        if kwargs:
            raise ValueError(f"Arguments not recognized: {kwargs}")
        _check_array_input("x", x)
        epoch_iterator = EpochIterator(x=x, y=y, sample_weight=sample_weight, batch_size=batch_size,
                                       steps_per_epoch=steps, shuffle=False)
        if not isinstance(callbacks, CallbackList):
            callbacks = CallbackList(callbacks, add_progbar=verbose != 0, verbose=verbose, epochs=1,
                                     steps=epoch_iterator.num_batches, model=self)
        logs = self._evaluate_loop(epoch_iterator, callbacks)
        if return_dict:
            return logs
        return self._flatten_metrics_in_order(logs)

    def predict(self, x: Any, batch_size: int | None = None, verbose: Any = "auto", steps: int | None = None,
                callbacks: Any = None) -> Any:
        """`Model.predict`: NumPy array(s), the batches concatenated."""
        _check_array_input("x", x)
        epoch_iterator = EpochIterator(x=x, batch_size=batch_size, steps_per_epoch=steps, shuffle=False)
        if not isinstance(callbacks, CallbackList):
            callbacks = CallbackList(callbacks, add_progbar=verbose != 0, verbose=verbose, epochs=1,
                                     steps=epoch_iterator.num_batches, model=self)
        self.__dict__["stop_predicting"] = False
        callbacks.on_predict_begin()
        outputs: list = []
        batch_outputs: Any = None
        for step, data in epoch_iterator:
            callbacks.on_predict_batch_begin(step)
            batch_outputs = self.predict_step(data)
            outputs.append(tf.nest.map_structure(_numpy, batch_outputs))
            callbacks.on_predict_batch_end(step, {"outputs": batch_outputs})
            if self.__dict__.get("stop_predicting"):
                break
        callbacks.on_predict_end()
        if not outputs:
            raise ValueError("Unexpected result of `predict_function` (Empty batch_outputs). Please use "
                             "`Model.compile(..., run_eagerly=True)`, or `tf.config.run_functions_eagerly(True)` "
                             "for more information of where went wrong, or file a issue/bug to `tf.keras`.")
        flat = [tf.nest.flatten(o) for o in outputs]
        joined = [np.concatenate([f[i] for f in flat], axis=0) for i in range(len(flat[0]))]
        return tf.nest.pack_sequence_as(batch_outputs, joined)

    def train_on_batch(self, x: Any, y: Any = None, sample_weight: Any = None, class_weight: dict | None = None,
                       return_dict: bool = False) -> Any:
        self._assert_compile_called("train_on_batch")
        if class_weight is not None:
            if sample_weight is not None:
                raise ValueError("Arguments `sample_weight` and `class_weight` cannot be specified at the same "
                                 f"time. Received: sample_weight={sample_weight}, class_weight={class_weight}")
            sample_weight = utils.class_weight_to_sample_weights(_numpy(y), class_weight)
        self.reset_metrics()
        logs = self._run_train_step(_to_tensors((x, y, sample_weight)), flag="_train_on_batch_traced")
        logs = CallbackList.pythonify(logs)
        if return_dict:
            return logs
        return self._flatten_metrics_in_order(logs)

    def test_on_batch(self, x: Any, y: Any = None, sample_weight: Any = None, return_dict: bool = False) -> Any:
        self._assert_compile_called("test_on_batch")
        self.reset_metrics()
        logs = self.test_step(_to_tensors((x, y, sample_weight)))
        logs = CallbackList.pythonify(logs)
        if return_dict:
            return logs
        return self._flatten_metrics_in_order(logs)

    def predict_on_batch(self, x: Any) -> Any:
        outputs = self.predict_step((_to_tensors(x),))
        return tf.nest.map_structure(_numpy, outputs)
