"""`tf.keras.mixed_precision`: the global dtype policy (`'mixed_float16'` computes in float16 with
float32 variables)."""

from typing import Any

from tfshim.keras.backend.dtype_policy import DTypePolicy, set_dtype_policy
from tfshim.keras.backend.dtype_policy import dtype_policy as global_policy

Policy = DTypePolicy


def set_global_policy(policy: Any) -> None:
    """Sets the policy layers made afterwards take (a name such as `'mixed_float16'`, or a policy)."""
    set_dtype_policy(policy)


__all__ = ["DTypePolicy", "Policy", "global_policy", "set_global_policy"]
