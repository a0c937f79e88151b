"""`keras.metrics.Metric`: stateful metrics whose state lives in non-trainable Keras variables.

Differs from Keras 3.15: the stateless API (`stateless_update_state`, `stateless_result`,
`stateless_reset_state`) is not provided.
"""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras import backend
from tfshim.keras.losses._keras_state import auto_name, compute_dtype, floatx


class Metric:
    """Subclasses create state with `add_variable` in `__init__` and implement `update_state`
    and `result`. `reset_state` sets every variable to zeros; calling the metric updates it and
    returns `result()` over all updates so far."""

    def __init__(self, dtype: Any = None, name: str | None = None) -> None:
        self.name = name or auto_name(type(self).__name__)
        self._dtype = compute_dtype(dtype or floatx())
        self._metrics: list = []
        self._variables: list = []

    def __setattr__(self, name: str, value: Any) -> None:
        # Track Keras variables and nested metrics assigned as attributes (the nested metrics'
        # variables are listed after this metric's own).
        if "_metrics" in self.__dict__:
            if isinstance(value, backend.Variable):
                if not any(v is value for v in self._variables):
                    self._variables.append(value)
            elif isinstance(value, Metric) and value is not self:
                if not any(m is value for m in self._metrics):
                    self._metrics.append(value)
        object.__setattr__(self, name, value)

    @property
    def dtype(self) -> str:
        return self._dtype

    @property
    def variables(self) -> list:
        variables = list(self._variables)
        for metric in self._metrics:
            variables.extend(metric.variables)
        return variables

    def add_variable(self, shape: Any, initializer: Any, dtype: Any = None, aggregation: str = "sum",
                     name: str | None = None) -> Any:
        """A non-trainable Keras variable with path `<metric name>/<name>`."""
        self._check_super_called()
        with backend.name_scope(self.name.replace("/", ">"), caller=self):
            variable = backend.Variable(initializer=initializer, shape=shape, dtype=dtype, trainable=False,
                                        aggregation=aggregation, synchronization="on_read", name=name)
        self._variables.append(variable)
        return variable

    def add_weight(self, shape: Any = (), initializer: Any = None, dtype: Any = None,
                   name: str | None = None) -> Any:
        """Alias of `add_variable` kept for Keras 2 code."""
        return self.add_variable(shape=shape, initializer=initializer, dtype=dtype, name=name)

    def reset_state(self) -> None:
        for v in self.variables:
            v.assign(tf.zeros(v.shape, dtype=v.dtype))

    def update_state(self, *args: Any, **kwargs: Any) -> None:
        raise NotImplementedError

    def result(self) -> Any:
        raise NotImplementedError

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self._check_super_called()
        self.update_state(*args, **kwargs)
        return self.result()

    def get_config(self) -> dict:
        return {"name": self.name, "dtype": self.dtype}

    @classmethod
    def from_config(cls, config: dict) -> Metric:
        return cls(**config)

    def _check_super_called(self) -> None:
        if "_variables" not in self.__dict__:
            raise RuntimeError("You forgot to call `super().__init__()` in the `__init__()` method. Go add it!")

    def __repr__(self) -> str:
        return f"<{type(self).__name__} name={self.name}>"

    def __str__(self) -> str:
        return self.__repr__()
