"""Activation functions of `tf.nn`. relu is here with the core; the rest of the family joins it.
ReluGrad has a gradient of its own (zeros for its features input), so relu's second derivative is
zeros, as in TensorFlow."""

from __future__ import annotations

from typing import Any

import numpy as np

from tfshim._engine.registry import execute, kernel, op_def
from tfshim._engine.tensor import EagerTensor
from tfshim.ops import _args

_RELU = op_def("Relu")
_RELU_GRAD = op_def("ReluGrad")


def relu(features: Any, name: Any = None) -> EagerTensor:
    """`tf.nn.relu`: max(features, 0); its gradient at 0 is 0."""
    x = features if type(features) is EagerTensor else _args.convert_to_tensor(features)
    _args.check(_RELU, x)
    return execute(_RELU, (x,), kernel(_relu_kernel, x._value))


def _relu_kernel(v: Any) -> Any:
    return np.maximum(v, np.zeros((), v.dtype))


@_RELU.gradient
def _relu_grad(op: Any, grad: Any) -> Any:
    return relu_grad(grad, op.outputs[0])


def relu_grad(gradients: EagerTensor, features: EagerTensor) -> EagerTensor:
    """ReluGrad: the upstream where features > 0, else 0."""
    _args.same_dtype(_RELU_GRAD, (gradients, features))
    try:
        value = kernel(_relu_grad_kernel, gradients._value, features._value)
    except ValueError:
        raise _args.incompatible_shapes(_RELU_GRAD, gradients, features) from None
    return execute(_RELU_GRAD, (gradients, features), value)


def _relu_grad_kernel(g: Any, f: Any) -> Any:
    return np.where(f > 0, g, np.zeros((), g.dtype)).astype(g.dtype)[()]


@_RELU_GRAD.gradient
def _relu_grad_grad(op: Any, grad: Any) -> tuple:
    from tfshim.ops.creation import zeros_like

    x = op.inputs[1]
    return relu_grad(grad, x), zeros_like(x)
