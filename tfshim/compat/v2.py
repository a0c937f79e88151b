"""`tf.compat.v2`: the same names as the tf namespace."""

from typing import Any


def __getattr__(name: str) -> Any:
    import tfshim

    return getattr(tfshim, name)
