"""Normalization: tf.nn.batch_normalization, weighted_moments, normalize_moments (composed from the
ops TensorFlow composes them from), local_response_normalization (TF's LRN op, whose LRNGrad has no
gradient in TF either) and tf.compat.v1.nn.fused_batch_norm (FusedBatchNormV3, its gradient op
FusedBatchNormGradV3, and that op's gradient, which -- as in TensorFlow -- differentiates the
composed batch-norm gradient on an inner tape). `moments` and `l2_normalize` live in norms.py.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from tfshim._engine import dtypes as _dtypes
from tfshim._engine.errors import kernel_error
from tfshim._engine.registry import execute, execute_multi, kernel, op_def
from tfshim._engine.tensor import EagerTensor
from tfshim.ops import _args

_FBN = op_def("FusedBatchNormV3")
_FBN_GRAD = op_def("FusedBatchNormGradV3")
_LRN = op_def("LRN")
_LRN_GRAD = op_def("LRNGrad")  # TensorFlow registers no gradient for it

_F32 = np.dtype(np.float32)
_DT_NAMES = {_F32: "FLOAT", np.dtype(np.float16): "HALF", **{d: "BFLOAT16" for d in _dtypes.HALF_NP if d != np.float16}}
_REQUIRED = object()
_LRN_SUMMARY = ("Op<name=LRN; signature=input:T -> output:T; attr=depth_radius:int,default=5; "
                "attr=bias:float,default=1; attr=alpha:float,default=1; attr=beta:float,default=0.5; "
                "attr=T:type,default=DT_FLOAT,allowed=[DT_HALF, DT_BFLOAT16, DT_FLOAT]>")
_FBN_SUMMARY = ("Op<name=FusedBatchNormV3; signature=x:T, scale:U, offset:U, mean:U, variance:U -> y:T, "
                "batch_mean:U, batch_variance:U, reserve_space_1:U, reserve_space_2:U, reserve_space_3:U; "
                "attr=T:type,allowed=[DT_HALF, DT_BFLOAT16, DT_FLOAT]; attr=U:type,allowed=[DT_BFLOAT16, DT_FLOAT]; "
                "attr=epsilon:float,default=0.0001; attr=exponential_avg_factor:float,default=1; "
                "attr=data_format:string,default=\"NHWC\",allowed=[\"NHWC\", \"NCHW\", \"NDHWC\", \"NCDHW\"]; "
                "attr=is_training:bool,default=true>")


def _type_error(node: str, attr: str, dtype: np.dtype, allowed: str, summary: str, suffix: str) -> Exception:
    from tfshim._engine.errors import InvalidArgumentError

    return InvalidArgumentError(
        None, None, f"Value for attr '{attr}' of {_args.kernel_name(dtype)} is not in the list of allowed values: "
                    f"{allowed}\n\t; NodeDef: {{{{node {node}}}}}; {summary} {suffix}")


# -- batch_normalization, moments helpers ------------------------------------------------------------
def batch_normalization(x: Any = _REQUIRED, mean: Any = _REQUIRED, variance: Any = _REQUIRED, offset: Any = _REQUIRED,
                        scale: Any = _REQUIRED, variance_epsilon: Any = _REQUIRED, name: Any = None) -> EagerTensor:
    """`tf.nn.batch_normalization`: `x * inv + (offset - mean * inv)` with
    `inv = rsqrt(variance + variance_epsilon) * scale`, as TF composes it, with Python's operators
    (so `x` keeps its own dtype and must be a tensor-like with `.dtype`). All six arguments are
    required (TF's TypeError otherwise)."""
    if any(a is _REQUIRED for a in (x, mean, variance, offset, scale, variance_epsilon)):
        raise TypeError("Missing required positional argument")
    from tfshim.ops.casting import cast
    from tfshim.ops.unary_math import rsqrt

    # Python's operators, as TF writes it: `variance + variance_epsilon` on a list raises list's TypeError
    inv = rsqrt(variance + variance_epsilon)
    if scale is not None:
        inv *= scale
    return x * cast(inv, x.dtype) + cast(offset - mean * inv if offset is not None else -mean * inv, x.dtype)


def weighted_moments(x: Any, axes: Any, frequency_weights: Any, keepdims: bool = False, name: Any = None) -> tuple:
    """`tf.nn.weighted_moments`: weighted mean and (biased) variance; weights broadcast against x."""
    from tfshim.ops.arithmetic import add as _add
    from tfshim.ops.arithmetic import div_no_nan, multiply, squared_difference
    from tfshim.ops.casting import cast
    from tfshim.ops.creation import zeros_like
    from tfshim.ops.reductions import reduce_sum
    from tfshim.ops.shape_ops import squeeze

    x = _args.tensor(x)
    w = _args.tensor(frequency_weights)
    half = x.dtype == _dtypes.float16
    if half:
        x = cast(x, _dtypes.float32)
    if w.dtype != x.dtype:
        w = cast(w, x.dtype)
    weighted_sum = reduce_sum(multiply(w, x), axes, keepdims=True)
    sum_of_weights = reduce_sum(_add(w, zeros_like(x)), axes, keepdims=True)
    mean = div_no_nan(weighted_sum, sum_of_weights)
    distsq = reduce_sum(multiply(w, squared_difference(x, mean)), axes, keepdims=True)
    variance = div_no_nan(distsq, sum_of_weights)
    if not keepdims:
        mean = squeeze(mean, axes)
        variance = squeeze(variance, axes)
    if half:
        return cast(mean, _dtypes.float16), cast(variance, _dtypes.float16)
    return mean, variance


def normalize_moments(counts: Any, mean_ss: Any, variance_ss: Any, shift: Any, name: Any = None) -> tuple:
    """`tf.nn.normalize_moments`: mean and variance from sufficient statistics."""
    from tfshim.ops.arithmetic import add, multiply, subtract
    from tfshim.ops.unary_math import reciprocal, square

    divisor = reciprocal(counts)
    shifted_mean = multiply(mean_ss, divisor)
    mean = add(shifted_mean, shift) if shift is not None else shifted_mean
    variance = subtract(multiply(variance_ss, divisor), square(shifted_mean))
    return mean, variance


# -- FusedBatchNormV3 --------------------------------------------------------------------------------
def _reduce_axes(fmt: str, ndim: int) -> tuple:
    return (0, *range(2, ndim)) if fmt.startswith("NC") else tuple(range(ndim - 1))


def _channel_shape(fmt: str, ndim: int, c: int) -> tuple:
    return (1, c) + (1,) * (ndim - 2) if fmt.startswith("NC") else (1,) * (ndim - 1) + (c,)


def _np_fbn(xv: np.ndarray, sv: np.ndarray, ov: np.ndarray, mv: np.ndarray, vv: np.ndarray, eps: float,
            factor: float, fmt: str, training: bool) -> tuple:
    dtype = xv.dtype
    if xv.size == 0:  # TF's kernel returns at once, its batch statistics set to NaN (in inference too)
        nan = np.full(sv.shape, np.nan, np.float32)
        return (xv.copy(), nan, nan.copy(), nan.copy(), nan.copy(), np.zeros((0,), np.float32))
    x = xv.astype(np.float32) if dtype != _F32 else xv
    axes = _reduce_axes(fmt, x.ndim)
    cs = _channel_shape(fmt, x.ndim, sv.shape[0])
    eps = np.float32(eps)
    if training:
        count = x.size // max(sv.shape[0], 1)
        mean = x.mean(axis=axes, dtype=np.float64).astype(np.float32)
        var = ((x - mean.reshape(cs)) ** 2).mean(axis=axes, dtype=np.float64).astype(np.float32)
        unbiased = (var * np.float32(count / max(count - 1, 1))).astype(np.float32)
        if factor != 1.0:
            f = np.float32(factor)
            running_mean = ((1 - f) * mv + f * mean).astype(np.float32)
            running_var = ((1 - f) * vv + f * unbiased).astype(np.float32)
        else:
            running_mean, running_var = mean, unbiased
        use_mean, use_var = mean, var
        saved = (mean, var)
    else:
        use_mean, use_var = mv, vv
        running_mean, running_var = mv.copy(), vv.copy()
        saved = (mv.copy(), vv.copy())
    inv = (1 / np.sqrt(use_var + eps)).astype(np.float32)
    y = (x - use_mean.reshape(cs)) * (inv * sv).reshape(cs) + ov.reshape(cs)
    return (y.astype(dtype), running_mean.astype(np.float32), running_var.astype(np.float32),
            saved[0].astype(np.float32), saved[1].astype(np.float32), np.zeros((0,), np.float32))


def _float_attr(v: float) -> str:
    """TF's float attribute text: 6 significant digits when they round-trip through float32, else 9."""
    text = f"{v:.6g}"
    return text if np.float32(float(text)) == np.float32(v) else f"{np.float32(v):.9g}"


def _fbn_no_kernel(x_dtype: np.dtype, attrs: dict) -> Exception:
    from tfshim._engine.errors import NotFoundError

    node = (f"FusedBatchNormV3[T=DT_{_DT_NAMES[x_dtype]}, U=DT_BFLOAT16, "
            f"data_format=\"{attrs['data_format']}\", epsilon={_float_attr(attrs['epsilon'])}, "
            f"exponential_avg_factor={_float_attr(attrs['exponential_avg_factor'])}, "
            f"is_training={str(attrs['is_training']).lower()}]")
    kernels = ("  device='XLA_CPU_JIT'; U in [DT_FLOAT, DT_BFLOAT16]; T in [DT_FLOAT, DT_BFLOAT16, DT_HALF]\n"
               "  device='CPU'; T in [DT_BFLOAT16]; U in [DT_FLOAT]\n  device='CPU'; T in [DT_HALF]; U in [DT_FLOAT]\n"
               "  device='CPU'; T in [DT_FLOAT]; U in [DT_FLOAT]\n")
    return NotFoundError(None, None, f"Could not find device for node: {{{{node FusedBatchNormV3}}}} = {node}\n"
                                     f"All kernels registered for op FusedBatchNormV3:\n{kernels} "
                                     "[Op:FusedBatchNormV3] name: ")


def _fused_batch_norm_v3(x: EagerTensor, scale: EagerTensor, offset: EagerTensor, mean: EagerTensor,
                         variance: EagerTensor, attrs: dict) -> tuple:
    low = (_F32, *_dtypes.HALF_NP)
    if scale._value.dtype not in low or scale._value.dtype == np.float16:
        raise _type_error("FusedBatchNormV3", "U", scale._value.dtype, "bfloat16, float", _FBN_SUMMARY,
                          "[Op:FusedBatchNormV3] name: ")
    if x._value.dtype not in low:
        raise _type_error("FusedBatchNormV3", "T", x._value.dtype, "half, bfloat16, float", _FBN_SUMMARY,
                          "[Op:FusedBatchNormV3] name: ")
    if scale._value.dtype != _F32:  # U=bfloat16 is allowed by the op but has no CPU kernel
        raise _fbn_no_kernel(x._value.dtype, attrs)
    _args.same_dtype(_FBN, (scale, offset, mean, variance), attr="U", offset=1)
    fmt = attrs["data_format"]
    xv = x._value
    if fmt in ("NDHWC", "NCDHW"):  # TF's generic kernel (oneDNN takes only the 2-D formats): 4-D runs as NHWC/NCHW
        if xv.ndim not in (4, 5):
            raise kernel_error("FusedBatchNormV3", f"input must be 4 or 5-dimensional{_args.shape_text(xv.shape)}")
    elif xv.ndim != 4:
        raise kernel_error("FusedBatchNormV3", f"input must be 4-dimensional{_args.shape_text(xv.shape)}")
    for label, t in (("scale", scale), ("offset", offset), ("estimated_mean", mean), ("estimated_variance", variance)):
        if t._value.ndim != 1:
            raise kernel_error("FusedBatchNormV3", f"{label} must be 1-dimensional{_args.shape_text(t._value.shape)}")
    c = xv.shape[1] if fmt.startswith("NC") else xv.shape[-1]
    for label, t in (("scale", scale), ("offset", offset)):
        if t._value.shape[0] != c:
            raise kernel_error("FusedBatchNormV3", f"{label} must have the same number of elements as the channels "
                                                   f"of x, got {t._value.shape[0]} and {c}")
    need_stats = not attrs["is_training"] or attrs["exponential_avg_factor"] != 1.0
    if need_stats:
        prefix = "When exponential_avg_factor != 1" if attrs["is_training"] else "When is_training=false"
        for label, t in (("mean", mean), ("variance", variance)):
            if t._value.shape != (c,):
                raise kernel_error("FusedBatchNormV3", f"{prefix}, {label} must have the same number of elements as "
                                                       f"the channels of x, got {t._value.size} and {c}")
    mv = mean._value if need_stats else np.zeros(c, np.float32)
    vv = variance._value if need_stats else np.ones(c, np.float32)
    values = kernel(_np_fbn, xv, scale._value, offset._value, mv, vv, attrs["epsilon"],
                    attrs["exponential_avg_factor"], fmt, attrs["is_training"])
    return execute_multi(_FBN, (x, scale, offset, mean, variance), values, attrs)


def _np_fbn_grad(dyv: np.ndarray, xv: np.ndarray, sv: np.ndarray, r1: np.ndarray, r2: np.ndarray, eps: float,
                 fmt: str, training: bool) -> tuple:
    dtype = xv.dtype
    x = xv.astype(np.float32)
    dy = dyv.astype(np.float32)
    axes = _reduce_axes(fmt, x.ndim)
    cs = _channel_shape(fmt, x.ndim, sv.shape[0])
    eps = np.float32(eps)
    if training:
        mean = x.mean(axis=axes, dtype=np.float64).astype(np.float32)
        var = ((x - mean.reshape(cs)) ** 2).mean(axis=axes, dtype=np.float64).astype(np.float32)
    else:
        mean, var = r1, r2
    inv = (1 / np.sqrt(var + eps)).astype(np.float32)
    xc = x - mean.reshape(cs)
    d_offset = dy.sum(axis=axes, dtype=np.float64).astype(np.float32)
    d_scale = ((dy * xc).sum(axis=axes, dtype=np.float64) * inv).astype(np.float32)
    if training:
        mean_dy = dy.mean(axis=axes, dtype=np.float64).astype(np.float32)
        mean_dyxc = (dy * xc).mean(axis=axes, dtype=np.float64).astype(np.float32)
        dx = (sv * inv).reshape(cs) * (dy - mean_dy.reshape(cs) - xc * (mean_dyxc / (var + eps)).reshape(cs))
    else:
        dx = dy * (sv * inv).reshape(cs)
    empty = np.zeros((0,), np.float32)
    return dx.astype(dtype), d_scale, d_offset, empty, empty.copy()


def _fused_batch_norm_grad_v3(dy: EagerTensor, x: EagerTensor, scale: EagerTensor, r1: EagerTensor,
                              r2: EagerTensor, r3: EagerTensor, attrs: dict) -> tuple:
    values = kernel(_np_fbn_grad, dy._value, x._value, scale._value, r1._value, r2._value, attrs["epsilon"],
                    attrs["data_format"], attrs["is_training"])
    return execute_multi(_FBN_GRAD, (dy, x, scale, r1, r2, r3), values, attrs)


@_FBN.gradient
def _fused_batch_norm_grad(op: Any, *grads: Any) -> tuple:
    from tfshim.ops.shape_ops import transpose

    x, scale, _, pop_mean, pop_var = op.inputs
    dy = grads[0]
    attrs = op.attrs
    if attrs["is_training"]:
        dx, dscale, doffset, _, _ = _fused_batch_norm_grad_v3(dy, x, scale, op.outputs[3], op.outputs[4],
                                                              op.outputs[5], attrs)
        return dx, dscale, doffset, None, None
    fmt = attrs["data_format"]
    if fmt.startswith("NC"):  # TF's inference gradient runs channels-last
        perm = [0, *range(2, x._value.ndim), 1]
        x = transpose(x, perm)
        dy = transpose(dy, perm)
    inner = dict(attrs, data_format="NHWC" if x._value.ndim == 4 else "NDHWC")
    dx, dscale, doffset, _, _ = _fused_batch_norm_grad_v3(dy, x, scale, pop_mean, pop_var, op.outputs[5], inner)
    if fmt.startswith("NC"):
        nd = x._value.ndim
        dx = transpose(dx, [0, nd - 1, *range(1, nd - 1)])
    return dx, dscale, doffset, None, None


def _batch_norm_grad(grad_y: Any, x: Any, scale: Any, pop_mean: Any, pop_var: Any, epsilon: float, fmt: str,
                     training: bool) -> tuple:
    """TF's `_BatchNormGrad`: the batch-norm gradient composed from ops (for grad-of-grad)."""
    from tfshim.ops.arithmetic import add, multiply, squared_difference, subtract
    from tfshim.ops.casting import cast
    from tfshim.ops.reductions import reduce_mean, reduce_sum
    from tfshim.ops.shape_ops import reshape, squeeze, stop_gradient
    from tfshim.ops.unary_math import reciprocal, rsqrt

    x_dtype = x.dtype
    if x_dtype in (_dtypes.float16, _dtypes.bfloat16):
        x = cast(x, _dtypes.float32)
        grad_y = cast(grad_y, _dtypes.float32)
    ndim = x._value.ndim
    axes = list(_reduce_axes(fmt, ndim))
    cf = fmt.startswith("NC")
    shape = list(_channel_shape(fmt, ndim, scale._value.shape[0]))
    if training:
        if cf:
            scale = reshape(scale, shape)
        mean_grad_y = reduce_mean(grad_y, axes, keepdims=cf)
        mean_x = reduce_mean(x, axes, keepdims=cf)
        var_x = reduce_mean(squared_difference(x, stop_gradient(mean_x)), axes, keepdims=cf)
        grad_y_offset = subtract(grad_y, mean_grad_y)
        x_offset = subtract(x, mean_x)
        mean = reduce_mean(multiply(grad_y, x_offset), axes, keepdims=cf)
        grad_x = multiply(multiply(scale, rsqrt(add(var_x, epsilon))),
                          subtract(grad_y_offset, multiply(multiply(reciprocal(add(var_x, epsilon)), mean), x_offset)))
        grad_scale = multiply(rsqrt(add(var_x, epsilon)), reduce_sum(multiply(grad_y, x_offset), axes, keepdims=cf))
        if cf:
            grad_scale = squeeze(grad_scale)
        grad_offset = reduce_sum(grad_y, axes)
        return cast(grad_x, x_dtype), grad_scale, grad_offset
    if cf:
        pop_mean = reshape(pop_mean, shape)
        pop_var = reshape(pop_var, shape)
        scale = reshape(scale, shape)
    grad_offset = reduce_sum(grad_y, axes)
    var_rsqrt = rsqrt(add(pop_var, epsilon))
    grad_scale = reduce_sum(multiply(multiply(grad_y, subtract(x, pop_mean)), var_rsqrt), axes)
    grad_x = multiply(multiply(grad_y, scale), var_rsqrt)
    return cast(grad_x, x_dtype), grad_scale, grad_offset


@_FBN_GRAD.gradient
def _fused_batch_norm_grad_grad(op: Any, *grads: Any) -> tuple:
    from tfshim.gradient_tape import GradientTape

    grad_y, x, scale, pop_mean, pop_var, _ = op.inputs
    attrs = op.attrs
    with GradientTape() as tape:
        tape.watch(grad_y)
        tape.watch(x)
        tape.watch(scale)
        gx, gscale, goffset = _batch_norm_grad(grad_y, x, scale, pop_mean, pop_var, attrs["epsilon"],
                                               attrs["data_format"], attrs["is_training"])
    ggy, g_x, g_scale = tape.gradient([gx, gscale, goffset], [grad_y, x, scale],
                                      output_gradients=[grads[0], grads[1], grads[2]])
    return ggy, g_x, g_scale, None, None, None


def _check_attr_types(epsilon: Any, factor: Any, data_format: Any, is_training: Any) -> None:
    """The generated wrapper's make_float / make_str / make_bool, in its order: a tensor is refused."""
    import numbers

    for arg, v in (("epsilon", epsilon), ("exponential_avg_factor", factor)):
        if not isinstance(v, (numbers.Real, np.integer, np.floating)):
            raise TypeError(f"Expected float for argument '{arg}' not {v!r}.")
    if not isinstance(data_format, (str, bytes)):
        raise TypeError(f"Expected string for argument 'data_format' not {data_format!r}.")
    if not isinstance(is_training, bool):
        raise TypeError(f"Expected bool for argument 'is_training' not {is_training!r}.")


def fused_batch_norm(x: Any, scale: Any, offset: Any, mean: Any = None, variance: Any = None, epsilon: float = 0.001,
                     data_format: str = "NHWC", is_training: bool = True, name: Any = None,
                     exponential_avg_factor: float = 1.0) -> tuple:
    """`tf.compat.v1.nn.fused_batch_norm` (FusedBatchNormV3): (y, running mean, running variance).
    In training the running variance is the unbiased batch variance (or its moving average)."""
    from tfshim._engine.convert import convert_to_tensor

    if (not is_training or exponential_avg_factor != 1.0) and (mean is None or variance is None):
        raise ValueError("Both `mean` and `variance` must be a 1D tensor when `is_training` is False or "
                         f"`exponential_avg_factor` != 1.0. Received: `mean` {mean!r} and `variance` {variance!r}")
    x = _args.tensor(x)
    scale = _args.tensor(scale)
    offset = _args.tensor(offset)
    mean = convert_to_tensor(np.zeros((0,), np.float32)) if mean is None else _args.tensor(mean)
    variance = convert_to_tensor(np.zeros((0,), np.float32)) if variance is None else _args.tensor(variance)
    # None takes the op's default (TF's fast path), which for epsilon is 0.0001, not the wrapper's 0.001
    epsilon = 0.0001 if epsilon is None else epsilon
    exponential_avg_factor = 1.0 if exponential_avg_factor is None else exponential_avg_factor
    data_format = "NHWC" if data_format is None else data_format
    is_training = True if is_training is None else is_training
    _check_attr_types(epsilon, exponential_avg_factor, data_format, is_training)
    data_format = data_format.decode() if isinstance(data_format, bytes) else data_format
    if data_format not in ("NHWC", "NCHW", "NDHWC", "NCDHW"):
        from tfshim.ops.conv_ops import _attr_error

        raise _attr_error("FusedBatchNormV3", "data_format", data_format, ("NHWC", "NCHW", "NDHWC", "NCDHW"))
    attrs = {"epsilon": float(np.float32(epsilon)), "exponential_avg_factor": float(exponential_avg_factor),
             "data_format": data_format, "is_training": bool(is_training)}
    y, running_mean, running_var, _, _, _ = _fused_batch_norm_v3(x, scale, offset, mean, variance, attrs)
    return y, running_mean, running_var


# -- local response normalization ---------------------------------------------------------------------
def _np_lrn_sums(sq: np.ndarray, r: int) -> np.ndarray:
    c = sq.shape[-1]
    csum = np.concatenate([np.zeros((*sq.shape[:-1], 1), sq.dtype), np.cumsum(sq, axis=-1)], axis=-1)
    lo = np.clip(np.arange(c) - r, 0, c)
    hi = np.clip(np.arange(c) + r + 1, 0, c)
    return csum[..., hi] - csum[..., lo]


def _np_lrn_half(x: np.ndarray, r: int, bias: float, alpha: float, beta: float) -> np.ndarray:
    """TF's Eigen kernel for half: squares, window sums (accumulated in ascending channel order),
    scaling and the power all rounded to half at each step."""
    h = np.float16
    sq = x * x
    c = x.shape[-1]
    acc = np.zeros_like(sq)
    for k in range(c):
        lo, hi = max(0, k - r), min(c, k + r + 1)
        acc[..., lo:hi] = acc[..., lo:hi] + sq[..., k:k + 1]
    tmp = acc * h(alpha) + h(bias)
    if beta == 1:
        return x * (h(1) / tmp)
    if beta == 0.5:
        return x * (1 / np.sqrt(tmp.astype(np.float32))).astype(h)
    return x * np.exp(np.log(tmp) * h(-beta))


def _np_lrn(xv: np.ndarray, r: int, bias: float, alpha: float, beta: float) -> np.ndarray:
    if xv.dtype == np.float16:
        return _np_lrn_half(xv, r, bias, alpha, beta)
    x = xv.astype(np.float32) if xv.dtype != np.float32 else xv
    sq = _np_lrn_sums((x * x).astype(np.float64), r)
    denom = (bias + alpha * sq) ** beta
    return (x / denom).astype(xv.dtype)


def _np_lrn_grad(dyv: np.ndarray, xv: np.ndarray, yv: np.ndarray, r: int, bias: float, alpha: float,
                 beta: float) -> np.ndarray:
    x = xv.astype(np.float64)
    dy = dyv.astype(np.float64)
    norm = bias + alpha * _np_lrn_sums(x * x, r)
    # d/dx_j sum_i dy_i x_i n_i^-b = dy_j n_j^-b - 2 a b x_j sum_{|i-j|<=r} dy_i x_i n_i^(-b-1)
    inner = dy * x * norm ** (-beta - 1)
    dx = dy * norm ** (-beta) - 2 * alpha * beta * x * _np_lrn_sums(inner, r)
    return dx.astype(xv.dtype)


def local_response_normalization(input: Any, depth_radius: int = 5, bias: float = 1, alpha: float = 1,
                                 beta: float = 0.5, name: Any = None) -> EagerTensor:
    """`tf.nn.local_response_normalization` / `tf.nn.lrn` (LRN): `x / (bias + alpha * sum x^2) ** beta`
    over a window of 2*depth_radius+1 channels. float32 and float16 only, rank 4."""
    x = _args.tensor(input)
    if x._value.dtype not in (_F32, np.dtype(np.float16)):
        if x._value.dtype in _dtypes.HALF_NP:  # bfloat16: allowed by the op, no CPU kernel
            from tfshim._engine.errors import NotFoundError

            raise NotFoundError(None, None, "Could not find device for node: {{node LRN}} = LRN[T=DT_BFLOAT16, "
                                            f"alpha={alpha:g}, beta={beta:g}, bias={bias:g}, "
                                            f"depth_radius={depth_radius}]"
                                            "\nAll kernels registered for op LRN:\n  device='XLA_CPU_JIT'; T in "
                                            "[DT_FLOAT, DT_BFLOAT16, DT_HALF]\n  device='CPU'; T in [DT_HALF]\n  "
                                            "device='CPU'; T in [DT_FLOAT]\n [Op:LRN]")
        raise _type_error("LRN", "T", x._value.dtype, "half, bfloat16, float", _LRN_SUMMARY, "[Op:LRN]")
    if not 0 <= int(depth_radius) < 2**31 - 1:  # TF's FastBoundsCheck in the kernel's constructor
        raise kernel_error("LRN", f"depth_radius = {int(depth_radius)} larger than int max", name=None)
    if x._value.ndim != 4:
        raise kernel_error("LRN", "in must be 4-dimensional", name=None)
    attrs = {"depth_radius": int(depth_radius), "bias": float(bias), "alpha": float(alpha), "beta": float(beta)}
    out = kernel(_np_lrn, x._value, attrs["depth_radius"], attrs["bias"], attrs["alpha"], attrs["beta"])
    return execute(_LRN, (x,), out, attrs)


@_LRN.gradient
def _lrn_grad(op: Any, grad: Any) -> Any:
    a = op.attrs
    x = op.inputs[0]
    y = op.outputs[0]
    out = kernel(_np_lrn_grad, grad._value, x._value, y._value, a["depth_radius"], a["bias"], a["alpha"], a["beta"])
    return execute(_LRN_GRAD, (grad, x, y), out, a)
