"""What `compile(loss=..., metrics=...)` turns into: `CompileLoss` (one resolved loss per output,
their weighted sum, and a `<output>_loss` tracker per output when there are several) and
`CompileMetrics` (one list of metrics per output; `weighted_metrics` get the sample weights).

Both are built lazily on the first batch, as in Keras, because `'accuracy'` and `'crossentropy'`
resolve by the shapes of `y_true` and `y_pred`."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras import losses as losses_module
from tfshim.keras import metrics as metrics_module
from tfshim.keras.losses.losses import LossFunctionWrapper
from tfshim.keras.trainers.data_adapters.data_adapter_utils import same_structure


def _is_nested(x: Any) -> bool:
    return isinstance(x, (list, tuple, dict))


def _object_name(obj: Any) -> str:
    name = getattr(obj, "name", None)
    if isinstance(name, str):
        return name
    if hasattr(obj, "__name__"):
        return obj.__name__
    from tfshim.keras.backend.global_state import to_snake_case

    return to_snake_case(type(obj).__name__)


def is_binary_or_sparse_categorical(y_true: Any, y_pred: Any) -> tuple:
    t_shape, p_shape = tuple(y_true.shape), tuple(y_pred.shape)
    t_last = t_shape[-1] if t_shape else None
    p_last = p_shape[-1] if p_shape else None
    is_binary = p_last == 1
    is_sparse = len(t_shape) < len(p_shape) or (t_last == 1 and p_last is not None and p_last > 1)
    return is_binary, is_sparse


def get_metric(identifier: Any, y_true: Any, y_pred: Any) -> Any:
    """One metric object for `identifier`, named as Keras names it in the logs."""
    if identifier is None:
        raise ValueError("Expected metric, received `None`")
    if str(identifier).lower() not in ("accuracy", "acc"):
        metric = metrics_module.get(identifier)
    else:
        is_binary, is_sparse = is_binary_or_sparse_categorical(y_true, y_pred)
        if is_binary:
            metric = metrics_module.BinaryAccuracy(name=str(identifier))
        elif is_sparse:
            metric = metrics_module.SparseCategoricalAccuracy(name=str(identifier))
        else:
            metric = metrics_module.CategoricalAccuracy(name=str(identifier))
    name = identifier if isinstance(identifier, str) else _object_name(metric)
    if not isinstance(metric, metrics_module.Metric):
        metric = metrics_module.MeanMetricWrapper(metric)
    metric.name = name
    return metric


def get_loss(identifier: Any, y_true: Any, y_pred: Any) -> Any:
    """A `Loss` object for `identifier` (None for an output without a loss)."""
    if identifier is None:
        return None
    if str(identifier).lower() not in ("crossentropy", "ce"):
        loss = losses_module.get(identifier)
    else:
        is_binary, is_sparse = is_binary_or_sparse_categorical(y_true, y_pred)
        if is_binary:
            loss = losses_module.binary_crossentropy
        elif is_sparse:
            loss = losses_module.sparse_categorical_crossentropy
        else:
            loss = losses_module.categorical_crossentropy
    if not isinstance(loss, losses_module.Loss):
        name = identifier if isinstance(identifier, str) else _object_name(loss)
        loss = LossFunctionWrapper(loss, name=name)
    return loss


class MetricsList:
    """The metrics of one output."""

    def __init__(self, metrics: list, output_name: str | None = None) -> None:
        self.metrics = metrics
        self.output_name = output_name

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        for m in self.metrics:
            m.update_state(y_true, y_pred, sample_weight=sample_weight)

    def reset_state(self) -> None:
        for m in self.metrics:
            m.reset_state()


def _metrics_list(metrics: Any, y_true: Any, y_pred: Any, output_name: str | None) -> MetricsList | None:
    if metrics is None:
        return None
    if not isinstance(metrics, (list, tuple)):
        metrics = [metrics]
    return MetricsList([get_metric(m, y_true, y_pred) for m in metrics], output_name=output_name)


def _flatten_like(y: Any, names: list | None) -> list:
    if isinstance(y, dict) and names is not None and set(names) <= set(y):
        return [y[n] for n in names]
    return tf.nest.flatten(y)


def _lists_to_tuples(structure: Any) -> Any:
    if isinstance(structure, dict):
        return {k: _lists_to_tuples(v) for k, v in structure.items()}
    if isinstance(structure, (list, tuple)):
        return tuple(_lists_to_tuples(v) for v in structure)
    return structure


def _structure_mismatch(shallow: Any, value: Any) -> str | None:
    """The error Keras's `tree.map_structure_up_to(shallow, ...)` raises for `value` (None if it fits)."""
    if isinstance(shallow, tuple):
        if not isinstance(value, tuple):
            return f"Expected an instance of tuple, got {value!r}."
        if len(value) != len(shallow):
            return f"tuple arity mismatch; expected: {len(shallow)}, got: {len(value)}; tuple: {value!r}."
        return None
    if isinstance(shallow, dict):
        if not isinstance(value, dict):
            return ("Expected an instance of dict, collections.OrderedDict, or collections.defaultdict, got "
                    f"{value!r}.")
        if set(value) != set(shallow):
            missing = sorted(set(shallow) - set(value))
            extra = sorted(set(value) - set(shallow))
            return (f"dictionary key mismatch; expected key(s): {sorted(shallow)}, got key(s): {sorted(value)}, "
                    f"missing key(s): {missing}, extra key(s): {extra}; dict: {value!r}.")
    return None


class CompileMetrics(metrics_module.Metric):
    """The `compile_metrics` entry of `model.metrics`; its result is a dict of every metric."""

    def __init__(self, metrics: Any, weighted_metrics: Any, name: str = "compile_metric",
                 output_names: list | None = None) -> None:
        super().__init__(name=name)
        if metrics and not isinstance(metrics, (list, tuple, dict)):
            raise ValueError("Expected `metrics` argument to be a list, tuple, or dict. "
                             f"Received instead: metrics={metrics} of type {type(metrics)}")
        if weighted_metrics and not isinstance(weighted_metrics, (list, tuple, dict)):
            raise ValueError("Expected `weighted_metrics` argument to be a list, tuple, or dict. "
                             f"Received instead: weighted_metrics={weighted_metrics} of type "
                             f"{type(weighted_metrics)}")
        self._user_metrics = metrics
        self._user_weighted_metrics = weighted_metrics
        self.built = False
        self.name = "compile_metrics"
        self.output_names = output_names
        self._flat_metrics: list = []
        self._flat_weighted_metrics: list = []
        self._names: list | None = None

    @property
    def metrics(self) -> list:
        if not self.built:
            return []
        out = []
        for mls in self._flat_metrics + self._flat_weighted_metrics:
            if mls is not None:
                out.extend(mls.metrics)
        return out

    @property
    def variables(self) -> list:
        out = []
        for m in self.metrics:
            out.extend(m.variables)
        return out

    def build(self, y_true: Any, y_pred: Any) -> None:
        flat_pred = tf.nest.flatten(y_pred)
        num_outputs = len(flat_pred)
        names = self.output_names
        if isinstance(y_pred, dict):
            names = list(self.output_names) if self.output_names and set(y_pred) == set(self.output_names) \
                else sorted(y_pred)
        self._names = names if (num_outputs > 1 and _is_nested(y_pred)) else None
        self._flat_metrics = self._build_set(self._user_metrics, num_outputs, names, y_true, y_pred, "metrics")
        self._flat_weighted_metrics = self._build_set(self._user_weighted_metrics, num_outputs, names, y_true,
                                                      y_pred, "weighted_metrics")
        self.built = True

    def _build_set(self, metrics: Any, num_outputs: int, names: list | None, y_true: Any, y_pred: Any,
                   argument: str) -> list:
        if not metrics:
            return [None] * num_outputs
        if num_outputs == 1:
            return [_metrics_list(tf.nest.flatten(metrics), tf.nest.flatten(y_true)[0],
                                  tf.nest.flatten(y_pred)[0], None)]
        flat_true = _flatten_like(y_true, self._names)
        flat_pred = _flatten_like(y_pred, self._names)
        out_names = list(names) if names else [None] * num_outputs
        if isinstance(metrics, (list, tuple)) and len(metrics) == num_outputs:
            per_output = list(metrics)
        elif isinstance(metrics, dict) and names and set(metrics) <= set(names):
            per_output = [metrics.get(n) for n in names]
        else:
            raise ValueError(self._invalid_message(metrics, y_pred, argument))
        try:
            return [_metrics_list(m, yt, yp, n) for m, yt, yp, n in zip(per_output, flat_true, flat_pred, out_names)]
        except ValueError as e:
            raise ValueError(f"{e}\nReceived: {argument}={metrics}") from e

    def _invalid_message(self, metrics: Any, y_pred: Any, argument: str) -> str:
        """Keras's message: the `tree.map_structure_up_to` error, then what `argument` should be."""
        shape = tf.nest.map_structure(lambda _: "X", y_pred)
        head = _structure_mismatch(_lists_to_tuples(y_pred), _lists_to_tuples(metrics))
        head = f"{head}\n" if head else ""
        if self.output_names:
            return (f"{head}Invalid `{argument}`. `{argument}` should contain metrics objects and either be a dict "
                    "or a list matching the output names of the functional model "
                    f"{self.output_names} or match the output structure of the model: {shape}.\n"
                    f"Received: {argument}={metrics}")
        return (f"{head}Invalid `{argument}`. `{argument}` should contain metrics objects and match the output "
                f"structure of the model: {shape}.\nReceived: {argument}={metrics}")

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        if not self.built:
            self.build(y_true, y_pred)
        y_true = _flatten_like(y_true, self._names)
        y_pred = _flatten_like(y_pred, self._names)
        for mls, yt, yp in zip(self._flat_metrics, y_true, y_pred):
            if mls:
                mls.update_state(yt, yp)
        if sample_weight is not None:
            weights = _flatten_like(sample_weight, self._names)
            if len(weights) < len(y_true):
                weights = [weights[0]] * len(y_true)
        else:
            weights = [None] * len(y_true)
        for mls, yt, yp, sw in zip(self._flat_weighted_metrics, y_true, y_pred, weights):
            if mls:
                mls.update_state(yt, yp, sw)

    def reset_state(self) -> None:
        if not self.built:
            return
        for mls in self._flat_metrics + self._flat_weighted_metrics:
            if mls:
                mls.reset_state()

    def result(self) -> dict:
        if not self.built:
            raise ValueError("Cannot get result() since the metric has not yet been built.")
        results: dict = {}
        counters: dict = {}
        for mls in self._flat_metrics:
            if not mls:
                continue
            for m in mls.metrics:
                name = f"{mls.output_name}_{m.name}" if mls.output_name else m.name
                if name not in counters:
                    counters[name] = 1
                else:
                    index = counters[name]
                    counters[name] += 1
                    name = f"{name}_{index}"
                results[name] = m.result()
        for mls in self._flat_weighted_metrics:
            if not mls:
                continue
            for m in mls.metrics:
                name = f"{mls.output_name}_{m.name}" if mls.output_name else m.name
                if name not in counters:
                    counters[name] = 1
                else:
                    name = f"weighted_{m.name}"
                    if mls.output_name:
                        name = f"{mls.output_name}_{name}"
                    if name not in counters:
                        counters[name] = 1
                    else:
                        index = counters[name]
                        counters[name] += 1
                        name = f"{name}_{index}"
                results[name] = m.result()
        return results


def _pack_loss_weights(loss: Any, weights: Any) -> Any:
    """`loss_weights` in the structure of `loss`, as Keras's `CompileLoss.build` packs them: a
    different structure is accepted when it has as many leaves (a dict flattens by sorted keys)."""
    if same_structure(loss, weights):
        return weights
    flat_weights = tf.nest.flatten(weights)
    flat_loss = tf.nest.flatten(loss)
    if len(flat_loss) != len(flat_weights):
        raise ValueError(f"`loss_weights` must match the number of losses, got {len(flat_loss)} losses and "
                         f"{len(weights)} weights.")
    return tf.nest.pack_sequence_as(loss, flat_weights)


class CompileLoss:
    """The compiled loss: `__call__(y_true, y_pred, sample_weight)` is the total loss."""

    def __init__(self, loss: Any, loss_weights: Any = None, output_names: list | None = None) -> None:
        if loss_weights and not isinstance(loss_weights, (list, tuple, dict, float)):
            raise ValueError("Expected `loss_weights` argument to be a float (single output case) or a list, "
                             f"tuple, or dict (multiple output case). Received instead: loss_weights={loss_weights}"
                             f" of type {type(loss_weights)}")
        self._user_loss = loss
        self._user_loss_weights = loss_weights
        self.output_names = output_names
        self.built = False
        self.name = "compile_loss"
        self._flat: list = []  # (index into flat outputs, loss, weight, name)
        self._trackers: list = []
        self._names: list | None = None

    @property
    def metrics(self) -> list:
        return list(self._trackers)

    @property
    def variables(self) -> list:
        out = []
        for m in self._trackers:
            out.extend(m.variables)
        return out

    def build(self, y_true: Any, y_pred: Any) -> None:
        flat_pred = tf.nest.flatten(y_pred)
        n = len(flat_pred)
        if isinstance(y_pred, dict):
            names = list(self.output_names) if self.output_names and set(y_pred) == set(self.output_names) \
                else sorted(y_pred)
        else:
            names = list(self.output_names) if self.output_names and len(self.output_names) == n else None
        self._names = names if _is_nested(y_pred) else None
        loss, weights = self._user_loss, self._user_loss_weights
        if isinstance(loss, dict) and self.output_names and not isinstance(y_pred, dict):
            if set(self.output_names) != set(loss):
                raise ValueError(f"Expected keys {self.output_names} in loss dict, but found "
                                 f"loss.keys()={list(loss.keys())}")
            loss = [loss[k] for k in self.output_names]
            if isinstance(weights, dict):
                weights = [weights[k] for k in self.output_names]
        if weights is not None:
            weights = _pack_loss_weights(loss, weights)
        if isinstance(loss, dict):
            if names is None or not set(loss) <= set(names):
                raise ValueError(f"Expected keys {names} in loss dict, but found loss.keys()={list(loss.keys())}")
            flat_loss = [loss.get(k) for k in names]
            flat_weights = [weights.get(k) for k in names] if weights is not None else [None] * n
        elif isinstance(loss, (list, tuple)):
            flat_loss = self._flat_loss_list(loss, y_pred, n)
            flat_weights = list(weights) if weights is not None else []
            flat_weights += [None] * (n - len(flat_weights))
        else:
            flat_loss = [loss] * n
            flat_weights = [weights] * n
        if n > 1 and not isinstance(y_true, dict) and len(tf.nest.flatten(y_true)) == 1:
            # Keras's `_build_nested` finds no `y_true[0]` for a single target (one array or a
            # one-item list: the data adapters unwrap it).
            raise KeyError("The path: (0,) in the `loss` argument, can't be found in either the model's output "
                           "(`y_pred`) or in the labels (`y_true`).")
        flat_true = self._flat_true(y_true, n)
        self._flat = []
        for i, (ident, w) in enumerate(zip(flat_loss, flat_weights)):
            resolved = get_loss(ident, flat_true[i] if i < len(flat_true) else None, flat_pred[i])
            if resolved is None:
                continue
            name = names[i] if names else resolved.name
            self._flat.append((i, resolved, w, name))
        self._trackers = []
        if len(self._flat) > 1:
            self._trackers = [metrics_module.Mean(name=f"{entry[3]}_loss") for entry in self._flat]
        self.built = True

    @staticmethod
    def _flat_loss_list(loss: Any, y_pred: Any, n: int) -> list:
        """A list of losses for a list of outputs: as in Keras, a shorter list leaves the last outputs
        without a loss and a longer one names an output that does not exist (KeyError)."""
        if len(loss) == n:
            return list(loss)
        if isinstance(y_pred, type(loss)):
            if len(loss) < n:
                return list(loss) + [None] * (n - len(loss))
            raise KeyError(f"The path: ({n},) in the `loss` argument, can't be found in either the model's output "
                           "(`y_pred`) or in the labels (`y_true`).")
        raise ValueError(f"`loss` must match the number of outputs, got {len(loss)} losses for {n} outputs.")

    def _flat_true(self, y_true: Any, n: int) -> list:
        if isinstance(y_true, dict) and self._names is not None:
            return [y_true.get(k) for k in self._names]
        flat = tf.nest.flatten(y_true) if _is_nested(y_true) else [y_true]
        if len(flat) != n and n > 1:
            raise ValueError("y_true and y_pred have different structures.\n"
                             f"y_true: {tf.nest.map_structure(lambda _: '*', y_true)}\n"
                             f"y_pred: {['*'] * n}\n")
        return flat

    def __call__(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> Any:
        if y_true is None:
            raise ValueError("None values not supported.")
        if not self.built:
            self.build(y_true, y_pred)
        flat_pred = tf.nest.flatten(y_pred)
        flat_true = self._flat_true(y_true, len(flat_pred))
        nested_sw = _is_nested(sample_weight)
        if nested_sw:
            flat_sw = _flatten_like(sample_weight, self._names)
        trackers = self._trackers
        total = None
        for k, (i, loss_fn, weight, _) in enumerate(self._flat):
            yt = flat_true[i]
            if yt is None:
                raise ValueError("None values not supported.")
            sw = flat_sw[i] if nested_sw else sample_weight
            value = loss_fn(yt, flat_pred[i], sw)
            if value.dtype != tf.float32:
                value = tf.cast(value, tf.float32)
            if trackers:
                # Keras passes `y_pred.shape[0]` as the weight, which is None inside its traced
                # train function: the per-output trackers average the batch means unweighted.
                trackers[k].update_state(value)
            if weight is not None:
                value = value * weight
            total = value if total is None else total + value
        return total
