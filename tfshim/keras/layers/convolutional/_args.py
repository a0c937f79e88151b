"""Keras's argument checks for the conv, pooling and reshaping layers (`standardize_tuple`,
`standardize_padding`) and its output-size rules (`compute_conv_output_shape`, the transposed and
pooling sizes)."""

from __future__ import annotations

from typing import Any

import tfshim as tf


def standardize_tuple(value: Any, n: int, name: str, allow_zero: bool = False) -> tuple:
    message = f"The `{name}` argument must be a tuple of {n} integers. Received {name}={value}"
    if isinstance(value, int):
        values = (value,) * n
    else:
        try:
            values = tuple(value)
        except TypeError:
            raise ValueError(message) from None
        if len(values) != n:
            raise ValueError(message)
        for v in values:
            try:
                int(v)
            except (ValueError, TypeError):
                raise ValueError(message + f"including element {v} of type {type(v)}") from None
    bad = {v for v in values if (v < 0 if allow_zero else v <= 0)}
    if bad:
        requirement = ">= 0" if allow_zero else "> 0"
        raise ValueError(message + f", including values {bad} that do not satisfy `value {requirement}`")
    return values


def standardize_padding(value: Any, allow_causal: bool = False) -> Any:
    if isinstance(value, (list, tuple)):
        return value
    padding = value.lower()
    allowed = {"valid", "same", "causal"} if allow_causal else {"valid", "same"}
    if padding not in allowed:
        raise ValueError(f"The `padding` argument must be a list/tuple or one of {allowed}. Received: {padding}")
    return padding


def spatial(shape: tuple, data_format: str) -> tuple:
    return tuple(shape[1:-1]) if data_format == "channels_last" else tuple(shape[2:])


def with_spatial(shape: tuple, sizes: list, channels: Any, data_format: str) -> tuple:
    if data_format == "channels_last":
        return (shape[0], *sizes, channels)
    return (shape[0], channels, *sizes)


def conv_output_shape(input_shape: tuple, filters: Any, kernel_size: tuple, strides: tuple, padding: str,
                      data_format: str, dilation_rate: tuple) -> tuple:
    """Keras's `compute_conv_output_shape` (also used by pooling, with `filters` the channels)."""
    sizes = spatial(input_shape, data_format)
    channels = input_shape[-1] if data_format == "channels_last" else input_shape[1]
    kernel_shape = (*tuple(kernel_size), channels, filters)
    if len(kernel_shape) != len(input_shape):
        raise ValueError("Kernel shape must have the same length as input, but received kernel of shape "
                         f"{kernel_shape} and input of shape {input_shape}.")
    if padding not in ("valid", "same", "causal"):  # an explicit list of paddings passes the constructor
        raise ValueError(f"`padding` must be either `'valid'` or `'same'`. Received {padding}.")
    out = []
    for i, n in enumerate(sizes):
        if n is None:
            out.append(None)
            continue
        if padding == "valid":
            o = (n - dilation_rate[i] * (kernel_size[i] - 1) - 1) // strides[i] + 1
            if o <= 0:
                import numpy as np

                raise ValueError("Computed output size would be zero or negative. Received "
                                 f"`inputs shape={input_shape}`, `kernel shape={kernel_shape}`, "
                                 f"`dilation_rate={np.array(dilation_rate)}`, `strides={strides}`, "
                                 f"`padding={padding}`.")
        else:
            o = (n - 1) // strides[i] + 1
        out.append(int(o))
    return with_spatial(input_shape, out, filters, data_format)


def tf_format(data_format: str, rank: int) -> str:
    """Keras's `_convert_data_format`: NWC/NHWC/NDHWC or the channels-first forms."""
    last = {3: "NWC", 4: "NHWC", 5: "NDHWC"}
    first = {3: "NCW", 4: "NCHW", 5: "NCDHW"}
    return (last if data_format == "channels_last" else first)[rank]


def kernel_tensor(kernel: Any, inputs: Any) -> Any:
    """The kernel as the op reads it. TF's 2-D/3-D convolution ops convert Keras's variable with the
    input's dtype as hint, so a float kernel with integer inputs raises the variable's ValueError
    ("Incompatible type conversion requested ..."); the 1-D ops expand the kernel first and fail in the op."""
    if inputs.shape.rank >= 4 and not (inputs.dtype.is_floating or inputs.dtype.is_complex):
        return tf.convert_to_tensor(kernel, dtype=inputs.dtype)
    return tf.convert_to_tensor(kernel)
