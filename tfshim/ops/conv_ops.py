"""Convolutions: tf.nn.conv1d/2d/3d, convolution, depthwise/separable/atrous convolutions and the
transposed convolutions, on TensorFlow's ops (Conv2D, Conv2DBackpropInput, Conv2DBackpropFilter, Conv3D
and its V2 backprops, DepthwiseConv2dNative and its backprops) with TensorFlow's gradient rules: each
backprop op's gradient is again a forward or backprop op, so second derivatives (gradient penalties)
come out as in TensorFlow.

A kernel is im2col (a `sliding_window_view` of the padded input, copied once into a matrix) and one BLAS
matmul per group; the input backprop is one matmul followed by one vectorised scatter-add per kernel
offset, the filter backprop one matmul. Depthwise convolutions sum per-offset broadcast products.
float16/bfloat16 compute in float32 and int32 in int64, each rounded back to the input dtype.

Differences from TensorFlow: channels-first layouts run on every dtype where the default (oneDNN)
build runs them for float32 and bfloat16 only, and raise TF's UnimplementedError otherwise, as TF does;
inputs TF's default build would abort on or answer with uninitialised memory raise Eigen's errors or
return Eigen's (correct, empty) result instead. Dilated `convolution`/`atrous_conv2d`/depthwise
convolutions run the dilated kernels directly rather than TF's space-to-batch rewrite (same values);
a depthwise convolution with strides > 1 and rates > 1 (NHWC) takes TF's space-to-batch route, whose
result is not a strided dilated convolution.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from tfshim._engine import dtypes as _dtypes
from tfshim._engine.errors import AbortedError, InvalidArgumentError, UnimplementedError, kernel_error
from tfshim._engine.registry import execute, kernel, op_def
from tfshim._engine.tensor import EagerTensor
from tfshim.ops import _args
from tfshim.ops import _windows as _w

_CONV2D = op_def("Conv2D")
_CONV2D_BI = op_def("Conv2DBackpropInput")
_CONV2D_BF = op_def("Conv2DBackpropFilter")
_CONV3D = op_def("Conv3D")
_CONV3D_BI = op_def("Conv3DBackpropInputV2")
_CONV3D_BF = op_def("Conv3DBackpropFilterV2")
_DW = op_def("DepthwiseConv2dNative")
_DW_BI = op_def("DepthwiseConv2dNativeBackpropInput")
_DW_BF = op_def("DepthwiseConv2dNativeBackpropFilter")

_F32 = np.dtype(np.float32)
_F64 = np.dtype(np.float64)
_I32 = np.dtype(np.int32)
# dtypes TensorFlow's default x86 build sends through oneDNN (channels-first, dilated/grouped gradients)
_ONEDNN = frozenset({_F32} | (_dtypes.HALF_NP - {np.dtype(np.float16)}))
_LOW = _dtypes.HALF_NP  # computed in float32
_CHANNELS_FIRST = ("NCHW", "NCW", "NCDHW")
# with 2 or 3 input channels (below this) the filter backprop takes per-offset matmuls instead of one im2col
# matmul; one channel takes the offset-major im2col matrix (measured on 28x28x1 and 13x13x16, 3x3 kernels)
_PER_OFFSET_MAX_CHANNELS = 4


# -- argument forms (TF's Python wrappers) -------------------------------------------------------
def _sequence(value: Any, n: int, channel_index: int, name: str) -> list:
    """TF's `_get_sequence`: an int or a list of 1, n or n+2 values, as the full n+2 list."""
    if value is None:
        return [1] * (n + 2)
    if isinstance(value, EagerTensor):
        if value._value.ndim == 0:  # TF's `list(value)`
            raise TypeError("Cannot iterate over a scalar tensor.")
        value = value.numpy().tolist()
    elif isinstance(value, tuple):
        value = list(value)
    elif isinstance(value, (int, np.integer)):
        value = [int(value)]
    elif not isinstance(value, list):
        value = list(value) if hasattr(value, "__len__") else [value]
    for v in value:
        if isinstance(v, (str, bytes)):  # the op's attr conversion (`make_int`)
            raise TypeError(f"Expected int for argument '{name}' not {v!r}.")
    if len(value) == n + 2:
        return [int(v) for v in value]
    if len(value) == 1:
        value = value * n
    elif len(value) != n:
        raise ValueError(f"{name} should be of length 1, {n} or {n + 2}. "
                         f"Received: {name}={value} of length {len(value)}")
    value = [int(v) for v in value]
    return [1, 1, *value] if channel_index == 1 else [1, *value, 1]


def _convert_padding(padding: Any, expected_length: int = 4) -> tuple:
    """TF's `convert_padding`: a padding string, or a list of [before, after] pairs (EXPLICIT)."""
    if isinstance(padding, str) and padding == "EXPLICIT":
        raise ValueError("'EXPLICIT' is not a valid value for `padding`. To use explicit padding, `padding` "
                         "must be a list.")
    if isinstance(padding, (list, tuple)):
        flat = []
        for i, pair in enumerate(padding):
            if not isinstance(pair, (list, tuple)):
                raise ValueError("When `padding` is a list, each element of `padding` must be a list/tuple of "
                                 f"size 2. Received: padding={padding} with element at index {i} of type "
                                 f"{type(pair)}")
            if len(pair) != 2:
                raise ValueError("When `padding` is a list, each element of `padding` must be a list/tuple of "
                                 f"size 2. Received: padding={padding} with element at index {i} of size "
                                 f"{len(pair)}")
            flat.extend(int(p) for p in pair)
        if len(padding) != expected_length:
            raise ValueError(f"When padding is a list, it must be of size {expected_length}. "
                             f"Received: padding={padding} of size {len(padding)}")
        return "EXPLICIT", flat
    return _string_padding(padding), []


def _string_padding(padding: Any) -> str:
    """The op's string attr conversion (`make_str`): bytes are decoded, anything else not a str raises."""
    if isinstance(padding, bytes):
        return padding.decode()
    if not isinstance(padding, str):
        raise TypeError(f"Expected string for argument 'padding' not {padding!r}.")
    return padding


def _needs_shape(value: Any) -> None:
    """TF's conv2d/conv3d and max_pool/avg_pool read `input.shape` before converting: a Python list
    raises AttributeError there."""
    if isinstance(value, (list, tuple)):
        raise AttributeError(f"'{type(value).__name__}' object has no attribute 'shape'")


def _list_attr(value: Any, arg: str, op_name: str) -> list:
    if not isinstance(value, (list, tuple)):
        raise TypeError(f"Expected list for '{arg}' argument to '{op_name}' Op, not {value!r}.")
    return [int(v) for v in value]


def _attr_error(op_name: str, attr: str, value: str, allowed: tuple, onednn: bool = False,
                name: Any = "") -> InvalidArgumentError:
    """The op definition's allowed-values error; TF's default build names its oneDNN op for the
    float32/bfloat16 Conv2D and Conv3D."""
    from tfshim._engine.registry import get_op_def

    listed = ", ".join(f'"{a}"' for a in allowed)
    if onednn and op_name in _MKL_SUMMARIES:
        node, summary = f"_MklNative{op_name}", _MKL_SUMMARIES[op_name]
    else:
        ones = ", ".join(["1"] * (5 if op_name.startswith("Conv3D") else 4))
        node = op_name
        summary = (_SUMMARIES.get(op_name) or get_op_def(op_name).summary).replace(
            "attr=dilations:list(int),default=[]", f"attr=dilations:list(int),default=[{ones}]")
    return InvalidArgumentError(
        None, None, f"Value for attr '{attr}' of \"{value}\" is not in the list of allowed values: {listed}\n\t; "
                    f"NodeDef: {{{{node {node}}}}}; {summary} [Op:{op_name}] name: {name or ''}")


_SUMMARIES = {
    "Conv3D": "Op<name=Conv3D; signature=input:T, filter:T -> output:T; attr=T:type,allowed=[DT_HALF, DT_BFLOAT16, "
              "DT_FLOAT, DT_DOUBLE]; attr=strides:list(int),min=5; attr=padding:string,allowed=[\"SAME\", \"VALID\"]; "
              "attr=data_format:string,default=\"NDHWC\",allowed=[\"NDHWC\", \"NCDHW\"]; "
              "attr=dilations:list(int),default=[1, 1, 1, 1, 1]>",
}
_MKL_CONV3D = ("Op<name=_MklNativeConv3D; signature=input:T, filter:T -> output:T; attr=T:type,allowed=[DT_BFLOAT16, "
               "DT_FLOAT, DT_HALF]; attr=strides:list(int),min=5; attr=is_filter_const:bool,default=false; "
               "attr=padding:string,allowed=[\"SAME\", \"VALID\"]; attr=data_format:string,default=\"NDHWC\","
               "allowed=[\"NDHWC\", \"NCDHW\"]; attr=dilations:list(int),default=[1, 1, 1, 1, 1]>")


_MKL_SUMMARIES = {
    "Conv2D": "Op<name=_MklNativeConv2D; signature=input:T, filter:T -> output:T; attr=T:type,allowed=[DT_BFLOAT16, "
              "DT_FLOAT, DT_HALF]; attr=strides:list(int); attr=use_cudnn_on_gpu:bool,default=true; "
              "attr=is_filter_const:bool,default=false; attr=padding:string,allowed=[\"SAME\", \"VALID\", "
              "\"EXPLICIT\"]; attr=explicit_paddings:list(int),default=[]; attr=data_format:string,default=\"NHWC\","
              "allowed=[\"NHWC\", \"NCHW\"]; attr=dilations:list(int),default=[1, 1, 1, 1]>",
    "Conv3D": _MKL_CONV3D,
}


def _min_length_error(length: int, onednn: bool, name: Any = "") -> InvalidArgumentError:
    """Conv3D's op-definition check on `strides` (min=5); the default build names its oneDNN op."""
    node, summary = ("_MklNativeConv3D", _MKL_CONV3D) if onednn else ("Conv3D", _SUMMARIES["Conv3D"])
    return InvalidArgumentError(None, None, f"Length for attr 'strides' of {length} must be at least minimum 5\n\t; "
                                            f"NodeDef: {{{{node {node}}}}}; {summary} [Op:Conv3D] name: {name or ''}")


_CONV3D_TYPES = frozenset(np.dtype(t) for t in ("float16", "float32", "float64")) | _dtypes.HALF_NP


def _conv3d_dtype_error(dtype: np.dtype) -> InvalidArgumentError:
    return InvalidArgumentError(
        None, None, f"Value for attr 'T' of {_args.kernel_name(dtype)} is not in the list of allowed values: half, "
                    f"bfloat16, float, double\n\t; NodeDef: {{{{node Conv3D}}}}; {_SUMMARIES['Conv3D']} "
                    "[Op:Conv3D] name: ")


def _pair(x: Any, w: Any, op: Any, separately: bool = False) -> tuple:
    """The input and filter as tensors of one dtype (`separately`: each converted on its own, as
    depthwise_conv2d's wrapper does). A mismatch names the oneDNN kernel when TF's default build
    would run one for the input's dtype."""
    x, w = (_args.tensor(x), _args.tensor(w)) if separately else _args.convert_to_first_tensor_dtype([x, w])
    try:
        _args.same_dtype(op, (x, w))
    except InvalidArgumentError as err:  # the generated summary lacks the dilations default
        ones = ", ".join(["1"] * (5 if op.name.startswith("Conv3D") else 4))
        err._message = err._message.replace("attr=dilations:list(int),default=[]",
                                            f"attr=dilations:list(int),default=[{ones}]")
        if x._value.dtype in _ONEDNN:
            err._message = err._message.replace(f"cannot compute {op.name} ", f"cannot compute _MklNative{op.name} ")
        raise
    return x, w


# -- attributes and checks -------------------------------------------------------------------------
def _attrs(strides: list, padding: str, explicit: list, data_format: str, dilations: list) -> dict:
    return {"strides": tuple(strides), "padding": padding, "explicit_paddings": tuple(explicit),
            "data_format": data_format, "dilations": tuple(dilations)}


def _spatial(values: tuple, channels_first: bool) -> tuple:
    return tuple(values[2:]) if channels_first else tuple(values[1:-1])


def _nhwc_shape(shape: tuple, channels_first: bool) -> tuple:
    return (shape[0], *shape[2:], shape[1]) if channels_first else tuple(shape)


def _check_attrs(op_name: str, attrs: dict, nd: int, dtype: np.dtype, check_format: bool = True,
                 name: Any = "") -> tuple:
    """The kernel's attribute checks; returns (spatial strides, spatial dilations, explicit pairs, cf).
    `name` is the error suffix's name (None: a wrapper passing no name, as conv2d_transpose with a list)."""
    def fail(detail: str, cls: Any = None) -> Exception:
        return kernel_error(op_name, detail, name=name, cls=cls)

    padding = attrs["padding"]
    onednn = dtype in _ONEDNN
    allowed = ("SAME", "VALID", "EXPLICIT") if nd == 2 and not op_name.startswith("Conv3D") else ("SAME", "VALID")
    if padding not in allowed:
        raise _attr_error(op_name, "padding", padding, allowed, onednn, name)
    fmt = attrs["data_format"]
    if fmt is None:  # tf.nn.convolution passes no format: the op's default
        fmt = "NHWC" if nd == 2 else "NDHWC"
    formats = ("NHWC", "NCHW") if nd == 2 else ("NDHWC", "NCDHW")
    if fmt not in formats:
        raise _attr_error(op_name, "data_format", fmt, formats, onednn, name)
    cf = fmt in _CHANNELS_FIRST
    if cf and check_format and not onednn:
        if op_name.startswith("Depthwise"):
            raise fail("Depthwise convolution on CPU is only supported for NHWC format", UnimplementedError)
        if op_name == "Conv3DBackpropInputV2":
            raise fail("Conv3DBackpropInputOpV2 only supports NDHWC on the CPU.")
        if nd == 3:
            raise fail("CPU implementation of Conv3D currently only supports the NHWC tensor format.")
        if op_name == "Conv2DBackpropInput":
            raise fail("Conv2DCustomBackpropInput only supports NHWC.")
        raise fail("The Conv2D op currently only supports the NHWC tensor format on the CPU. "
                   f"The op was given the format: {fmt}", UnimplementedError)
    strides = attrs["strides"]
    dil = attrs["dilations"]
    conv3d = op_name == "Conv3D"
    if conv3d and len(strides) < 5:
        raise _min_length_error(len(strides), onednn, name)
    if len(strides) != nd + 2:
        detail = "4 or 5" if onednn and op_name in ("Conv2D", "Conv3D", "DepthwiseConv2dNative") else nd + 2
        raise fail(f"Sliding window strides field must specify {detail} dimensions")
    batch_axes = (0, 1) if cf else (0, nd + 1)
    if strides[batch_axes[0]] != 1 or strides[batch_axes[1]] != 1:
        eigen_3d = conv3d and not onednn
        onednn_input = onednn and op_name == "Conv2DBackpropInput"
        raise fail("Current implementation does not yet support strides in the batch and depth dimensions.",
                   InvalidArgumentError if eigen_3d or onednn_input else UnimplementedError)
    sp_strides = _spatial(strides, cf)
    if min(sp_strides) <= 0:
        detail = f"Stride must be > 0, but got {min(sp_strides)}" if onednn else \
            "Spatial strides should be larger than 0." if conv3d else "Row and column strides should be larger than 0."
        raise fail(detail)
    if len(dil) != nd + 2:
        detail = "Dilation rates field" if conv3d else "Sliding window dilations field"
        raise fail(f"{detail} must specify {nd + 2} dimensions")
    if dil[batch_axes[0]] != 1 or dil[batch_axes[1]] != 1:
        what = ("dilations rates" if onednn else "dilation rates") if conv3d else "dilations"
        raise fail(f"Current implementation does not yet support {what} in the batch and depth dimensions.",
                   InvalidArgumentError if onednn or conv3d else UnimplementedError)
    sp_dil = _spatial(dil, cf)
    if min(sp_dil) <= 0:
        raise fail("Dilated rates should be larger than 0.")
    explicit: tuple = ()
    if padding == "EXPLICIT":
        flat = attrs["explicit_paddings"]
        if len(flat) != 2 * (nd + 2):
            raise fail(f"explicit_paddings attribute must contain {2 * (nd + 2)} values, but got: {len(flat)}")
        if min(flat) < 0:
            raise fail("All elements of explicit_paddings must be nonnegative")
        pairs = [(flat[2 * i], flat[2 * i + 1]) for i in range(nd + 2)]
        if pairs[batch_axes[0]] != (0, 0) or pairs[batch_axes[1]] != (0, 0):
            raise fail("Nonzero explicit padding in the batch or depth dimensions is not supported")
        explicit = _spatial(tuple(pairs), cf)
    return sp_strides, sp_dil, explicit, cf


def _compute_dtype(dtype: np.dtype) -> np.dtype:
    if dtype in _LOW:
        return _F32
    if dtype.kind in "iu":
        return np.dtype(np.int64)
    return dtype


def _to_last(v: np.ndarray, cf: bool) -> np.ndarray:
    return np.moveaxis(v, 1, -1) if cf else v


def _to_first(v: np.ndarray, cf: bool) -> np.ndarray:
    return np.ascontiguousarray(np.moveaxis(v, -1, 1)) if cf else v


# -- NumPy kernels (channels last) ----------------------------------------------------------------
def _np_conv(xv: np.ndarray, wv: np.ndarray, strides: tuple, dil: tuple, padding: str, explicit: tuple,
             cf: bool) -> np.ndarray:
    dtype = xv.dtype
    xv = _to_last(xv, cf)
    nd = wv.ndim - 2
    ks = wv.shape[:nd]
    cin, fin, cout = xv.shape[-1], wv.shape[-2], wv.shape[-1]
    outs, pads = _w.geometry(xv.shape[1:-1], ks, strides, dil, padding, explicit)
    n = xv.shape[0]
    ct = _compute_dtype(dtype)
    if 0 in outs or n == 0 or cout == 0:
        return _to_first(np.zeros((n, *outs, cout), dtype), cf)
    k = int(np.prod(ks))
    m = n * int(np.prod(outs))
    xp = _w.pad(xv.astype(ct, copy=False), pads)
    wm = wv.astype(ct, copy=False).reshape(k, fin, cout)
    groups = cin // fin if fin else 1
    if cin == 1 and fin == 1:  # one channel: the im2col matrix built offset by offset, from long rows
        out = _w.stacked(xp, outs, ks, strides, dil).reshape(k, m).T @ wm.reshape(k, cout)
        return _to_first(out.reshape(n, *outs, cout).astype(dtype, copy=False), cf)
    win = _w.windows(xp, outs, ks, strides, dil)
    if groups == 1:
        out = win.reshape(m, k * cin) @ wm.reshape(k * cin, cout)
    else:
        og = cout // groups
        out = np.concatenate([win[..., g * fin:(g + 1) * fin].reshape(m, k * fin)
                              @ wm[:, :, g * og:(g + 1) * og].reshape(k * fin, og) for g in range(groups)], axis=1)
    return _to_first(out.reshape(n, *outs, cout).astype(dtype, copy=False), cf)


def _np_conv_backprop_input(in_shape: tuple, wv: np.ndarray, dyv: np.ndarray, strides: tuple, dil: tuple,
                            padding: str, explicit: tuple, cf: bool) -> np.ndarray:
    dtype = dyv.dtype
    dyv = _to_last(dyv, cf)
    nd = wv.ndim - 2
    ks = wv.shape[:nd]
    n, sizes, cin = in_shape[0], in_shape[1:-1], in_shape[-1]
    fin, cout = wv.shape[-2], wv.shape[-1]
    outs, pads = _w.geometry(sizes, ks, strides, dil, padding, explicit)
    ct = _compute_dtype(dtype)
    padded = (n, *(s + b + a for s, (b, a) in zip(sizes, pads)), cin)
    if 0 in outs or n == 0 or cout == 0 or cin == 0:
        return _to_first(np.zeros(in_shape, dtype), cf)
    k = int(np.prod(ks))
    m = n * int(np.prod(outs))
    dy = dyv.astype(ct, copy=False).reshape(m, cout)
    wm = wv.astype(ct, copy=False).reshape(k, fin, cout)
    groups = cin // fin
    if groups == 1:  # one matmul per kernel offset, added into place (measured faster than col2im)
        dxp = np.zeros(padded, ct)
        for j, offset in enumerate(_w.offsets(ks)):
            dxp[_w.offset_slices(offset, outs, strides, dil)] += (dy @ wm[j].T).reshape(n, *outs, cin)
        return _to_first(np.ascontiguousarray(_w.crop(dxp, pads, sizes)).astype(dtype, copy=False), cf)
    else:
        og = cout // groups
        cols = np.concatenate([(dy[:, g * og:(g + 1) * og] @ wm[:, :, g * og:(g + 1) * og].reshape(k * fin, og).T)
                               .reshape(m, k, fin) for g in range(groups)], axis=2)
    dxp = _w.scatter(cols.reshape(n, *outs, *ks, cin), padded, outs, ks, strides, dil)
    return _to_first(np.ascontiguousarray(_w.crop(dxp, pads, sizes)).astype(dtype, copy=False), cf)


def _np_conv_backprop_filter(xv: np.ndarray, w_shape: tuple, dyv: np.ndarray, strides: tuple, dil: tuple,
                             padding: str, explicit: tuple, cf: bool) -> np.ndarray:
    dtype = xv.dtype
    xv = _to_last(xv, cf)
    dyv = _to_last(dyv, cf)
    nd = len(w_shape) - 2
    ks = w_shape[:nd]
    cin, fin, cout = xv.shape[-1], w_shape[-2], w_shape[-1]
    outs, pads = _w.geometry(xv.shape[1:-1], ks, strides, dil, padding, explicit)
    n = xv.shape[0]
    ct = _compute_dtype(dtype)
    if 0 in outs or n == 0 or cout == 0 or fin == 0:
        return np.zeros(w_shape, dtype)
    k = int(np.prod(ks))
    m = n * int(np.prod(outs))
    xp = _w.pad(xv.astype(ct, copy=False), pads)
    dy = dyv.astype(ct, copy=False).reshape(m, cout)
    groups = cin // fin
    if cin == 1 and fin == 1:  # one channel: one matmul with the offset-major im2col matrix
        return (_w.stacked(xp, outs, ks, strides, dil).reshape(k, m) @ dy).reshape(w_shape).astype(dtype, copy=False)
    if groups == 1 and cin < _PER_OFFSET_MAX_CHANNELS:  # few channels: per-offset products beat im2col
        dw = np.empty((k, cin, cout), ct)
        for j, offset in enumerate(_w.offsets(ks)):
            dw[j] = xp[_w.offset_slices(offset, outs, strides, dil)].reshape(m, cin).T @ dy
        return dw.reshape(w_shape).astype(dtype, copy=False)
    win = _w.windows(xp, outs, ks, strides, dil)
    if groups == 1:
        dw = win.reshape(m, k * cin).T @ dy
    else:
        og = cout // groups
        dw = np.concatenate([(win[..., g * fin:(g + 1) * fin].reshape(m, k * fin).T @ dy[:, g * og:(g + 1) * og])
                             .reshape(k, fin, og) for g in range(groups)], axis=2)
    return dw.reshape(w_shape).astype(dtype, copy=False)


# -- Conv2D / Conv3D and their backprops ----------------------------------------------------------
_NAMES = {2: ("Conv2D", "Conv2DBackpropInput", "Conv2DBackpropFilter"),
          3: ("Conv3D", "Conv3DBackpropInputV2", "Conv3DBackpropFilterV2")}
_OPS = {2: (_CONV2D, _CONV2D_BI, _CONV2D_BF), 3: (_CONV3D, _CONV3D_BI, _CONV3D_BF)}


def _shape_list(shape: tuple) -> str:
    return _args.shape_text(shape)


def _check_depth(op_name: str, nd: int, cin: int, fin: int, cout: int, onednn: bool, name: Any = "",
                 groups: bool = True) -> None:
    """The depth checks; `groups=False` skips the output-depth one (Eigen's Conv2D makes it after its
    layout check)."""
    if nd == 3:
        if cin != fin:
            detail = f"input and filter must have the same depth: {cin} vs {fin}" if onednn else \
                f"Input depth must be evenly divisible by filter depth: {cin} vs {fin}" if fin <= 0 or cin % fin else \
                f"Number of channels in filter ({fin}) must match last dimension of input ({cin})"
            raise kernel_error(op_name, detail, name=name)
        return
    if fin <= 0 or cin % fin:
        raise kernel_error(op_name, f"input depth must be evenly divisible by filter depth: {cin} vs {fin}", name=name)
    if not groups:
        return
    groups = cin // fin
    if cout and (cout % groups or cout < groups):  # (no output channels: an empty result)
        raise kernel_error(op_name, f"output depth must be evenly divisible by number of groups: {cout} vs {groups}",
                           name=name)


def _conv_nd(x: EagerTensor, w: EagerTensor, attrs: dict, nd: int, name: Any = "") -> EagerTensor:
    """Runs Conv2D (nd=2) or Conv3D (nd=3) on converted tensors."""
    op = _OPS[nd][0]
    op_name = op.name
    _args.same_dtype(op, (x, w))
    xv, wv = x._value, w._value
    if nd == 3 and xv.dtype not in _CONV3D_TYPES:
        raise _conv3d_dtype_error(xv.dtype)
    onednn = xv.dtype in _ONEDNN
    # (Conv2D's Eigen kernel checks its NHWC-only layout after the shapes, below)
    strides, dil, explicit, cf = _check_attrs(op_name, attrs, nd, xv.dtype, check_format=nd == 3, name=name)
    if xv.ndim != nd + 2:
        detail = f"convolution input must be 4-dimensional: {_shape_list(xv.shape)}" if nd == 2 else \
            "input must be 5-dimensional"
        raise kernel_error(op_name, detail, name=name)
    if wv.ndim != nd + 2:
        detail = (f"filter must be 4-dimensional: {_shape_list(wv.shape)}" if onednn else
                  f"convolution filter must be 4-dimensional: {_shape_list(wv.shape)}") if nd == 2 else \
            f"filter must be 5-dimensional: {_shape_list(wv.shape)}"
        raise kernel_error(op_name, detail, name=name)
    if not onednn and wv.shape[-2] == 0:
        raise kernel_error(op_name, "filter depth must be stricly positive, got 0", name=name)  # (sic)
    if onednn and wv.size == 0:
        raise kernel_error(op_name, "filter must not have zero elements (i.e. all dimensions must be non-zero)",
                           name=name)
    cin = xv.shape[1] if cf else xv.shape[-1]
    eigen_layout = nd == 2 and cf and not onednn
    _check_depth(op_name, nd, cin, wv.shape[-2], wv.shape[-1], onednn, name, groups=not eigen_layout)
    if eigen_layout:
        raise kernel_error(op_name, "The Conv2D op currently only supports the NHWC tensor format on the CPU. The op "
                                    f"was given the format: {attrs['data_format']}", name=name, cls=UnimplementedError)
    if nd == 3 and max(dil) > 1 and xv.dtype != _F32 and not attrs.get("space_to_batch"):
        raise kernel_error(op_name, "CPU implementation of Conv3D currently only supports dilated rates of 1.")
    out = kernel(_np_conv, xv, wv, strides, dil, attrs["padding"], explicit, cf)
    return execute(op, (x, w), out, attrs)


def _sizes_value(sizes: EagerTensor, op_name: str, nd: int, like: tuple, channels: int, cf: bool,
                 name: Any) -> tuple:
    """The full input shape from a sizes tensor (TF accepts the spatial sizes alone for 2-D: the batch
    comes from the gradient, the channels from the filter)."""
    v = [int(s) for s in np.asarray(sizes._value).reshape(-1)]
    if len(v) == nd + 2:
        return tuple(v)
    if nd == 2 and len(v) == nd:
        return (like[0], channels, *v) if cf else (like[0], *v, channels)
    raise kernel_error(op_name, f"{op_name} requires input_sizes to contain {nd + 2} values or {nd} values, but got: "
                                f"{len(v)}", name=name)


def _backprop_checks(op_name: str, nd: int, dtype: np.dtype, dil: tuple, cin: int, fin: int,
                     space_to_batch: bool = False, name: Any = "") -> None:
    onednn = dtype in _ONEDNN
    if max(dil) > 1 and not onednn and not space_to_batch:
        which = "implementation does" if nd == 3 else "implementations do"
        raise kernel_error(op_name, f"Current CPU {which} not yet support dilation rates larger than 1.",
                           name=name)
    if nd == 2 and not onednn and cin % max(fin, 1):  # ConvBackpropComputeDimensionsV2, labelled
        label = "Conv2DCustomBackpropFilter" if op_name.endswith("Filter") else "Conv2DCustomBackpropInput"
        raise kernel_error(op_name, f"{label}: input depth must be evenly divisible by filter depth", name=name)
    if nd == 2 and cin != fin and not onednn:
        raise kernel_error(op_name, "Gradients for grouped convolutions are not supported on CPU. Please file a "
                                    "feature request if you run into this issue. Computed input depth "
                                    f"{cin} doesn't match filter input depth {fin}", name=name)


def _out_size_error(op_name: str, nd: int, dtype: np.dtype, in_sizes: tuple, ks: tuple, got: tuple,
                    strides: tuple, dil: tuple, padding: str, explicit: tuple, name: Any) -> Exception | None:
    outs, _ = _w.geometry(in_sizes, ks, strides, dil, padding, explicit)
    for i, (o, g) in enumerate(zip(outs, got)):
        if o != g:
            if dtype in _ONEDNN:
                k_eff = (ks[i] - 1) * dil[i] + 1
                lo, hi = ((g - 1) * strides[i] + 1, g * strides[i]) if padding == "SAME" else \
                    ((g - 1) * strides[i] + k_eff, (g - 1) * strides[i] + k_eff + strides[i] - 1)
                allowed = f"; with {padding} padding the output size must be in [{lo}, {hi}]" \
                    if padding in ("SAME", "VALID") else ""
                return kernel_error(op_name, f"could not create a primitive descriptor for the convolution: input size "
                                             f"{in_sizes[i]} on spatial axis {i} maps to {o} outputs, but the "
                                             f"gradient has {g}{allowed}", name=name, cls=AbortedError)
            kind = "Conv2DCustomBackpropInput" if nd == 2 else "Conv3DBackpropInputOp"
            if op_name.endswith("Filter") or op_name.endswith("FilterV2"):
                kind = "Conv2DCustomBackpropFilter" if nd == 2 else "Conv3DBackpropFilterOp"
            return kernel_error(op_name, f"{kind}: Size of out_backprop doesn't match computed: actual = {g}, "
                                         f"computed = {o} spatial_dim: {i + 1} input: {in_sizes[i]} filter: {ks[i]} "
                                         f"output: {g} stride: {strides[i]} dilation: {dil[i]}", name=name)
    return None


def _conv_backprop_input(sizes: EagerTensor, w: EagerTensor, dy: EagerTensor, attrs: dict, nd: int,
                         name: Any = "") -> EagerTensor:
    op = _OPS[nd][1]
    op_name = op.name
    _args.same_dtype(op, (w, dy), offset=1)
    wv, dyv = w._value, dy._value
    if nd == 2 and sizes._value.dtype != _I32:  # Conv2DBackpropInput's input_sizes is int32 only
        kernel_op = f"_MklNative{op_name}" if dyv.dtype in _ONEDNN else op_name
        raise InvalidArgumentError(None, None, f"cannot compute {kernel_op} as input #0(zero-based) was expected to "
                                               f"be a int32 tensor but is a {_args.kernel_name(sizes._value.dtype)} "
                                               f"tensor [Op:{op_name}] name: ")
    strides, dil, explicit, cf = _check_attrs(op_name, attrs, nd, dyv.dtype, name=name)
    if dyv.ndim != nd + 2:
        raise kernel_error(op_name, f"out_backprop must be {nd + 2}-dimensional: {_shape_list(dyv.shape)}", name=name)
    if wv.ndim != nd + 2:
        raise kernel_error(op_name, f"filter must be {nd + 2}-dimensional: {_shape_list(wv.shape)}", name=name)
    full = _nhwc_shape(_sizes_value(sizes, op_name, nd, dyv.shape, wv.shape[-2] if wv.ndim == nd + 2 else 0, cf,
                                     name), cf)
    if min(full) < 0:
        raise kernel_error(op_name, "Dimension -1 must be >= 0", name=name)
    dy_last = _nhwc_shape(dyv.shape, cf)
    if dy_last[-1] != wv.shape[-1]:
        kind = "Conv2DCustomBackpropInput" if nd == 2 else "Conv3DBackpropInputOp"
        raise kernel_error(op_name, f"{kind}: filter and out_backprop must have the same out_depth", name=name)
    if dy_last[0] != full[0]:
        raise kernel_error(op_name, "Input and out_backprop must have the same batch size", name=name)
    _backprop_checks(op_name, nd, dyv.dtype, dil, full[-1], wv.shape[-2], attrs.get("space_to_batch", False), name)
    if nd == 2 and full[-1] % max(wv.shape[-2], 1):
        raise kernel_error(op_name, f"input depth must be evenly divisible by filter depth: {full[-1]} vs "
                                    f"{wv.shape[-2]}", name=name)
    err = _out_size_error(op_name, nd, dyv.dtype, full[1:-1], wv.shape[:nd], dy_last[1:-1], strides, dil,
                          attrs["padding"], explicit, name)
    if err is not None:
        raise err
    out = kernel(_np_conv_backprop_input, full, wv, dyv, strides, dil, attrs["padding"], explicit, cf)
    return execute(op, (sizes, w, dy), out, attrs)


def _conv_backprop_filter(x: EagerTensor, sizes: EagerTensor, dy: EagerTensor, attrs: dict, nd: int,
                          name: Any = "") -> EagerTensor:
    op = _OPS[nd][2]
    op_name = op.name
    _args.same_dtype(op, (x, dy))
    xv, dyv = x._value, dy._value
    strides, dil, explicit, cf = _check_attrs(op_name, attrs, nd, xv.dtype)
    w_shape = tuple(int(s) for s in np.asarray(sizes._value).reshape(-1))
    if len(w_shape) != nd + 2:
        raise kernel_error(op_name, f"filter_sizes must have {nd + 2} values, but got: {len(w_shape)}", name=name)
    if xv.ndim != nd + 2 or dyv.ndim != nd + 2:
        raise kernel_error(op_name, f"input must be {nd + 2}-dimensional: {_shape_list(xv.shape)}", name=name)
    x_last = _nhwc_shape(xv.shape, cf)
    dy_last = _nhwc_shape(dyv.shape, cf)
    if dy_last[-1] != w_shape[-1]:
        kind = "Conv2DCustomBackpropFilter" if nd == 2 else "Conv3DBackpropFilterOp"
        raise kernel_error(op_name, f"{kind}: filter and out_backprop must have the same out_depth", name=name)
    _backprop_checks(op_name, nd, xv.dtype, dil, x_last[-1], w_shape[-2], attrs.get("space_to_batch", False), name)
    if nd == 2 and x_last[-1] % max(w_shape[-2], 1):
        raise kernel_error(op_name, f"input depth must be evenly divisible by filter depth: {x_last[-1]} vs "
                                    f"{w_shape[-2]}", name=name)
    err = _out_size_error(op_name, nd, xv.dtype, x_last[1:-1], w_shape[:nd], dy_last[1:-1], strides, dil,
                          attrs["padding"], explicit, name)
    if err is not None:
        raise err
    out = kernel(_np_conv_backprop_filter, xv, w_shape, dyv, strides, dil, attrs["padding"], explicit, cf)
    return execute(op, (x, sizes, dy), out, attrs)


def _shape_of(t: EagerTensor) -> EagerTensor:
    from tfshim.ops.shape_ops import shape

    return shape(t)


def _decode_format(attrs: dict) -> None:
    """TF's rules call `op.get_attr("data_format").decode()`, which fails when tf.nn.convolution
    created the op without a format; tfshim raises the same AttributeError."""
    if attrs["data_format"] is None:
        raise AttributeError("'NoneType' object has no attribute 'decode'")


def _conv_grad(nd: int) -> Any:
    def grad_fn(op: Any, grad: Any) -> tuple:
        x, w = op.inputs
        if nd == 3:
            _decode_format(op.attrs)
        skip = op.skip_input_indices
        return (None if 0 in skip else _conv_backprop_input(_shape_of(x), w, grad, op.attrs, nd),
                None if 1 in skip else _conv_backprop_filter(x, _shape_of(w), grad, op.attrs, nd))

    grad_fn.__name__ = f"_conv{nd}d_grad"
    return grad_fn


def _conv_backprop_input_grad(nd: int) -> Any:
    def grad_fn(op: Any, grad: Any) -> tuple:
        _, w, dy = op.inputs
        _decode_format(op.attrs)
        return (None, _conv_backprop_filter(grad, _shape_of(w), dy, op.attrs, nd), _conv_nd(grad, w, op.attrs, nd))

    grad_fn.__name__ = f"_conv{nd}d_backprop_input_grad"
    return grad_fn


def _conv_backprop_filter_grad(nd: int) -> Any:
    def grad_fn(op: Any, grad: Any) -> tuple:
        x, _, dy = op.inputs
        _decode_format(op.attrs)
        return (_conv_backprop_input(_shape_of(x), grad, dy, op.attrs, nd), None, _conv_nd(x, grad, op.attrs, nd))

    grad_fn.__name__ = f"_conv{nd}d_backprop_filter_grad"
    return grad_fn


for _nd in (2, 3):
    _OPS[_nd][0].gradient(_conv_grad(_nd))
    _OPS[_nd][1].gradient(_conv_backprop_input_grad(_nd))
    _OPS[_nd][2].gradient(_conv_backprop_filter_grad(_nd))


# -- batch dims beyond the first (TF's squeeze_batch_dims) --------------------------------------
def _with_batch_dims(x: EagerTensor, inner_rank: int, fn: Any) -> EagerTensor:
    from tfshim.ops.shape_ops import reshape

    shape = x._value.shape
    if len(shape) <= inner_rank + 1:
        return fn(x)
    batch = shape[:len(shape) - inner_rank]
    flat = reshape(x, (-1, *shape[len(shape) - inner_rank:]))
    out = fn(flat)
    return reshape(out, (*batch, *out._value.shape[1:]))


# -- public convolutions --------------------------------------------------------------------------
def conv2d(input: Any, filters: Any, strides: Any, padding: Any, data_format: str = "NHWC", dilations: Any = None,
           name: Any = None) -> EagerTensor:
    """`tf.nn.conv2d` (Conv2D). Explicit padding is a list of 4 [before, after] pairs (N and C zero);
    a filter whose in-depth divides the input depth gives a grouped convolution."""
    _needs_shape(input)
    fmt = "NHWC" if data_format is None else data_format
    channel_index = 1 if fmt.startswith("NC") else 3
    s = _sequence(strides, 2, channel_index, "strides")
    d = _sequence(dilations, 2, channel_index, "dilations")
    return _conv2d_impl(input, filters, s, padding, fmt, d, name=name or "")


def _conv2d_impl(input: Any, filters: Any, s: list, padding: Any, fmt: Any, d: list,
                 space_to_batch: bool = False, name: str = "") -> EagerTensor:
    """Conv2D on converted arguments; `name` is the one TF's errors end with (the wrapper's name=)."""
    x, w = _pair(input, filters, _CONV2D)
    pad, explicit = _convert_padding(padding)
    attrs = _attrs(s, pad, explicit, fmt, d)
    if space_to_batch:
        attrs["space_to_batch"] = True
    return _with_batch_dims(x, 3, lambda v: _conv_nd(v, w, attrs, 2, name=name))


def conv1d(input: Any, filters: Any, stride: Any, padding: Any, data_format: str = "NWC", dilations: Any = None,
           name: Any = None) -> EagerTensor:
    """`tf.nn.conv1d`: Conv2D on the input with a unit height axis inserted, as TF does."""
    from tfshim.ops.shape_ops import expand_dims, squeeze

    if data_format is None or data_format in ("NHWC", "NWC"):
        fmt, spatial_start, channel_index = "NHWC", -3, 2
    elif data_format in ("NCHW", "NCW"):
        fmt, spatial_start, channel_index = "NCHW", -2, 1
    else:
        raise ValueError(f"`data_format` must be 'NWC' or 'NCW'. Received: data_format={data_format}")
    s = [1, *_sequence(stride, 1, channel_index, "stride")]
    d = [1, *_sequence(dilations, 1, channel_index, "dilations")]
    pad = _string_padding(padding)
    x, w = _pair(input, filters, _CONV2D)
    value = expand_dims(x, spatial_start)
    w = expand_dims(w, 0)
    attrs = _attrs(s, pad, [], fmt, d)
    result = _with_batch_dims(value, 3, lambda v: _conv_nd(v, w, attrs, 2))  # (TF's errors name no op here)
    return squeeze(result, [spatial_start])


def conv3d(input: Any, filters: Any, strides: Any, padding: Any, data_format: str = "NDHWC", dilations: Any = None,
           name: Any = None) -> EagerTensor:
    """`tf.nn.conv3d` (Conv3D): strides (and dilations) are lists of 5."""
    _needs_shape(input)
    s = _list_attr(strides, "strides", "conv3d")
    d = [1] * 5 if dilations is None else _list_attr(dilations, "dilations", "conv3d")
    return _conv3d_impl(input, filters, s, padding, data_format or "NDHWC", d, name=name or "")


def _conv3d_impl(input: Any, filters: Any, s: list, padding: Any, fmt: Any, d: list,
                 space_to_batch: bool = False, name: str = "") -> EagerTensor:
    pad = _string_padding(padding)
    x, w = _pair(input, filters, _CONV3D)
    attrs = _attrs(s, pad, [], fmt, d)
    if space_to_batch:
        attrs["space_to_batch"] = True
    return _with_batch_dims(x, 4, lambda v: _conv_nd(v, w, attrs, 3, name=name))


def convolution(input: Any, filters: Any, strides: Any = None, padding: str = "VALID", data_format: Any = None,
                dilations: Any = None, name: Any = None) -> EagerTensor:
    """`tf.nn.convolution`: conv1d/2d/3d by the filter's rank. strides > 1 with dilations > 1 is
    refused, as in TF."""
    x = _args.tensor(input)
    w = _args.tensor(filters)
    n = w._value.ndim - 2
    if n not in (1, 2, 3):
        raise ValueError(f"`num_spatial_dims` must be 1, 2, or 3. Received: num_spatial_dims={n}.")
    pad = _string_padding(padding)
    num_batch = x._value.ndim - n - 1
    channels_last = data_format is None or not str(data_format).startswith("NC")
    channel_index = num_batch + n if channels_last else num_batch
    d = _sequence(dilations, n, channel_index, "dilations")
    s = _sequence(strides, n, channel_index, "strides")
    if any(v != 1 for v in d):
        sp_s = s[2:] if channel_index == 1 else s[1:-1]
        sp_d = d[2:] if channel_index == 1 else d[1:-1]
        if min(sp_d) < 1:
            raise ValueError(f"all values of `dilation_rate` must be positive. Received: dilation_rate="
                             f"{np.array(sp_d, np.int32)}")
        if max(sp_s) > 1:
            raise ValueError("`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: "
                             f"strides={np.array(sp_s, np.int32)} and dilation_rate={np.array(sp_d, np.int32)}")
    dilated = any(v != 1 for v in d)
    if dilated and pad not in ("SAME", "VALID"):  # TF's space-to-batch route checks the padding itself
        raise ValueError(f"`padding` must be one of 'SAME' or 'VALID'. Received: padding={pad}")
    if n == 1:
        if data_format is not None and data_format not in ("NWC", "NCW", "NHWC", "NCHW"):
            raise ValueError(f"`data_format` must be 'NWC' or 'NCW'. Received: data_format={data_format}")
        fmt = None if data_format is None else ("NCW" if not channels_last else "NWC")
        if not dilated:
            return conv1d(x, w, s, pad, fmt or "NWC", d)
        from tfshim.ops.shape_ops import expand_dims, squeeze

        axis = -3 if channels_last else -2
        value = _conv2d_impl(expand_dims(x, axis), expand_dims(w, 0), [1, *s], pad,
                             "NHWC" if channels_last else "NCHW", [1, *d], True)
        return squeeze(value, [axis])
    if n == 2:  # TF hands data_format=None to the op unless it takes the space-to-batch route
        return _conv2d_impl(x, w, s, pad, (data_format or "NHWC") if dilated else data_format, d, dilated)
    return _conv3d_impl(x, w, s, pad, (data_format or "NDHWC") if dilated else data_format, d, dilated)


def atrous_conv2d(value: Any, filters: Any, rate: Any, padding: Any, name: Any = None) -> EagerTensor:
    """`tf.nn.atrous_conv2d`: convolution with dilation `rate` (stride 1)."""
    return convolution(value, filters, padding=padding, dilations=np.broadcast_to(rate, (2,)).tolist())


# -- transposed convolutions ----------------------------------------------------------------------
def _output_shape(output_shape: Any) -> EagerTensor:
    from tfshim._engine.convert import convert_to_tensor

    if isinstance(output_shape, EagerTensor):
        return output_shape
    if isinstance(output_shape, (list, tuple)) and any(isinstance(v, float) for v in output_shape):
        raise TypeError(f"Cannot convert {list(output_shape)} to EagerTensor of dtype int32")
    return convert_to_tensor(np.asarray(output_shape, dtype=np.int32))


def conv2d_transpose(input: Any, filters: Any, output_shape: Any, strides: Any, padding: Any = "SAME",
                     data_format: str = "NHWC", dilations: Any = None, name: Any = None) -> EagerTensor:
    """`tf.nn.conv2d_transpose` (Conv2DBackpropInput): the gradient of conv2d with respect to its input.
    An `output_shape` the forward conv cannot map back to the input raises AbortedError (float32,
    as TF's default build) naming the allowed range, or TF's InvalidArgumentError (float64)."""
    fmt = "NHWC" if data_format is None else data_format
    channel_index = 1 if fmt.startswith("NC") else 3
    s = _sequence(strides, 2, channel_index, "strides")
    d = _sequence(dilations, 2, channel_index, "dilations")
    pad, explicit = _convert_padding(padding)
    w, x = _args.convert_to_first_tensor_dtype([filters, input])
    sizes = _output_shape(output_shape)
    call_name = None if isinstance(output_shape, (list, tuple)) else ""
    return _conv_backprop_input(sizes, w, x, _attrs(s, pad, explicit, fmt, d), 2, name=call_name)


def conv1d_transpose(input: Any, filters: Any, output_shape: Any, strides: Any, padding: str = "SAME",
                     data_format: str = "NWC", dilations: Any = None, name: Any = None) -> EagerTensor:
    """`tf.nn.conv1d_transpose`: Conv2DBackpropInput with a unit height axis, as TF does."""
    from tfshim.ops.shape_ops import expand_dims, squeeze

    if data_format is None or data_format == "NWC":
        fmt, spatial_start, channel_index = "NHWC", 1, 2
    elif data_format == "NCW":
        fmt, spatial_start, channel_index = "NCHW", 2, 1
    else:
        raise ValueError(f"`data_format` must be 'NWC' or 'NCW'. Received: data_format={data_format}")
    s = [1, *_sequence(strides, 1, channel_index, "stride")]
    d = [1, *_sequence(dilations, 1, channel_index, "dilations")]
    pad = _string_padding(padding)
    w, x = _args.convert_to_first_tensor_dtype([filters, input])
    shape = [int(v) for v in np.asarray(_output_shape(output_shape)._value).reshape(-1)]
    shape.insert(spatial_start, 1)
    sizes = _output_shape(shape)
    if isinstance(output_shape, EagerTensor) and output_shape._value.dtype != _I32:
        from tfshim._engine.convert import convert_to_tensor  # (TF concatenates the tensor: int64 stays int64)

        sizes = convert_to_tensor(np.asarray(shape, output_shape._value.dtype))
    x = expand_dims(x, spatial_start)
    w = expand_dims(w, 0)
    result = _conv_backprop_input(sizes, w, x, _attrs(s, pad, [], fmt, d), 2)
    return squeeze(result, [spatial_start])


def conv3d_transpose(input: Any, filters: Any, output_shape: Any, strides: Any, padding: str = "SAME",
                     data_format: str = "NDHWC", dilations: Any = None, name: Any = None) -> EagerTensor:
    """`tf.nn.conv3d_transpose` (Conv3DBackpropInputV2)."""
    fmt = "NDHWC" if data_format is None else data_format
    channel_index = 1 if fmt.startswith("NC") else 4
    s = _sequence(strides, 3, channel_index, "strides")
    d = _sequence(dilations, 3, channel_index, "dilations")
    pad = _string_padding(padding)
    w, x = _args.convert_to_first_tensor_dtype([filters, input])
    sizes = _output_shape(output_shape)
    call_name = None if isinstance(output_shape, (list, tuple)) else ""
    return _conv_backprop_input(sizes, w, x, _attrs(s, pad, [], fmt, d), 3, name=call_name)


def conv_transpose(input: Any, filters: Any, output_shape: Any, strides: Any, padding: str = "SAME",
                   data_format: Any = None, dilations: Any = None, name: Any = None) -> EagerTensor:
    """`tf.nn.conv_transpose`: the 1-D, 2-D or 3-D transposed convolution by the output shape's length."""
    shape = _output_shape(output_shape)
    n = int(np.asarray(shape._value).size) - 2
    if n == 1:
        return conv1d_transpose(input, filters, output_shape, strides, padding, data_format or "NWC", dilations)
    if n == 2:
        return conv2d_transpose(input, filters, output_shape, strides, padding, data_format or "NHWC", dilations)
    if n == 3:
        return conv3d_transpose(input, filters, output_shape, strides, padding, data_format or "NDHWC", dilations)
    raise ValueError("`output_shape` must be of length 3, 4 or 5. "
                     f"Received: output_shape={output_shape} of length {n + 2}.")


def atrous_conv2d_transpose(value: Any, filters: Any, output_shape: Any, rate: Any, padding: Any,
                            name: Any = None) -> EagerTensor:
    """`tf.nn.atrous_conv2d_transpose`: the transposed convolution with dilation `rate`."""
    if rate < 1:
        raise ValueError(f"`rate` cannot be less than one. Received: rate={rate}")
    if rate == 1:
        return conv2d_transpose(value, filters, output_shape, 1, padding)
    # TF's route is space-to-batch with undilated backprops: no Eigen dilation limit (same values)
    pad, explicit = _convert_padding(padding)
    w, x = _args.convert_to_first_tensor_dtype([filters, value])
    attrs = _attrs([1, 1, 1, 1], pad, explicit, "NHWC", [1, rate, rate, 1])
    attrs["space_to_batch"] = True
    call_name = None if isinstance(output_shape, (list, tuple)) else ""
    return _conv_backprop_input(_output_shape(output_shape), w, x, attrs, 2, name=call_name)


# -- depthwise ------------------------------------------------------------------------------------
def _np_depthwise(xv: np.ndarray, wv: np.ndarray, strides: tuple, dil: tuple, padding: str, explicit: tuple,
                  cf: bool) -> np.ndarray:
    dtype = xv.dtype
    xv = _to_last(xv, cf)
    ks = wv.shape[:2]
    c, mult = wv.shape[2], wv.shape[3]
    outs, pads = _w.geometry(xv.shape[1:-1], ks, strides, dil, padding, explicit)
    n = xv.shape[0]
    ct = _compute_dtype(dtype)
    out = np.zeros((n, *outs, c, mult), ct)
    if 0 not in outs and out.size:
        xp = _w.pad(xv.astype(ct, copy=False), pads)
        wc = wv.astype(ct, copy=False)
        for offset in _w.offsets(ks):
            out += xp[_w.offset_slices(offset, outs, strides, dil)][..., None] * wc[offset]
    return _to_first(out.reshape(n, *outs, c * mult).astype(dtype, copy=False), cf)


def _np_depthwise_backprop_input(in_shape: tuple, wv: np.ndarray, dyv: np.ndarray, strides: tuple, dil: tuple,
                                 padding: str, explicit: tuple, cf: bool) -> np.ndarray:
    dtype = dyv.dtype
    dyv = _to_last(dyv, cf)
    ks = wv.shape[:2]
    c, mult = wv.shape[2], wv.shape[3]
    n, sizes = in_shape[0], in_shape[1:-1]
    outs, pads = _w.geometry(sizes, ks, strides, dil, padding, explicit)
    ct = _compute_dtype(dtype)
    dxp = np.zeros((n, *(s + b + a for s, (b, a) in zip(sizes, pads)), c), ct)
    if 0 not in outs and dxp.size:
        dy = dyv.astype(ct, copy=False).reshape(n, *outs, c, mult)
        wc = wv.astype(ct, copy=False)
        for offset in _w.offsets(ks):
            dxp[_w.offset_slices(offset, outs, strides, dil)] += (dy * wc[offset]).sum(axis=-1)
    return _to_first(np.ascontiguousarray(_w.crop(dxp, pads, sizes)).astype(dtype, copy=False), cf)


def _np_depthwise_backprop_filter(xv: np.ndarray, w_shape: tuple, dyv: np.ndarray, strides: tuple, dil: tuple,
                                  padding: str, explicit: tuple, cf: bool) -> np.ndarray:
    dtype = xv.dtype
    xv = _to_last(xv, cf)
    dyv = _to_last(dyv, cf)
    ks = w_shape[:2]
    c, mult = w_shape[2], w_shape[3]
    outs, pads = _w.geometry(xv.shape[1:-1], ks, strides, dil, padding, explicit)
    n = xv.shape[0]
    ct = _compute_dtype(dtype)
    dw = np.zeros(w_shape, ct)
    if 0 not in outs and n and dw.size:
        xp = _w.pad(xv.astype(ct, copy=False), pads)
        dy = dyv.astype(ct, copy=False).reshape(n * int(np.prod(outs)), c, mult)
        for offset in _w.offsets(ks):
            xs = xp[_w.offset_slices(offset, outs, strides, dil)].reshape(-1, c)
            dw[offset] = np.einsum("mc,mck->ck", xs, dy)
    return dw.astype(dtype, copy=False)


def _dw_checks(op_name: str, attrs: dict, dtype: np.dtype) -> tuple:
    return _check_attrs(op_name, attrs, 2, dtype)


def _depthwise(x: EagerTensor, w: EagerTensor, attrs: dict, name: Any = "") -> EagerTensor:
    _args.same_dtype(_DW, (x, w))
    xv, wv = x._value, w._value
    strides, dil, explicit, cf = _dw_checks("DepthwiseConv2dNative", attrs, xv.dtype)
    if strides[0] != strides[1] and xv.dtype not in _ONEDNN:  # (oneDNN runs unequal strides)
        raise kernel_error("DepthwiseConv2dNative", "Current implementation only supports equal length strides in "
                                                    "the row and column dimensions.", name=name)
    if xv.ndim != 4:
        raise kernel_error("DepthwiseConv2dNative", f"input must be 4-dimensional{_shape_list(xv.shape)}", name=name)
    if wv.ndim != 4:
        raise kernel_error("DepthwiseConv2dNative", f"filter must be 4-dimensional: {_shape_list(wv.shape)}",
                           name=name)
    cin = xv.shape[1] if cf else xv.shape[-1]
    if cin != wv.shape[2]:
        detail = f"input depth must be evenly divisible by filter depth: {cin} vs {wv.shape[2]}" \
            if xv.dtype in _ONEDNN else f"input and filter must have the same depth: {cin} vs {wv.shape[2]}"
        raise kernel_error("DepthwiseConv2dNative", detail, name=name)
    out = kernel(_np_depthwise, xv, wv, strides, dil, attrs["padding"], explicit, cf)
    return execute(_DW, (x, w), out, attrs)


def _depthwise_backprop_input(sizes: EagerTensor, w: EagerTensor, dy: EagerTensor, attrs: dict) -> EagerTensor:
    _args.same_dtype(_DW_BI, (w, dy), offset=1)
    strides, dil, explicit, cf = _dw_checks("DepthwiseConv2dNativeBackpropInput", attrs, dy._value.dtype)
    full = _nhwc_shape(tuple(int(v) for v in np.asarray(sizes._value).reshape(-1)), cf)
    out = kernel(_np_depthwise_backprop_input, full, w._value, dy._value, strides, dil, attrs["padding"], explicit, cf)
    return execute(_DW_BI, (sizes, w, dy), out, attrs)


def _depthwise_backprop_filter(x: EagerTensor, sizes: EagerTensor, dy: EagerTensor, attrs: dict) -> EagerTensor:
    _args.same_dtype(_DW_BF, (x, dy))
    strides, dil, explicit, cf = _dw_checks("DepthwiseConv2dNativeBackpropFilter", attrs, x._value.dtype)
    w_shape = tuple(int(v) for v in np.asarray(sizes._value).reshape(-1))
    out = kernel(_np_depthwise_backprop_filter, x._value, w_shape, dy._value, strides, dil, attrs["padding"],
                 explicit, cf)
    return execute(_DW_BF, (x, sizes, dy), out, attrs)


@_DW.gradient
def _depthwise_grad(op: Any, grad: Any) -> tuple:
    x, w = op.inputs
    return (_depthwise_backprop_input(_shape_of(x), w, grad, op.attrs),
            _depthwise_backprop_filter(x, _shape_of(w), grad, op.attrs))


@_DW_BI.gradient
def _depthwise_backprop_input_grad(op: Any, grad: Any) -> tuple:
    _, w, dy = op.inputs
    return None, _depthwise_backprop_filter(grad, _shape_of(w), dy, op.attrs), _depthwise(grad, w, op.attrs)


@_DW_BF.gradient
def _depthwise_backprop_filter_grad(op: Any, grad: Any) -> tuple:
    x, _, dy = op.inputs
    return _depthwise_backprop_input(_shape_of(x), grad, dy, op.attrs), None, _depthwise(x, grad, op.attrs)


def _depthwise_rate(dilations: Any) -> list:
    if dilations is None:
        return [1, 1]
    rate = list(dilations)  # an int raises TF's TypeError ('int' object is not iterable)
    return [int(r) for r in rate]


def depthwise_conv2d(input: Any, filter: Any, strides: Any, padding: Any, data_format: Any = None,
                     dilations: Any = None, name: Any = None) -> EagerTensor:
    """`tf.nn.depthwise_conv2d` (DepthwiseConv2dNative): output channel `c*multiplier + m` from input
    channel `c`. `strides` is a list of 4; `dilations` the 2-element rate."""
    rate = _depthwise_rate(dilations)
    if isinstance(strides, (int, np.integer)) and max(rate) > 1:  # TF's space-to-batch route iterates them
        raise TypeError(f"'{type(strides).__name__}' object is not iterable")
    s = _list_attr(strides, "strides", "depthwise_conv2d_native")
    if len(rate) != 2:
        x = _args.tensor(input)
        raise ValueError(f"`input.shape.rank` must be at least {len(rate) + 1}. Received: input.shape="
                         f"{tuple(x._value.shape)} with rank {x._value.ndim}")
    if min(rate) < 1:  # (with_space_to_batch's wording)
        raise ValueError(f"`dilation_rate` must be positive. Received: dilation_rate={np.array(rate, np.int32)}")
    fmt = data_format or "NHWC"
    pad, explicit = _convert_padding(padding)
    if max(rate) > 1 and isinstance(padding, str) and pad not in ("SAME", "VALID"):
        raise ValueError(f"`padding` must be one of 'SAME' or 'VALID'. Received: padding={pad}")
    x, w = _pair(input, filter, _DW, separately=True)
    if max(rate) > 1 and max(s) > 1:
        if not fmt.startswith("NC"):
            return _with_batch_dims(x, 3, lambda v: _depthwise_space_to_batch(v, w, s, rate, pad, fmt))
        import warnings

        warnings.warn("`strides > 1` together with `dilations > 1` in NCHW: tfshim computes the dilated, strided "
                      "depthwise convolution directly, not through TF's space-to-batch.", UserWarning, stacklevel=2)
    d = [1, 1, *rate] if fmt.startswith("NC") else [1, *rate, 1]
    return _with_batch_dims(x, 3, lambda v: _depthwise(v, w, _attrs(s, pad, explicit, fmt, d)))


def _depthwise_space_to_batch(x: EagerTensor, w: EagerTensor, strides: list, rate: list, padding: str,
                              fmt: str) -> EagerTensor:
    """TF's `with_space_to_batch` route for rates > 1 with strides > 1 (NHWC): the input padded as
    `required_space_to_batch_paddings` pads it, each of the rate phases convolved (VALID, the given
    strides, no dilation), the results interleaved as batch_to_space does and its end crop taken off.
    (Not a strided dilated convolution: TF's own result, reproduced.)"""
    from tfshim.ops.array_ops import pad as pad_op
    from tfshim.ops.array_ops import stack
    from tfshim.ops.indexing import getitem
    from tfshim.ops.shape_ops import reshape, transpose

    ks = w._value.shape[:2]
    pads, extra = [], []
    for size, k, r in zip(x._value.shape[1:3], ks, rate):
        span = (k - 1) * r if padding == "SAME" else 0
        before, after = span // 2, span - span // 2
        more = (r - (size + before + after) % r) % r
        pads.append([before, after + more])
        extra.append(more)
    xp = pad_op(x, [[0, 0], *pads, [0, 0]])
    attrs = _attrs(strides, "VALID", [], fmt, [1, 1, 1, 1])
    pieces = [_depthwise(getitem(xp, (slice(None), slice(p0, None, rate[0]), slice(p1, None, rate[1]), slice(None))),
                         w, attrs) for p0 in range(rate[0]) for p1 in range(rate[1])]
    n, o0, o1, c = pieces[0]._value.shape
    grid = reshape(stack(pieces, axis=0), [rate[0], rate[1], n, o0, o1, c])
    full = reshape(transpose(grid, [2, 3, 0, 4, 1, 5]), [n, o0 * rate[0], o1 * rate[1], c])
    return getitem(full, (slice(None), slice(0, o0 * rate[0] - extra[0]), slice(0, o1 * rate[1] - extra[1]),
                          slice(None)))


def separable_conv2d(input: Any, depthwise_filter: Any, pointwise_filter: Any, strides: Any, padding: Any,
                     data_format: Any = None, dilations: Any = None, name: Any = None) -> EagerTensor:
    """`tf.nn.separable_conv2d`: depthwise_conv2d followed by a 1x1 conv2d."""
    pw = _args.tensor(pointwise_filter)
    shape = pw._value.shape
    if len(shape) != 4:
        raise ValueError(f"Shape {tuple(shape)} must have rank 4")
    if shape[0] != 1:
        raise ValueError(f"Dimensions {shape[0]} and 1 are not compatible")
    if shape[1] != 1:
        raise ValueError(f"Dimensions {shape[1]} and 1 are not compatible")
    if dilations is not None and np.ndim(dilations) != 1:  # TF converts the rate to a tensor first
        raise ValueError(f"`dilation_rate.shape.rank` must be 1. Received: dilation_rate={dilations} of rank "
                         f"{np.ndim(dilations)}")
    depthwise = depthwise_conv2d(input, depthwise_filter, strides, padding, data_format, dilations)
    return conv2d(depthwise, pw, [1, 1, 1, 1], "VALID", data_format or "NHWC")


def depthwise_conv2d_backprop_input(input_sizes: Any, filter: Any, out_backprop: Any, strides: Any, padding: Any,
                                    data_format: str = "NHWC", dilations: Any = None, name: Any = None) -> EagerTensor:
    """`tf.nn.depthwise_conv2d_backprop_input`."""
    pad, explicit = _convert_padding(padding)
    d = [1, 1, 1, 1] if dilations is None else _list_attr(dilations, "dilations", "depthwise_conv2d_native")
    w, dy = _args.convert_to_first_tensor_dtype([filter, out_backprop])
    return _depthwise_backprop_input(_output_shape(input_sizes), w, dy,
                                     _attrs(_list_attr(strides, "strides", "depthwise_conv2d_native"), pad, explicit,
                                            data_format, d))


def depthwise_conv2d_backprop_filter(input: Any, filter_sizes: Any, out_backprop: Any, strides: Any, padding: Any,
                                     data_format: str = "NHWC", dilations: Any = None,
                                     name: Any = None) -> EagerTensor:
    """`tf.nn.depthwise_conv2d_backprop_filter`."""
    pad, explicit = _convert_padding(padding)
    d = [1, 1, 1, 1] if dilations is None else _list_attr(dilations, "dilations", "depthwise_conv2d_native")
    x, dy = _args.convert_to_first_tensor_dtype([input, out_backprop])
    return _depthwise_backprop_filter(x, _output_shape(filter_sizes), dy,
                                      _attrs(_list_attr(strides, "strides", "depthwise_conv2d_native"), pad, explicit,
                                             data_format, d))
