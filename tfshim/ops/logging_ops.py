"""`tf.print`: TensorFlow's print_v2, formatting tensors the way its C++ `StringFormat` op does.

The template is built like TensorFlow's Python code builds it (plain strings verbatim, other values
through `pprint.pformat` with a placeholder for each tensor), and each tensor is summarized like
`Tensor::SummarizeValue(summarize, print_v2=true)`: `summarize` leading and trailing entries per
dimension around `...`, floats with 6 significant digits when that round-trips (else 9; doubles 15 or
17), booleans as 1/0, strings quoted, complex numbers as `?`.

Difference: the text goes to the Python-level `sys.stderr` / `sys.stdout` current at the call (so
pytest's capture and `contextlib.redirect_stderr` see it), where TensorFlow writes to the process's
C++ streams.
"""

from __future__ import annotations

import collections
import logging
import os
import pprint
import random
import sys
from typing import Any

import numpy as np

from tfshim import nest
from tfshim._engine.convert import _converter_for
from tfshim._engine.errors import InvalidArgumentError
from tfshim._engine.tensor import EagerTensor, Tensor


def _is_tf_type(x: Any) -> bool:
    """Tensors, variables, and any type registered for tensor conversion (a Keras variable)."""
    return isinstance(x, Tensor) or getattr(x, "_is_variable", False) or _converter_for(x) is not None


def _placeholder(text: str, default: str = "{}") -> str:
    """TF's `_generate_placeholder_string`: a placeholder that does not occur in `text`."""
    placeholder = default
    rng = random.Random(5)
    while placeholder in text:
        placeholder = placeholder + str(rng.randint(0, 9))
    return placeholder


_LOG_LEVELS = {logging.INFO: logging.INFO, logging.WARNING: logging.WARNING, logging.ERROR: logging.ERROR}
_LOG_FUNCTIONS = {logging.info: logging.INFO, logging.warning: logging.WARNING, logging.warn: logging.WARNING,
                  logging.error: logging.ERROR}


def print(*inputs: Any, **kwargs: Any) -> None:
    """`tf.print(*inputs, output_stream=sys.stderr, summarize=3, sep=' ', end=os.linesep, name=None)`."""
    output_stream = kwargs.pop("output_stream", sys.stderr)
    kwargs.pop("name", None)
    summarize = kwargs.pop("summarize", 3)
    sep = kwargs.pop("sep", " ")
    end = kwargs.pop("end", os.linesep)
    if kwargs:
        raise ValueError(f"Unrecognized keyword arguments for tf.print: {kwargs}")
    write = _writer(output_stream)
    if len(inputs) == 1 and isinstance(inputs[0], EagerTensor) and inputs[0]._value.ndim == 0 and \
            inputs[0]._value.dtype == object:
        value = inputs[0]._value[()] if isinstance(inputs[0]._value, np.ndarray) else inputs[0]._value
        text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    else:
        text = _format(inputs, summarize, sep)
    write(text + end)


def _writer(output_stream: Any) -> Any:
    if isinstance(output_stream, str) and output_stream.startswith("file://"):
        path = output_stream[len("file://"):]

        def to_file(text: str) -> None:
            with open(path, "a", encoding="utf-8") as f:
                f.write(text)

        return to_file
    if output_stream is sys.stdout or output_stream is sys.stderr or output_stream in (sys.__stdout__,
                                                                                        sys.__stderr__):
        def to_stream(text: str) -> None:
            output_stream.write(text)
            output_stream.flush()

        return to_stream
    try:
        level = _LOG_LEVELS.get(output_stream) or _LOG_FUNCTIONS.get(output_stream)
    except TypeError:  # an unhashable stream
        level = None
    if level is None:
        raise ValueError("Unsupported output stream, logging level, or file." + str(output_stream) +
                         ". Supported streams are sys.stdout, sys.stderr, tf.logging.info, tf.logging.warning, "
                         "tf.logging.error. File needs to be in the form of 'file://<filepath>'.")

    def to_log(text: str) -> None:
        logging.getLogger("tensorflow").log(level, text.rstrip("\n"))

    return to_log


def _format(inputs: tuple, summarize: int, sep: str) -> str:
    sorted_inputs = [collections.OrderedDict(sorted(x.items())) if isinstance(x, collections.OrderedDict) else x
                     for x in inputs]
    tensor_free = nest.map_structure(lambda x: "" if _is_tf_type(x) else x, sorted_inputs)
    placeholder = _placeholder(" ".join(pprint.pformat(x) for x in tensor_free))
    tensors = []
    templates = []
    for item in inputs:
        placeholders = []
        for leaf in nest.flatten(item):
            if _is_tf_type(leaf):
                tensors.append(leaf)
                placeholders.append(placeholder)
            else:
                placeholders.append(leaf)
        if isinstance(item, str):
            templates.append(item)
        else:
            templates.append(pprint.pformat(nest.pack_sequence_as(item, placeholders)))
    template = sep.join(templates).replace("'" + placeholder + "'", placeholder)
    return string_format(template, tensors, placeholder, summarize)


def string_format(template: str, inputs: Any, placeholder: str = "{}", summarize: int = 3,
                  name: Any = None) -> str:
    """The text of TF's StringFormat op (`tf.strings.format` returns it as a string tensor)."""
    from tfshim._engine.convert import convert_to_tensor

    parts = template.split(placeholder)
    if len(parts) - 1 != len(inputs):
        raise InvalidArgumentError(None, None, f"num placeholders in template and num inputs must match: "
                                               f"{len(parts) - 1} vs. {len(inputs)}")
    out = [parts[0]]
    for tensor, part in zip(inputs, parts[1:]):
        out.append(summarize_value(convert_to_tensor(tensor), summarize))
        out.append(part)
    return "".join(out)


# -- Tensor::SummarizeValue(print_v2=true) -----------------------------------------------------
def _float_text(value: Any, digits: int, extra: int, np_type: Any) -> str:
    v = float(value)
    if np.isnan(v):
        return "-nan" if np.signbit(v) else "nan"
    text = f"{v:.{digits}g}"
    if np_type(float(text)) != np_type(v):
        text = f"{v:.{digits + extra}g}"
    return text


def _element_text(value: Any, kind: str) -> str:
    if kind == "b":
        return "1" if value else "0"
    if kind in "iu":
        return str(int(value))
    if kind == "d":
        return _float_text(value, 15, 2, np.float64)
    if kind == "f":
        return _float_text(value, 6, 3, np.float32)
    if kind == "s":
        raw = value if isinstance(value, bytes) else str(value).encode()
        return '"' + _c_escape(raw) + '"'
    return "?"


def _c_escape(raw: bytes) -> str:
    out = []
    for byte in raw:
        ch = chr(byte)
        if ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ch in "\"'\\":
            out.append("\\" + ch)
        elif byte < 0x20 or byte >= 0x7F:
            out.append(f"\\{byte:03o}")
        else:
            out.append(ch)
    return "".join(out)


def _kind(array: np.ndarray) -> str:
    dt = array.dtype
    if dt.kind == "O":
        return "s"
    if dt == np.bool_:
        return "b"
    if dt.kind in "iu":
        return "i"
    if dt == np.float64:
        return "d"
    if dt.kind == "f" or dt.name == "bfloat16":
        return "f"
    return "?"


def summarize_value(tensor: EagerTensor, summarize: int = 3) -> str:
    """A tensor's value as `tf.print` shows it."""
    array = np.asarray(tensor._value)
    kind = _kind(array)
    num = array.size
    max_entries = num if summarize < 0 else summarize
    limit = min(max_entries, num)
    flat = array.reshape(-1)
    if kind == "?":
        text = "[" if array.ndim else ""
        text += " ".join("?" for _ in range(limit))
        if max_entries < num:
            text += "..."
        return text + ("]" if array.ndim else "")
    if array.ndim == 0:
        text = " ".join(_element_text(flat[i], kind) for i in range(limit))
        if num > limit:
            text += "..."
        return text
    out: list = []
    _print_dim(0, array.shape, limit, array.ndim, flat, 0, out, kind)
    return "".join(out)


def _dim_spacing(dim: int, ndims: int, out: list) -> None:
    if dim == ndims - 1:
        out.append(" ")
        return
    out.append("\n" * (ndims - dim - 1))
    out.append(" " * (dim + 1))


def _print_dim(dim: int, shape: tuple, ends: int, ndims: int, flat: np.ndarray, index: int, out: list,
               kind: str) -> None:
    if dim == ndims:
        out.append(_element_text(flat[index], kind))
        return
    out.append("[")
    count = shape[dim]
    start_of_end = max(ends, count - ends)
    per = 1
    for d in shape[dim + 1:]:
        per *= d
    i = 0
    while i < ends and i < count:
        if i > 0:
            _dim_spacing(dim, ndims, out)
        _print_dim(dim + 1, shape, ends, ndims, flat, index + per * i, out, kind)
        i += 1
    if count > 2 * ends:
        _dim_spacing(dim, ndims, out)
        out.append("...")
    for j in range(start_of_end, count):
        _dim_spacing(dim, ndims, out)
        _print_dim(dim + 1, shape, ends, ndims, flat, index + per * j, out, kind)
    out.append("]")
