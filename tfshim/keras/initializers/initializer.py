"""`tf.keras.initializers.Initializer`: the base class (call, get_config, from_config, clone)."""

from __future__ import annotations

from typing import Any


class Initializer:
    """Base of every initializer: `init(shape, dtype=None)` returns a tensor; `dtype=None` is floatx."""

    def __call__(self, shape: Any, dtype: Any = None) -> Any:
        raise NotImplementedError("Initializer subclasses must implement the `__call__()` method.")

    def get_config(self) -> dict:
        return {}

    @classmethod
    def from_config(cls, config: dict) -> Initializer:
        return cls(**config)

    def clone(self) -> Initializer:
        return self.__class__.from_config(self.get_config())
