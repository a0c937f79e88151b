"""Pooling: tf.nn.max_pool/avg_pool (1-D, 2-D, 3-D), pool and max_pool_with_argmax on TensorFlow's
ops (MaxPool, AvgPool, MaxPool3D, AvgPool3D, MaxPoolWithArgmax) and their gradient ops (MaxPoolGrad,
MaxPoolGradGrad, AvgPoolGrad, MaxPool3DGrad, MaxPool3DGradGrad, AvgPool3DGrad, MaxPoolGradWithArgmax,
MaxPoolGradGradWithArgmax), each with TensorFlow's gradient rule, so second derivatives match.

TensorFlow's CPU kernels, reproduced:

* MaxPool's running maximum starts at the dtype's lowest finite value and NaN never replaces it.
* MaxPoolGrad sends each window's gradient to one element: the first real element of the window,
  replaced only by a strictly greater one (so a leading NaN keeps it). MaxPoolGradGrad (and the 3-D
  grad-grad) reads the first element equal to the pooled output. MaxPool3DGrad sends the full upstream
  value to every element equal to the window maximum.
* AvgPool divides by the number of real (unpadded) elements in each window.

Every kernel is a loop over kernel offsets, each a vectorised NumPy operation on a strided slice.
Depth-wise max pooling (a window over channels) is not implemented (tfshim raises UnimplementedError).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from tfshim._engine import dtypes as _dtypes
from tfshim._engine.errors import InvalidArgumentError, NotFoundError, UnimplementedError, kernel_error
from tfshim._engine.registry import execute, execute_multi, get_op_def, kernel, op_def
from tfshim._engine.tensor import EagerTensor
from tfshim.ops import _args
from tfshim.ops import _windows as _w
from tfshim.ops.conv_ops import _convert_padding, _needs_shape, _sequence, _string_padding

_MAX = op_def("MaxPool")
_MAX_GRAD = op_def("MaxPoolGrad")
_MAX_GRAD_GRAD = op_def("MaxPoolGradGrad")
_AVG = op_def("AvgPool")
_AVG_GRAD = op_def("AvgPoolGrad")
_MAX3 = op_def("MaxPool3D")
_MAX3_GRAD = op_def("MaxPool3DGrad")
_MAX3_GRAD_GRAD = op_def("MaxPool3DGradGrad")
_AVG3 = op_def("AvgPool3D")
_AVG3_GRAD = op_def("AvgPool3DGrad")
_ARGMAX = op_def("MaxPoolWithArgmax")
_ARGMAX_GRAD = op_def("MaxPoolGradWithArgmax")  # TF registers no gradient for it

_F32 = np.dtype(np.float32)
_ONEDNN = frozenset({_F32} | (_dtypes.HALF_NP - {np.dtype(np.float16)}))
_CPU_3D = frozenset({_F32} | (_dtypes.HALF_NP - {np.dtype(np.float16)}))  # MaxPool3D/AvgPool3D CPU kernels


# -- attribute checks -----------------------------------------------------------------------------
_3D_TAIL = ('signature=input:T -> output:T; attr=ksize:list(int),min=5; attr=strides:list(int),min=5; '
            'attr=padding:string,allowed=["SAME", "VALID"]; attr=data_format:string,default="NDHWC",allowed=["NDHWC", '
            '"NCDHW"]; attr=T:type,allowed=')
_SUMMARIES = {  # ops missing from the generated table
    "MaxPool3D": f"Op<name=MaxPool3D; {_3D_TAIL}[DT_HALF, DT_BFLOAT16, DT_FLOAT]>",
    "AvgPool3D": f"Op<name=AvgPool3D; {_3D_TAIL}[DT_HALF, DT_BFLOAT16, DT_FLOAT, DT_DOUBLE]>",
    "MaxPoolGradGrad": 'Op<name=MaxPoolGradGrad; signature=orig_input:T, orig_output:T, grad:T -> output:T; '
                       'attr=ksize:list(int),min=4; attr=strides:list(int),min=4; attr=padding:string,allowed=["SAME", '
                       '"VALID"]; attr=data_format:string,default="NHWC",allowed=["NHWC", "NCHW"]; attr=T:type,'
                       'allowed=[DT_FLOAT, DT_DOUBLE, DT_INT32, DT_UINT8, DT_INT16, DT_INT8, DT_INT64, DT_BFLOAT16, '
                       'DT_UINT16, DT_HALF, DT_UINT32, DT_UINT64]>',
}
_SUMMARIES["MaxPoolWithArgmax"] = (
    'Op<name=MaxPoolWithArgmax; signature=input:T -> output:T, argmax:Targmax; attr=ksize:list(int),min=4; '
    'attr=strides:list(int),min=4; attr=Targmax:type,default=DT_INT64,allowed=[DT_INT32, DT_INT64]; '
    'attr=padding:string,allowed=["SAME", "VALID"]; attr=include_batch_in_index:bool,default=false; '
    'attr=T:type,allowed=[DT_FLOAT, DT_DOUBLE, DT_INT32, DT_UINT8, DT_INT16, DT_INT8, DT_INT64, DT_BFLOAT16, '
    'DT_UINT16, DT_HALF, DT_UINT32, DT_UINT64]>')
_ALLOWED_3D = {"MaxPool3D": ("half", "bfloat16", "float"), "AvgPool3D": ("half", "bfloat16", "float", "double")}


def _summary(op_name: str) -> str:
    return _SUMMARIES.get(op_name) or get_op_def(op_name).summary


def _mkl_avg_summary(nd: int) -> str:
    three = nd == 3
    return (f"Op<name=_MklNativeAvgPool{'3D' if three else ''}; signature=value:T -> output:T; attr=ksize:list(int),"
            f"min={nd + 2}; attr=strides:list(int),min={nd + 2}; attr=padding:string,allowed=[\"SAME\", \"VALID\"]; "
            f"attr=data_format:string,default=\"{'NDHWC' if three else 'NHWC'}\",allowed=[\""
            f"{'NDHWC' if three else 'NHWC'}\", \"{'NCDHW' if three else 'NCHW'}\"]; attr=T:type,allowed=[DT_FLOAT, "
            "DT_HALF, DT_DOUBLE, DT_BFLOAT16]>")


def _attr_error(op_name: str, attr: str, value: str, allowed: tuple, name: Any = "",
                onednn: bool = False) -> InvalidArgumentError:
    """The op definition's allowed-values error; TF's default build names its oneDNN AvgPool/AvgPool3D
    for float32 and bfloat16."""
    listed = ", ".join(f'"{a}"' for a in allowed)
    node, summary = op_name, _summary(op_name)
    if onednn and op_name in ("AvgPool", "AvgPool3D"):
        node, summary = f"_MklNative{op_name}", _mkl_avg_summary(3 if op_name.endswith("3D") else 2)
    return InvalidArgumentError(
        None, None, f"Value for attr '{attr}' of \"{value}\" is not in the list of allowed values: {listed}\n\t; "
                    f"NodeDef: {{{{node {node}}}}}; {summary} [Op:{op_name}] name: {name or ''}")


def _check_3d_dtype(op_name: str, dtype: np.dtype, attrs: dict) -> None:
    """The op definition's dtype check (the kernel lookup, NotFoundError, comes after the attribute
    checks: `_check_3d_kernel`)."""
    allowed = _ALLOWED_3D[op_name]
    name = _args.kernel_name(dtype)
    if name not in allowed:
        raise InvalidArgumentError(
            None, None, f"Value for attr 'T' of {name} is not in the list of allowed values: {', '.join(allowed)}\n\t; "
                        f"NodeDef: {{{{node {op_name}}}}}; {_summary(op_name)} [Op:{op_name}] name: ")


def _check_3d_kernel(op_name: str, dtype: np.dtype, attrs: dict, name: Any = "") -> None:
    if attrs["padding"] not in ("SAME", "VALID"):
        raise _attr_error(op_name, "padding", attrs["padding"], ("SAME", "VALID"), name, dtype in _ONEDNN)
    fmt = attrs["data_format"] or "NDHWC"
    if fmt not in ("NDHWC", "NCDHW"):
        raise _attr_error(op_name, "data_format", fmt, ("NDHWC", "NCDHW"), name, dtype in _ONEDNN)
    if dtype not in _CPU_3D:
        raise _not_found(op_name, dtype, attrs)


def _decode_format(attrs: dict) -> None:
    """TF's 3-D pooling rules call `op.get_attr("data_format").decode()`, which fails when
    tf.nn.max_pool/avg_pool created the op with no format; tfshim raises the same AttributeError."""
    if attrs["data_format"] is None:
        raise AttributeError("'NoneType' object has no attribute 'decode'")


def _not_found(op_name: str, dtype: np.dtype, attrs: dict) -> NotFoundError:
    enum = "DT_" + _args.kernel_name(dtype).upper().replace("FLOAT", "FLOAT").replace("DOUBLE", "DOUBLE")
    enum = {"DT_HALF": "DT_HALF", "DT_DOUBLE": "DT_DOUBLE"}.get(enum, enum)
    ks = ", ".join(str(k) for k in attrs["ksize"])
    st = ", ".join(str(s) for s in attrs["strides"])
    xla = "DT_FLOAT, DT_BFLOAT16, DT_HALF" if op_name == "MaxPool3D" else "DT_FLOAT, DT_DOUBLE, DT_BFLOAT16, DT_HALF"
    fmt = attrs["data_format"] or "NDHWC"
    return NotFoundError(
        None, None, f"Could not find device for node: {{{{node {op_name}}}}} = {op_name}[T={enum}, data_format=\""
                    f"{fmt}\", ksize=[{ks}], padding=\"{attrs['padding']}\", strides=[{st}]]\n"
                    f"All kernels registered for op {op_name}:\n  device='XLA_CPU_JIT'; T in [{xla}]\n"
                    f"  device='CPU'; T in [DT_BFLOAT16]\n  device='CPU'; T in [DT_FLOAT]\n [Op:{op_name}] name: ")


def _depthwise_error(op_name: str, k: int, s: int, depth: int, dtype: np.dtype) -> Exception:
    """A window or stride over the channels: TF's messages; the depthwise pooling TF does run (window
    = stride dividing the depth) is not implemented by tfshim."""
    if op_name.startswith("MaxPool3D"):
        return kernel_error(op_name, "Pooling is not yet supported on the depth dimension.", cls=UnimplementedError)
    if op_name.startswith("AvgPool3D") and dtype in _ONEDNN and k != s:
        return kernel_error(op_name, "Depthwise max pooling requires the depth window to equal the depth stride",
                            cls=UnimplementedError)
    if depth and k != 1 and depth % k and not op_name.startswith("AvgPool3D"):
        return kernel_error(op_name, "Depthwise max pooling requires the depth window to evenly divide the input "
                                     "depth", cls=UnimplementedError)
    return kernel_error(op_name, "Depthwise max pooling is not supported by tfshim.", cls=UnimplementedError)


def _check_output_sizes(op_name: str, sizes: tuple, ks: tuple, st: tuple, padding: str, explicit: tuple,
                        name: Any = "") -> None:
    """TF's GetWindowedOutputSize: a VALID (or explicitly padded) window longer than its padded input."""
    if padding == "SAME":
        return
    for i, (n, k, s) in enumerate(zip(sizes, ks, st)):
        padded = n + (sum(explicit[i]) if explicit else 0)
        out = int((padded - k + s) / s)  # C++ division truncates toward zero
        if out < 0:
            raise kernel_error(op_name, f"Computed output size would be negative: {out} [input_size: {padded}, "
                                        f"effective_filter_size: {k}, stride: {s}]", name=name)


def _check(op_name: str, attrs: dict, nd: int, dtype: np.dtype, grad: bool = False, depth: int = 0,
           name: Any = "") -> tuple:
    """The pooling kernels' checks; returns (spatial ksize, spatial strides, explicit pairs, channels_first).
    `name` ends the error messages (the wrappers that hand TF's op their name=)."""
    def fail(detail: str, cls: Any = None) -> Exception:
        return kernel_error(op_name, detail, name=name, cls=cls)

    padding = attrs["padding"]
    allowed = ("SAME", "VALID", "EXPLICIT") if op_name in ("MaxPool", "MaxPoolGrad") \
        else ("SAME", "VALID")
    if padding not in allowed:
        raise _attr_error(op_name, "padding", padding, allowed, name, dtype in _ONEDNN)
    fmt = attrs["data_format"] or ("NHWC" if nd == 2 else "NDHWC")
    formats = (("NHWC", "NCHW", "NCHW_VECT_C") if op_name.startswith("MaxPool") else ("NHWC", "NCHW")) \
        if nd == 2 else ("NDHWC", "NCDHW")
    if fmt not in formats:
        raise _attr_error(op_name, "data_format", fmt, formats, name, dtype in _ONEDNN)
    cf = fmt.startswith("NC")
    ks, st = attrs["ksize"], attrs["strides"]
    if len(ks) != nd + 2 or len(st) != nd + 2:
        raise fail(f"Sliding window ksize and strides field must specify {nd + 2} dimensions")
    if min(ks) <= 0:
        if (op_name.startswith("AvgPool") and nd == 2 and dtype not in _ONEDNN) or op_name == "MaxPoolWithArgmax":
            raise fail(f"ksize must be a positive int32 value, got:{min(ks)}")
        raise fail("Sliding window ksize must be positive. The specified or inferred ksize is: "
                   + ",".join(str(k) for k in ks))
    if min(st) <= 0:
        raise fail(f"Stride must be > 0, but got {min(st)}")
    if ks[0] != 1 or st[0] != 1:
        raise fail("Pooling is not yet supported on the batch dimension.", UnimplementedError)
    c_axis = 1 if cf else nd + 1
    if ks[c_axis] != 1 or st[c_axis] != 1:
        raise _depthwise_error(op_name, ks[c_axis], st[c_axis], depth, dtype)
    if cf:
        if nd == 2 and ((grad and op_name.startswith("MaxPool")) or dtype not in _ONEDNN):
            kind = "MaxPoolingGradOp" if grad and op_name.startswith("MaxPool") else \
                ("MaxPoolingOp" if op_name.startswith("MaxPool") else "AvgPoolingOp")
            raise fail(f"Default {kind} only supports NHWC on device type CPU")
        if nd == 3 and grad and op_name.startswith("MaxPool"):
            raise fail("Default MaxPooling3dGradOp only supports NDHWC on device type CPU")
    explicit: tuple = ()
    sp_ks = tuple(ks[2:]) if cf else tuple(ks[1:-1])
    if padding == "EXPLICIT":
        flat = attrs["explicit_paddings"]
        pairs = [(flat[2 * i], flat[2 * i + 1]) for i in range(nd + 2)]
        pairs = pairs[2:] if cf else pairs[1:-1]
        if any(flat[2 * i] or flat[2 * i + 1] for i in ((0, 1) if cf else (0, nd + 1))):
            raise fail("Nonzero explicit padding in the batch or depth dimensions is not supported")
        for (b, a), k, (top, bottom) in zip(pairs, sp_ks, (("Top", "Bottom"), ("Left", "Right"))):
            if b >= k:
                raise fail(f"{top} padding {b} needs to be smaller than the window size {k}")
            if a >= k:
                raise fail(f"{bottom} padding {a} needs to be smaller than the window size {k}")
        explicit = tuple(pairs)
    return sp_ks, (tuple(st[2:]) if cf else tuple(st[1:-1])), explicit, cf


def _sizes(x: EagerTensor, cf: bool) -> tuple:
    shape = x._value.shape
    return tuple(shape[2:]) if cf else tuple(shape[1:-1])


def _to_last(v: np.ndarray, cf: bool) -> np.ndarray:
    return np.moveaxis(v, 1, -1) if cf else v


def _to_first(v: np.ndarray, cf: bool) -> np.ndarray:
    return np.ascontiguousarray(np.moveaxis(v, -1, 1)) if cf else v


def _lowest(dtype: np.dtype) -> Any:
    if dtype in _dtypes.HALF_NP and dtype.kind != "f":  # bfloat16 (an ml_dtypes type)
        import ml_dtypes

        return ml_dtypes.finfo(dtype).min
    return np.finfo(dtype).min if dtype.kind == "f" else np.iinfo(dtype).min


def _wide(dtype: np.dtype) -> np.dtype:
    return _F32 if dtype in _dtypes.HALF_NP else dtype


def _ones(nd: int) -> tuple:
    return (1,) * nd


# -- NumPy kernels (channels last) ----------------------------------------------------------------
def _np_max(xv: np.ndarray, ks: tuple, st: tuple, padding: str, explicit: tuple, cf: bool) -> np.ndarray:
    """Running maximum from the lowest finite value; `fmax` skips NaN and -inf never wins."""
    dtype = xv.dtype
    xv = _to_last(xv, cf)
    nd = len(ks)
    outs, pads = _w.geometry(xv.shape[1:-1], ks, st, _ones(nd), padding, explicit)
    half = dtype in _dtypes.HALF_NP
    low = np.float32(_lowest(dtype)) if half else _lowest(dtype)
    if half:  # the half types run through float32 (their lowest value is exact there)
        xv = xv.astype(np.float32)
    out = np.full((xv.shape[0], *outs, xv.shape[-1]), low, xv.dtype)
    if out.size:
        step = np.fmax if xv.dtype.kind == "f" else np.maximum
        xp = _w.pad(xv, pads, low)
        for offset in _w.offsets(ks):
            step(out, xp[_w.offset_slices(offset, outs, st, _ones(nd))], out=out)
    return _to_first(out.astype(dtype, copy=False), cf)


def _np_valid(shape: tuple, pads: tuple) -> np.ndarray:
    """A boolean array over the padded spatial shape (with unit batch and channel axes): real elements."""
    valid = np.zeros((1, *(s + b + a for s, (b, a) in zip(shape, pads)), 1), bool)
    valid[(slice(None), *(slice(b, b + s) for s, (b, _) in zip(shape, pads)), slice(None))] = True
    return valid


def _np_argmax_offsets(xv: np.ndarray, ks: tuple, st: tuple, pads: tuple, outs: tuple) -> np.ndarray:
    """Per output, the kernel offset (flat index into the window) TF's MaxPoolGrad routes to."""
    nd = len(ks)
    xp = _w.pad(xv, pads, 0)
    valid = _np_valid(xv.shape[1:-1], pads)
    shape = (xv.shape[0], *outs, xv.shape[-1])
    best = np.zeros(shape, xv.dtype)
    idx = np.zeros(shape, np.int64)
    seen = np.zeros((1, *outs, 1), bool)
    for k, offset in enumerate(_w.offsets(ks)):
        sl = _w.offset_slices(offset, outs, st, _ones(nd))
        v = xp[sl]
        ok = valid[sl]
        take = ok & (~seen | (v > best))
        best = np.where(take, v, best)
        idx = np.where(take, k, idx)
        seen = seen | ok
    return idx


def _np_max_grad(xv: np.ndarray, yv: np.ndarray, dyv: np.ndarray, ks: tuple, st: tuple, padding: str,
                 explicit: tuple) -> np.ndarray:
    nd = len(ks)
    sizes = xv.shape[1:-1]
    outs, pads = _w.geometry(sizes, ks, st, _ones(nd), padding, explicit)
    dtype = dyv.dtype
    ct = _wide(dtype)
    dxp = np.zeros((xv.shape[0], *(s + b + a for s, (b, a) in zip(sizes, pads)), xv.shape[-1]), ct)
    if dyv.size:
        dy = dyv.astype(ct, copy=False)
        zero = ct.type(0)
        if xv.dtype.kind == "f" and np.isfinite(xv).all():
            # finite input: the forward output is the true maximum, and the first element equal to it
            # is the one TF's strictly-greater scan picks (padding, at -inf, never matches)
            xp = _w.pad(xv, pads, -np.inf)
            taken = None
            # windows that do not overlap write their slices once; a product with the mask is the
            # fastest write, and exact when the upstream is finite (0 * inf would be NaN)
            disjoint = st == ks
            product = disjoint and np.isfinite(dy).all()
            last = _w.window_size(ks) - 1
            for k, offset in enumerate(_w.offsets(ks)):
                sl = _w.offset_slices(offset, outs, st, _ones(nd))
                hit = xp[sl] == yv
                if taken is None:
                    taken = hit.copy() if k < last else hit
                else:
                    hit &= ~taken
                    if k < last:
                        taken |= hit
                if product:
                    np.multiply(hit, dy, out=dxp[sl])
                elif disjoint:
                    dxp[sl] = np.where(hit, dy, zero)
                else:
                    dxp[sl] += np.where(hit, dy, zero)
        else:
            idx = _np_argmax_offsets(xv, ks, st, pads, outs)
            for k, offset in enumerate(_w.offsets(ks)):
                dxp[_w.offset_slices(offset, outs, st, _ones(nd))] += np.where(idx == k, dy, zero)
    return np.ascontiguousarray(_w.crop(dxp, pads, sizes)).astype(dtype, copy=False)


def _np_max_grad_grad(xv: np.ndarray, yv: np.ndarray, gv: np.ndarray, ks: tuple, st: tuple, padding: str,
                      explicit: tuple) -> np.ndarray:
    """Per output, the incoming gradient at the first window element equal to the pooled output."""
    nd = len(ks)
    outs, pads = _w.geometry(xv.shape[1:-1], ks, st, _ones(nd), padding, explicit)
    out = np.zeros(yv.shape, gv.dtype)
    if out.size:
        xp = _w.pad(xv, pads, 0)
        gp = _w.pad(gv, pads, 0)
        valid = _np_valid(xv.shape[1:-1], pads)
        found = np.zeros(yv.shape, bool)
        for offset in _w.offsets(ks):
            sl = _w.offset_slices(offset, outs, st, _ones(nd))
            hit = valid[sl] & ~found & (xp[sl] == yv)
            out = np.where(hit, gp[sl], out)
            found |= hit
    return out


def _np_max3_grad(xv: np.ndarray, yv: np.ndarray, dyv: np.ndarray, ks: tuple, st: tuple, padding: str) -> np.ndarray:
    """MaxPool3DGrad: the full upstream value to every element equal to its window's maximum."""
    sizes = xv.shape[1:-1]
    outs, pads = _w.geometry(sizes, ks, st, _ones(3), padding)
    dtype = dyv.dtype
    dxp = np.zeros((xv.shape[0], *(s + b + a for s, (b, a) in zip(sizes, pads)), xv.shape[-1]), dtype)
    if dyv.size:
        xp = _w.pad(xv, pads, 0)
        valid = _np_valid(sizes, pads)
        zero = dtype.type(0)
        for offset in _w.offsets(ks):
            sl = _w.offset_slices(offset, outs, st, _ones(3))
            dxp[sl] += np.where(valid[sl] & (xp[sl] == yv), dyv, zero)
    return np.ascontiguousarray(_w.crop(dxp, pads, sizes))


def _np_counts(sizes: tuple, ks: tuple, st: tuple, pads: tuple, outs: tuple) -> np.ndarray:
    """Real elements per window, as `[1, *outs, 1]` (the count factorises over the axes)."""
    counts = np.ones((1, *outs, 1), np.int64)
    for i, (n, k, s, (b, _), o) in enumerate(zip(sizes, ks, st, pads, outs)):
        start = np.arange(o) * s - b
        c = np.minimum(start + k, n) - np.maximum(start, 0)
        shape = [1] * (len(sizes) + 2)
        shape[i + 1] = o
        counts = counts * c.reshape(shape)
    return counts


def _np_avg(xv: np.ndarray, ks: tuple, st: tuple, padding: str, cf: bool) -> np.ndarray:
    dtype = xv.dtype
    xv = _to_last(xv, cf)
    nd = len(ks)
    sizes = xv.shape[1:-1]
    outs, pads = _w.geometry(sizes, ks, st, _ones(nd), padding)
    ct = _wide(dtype)
    out = np.zeros((xv.shape[0], *outs, xv.shape[-1]), ct)
    if out.size:
        xp = _w.pad(xv.astype(ct, copy=False), pads, 0)
        for offset in _w.offsets(ks):
            out += xp[_w.offset_slices(offset, outs, st, _ones(nd))]
        out /= _np_counts(sizes, ks, st, pads, outs).astype(ct)
    return _to_first(out.astype(dtype, copy=False), cf)


def _np_avg_grad(in_shape: tuple, dyv: np.ndarray, ks: tuple, st: tuple, padding: str, cf: bool) -> np.ndarray:
    dtype = dyv.dtype
    dyv = _to_last(dyv, cf)
    nd = len(ks)
    sizes = in_shape[1:-1]
    outs, pads = _w.geometry(sizes, ks, st, _ones(nd), padding)
    ct = _wide(dtype)
    dxp = np.zeros((in_shape[0], *(s + b + a for s, (b, a) in zip(sizes, pads)), in_shape[-1]), ct)
    if dyv.size:
        share = dyv.astype(ct) / _np_counts(sizes, ks, st, pads, outs).astype(ct)
        for offset in _w.offsets(ks):
            dxp[_w.offset_slices(offset, outs, st, _ones(nd))] += share
    return _to_first(np.ascontiguousarray(_w.crop(dxp, pads, sizes)).astype(dtype, copy=False), cf)


# -- MaxPool / MaxPool3D ----------------------------------------------------------------------------
def _pool_attrs(ksize: list, strides: list, padding: str, explicit: list, data_format: str) -> dict:
    return {"ksize": tuple(ksize), "strides": tuple(strides), "padding": padding,
            "explicit_paddings": tuple(explicit), "data_format": data_format}


def _spatial_dims_error(op_name: str, x: EagerTensor, nd: int) -> None:
    """MaxPool/MaxPool3D's rank checks: oneDNN's message for float32/bfloat16 (the rank of the other op,
    which TF's default build aborts on or misreads, keeps the Eigen kernel's message)."""
    rank = x._value.ndim
    if rank != nd + 2:
        if rank not in (4, 5) and x._value.dtype in _ONEDNN:
            raise kernel_error(op_name, "Input must be 4 or 5-dimensional")
        raise kernel_error(op_name, f"tensor_in_shape must have {nd} spatial dimensions. {rank} 0"
                           if nd == 2 else "tensor_in must be 5-dimensional")


def _depth(x: EagerTensor, attrs: dict) -> int:
    fmt = attrs["data_format"] or ""
    return int(x._value.shape[1] if fmt.startswith("NC") else x._value.shape[-1]) if x._value.ndim else 0


def _max_pool_op(x: EagerTensor, attrs: dict, nd: int) -> EagerTensor:
    op = _MAX if nd == 2 else _MAX3
    dtype = x._value.dtype
    if nd == 3:
        _check_3d_dtype(op.name, dtype, attrs)
        _check_3d_kernel(op.name, dtype, attrs)
    else:
        _args.check(op, x)
    _spatial_dims_error(op.name, x, nd)
    ks, st, explicit, cf = _check(op.name, attrs, nd, dtype, depth=_depth(x, attrs))
    _check_output_sizes(op.name, _sizes(x, cf), ks, st, attrs["padding"], explicit)
    out = kernel(_np_max, x._value, ks, st, attrs["padding"], explicit, cf)
    return execute(op, (x,), out, attrs)


def _max_pool_grad(x: EagerTensor, y: EagerTensor, dy: EagerTensor, attrs: dict, nd: int) -> EagerTensor:
    op = _MAX_GRAD if nd == 2 else _MAX3_GRAD
    ks, st, explicit, _cf = _check(op.name, attrs, nd, x._value.dtype, grad=True)
    if nd == 2:
        out = kernel(_np_max_grad, x._value, y._value, dy._value, ks, st, attrs["padding"], explicit)
    else:
        out = kernel(_np_max3_grad, x._value, y._value, dy._value, ks, st, attrs["padding"])
    return execute(op, (x, y, dy), out, attrs)


def _check_nonempty(op_name: str, tensors: tuple) -> None:
    """MaxPool3DGradGrad refuses empty inputs, quoting the tensor's DebugString."""
    for label, t in zip(("tensor_in", "tensor_out", "out_grad_backprop"), tensors):
        v = t._value
        if v.size == 0:
            shape = ",".join(str(d) for d in v.shape)
            raise kernel_error(op_name, f"received empty tensor {label}: Tensor<type: {_args.kernel_name(v.dtype)} "
                                        f"shape: [{shape}] values: >")


def _max_pool_grad_grad(x: EagerTensor, y: EagerTensor, g: EagerTensor, attrs: dict, nd: int) -> EagerTensor:
    op = _MAX_GRAD_GRAD if nd == 2 else _MAX3_GRAD_GRAD
    ks, st, explicit, _cf = _check(op.name, attrs, nd, x._value.dtype, grad=True)
    if nd == 3:
        _check_nonempty(op.name, (x, y, g))
    out = kernel(_np_max_grad_grad, x._value, y._value, g._value, ks, st, attrs["padding"], explicit)
    return execute(op, (x, y, g), out, attrs)


def _zeros_like(t: EagerTensor) -> EagerTensor:
    from tfshim.ops.creation import zeros_like

    return zeros_like(t)


@_MAX.gradient
def _max_pool_grad_rule(op: Any, grad: Any) -> Any:
    return _max_pool_grad(op.inputs[0], op.outputs[0], grad, op.attrs, 2)


@_MAX_GRAD.gradient
def _max_pool_grad_grad_rule(op: Any, grad: Any) -> tuple:
    x, y, _ = op.inputs
    return _zeros_like(x), _zeros_like(y), _max_pool_grad_grad(x, y, grad, op.attrs, 2)


@_MAX_GRAD_GRAD.gradient
def _max_pool_grad_grad_grad_rule(op: Any, grad: Any) -> tuple:
    x, y, _ = op.inputs
    return _zeros_like(x), _zeros_like(y), _max_pool_grad(x, y, grad, op.attrs, 2)


@_MAX3.gradient
def _max_pool3d_grad_rule(op: Any, grad: Any) -> Any:
    _decode_format(op.attrs)
    return _max_pool_grad(op.inputs[0], op.outputs[0], grad, op.attrs, 3)


@_MAX3_GRAD.gradient
def _max_pool3d_grad_grad_rule(op: Any, grad: Any) -> tuple:
    _decode_format(op.attrs)
    x, y, _ = op.inputs
    return _zeros_like(x), _zeros_like(y), _max_pool_grad_grad(x, y, grad, op.attrs, 3)


@_MAX3_GRAD_GRAD.gradient
def _max_pool3d_grad_grad_grad_rule(op: Any, grad: Any) -> tuple:
    _decode_format(op.attrs)
    x, y, _ = op.inputs
    return _zeros_like(x), _zeros_like(y), _max_pool_grad(x, y, grad, op.attrs, 3)


# -- AvgPool / AvgPool3D ----------------------------------------------------------------------------
def _avg_pool_op(x: EagerTensor, attrs: dict, nd: int, name: Any = "") -> EagerTensor:
    op = _AVG if nd == 2 else _AVG3
    dtype = x._value.dtype
    if nd == 3:
        _check_3d_dtype(op.name, dtype, attrs)
        _check_3d_kernel(op.name, dtype, attrs, name)
    else:
        _args.check(op, x)
    rank = x._value.ndim
    if rank != nd + 2:
        if rank not in (4, 5) and (nd == 3 or dtype in _ONEDNN):
            raise kernel_error(op.name, "Input must be 4 or 5-dimensional")
        raise kernel_error(op.name, f"tensor_in_shape must have 2 spatial dimensions. {rank} 0" if nd == 2 and
                           dtype not in _ONEDNN else f"input must be {nd + 2}-dimensional")
    ks, st, _, cf = _check(op.name, attrs, nd, dtype, depth=_depth(x, attrs), name=name)
    _check_output_sizes(op.name, _sizes(x, cf), ks, st, attrs["padding"], (), name)
    out = kernel(_np_avg, x._value, ks, st, attrs["padding"], cf)
    return execute(op, (x,), out, attrs)


def _avg_pool_grad(sizes: EagerTensor, dy: EagerTensor, attrs: dict, nd: int) -> EagerTensor:
    op = _AVG_GRAD if nd == 2 else _AVG3_GRAD
    ks, st, _, cf = _check(op.name, attrs, nd, dy._value.dtype, grad=True)
    shape = tuple(int(s) for s in np.asarray(sizes._value).reshape(-1))
    full = (shape[0], *shape[2:], shape[1]) if cf else shape
    out = kernel(_np_avg_grad, full, dy._value, ks, st, attrs["padding"], cf)
    return execute(op, (sizes, dy), out, attrs)


def _shape_of(t: EagerTensor) -> EagerTensor:
    from tfshim.ops.shape_ops import shape

    return shape(t)


@_AVG.gradient
def _avg_pool_grad_rule(op: Any, grad: Any) -> Any:
    return _avg_pool_grad(_shape_of(op.inputs[0]), grad, op.attrs, 2)


@_AVG_GRAD.gradient
def _avg_pool_grad_grad_rule(op: Any, grad: Any) -> tuple:
    from tfshim.ops.shape_ops import stop_gradient

    return stop_gradient(op.inputs[0]), _avg_pool_op(grad, op.attrs, 2)


@_AVG3.gradient
def _avg_pool3d_grad_rule(op: Any, grad: Any) -> Any:
    _decode_format(op.attrs)
    return _avg_pool_grad(_shape_of(op.inputs[0]), grad, op.attrs, 3)


@_AVG3_GRAD.gradient
def _avg_pool3d_grad_grad_rule(op: Any, grad: Any) -> tuple:
    _decode_format(op.attrs)
    from tfshim.ops.shape_ops import stop_gradient

    return stop_gradient(op.inputs[0]), _avg_pool_op(grad, op.attrs, 3)


# -- public pooling -----------------------------------------------------------------------------------
def _format(data_format: Any, default: str) -> str:
    return default if data_format is None else data_format


def _window_sizes(ksize: Any, strides: Any, data_format: Any, default: str, n: int) -> tuple:
    """(format, ksize, strides) of an n-d pooling wrapper: both as the full n+2 lists."""
    fmt = _format(data_format, default)
    ci = 1 if fmt.startswith("NC") else n + 1
    return fmt, _sequence(ksize, n, ci, "ksize"), _sequence(strides, n, ci, "strides")


def max_pool2d(input: Any, ksize: Any, strides: Any, padding: Any, data_format: str = "NHWC",
               name: Any = None) -> EagerTensor:
    """`tf.nn.max_pool2d` (MaxPool); padding may be explicit [before, after] pairs."""
    fmt, ks, st = _window_sizes(ksize, strides, data_format, "NHWC", 2)
    pad, explicit = _convert_padding(padding)
    return _max_pool_op(_args.tensor(input), _pool_attrs(ks, st, pad, explicit, fmt), 2)


def max_pool1d(input: Any, ksize: Any, strides: Any, padding: Any, data_format: str = "NWC",
               name: Any = None) -> EagerTensor:
    """`tf.nn.max_pool1d`: MaxPool over an inserted unit axis, as TF does."""
    from tfshim.ops.shape_ops import expand_dims, squeeze

    fmt, ks, st = _window_sizes(ksize, strides, data_format, "NWC", 1)
    ks, st = [1, *ks], [1, *st]
    pad, explicit = _convert_padding(padding, 3)
    if pad == "EXPLICIT":
        explicit = [0, 0, *explicit]
    axis = 1 if fmt == "NWC" else 2
    fmt2 = "NHWC" if fmt == "NWC" else "NCHW"
    x = expand_dims(_args.tensor(input), axis)
    return squeeze(_max_pool_op(x, _pool_attrs(ks, st, pad, explicit, fmt2), 2), [axis])


def max_pool3d(input: Any, ksize: Any, strides: Any, padding: str, data_format: str = "NDHWC",
               name: Any = None) -> EagerTensor:
    """`tf.nn.max_pool3d` (MaxPool3D; float32 and bfloat16 only on CPU, as TF)."""
    fmt, ks, st = _window_sizes(ksize, strides, data_format, "NDHWC", 3)
    return _max_pool_op(_args.tensor(input), _pool_attrs(ks, st, _padding_string(padding), [], fmt), 3)


def _padding_string(padding: Any) -> str:
    return _string_padding(padding)


def _rank_n(x: EagerTensor) -> int:
    n = x._value.ndim - 2
    if not 1 <= n <= 3:
        raise ValueError(f"`input.shape.rank` must be 3, 4 or 5. Received: input.shape={tuple(x._value.shape)} of "
                         f"rank {n + 2}.")
    return n


def max_pool(input: Any, ksize: Any, strides: Any, padding: Any, data_format: Any = None,
             name: Any = None) -> EagerTensor:
    """`tf.nn.max_pool`: max_pool1d/2d/3d by the input's rank."""
    _needs_shape(input)
    x = _args.tensor(input)
    n = _rank_n(x)
    if isinstance(padding, (list, tuple)) and data_format == "NCHW_VECT_C":
        raise ValueError(f"`data_format='NCHW_VECT_C'` is not supported with explicit padding. Received: "
                         f"padding={padding}")
    ci = n + 1 if data_format is None else (1 if data_format.startswith("NC") else n + 1)
    ks = _sequence(ksize, n, ci, "ksize")
    st = _sequence(strides, n, ci, "strides")
    if n == 1:
        return max_pool1d(x, ks, st, padding, data_format or "NWC")
    if n == 2:
        return max_pool2d(x, ks, st, padding, data_format or "NHWC")
    if isinstance(padding, (list, tuple)):
        raise ValueError(f"Explicit padding is not supported with an input tensor of rank 5. Received: "
                         f"padding={padding}")
    return _max_pool_op(x, _pool_attrs(ks, st, _padding_string(padding), [], data_format), 3)


def avg_pool2d(input: Any, ksize: Any, strides: Any, padding: Any, data_format: str = "NHWC",
               name: Any = None) -> EagerTensor:
    """`tf.nn.avg_pool2d` (AvgPool): each window averages its real elements only."""
    fmt, ks, st = _window_sizes(ksize, strides, data_format, "NHWC", 2)
    return _avg_pool_op(_args.tensor(input), _pool_attrs(ks, st, _padding_string(padding), [], fmt), 2)


def avg_pool1d(input: Any, ksize: Any, strides: Any, padding: Any, data_format: str = "NWC",
               name: Any = None) -> EagerTensor:
    """`tf.nn.avg_pool1d`: AvgPool over an inserted unit axis."""
    from tfshim.ops.shape_ops import expand_dims, squeeze

    fmt, ks, st = _window_sizes(ksize, strides, data_format, "NWC", 1)
    ks, st = [1, *ks], [1, *st]
    axis = 1 if fmt == "NWC" else 2
    fmt2 = "NHWC" if fmt == "NWC" else "NCHW"
    x = expand_dims(_args.tensor(input), axis)
    return squeeze(_avg_pool_op(x, _pool_attrs(ks, st, _padding_string(padding), [], fmt2), 2), axis)


def avg_pool3d(input: Any, ksize: Any, strides: Any, padding: Any, data_format: str = "NDHWC",
               name: Any = None) -> EagerTensor:
    """`tf.nn.avg_pool3d` (AvgPool3D; float32 and bfloat16 only on CPU, as TF)."""
    fmt, ks, st = _window_sizes(ksize, strides, data_format, "NDHWC", 3)
    return _avg_pool_op(_args.tensor(input), _pool_attrs(ks, st, _padding_string(padding), [], fmt), 3)


def avg_pool(input: Any, ksize: Any, strides: Any, padding: Any, data_format: Any = None,
             name: Any = None) -> EagerTensor:
    """`tf.nn.avg_pool`: avg_pool1d/2d/3d by the input's rank."""
    _needs_shape(input)
    x = _args.tensor(input)
    n = _rank_n(x)
    ci = n + 1 if data_format is None else (1 if data_format.startswith("NC") else n + 1)
    ks = _sequence(ksize, n, ci, "ksize")
    st = _sequence(strides, n, ci, "strides")
    if n == 1:
        return avg_pool1d(x, ks, st, padding, data_format or "NWC")
    # (TF hands the 2-D and 3-D ops the name=, which ends their error messages)
    if n == 2:
        return _avg_pool_op(x, _pool_attrs(ks, st, _padding_string(padding), [], data_format or "NHWC"), 2,
                            name=name or "")
    return _avg_pool_op(x, _pool_attrs(ks, st, _padding_string(padding), [], data_format), 3, name=name or "")


def pool(input: Any, window_shape: Any, pooling_type: str, strides: Any = None, padding: str = "VALID",
         data_format: Any = None, dilations: Any = None, name: Any = None) -> EagerTensor:
    """`tf.nn.pool`: 'MAX' or 'AVG' pooling, with dilations (VALID only) computed directly rather than
    through TF's space-to-batch rewrite (same values)."""
    x = _args.tensor(input)
    n = len(window_shape)
    if n not in (1, 2, 3):
        raise ValueError(f"`len(window_shape)` must be 1, 2, or 3. Received: window_shape={window_shape} of "
                         f"length {n}")
    if x._value.ndim != n + 2:
        raise ValueError(f"Shape {tuple(x._value.shape)} must have rank {n + 2}")
    if dilations is not None and len(dilations) != n:  # len(): an int raises TF's TypeError
        raise ValueError(f"`len(dilation_rate)` should be {n}. Received: dilation_rate={dilations} of length "
                         f"{len(dilations)}")
    d = [1] * n if dilations is None else list(dilations)
    if min(d) < 1:
        raise ValueError(f"all values of `dilation_rate` must be positive. Received: dilation_rate="
                         f"{np.array(d, np.int32)}")
    if strides is not None and len(strides) != n:
        raise ValueError(f"`len(strides)` should be {n}. Received: strides={strides} of length {len(strides)}")
    s = [1] * n if strides is None else list(strides)
    if min(s) < 1:
        raise ValueError(f"all values of `strides` must be positive. Received: strides={np.array(s, np.int32)}")
    if max(s) > 1 and max(d) > 1:
        raise ValueError("`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: "
                         f"strides={np.array(s, np.int32)} and dilation_rate={np.array(d, np.int32)}")
    if max(d) > 1 and padding not in ("SAME", "VALID"):  # (TF's space-to-batch route checks the string)
        raise ValueError(f"`padding` must be one of 'SAME' or 'VALID'. Received: padding={padding}")
    if padding == "SAME" and max(d) > 1:
        raise ValueError("pooling with 'SAME' padding is not implemented for `dilation_rate` > 1. Received: "
                         f"padding={padding} and dilation_rate={np.array(d, np.int32)}")
    if any(st > w for st, w in zip(s, window_shape)):
        raise ValueError("`strides` > `window_shape` not supported due to inconsistency between CPU and GPU "
                         f"implementations. Received: strides={np.array(s, np.int32)} and window_shape={window_shape}")
    if pooling_type not in ("MAX", "AVG"):
        raise ValueError(f"{n}-D {pooling_type} pooling is not supported.")
    if max(d) == 1:
        return _pool_fn(pooling_type, n)(x, list(window_shape), s, padding, data_format)
    # dilated VALID pooling: pool over the strided sub-grids, as space-to-batch does
    return _dilated_pool(x, list(window_shape), d, pooling_type, data_format)


def _pool_fn(pooling_type: str, n: int) -> Any:
    """TF's table in tf.nn.pool: max_pool/avg_pool for 1-D and 2-D, max_pool3d/avg_pool3d (whose format
    defaults to NDHWC, so the 3-D gradients' format decode works) for 3-D."""
    if n == 3:
        return max_pool3d if pooling_type == "MAX" else avg_pool3d
    return max_pool if pooling_type == "MAX" else avg_pool


def _dilated_pool(x: EagerTensor, window: list, rate: list, pooling_type: str, data_format: Any) -> EagerTensor:
    from tfshim.ops.array_ops import stack
    from tfshim.ops.indexing import getitem

    n = len(window)
    cf = data_format is not None and data_format.startswith("NC")
    fn = _pool_fn(pooling_type, n)
    first = 2 if cf else 1
    sizes = x._value.shape[first:first + n]
    outs = [s - (k - 1) * r for s, k, r in zip(sizes, window, rate)]
    if min(outs) <= 0:
        shape = list(x._value.shape)
        shape[first:first + n] = [max(o, 0) for o in outs]
        from tfshim._engine.convert import convert_to_tensor

        return convert_to_tensor(np.zeros(shape, x._value.dtype))
    # output position p (per axis) pools x[p + r*j]; gather the phase grids and interleave
    import itertools

    pieces = {}
    for phase in itertools.product(*(range(r) for r in rate)):
        index = [slice(None)] * x._value.ndim
        for i, (ph, r) in enumerate(zip(phase, rate)):
            index[first + i] = slice(ph, None, r)
        sub = getitem(x, tuple(index))
        pieces[phase] = fn(sub, window, 1, "VALID", data_format)
    # interleave: output position p = phase + r*q
    result = _interleave(pieces, rate, outs, first, stack)
    return result


def _interleave(pieces: dict, rate: list, outs: list, first: int, stack: Any) -> EagerTensor:
    from tfshim.ops.indexing import getitem
    from tfshim.ops.shape_ops import reshape, transpose

    n = len(rate)
    # crop every piece to ceil((out - phase)/r) along each axis, pad to a common size, then stack phases
    sample = next(iter(pieces.values()))
    rank = sample._value.ndim
    q = [-(-o // r) for o, r in zip(outs, rate)]
    from tfshim.ops.array_ops import pad

    padded = []
    for phase, piece in sorted(pieces.items()):
        index = [slice(None)] * rank
        widths = [[0, 0] for _ in range(rank)]
        for i, (ph, r) in enumerate(zip(phase, rate)):
            count = -(-(outs[i] - ph) // r)
            index[first + i] = slice(0, count)
            widths[first + i][1] = q[i] - count
        padded.append(pad(getitem(piece, tuple(index)), widths))
    stacked = stack(padded, axis=0)  # [prod(rate), ..., q..., ...]
    shape = list(stacked._value.shape)
    stacked = reshape(stacked, [*rate, *shape[1:]])
    # axes: rate_0..rate_{n-1}, then the piece's axes; move each rate axis right after its q axis
    perm = []
    piece_axes = list(range(n, n + rank))
    for j, axis in enumerate(piece_axes):
        idx = j
        if first <= idx < first + n:
            perm.extend([axis, idx - first])
        else:
            perm.append(axis)
    moved = transpose(stacked, perm)
    full_shape = list(sample._value.shape)
    for i in range(n):
        full_shape[first + i] = q[i] * rate[i]
    merged = reshape(moved, full_shape)
    index = [slice(None)] * rank
    for i in range(n):
        index[first + i] = slice(0, outs[i])
    return getitem(merged, tuple(index))


# -- MaxPoolWithArgmax --------------------------------------------------------------------------------
def _np_max_with_argmax(xv: np.ndarray, ks: tuple, st: tuple, padding: str, batch_in_index: bool,
                        index_dtype: np.dtype) -> tuple:
    n, h, w, c = xv.shape
    outs, pads = _w.geometry((h, w), ks, st, (1, 1), padding)
    shape = (n, *outs, c)
    best = np.zeros(shape, xv.dtype)
    arg = np.zeros(shape, np.int64)
    if best.size:
        xp = _w.pad(xv, pads, 0)
        valid = _np_valid((h, w), pads)
        seen = np.zeros((1, *outs, 1), bool)
        rows = np.arange(outs[0]).reshape(1, -1, 1, 1) * st[0] - pads[0][0]
        cols = np.arange(outs[1]).reshape(1, 1, -1, 1) * st[1] - pads[1][0]
        chans = np.arange(c).reshape(1, 1, 1, -1)
        batch = np.arange(n).reshape(-1, 1, 1, 1)
        for offset in _w.offsets(ks):
            sl = _w.offset_slices(offset, outs, st, (1, 1))
            v = xp[sl]
            take = valid[sl] & (~seen | (v > best))
            best = np.where(take, v, best)
            flat = ((rows + offset[0]) * w + cols + offset[1]) * c + chans
            if batch_in_index:
                flat = flat + batch * (h * w * c)
            arg = np.where(take, flat, arg)
            seen = seen | valid[sl]
    return best, arg.astype(index_dtype)


def max_pool_with_argmax(input: Any, ksize: Any, strides: Any, padding: str, data_format: str = "NHWC",
                         output_dtype: Any = _dtypes.int64, include_batch_in_index: bool = False,
                         name: Any = None) -> Any:
    """`tf.nn.max_pool_with_argmax`: (output, argmax) with argmax = `(y*W + x)*C + c` (plus the batch
    offset with `include_batch_in_index`); ties and NaN as TF's kernel (first element, then strictly
    greater)."""
    if data_format != "NHWC":
        raise ValueError("`data_format` values other  than 'NHWC' are not supported. "
                         f"Received: data_format={data_format}")
    ks = _sequence(ksize, 2, 3, "ksize")
    st = _sequence(strides, 2, 3, "strides")
    x = _args.tensor(input)
    _args.check(_ARGMAX, x)
    index_dtype = _dtypes.as_dtype(output_dtype)
    if index_dtype._np not in (np.dtype(np.int32), np.dtype(np.int64)):
        raise InvalidArgumentError(
            None, None, f"Value for attr 'Targmax' of {_args.kernel_name(index_dtype._np)} is not in the list of "
                        f"allowed values: int32, int64\n\t; NodeDef: {{{{node MaxPoolWithArgmax}}}}; "
                        f"{_SUMMARIES['MaxPoolWithArgmax']} [Op:MaxPoolWithArgmax] name: ")
    attrs = _pool_attrs(ks, st, _padding_string(padding), [], "NHWC")
    attrs["include_batch_in_index"] = bool(include_batch_in_index)
    if x._value.ndim != 4:
        raise kernel_error("MaxPoolWithArgmax", "tensor_in must be 4-dimensional (2)", name=name or "")  # (sic)
    if x._value.size == 0:
        raise kernel_error("MaxPoolWithArgmax", "tensor_in must not be empty (2)", name=name or "")
    sks, sst, _, _ = _check("MaxPoolWithArgmax", attrs, 2, x._value.dtype, name=name or "")
    _check_output_sizes("MaxPoolWithArgmax", x._value.shape[1:3], sks, sst, attrs["padding"], (), name or "")
    out, arg = kernel(_np_max_with_argmax, x._value, sks, sst, attrs["padding"], bool(include_batch_in_index),
                      index_dtype._np)
    output, argmax = execute_multi(_ARGMAX, (x,), (out, arg), attrs)
    return _ArgmaxResult(output, argmax)


class _ArgmaxResult(tuple):
    """TF's `MaxPoolWithArgmax(output, argmax)` namedtuple."""

    __slots__ = ()

    def __new__(cls, output: EagerTensor, argmax: EagerTensor) -> _ArgmaxResult:
        return tuple.__new__(cls, (output, argmax))

    @property
    def output(self) -> EagerTensor:
        return self[0]

    @property
    def argmax(self) -> EagerTensor:
        return self[1]

    def __repr__(self) -> str:
        return f"MaxPoolWithArgmax(output={self[0]!r}, argmax={self[1]!r})"


_ArgmaxResult.__name__ = "MaxPoolWithArgmax"


def _np_grad_with_argmax(shape: tuple, gv: np.ndarray, av: np.ndarray, batch_in_index: bool) -> np.ndarray:
    n = shape[0]
    per = int(np.prod(shape[1:]))
    idx = av.astype(np.int64).reshape(n, -1)
    if not batch_in_index:
        idx = idx + (np.arange(n) * per).reshape(-1, 1)
    ct = _wide(gv.dtype)
    total = np.zeros(n * per, ct)
    np.add.at(total, idx.reshape(-1), gv.astype(ct).reshape(-1))
    return total.reshape(shape).astype(gv.dtype, copy=False)


@_ARGMAX.gradient
def _max_pool_with_argmax_grad(op: Any, grad: Any, unused_argmax_grad: Any) -> Any:
    x = op.inputs[0]
    argmax = op.outputs[1]
    out = kernel(_np_grad_with_argmax, x._value.shape, grad._value, argmax._value,
                 op.attrs["include_batch_in_index"])
    return execute(_ARGMAX_GRAD, (x, grad, argmax), out, op.attrs)
