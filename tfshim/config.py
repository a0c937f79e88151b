"""`tf.config`: device queries answer as TensorFlow does on a CPU-only machine; settings that have no
meaning for a NumPy engine are accepted and ignored. tfshim adds `set_explain_unconnected` /
`get_explain_unconnected` (explain mode, see docs/explain.md)."""

from __future__ import annotations

from typing import Any, NamedTuple

from tfshim.explain import get_explain_unconnected, set_explain_unconnected

_eager_functions = False


class PhysicalDevice(NamedTuple):
    """`tf.config.PhysicalDevice`."""

    name: str
    device_type: str


class LogicalDevice(NamedTuple):
    """`tf.config.LogicalDevice`."""

    name: str
    device_type: str


_CPU = PhysicalDevice("/physical_device:CPU:0", "CPU")


def list_physical_devices(device_type: str | None = None) -> list[PhysicalDevice]:
    """Only the CPU exists."""
    return [_CPU] if device_type in (None, "CPU") else []


def list_logical_devices(device_type: str | None = None) -> list[LogicalDevice]:
    return [LogicalDevice("/device:CPU:0", "CPU")] if device_type in (None, "CPU") else []


def get_visible_devices(device_type: str | None = None) -> list[PhysicalDevice]:
    return list_physical_devices(device_type)


def set_visible_devices(devices: Any, device_type: str | None = None) -> None:
    """Accepted and ignored."""


def run_functions_eagerly(run_eagerly: bool) -> None:
    """tf.function always runs eagerly in tfshim; the setting is remembered for functions_run_eagerly()."""
    global _eager_functions
    _eager_functions = bool(run_eagerly)


def functions_run_eagerly() -> bool:
    return _eager_functions


def set_soft_device_placement(enabled: bool) -> None:
    """Accepted and ignored."""


class experimental:  # noqa: N801 - TF's namespace name
    """`tf.config.experimental`: memory settings are accepted and ignored."""

    @staticmethod
    def set_memory_growth(device: Any, enable: bool) -> None:
        """Accepted and ignored."""

    @staticmethod
    def list_physical_devices(device_type: str | None = None) -> list[PhysicalDevice]:
        return list_physical_devices(device_type)

    @staticmethod
    def get_memory_growth(device: Any) -> bool:
        return False


__all__ = ["LogicalDevice", "PhysicalDevice", "experimental", "functions_run_eagerly", "get_explain_unconnected",
           "get_visible_devices", "list_logical_devices", "list_physical_devices", "run_functions_eagerly",
           "set_explain_unconnected", "set_soft_device_placement", "set_visible_devices"]
