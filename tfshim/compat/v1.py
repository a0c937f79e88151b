"""`tf.compat.v1`: the TF2 names, plus the eager-mode switches of TF1. tfshim only runs eagerly."""

from typing import Any


def enable_eager_execution(config: Any = None, device_policy: Any = None, execution_mode: Any = None) -> None:
    """Eager execution is always on."""


def enable_v2_behavior() -> None:
    """TF2 behaviour is the only behaviour."""


def executing_eagerly() -> bool:
    return True


def disable_eager_execution() -> None:
    raise NotImplementedError("tfshim runs eagerly only: graph mode (tf.compat.v1.disable_eager_execution) is not "
                              "supported")


def disable_v2_behavior() -> None:
    raise NotImplementedError("tfshim implements TensorFlow 2 behaviour only")


def __getattr__(name: str) -> Any:
    import tfshim

    return getattr(tfshim, name)
