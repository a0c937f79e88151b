"""Keras's global configuration: `floatx`, `epsilon`, `image_data_format` (keras.src.backend.config)."""

from __future__ import annotations

_FLOATX = ["float32"]
_EPSILON = [1e-7]
_IMAGE_DATA_FORMAT = ["channels_last"]
_FLOAT_NAMES = ("bfloat16", "float16", "float32", "float64")


def floatx() -> str:
    """The default float type, as a string (`'float32'`)."""
    return _FLOATX[0]


def set_floatx(value: str) -> None:
    """Sets the default float type. Only float types are accepted (ValueError otherwise)."""
    if value not in _FLOAT_NAMES:
        raise ValueError(f"Unknown `floatx` value: {value}. Expected one of {set(_FLOAT_NAMES)}")
    _FLOATX[0] = str(value)


def epsilon() -> float:
    """The fuzz factor used in numeric expressions (`1e-07`)."""
    return _EPSILON[0]


def set_epsilon(value: float) -> None:
    _EPSILON[0] = value


def image_data_format() -> str:
    """`'channels_last'` (the default) or `'channels_first'`."""
    return _IMAGE_DATA_FORMAT[0]


def set_image_data_format(data_format: str) -> None:
    data_format = str(data_format).lower()
    if data_format not in ("channels_first", "channels_last"):
        raise ValueError("The `data_format` argument must be one of {'channels_first', 'channels_last'}. "
                         f"Received: data_format={data_format}")
    _IMAGE_DATA_FORMAT[0] = data_format


def standardize_data_format(data_format: str | None) -> str:
    if data_format is None:
        return image_data_format()
    data_format = str(data_format).lower()
    if data_format not in ("channels_first", "channels_last"):
        raise ValueError("The `data_format` argument must be one of {'channels_first', 'channels_last'}. "
                         f"Received: data_format={data_format}")
    return data_format


def backend() -> str:
    """`'tensorflow'`: tfshim plays TensorFlow's part."""
    return "tensorflow"
