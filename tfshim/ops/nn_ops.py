"""`tf.nn` softmax family, cross-entropy losses and bias_add, each with TensorFlow's gradient.

softmax and log_softmax along an axis other than the last transpose the axis to the end and back, as
TensorFlow does. The two softmax cross-entropy ops have a second output (the backprop `softmax -
labels`) that their gradient multiplies by the upstream; an outer tape differentiating that product
reaches the second output, which is how TensorFlow (and tfshim) get second derivatives of these losses.
sigmoid_cross_entropy_with_logits and weighted_cross_entropy_with_logits are composed from other ops,
as in TensorFlow.

float32 and bfloat16 softmax run, in TensorFlow on x86 CPUs, through oneDNN: tensors of rank above 5
are refused (AbortedError), and in a row holding NaN or +inf those entries become NaN and the others 0.
tfshim reproduces both. Values can differ from TensorFlow's in the last bit (its vectorised exp).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from tfshim._engine import dtypes as _dtypes
from tfshim._engine.errors import AbortedError, InvalidArgumentError, kernel_error
from tfshim._engine.indexed_slices import IndexedSlices
from tfshim._engine.registry import execute, execute_multi, kernel, op_def
from tfshim._engine.tensor import EagerTensor
from tfshim._engine.tensor_shape import TensorShape
from tfshim.ops import _args

_SOFTMAX = op_def("Softmax")
_LOG_SOFTMAX = op_def("LogSoftmax")
_SCE = op_def("SoftmaxCrossEntropyWithLogits")
_SPARSE_SCE = op_def("SparseSoftmaxCrossEntropyWithLogits")
_BIAS_ADD = op_def("BiasAdd")
_BIAS_ADD_GRAD = op_def("BiasAddGrad")

# float32 and bfloat16 run through oneDNN kernels on TF's CPU build
_ONEDNN = frozenset({np.dtype(np.float32)} | (_dtypes.HALF_NP - {np.dtype(np.float16)}))


def _tensor(x: Any) -> EagerTensor:
    return x if type(x) is EagerTensor else _args.convert_to_tensor(x)


def _wide(v: np.ndarray) -> np.ndarray:
    return v.astype(np.float32) if v.dtype in _dtypes.HALF_NP else v


# -- softmax and log_softmax ---------------------------------------------------------------------
def softmax(logits: Any, axis: Any = None, name: Any = None) -> EagerTensor:
    """`tf.nn.softmax` (`tf.math.softmax`)."""
    return _wrap_2d(logits, _softmax_op, axis)


def log_softmax(logits: Any, axis: Any = None, name: Any = None) -> EagerTensor:
    """`tf.nn.log_softmax` (`tf.math.log_softmax`)."""
    return _wrap_2d(logits, _log_softmax_op, axis)


def _wrap_2d(logits: Any, compute: Any, axis: Any) -> EagerTensor:
    """TensorFlow's _wrap_2d_function: the op works on the last axis; another axis is swapped
    to the end and back."""
    from tfshim.ops.shape_ops import transpose

    x = _tensor(logits)
    if axis is None:
        axis = -1
    dim = _args.axis_list(axis) if isinstance(axis, EagerTensor) else axis
    ndims = x._value.ndim
    if dim == -1 or dim == ndims - 1:
        return compute(x)
    if not -ndims <= dim < ndims:
        raise InvalidArgumentError(
            None, None, f"`dim` must be in the range [{-ndims}, {ndims}) where {ndims} is the number of "
                        f"dimensions in the input. Received: dim={dim}")
    dim = int(dim) % ndims
    perm = list(range(ndims))
    perm[dim], perm[-1] = perm[-1], perm[dim]
    return transpose(compute(transpose(x, perm)), perm)


def _softmax_op(x: EagerTensor) -> EagerTensor:
    _args.check(_SOFTMAX, x)
    v = x._value
    if v.dtype in _ONEDNN:
        if not 1 <= v.ndim <= 5:
            raise kernel_error("Softmax", "Input dims must be <= 5 and >=1", cls=AbortedError)
        return execute(_SOFTMAX, (x,), kernel(_onednn_softmax_kernel, v))
    if v.ndim < 1:
        raise kernel_error("Softmax", "logits must have >= 1 dimension, got []")
    return execute(_SOFTMAX, (x,), kernel(_softmax_kernel, v))


def _softmax_kernel(v: np.ndarray) -> np.ndarray:
    if v.size == 0:
        return v.copy()
    if v.dtype in _dtypes.HALF_NP:
        return _half_softmax(v, log=False)
    e = np.exp(v - np.max(v, axis=-1, keepdims=True))
    return (e * (1 / np.sum(e, axis=-1, keepdims=True))).astype(v.dtype)


def _half_softmax(v: np.ndarray, log: bool) -> np.ndarray:
    """Eigen's half-precision evaluation: every step rounded to the input dtype and the class sum
    accumulated one element at a time in that dtype (this reproduces TensorFlow's float16 results
    bit for bit, which matters because the softmax gradients cancel)."""
    dt = v.dtype
    f32 = np.float32
    shifted = (v.astype(f32) - np.max(v, axis=-1, keepdims=True).astype(f32)).astype(dt)
    e = np.exp(shifted.astype(f32)).astype(dt)
    total = np.zeros((*v.shape[:-1], 1), dt)
    for k in range(v.shape[-1]):
        total = (total.astype(f32) + e[..., k:k + 1].astype(f32)).astype(dt)
    if log:
        return (shifted.astype(f32) - np.log(total.astype(f32)).astype(dt).astype(f32)).astype(dt)
    inverse = (1 / total.astype(f32)).astype(dt)
    return (e.astype(f32) * inverse.astype(f32)).astype(dt)


def _onednn_softmax_kernel(v: np.ndarray) -> np.ndarray:
    out = _softmax_kernel(v)
    if out.size:
        bad = np.isnan(v) | (v == np.inf)
        rows = np.any(bad, axis=-1, keepdims=True)
        if rows.any():
            out = np.where(rows, np.where(bad, np.nan, 0), out).astype(v.dtype)
    return out


def _log_softmax_op(x: EagerTensor) -> EagerTensor:
    _args.check(_LOG_SOFTMAX, x)
    v = x._value
    if v.ndim < 1:
        raise kernel_error("LogSoftmax", "logits must have >= 1 dimension, got []")
    return execute(_LOG_SOFTMAX, (x,), kernel(_log_softmax_kernel, v))


def _log_softmax_kernel(v: np.ndarray) -> np.ndarray:
    if v.size == 0:
        return v.copy()
    if v.dtype in _dtypes.HALF_NP:
        return _half_softmax(v, log=True)
    shifted = v - np.max(v, axis=-1, keepdims=True)
    return (shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))).astype(v.dtype)


@_SOFTMAX.gradient
def _softmax_grad(op: Any, grad: Any) -> Any:
    from tfshim.ops.arithmetic import multiply, subtract
    from tfshim.ops.reductions import reduce_sum

    y = op.outputs[0]
    sum_channels = reduce_sum(multiply(grad, y), -1, keepdims=True)
    return multiply(subtract(grad, sum_channels), y)


@_LOG_SOFTMAX.gradient
def _log_softmax_grad(op: Any, grad: Any) -> Any:
    from tfshim.ops.arithmetic import multiply, subtract
    from tfshim.ops.reductions import reduce_sum
    from tfshim.ops.unary_math import exp

    probs = exp(op.outputs[0])
    return subtract(grad, multiply(reduce_sum(grad, -1, keepdims=True), probs))


# -- softmax cross entropy -----------------------------------------------------------------------
def _ensure_xent_args(name: str, labels: Any, logits: Any) -> None:
    if labels is None or logits is None:
        raise ValueError(f"Both `labels` and `logits` must be provided for {name}"
                         f"Received: labels={labels} and logits={logits}")


def _flatten_outer_dims(x: EagerTensor) -> EagerTensor:
    from tfshim.ops.shape_ops import reshape

    shape = x._value.shape
    if not shape:
        raise kernel_error("Slice", "Expected begin[0] == 0 (got -1) and size[0] == 0 (got 1) when "
                                    "input.dim_size(0) == 0", name=None)
    outer = int(np.prod(shape[:-1], dtype=np.int64))
    return reshape(x, [outer, shape[-1]])


def softmax_cross_entropy_with_logits(labels: Any, logits: Any, axis: Any = -1, name: Any = None) -> EagerTensor:
    """`tf.nn.softmax_cross_entropy_with_logits`: -sum(labels * log_softmax(logits), axis).
    Gradients flow into both labels and logits; float16/bfloat16 logits are computed in float32."""
    from tfshim.ops.casting import cast
    from tfshim.ops.shape_ops import reshape, transpose

    if axis is None:
        axis = -1
    logits = _tensor(logits)
    labels = _tensor(labels)
    half = logits._value.dtype in _dtypes.HALF_NP
    precise = cast(logits, "float32") if half else logits
    labels = cast(labels, precise.dtype)
    rank = precise._value.ndim
    if axis != -1:
        axis = int(_args.axis_list(axis))
        if axis < 0:  # TensorFlow builds range(axis), which fails for a negative limit
            raise kernel_error("Range", f"Requires start <= limit when delta > 0: 0/{axis}")
        if axis + 1 > rank:
            raise kernel_error("Range", f"Requires start <= limit when delta > 0: {axis + 1}/{rank}")
        perm = list(range(axis)) + list(range(axis + 1, rank)) + [axis]
        precise = transpose(precise, perm)
        labels = transpose(labels, perm)
    input_shape = precise._value.shape
    precise = _flatten_outer_dims(precise)
    labels = _flatten_outer_dims(labels)
    cost, _ = _sce_op(precise, labels)
    cost = reshape(cost, list(input_shape[:-1]))
    return cast(cost, logits.dtype) if half else cost


def _sce_op(features: EagerTensor, labels: EagerTensor) -> tuple:
    _args.same_dtype(_SCE, (features, labels))
    f, lab = features._value, labels._value
    if f.shape != lab.shape:
        try:
            np.broadcast_shapes(f.shape, lab.shape)
        except ValueError:
            raise kernel_error("SoftmaxCrossEntropyWithLogits",
                               f"logits and labels must be broadcastable: logits_size={_args.shape_text(f.shape)} "
                               f"labels_size={_args.shape_text(lab.shape)}") from None
    loss, backprop = kernel(_sce_kernel, f, lab)
    return execute_multi(_SCE, (features, labels), (loss, backprop))


def _sce_kernel(f: np.ndarray, lab: np.ndarray) -> tuple:
    wf, wl = _wide(f), _wide(lab)
    wf, wl = np.broadcast_arrays(wf, wl)
    if wf.shape[-1] == 0:
        return np.zeros(wf.shape[:-1], f.dtype), np.zeros(wf.shape, f.dtype)
    shifted = wf - np.max(wf, axis=-1, keepdims=True)
    sum_exp = np.sum(np.exp(shifted), axis=-1, keepdims=True)
    loss = np.sum(wl * (np.log(sum_exp) - shifted), axis=-1)
    backprop = np.exp(shifted) / sum_exp - wl
    return loss.astype(f.dtype), backprop.astype(f.dtype)


def _broadcast_mul(vec: EagerTensor, mat: EagerTensor) -> EagerTensor:
    from tfshim.ops.arithmetic import multiply
    from tfshim.ops.shape_ops import expand_dims

    return multiply(expand_dims(vec, -1), mat)


def _softmax_second_order(grad: EagerTensor, grad_grad: Any, logits: EagerTensor) -> EagerTensor:
    """TensorFlow's extra term when the backprop output itself received a gradient."""
    from tfshim.ops.arithmetic import add, multiply, subtract
    from tfshim.ops.matmul import matmul
    from tfshim.ops.shape_ops import expand_dims, squeeze

    if grad_grad is None:
        return grad
    probs = _softmax_op(logits)
    inner = squeeze(matmul(expand_dims(grad_grad, 1), expand_dims(probs, 2)), axis=1)
    return add(grad, multiply(subtract(grad_grad, inner), probs))


@_SCE.gradient
def _sce_grad(op: Any, grad_loss: Any, grad_grad: Any) -> tuple:
    from tfshim.ops.arithmetic import negative

    logits = op.inputs[0]
    grad = _softmax_second_order(_broadcast_mul(grad_loss, op.outputs[1]), grad_grad, logits)
    return grad, _broadcast_mul(grad_loss, negative(_log_softmax_op(logits)))


def sparse_softmax_cross_entropy_with_logits(labels: Any, logits: Any, name: Any = None) -> EagerTensor:
    """`tf.nn.sparse_softmax_cross_entropy_with_logits`: -log_softmax(logits)[label] for int32/int64
    labels; an out-of-range label raises InvalidArgumentError (TensorFlow's CPU behaviour)."""
    from tfshim.ops.casting import cast
    from tfshim.ops.shape_ops import reshape

    _ensure_xent_args("sparse_softmax_cross_entropy_with_logits", labels, logits)
    labels = _tensor(labels)
    logits = _tensor(logits)
    half = logits._value.dtype.name == "float16"
    precise = cast(logits, "float32") if half else logits
    labels_shape = TensorShape(labels._value.shape)
    logits_shape = TensorShape(logits._value.shape)
    if logits._value.ndim == 0:
        raise ValueError(f"`logits` cannot be a scalar. Received logits={logits}`")
    if labels._value.ndim != logits._value.ndim - 1:
        raise ValueError("`labels.shape.rank` must equal `logits.shape.rank - 1`. "
                         f"Received: labels.shape={labels_shape} of rank {labels_shape.rank} and "
                         f"logits.shape={logits_shape} of rank {logits_shape.rank}")
    if labels._value.shape != logits._value.shape[:-1]:
        raise ValueError("`labels.shape` must equal `logits.shape` except for the last dimension. "
                         f"Received: labels.shape={labels_shape} and logits.shape={logits_shape}")
    if logits._value.ndim == 2:
        cost, _ = _sparse_sce_op(precise, labels)
    else:
        num_classes = logits._value.shape[-1]
        flat_logits = reshape(precise, [-1, num_classes]) if num_classes else \
            reshape(precise, [int(np.prod(logits._value.shape[:-1], dtype=np.int64)), 0])
        cost, _ = _sparse_sce_op(flat_logits, reshape(labels, [-1]))
        cost = reshape(cost, list(labels._value.shape))
    return cast(cost, "float16") if half else cost


def _sparse_sce_op(features: EagerTensor, labels: EagerTensor) -> tuple:
    _args.check(_SPARSE_SCE, features)
    _args.check(_SPARSE_SCE, labels, "Tlabels")
    f, lab = features._value, labels._value
    op_name = "SparseSoftmaxCrossEntropyWithLogits"
    if f.shape[1] == 0:
        raise kernel_error(op_name, "Must have at least one class, but got logits shape "
                                    f"{_args.shape_text(f.shape)}")
    if lab.size:
        low, high = lab.min(), lab.max()
        if low < 0 or high >= f.shape[1]:
            bad = low if low < 0 else high
            values = " ".join(str(int(v)) for v in lab.reshape(-1))
            raise kernel_error(op_name, f"Received a label value of {bad} which is outside the valid range of "
                                        f"[0, {f.shape[1]}).  Label values: {values}")
    loss, backprop = kernel(_sparse_sce_kernel, f, lab)
    return execute_multi(_SPARSE_SCE, (features, labels), (loss, backprop))


def _sparse_sce_kernel(f: np.ndarray, lab: np.ndarray) -> tuple:
    w = _wide(f)
    shifted = w - np.max(w, axis=-1, keepdims=True) if w.shape[0] else w
    sum_exp = np.sum(np.exp(shifted), axis=-1, keepdims=True)
    rows = np.arange(w.shape[0])
    loss = np.log(sum_exp[:, 0]) - shifted[rows, lab]
    backprop = np.exp(shifted) / sum_exp
    backprop[rows, lab] -= 1
    return loss.astype(f.dtype), backprop.astype(f.dtype)


@_SPARSE_SCE.gradient
def _sparse_sce_grad(op: Any, grad_loss: Any, grad_grad: Any) -> tuple:
    grad = _softmax_second_order(_broadcast_mul(grad_loss, op.outputs[1]), grad_grad, op.inputs[0])
    return grad, None


# -- sigmoid and weighted cross entropy ------------------------------------------------------------
def _same_shape(logits: EagerTensor, labels: EagerTensor) -> None:
    a, b = TensorShape(logits._value.shape), TensorShape(labels._value.shape)
    if not b.is_compatible_with(a):
        raise ValueError(f"`logits` and `labels` must have the same shape, received ({a} vs {b}).")


def sigmoid_cross_entropy_with_logits(labels: Any = None, logits: Any = None, name: Any = None) -> EagerTensor:
    """`tf.nn.sigmoid_cross_entropy_with_logits`: max(x, 0) - x * z + log1p(exp(-|x|)), composed
    from other ops as in TensorFlow."""
    from tfshim.ops.arithmetic import add, multiply, negative, subtract
    from tfshim.ops.comparison import greater_equal
    from tfshim.ops.creation import zeros_like
    from tfshim.ops.selection import where
    from tfshim.ops.unary_math import exp, log1p

    _ensure_xent_args("sigmoid_cross_entropy_with_logits", labels, logits)
    logits = _tensor(logits)
    labels = _tensor(labels)
    _same_shape(logits, labels)
    zeros = zeros_like(logits)
    cond = greater_equal(logits, zeros)
    relu_logits = where(cond, logits, zeros)
    neg_abs_logits = where(cond, negative(logits), logits)
    return add(subtract(relu_logits, multiply(logits, labels)), log1p(exp(neg_abs_logits)))


def weighted_cross_entropy_with_logits(labels: Any, logits: Any, pos_weight: Any, name: Any = None) -> EagerTensor:
    """`tf.nn.weighted_cross_entropy_with_logits`: (1 - z) * x + (1 + (q - 1) * z) * (log1p(exp(-|x|))
    + relu(-x)), composed from other ops as in TensorFlow."""
    from tfshim.ops.activations import relu
    from tfshim.ops.arithmetic import add
    from tfshim.ops.unary_math import abs, exp, log1p

    logits = _tensor(logits)
    labels = _tensor(labels)
    _same_shape(logits, labels)
    log_weight = 1 + (pos_weight - 1) * labels
    return add((1 - labels) * logits, log_weight * (log1p(exp(-abs(logits))) + relu(-logits)))


# -- bias_add ------------------------------------------------------------------------------------
def bias_add(value: Any, bias: Any, data_format: Any = None, name: Any = None) -> EagerTensor:
    """`tf.nn.bias_add`: adds the 1-D `bias` along the channel axis (last for 'N...C', 1 for 'NC...')."""
    if data_format is not None:
        if data_format.startswith("NC"):
            data_format = "NCHW"
        elif data_format.startswith("N") and data_format.endswith("C"):
            data_format = "NHWC"
        else:
            raise ValueError("`data_format` must be of the form `N...C` or "
                             f"`NC...`. Received: data_format={data_format}")
    else:
        data_format = "NHWC"
    value, bias = _args.match(_BIAS_ADD, value, bias)
    v, b = value._value, bias._value
    if v.ndim < 2:
        raise kernel_error("BiasAdd", f"Input tensor must be at least 2D: {_args.shape_text(v.shape)}", name=None)
    if b.ndim != 1:
        raise kernel_error("BiasAdd", f"Biases must be 1D: {_args.shape_text(b.shape)}", name=None)
    channel = 1 if data_format == "NCHW" else v.ndim - 1
    if b.shape[0] != v.shape[channel]:
        raise kernel_error("BiasAdd", "Must provide as many biases as the last dimension of the input tensor: "
                                      f"{_args.shape_text(b.shape)} vs. {_args.shape_text(v.shape)}", name=None)
    shape = [1] * v.ndim
    shape[channel] = b.shape[0]
    out = kernel(np.add, v, b.reshape(shape))
    return execute(_BIAS_ADD, (value, bias), out.astype(v.dtype, copy=False), {"data_format": data_format})


@_BIAS_ADD.sparse_gradient
def _bias_add_grad(op: Any, received_grad: Any) -> tuple:
    # (an IndexedSlices upstream reaches the value as it is, and BiasAddGrad converts it, as in TF)
    dense = _args.convert_to_tensor(received_grad) if type(received_grad) is IndexedSlices else received_grad
    return received_grad, bias_add_grad(dense, op.attrs["data_format"])


def bias_add_grad(out_backprop: EagerTensor, data_format: str = "NHWC") -> EagerTensor:
    """BiasAddGrad: the upstream summed over every axis but the channel axis."""
    _args.check(_BIAS_ADD_GRAD, out_backprop)
    v = out_backprop._value
    channel = 1 if data_format == "NCHW" else v.ndim - 1
    axes = tuple(i for i in range(v.ndim) if i != channel)
    value = kernel(np.sum, v, axes).astype(v.dtype, copy=False)
    return execute(_BIAS_ADD_GRAD, (out_backprop,), value, {"data_format": data_format})


@_BIAS_ADD_GRAD.gradient
def _bias_add_grad_grad(op: Any, received_grad: Any) -> Any:
    from tfshim.ops.array_ops import tile
    from tfshim.ops.shape_ops import reshape

    shape = list(op.inputs[0]._value.shape)
    bias_size = received_grad._value.shape[0]
    if op.attrs["data_format"] == "NCHW":
        expanded = [1, bias_size] + [1] * (len(shape) - 2)
        multiples = [shape[0], 1, *shape[2:]]
    else:
        expanded = [1] * (len(shape) - 1) + [bias_size]
        multiples = [*shape[:-1], 1]
    return tile(reshape(received_grad, expanded), multiples)

