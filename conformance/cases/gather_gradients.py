"""Issue 13: gradients of `tf.gather` results whose params were computed by other ops. TensorFlow hands
the gather's IndexedSlices gradient to the producing op's rule: most rules convert it to a dense tensor
(so the variable gets a dense gradient), a few keep or combine it (Identity, Cast, Neg, AddN, IdentityN,
EnsureShape, ConcatV2, BiasAdd's value, TensorScatterAdd/Sub's tensor, Add/Sub with a skipped scalar).
Each op family under NONE and ZERO, and a few in second order and in jacobians."""

from __future__ import annotations

from typing import Any

from conformance.case import case

AREA = "gather_gradients"

_X = [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]
_Y = [[0.5, 1.0], [1.0, 2.0], [3.0, 1.0]]
_IDX = [0, 2, 0]


def _g(tf: Any, t: Any) -> Any:
    return tf.gather(t, _IDX)


def _custom_identity(tf: Any, t: Any) -> Any:
    @tf.custom_gradient
    def passthrough(u: Any) -> Any:
        def grad(upstream: Any) -> Any:
            return upstream

        return tf.identity(u), grad

    return passthrough(t)


# name -> f(tf, x, y) computing the target from the variables x and y
_CHAINS = {
    # elementwise unary
    "sigmoid": lambda tf, x, y: _g(tf, tf.sigmoid(x)),
    "tanh": lambda tf, x, y: _g(tf, tf.tanh(x)),
    "exp": lambda tf, x, y: _g(tf, tf.exp(x)),
    "square": lambda tf, x, y: _g(tf, tf.square(x)),
    "abs": lambda tf, x, y: _g(tf, tf.abs(x - 3.0)),
    "relu": lambda tf, x, y: _g(tf, tf.nn.relu(x - 3.0)),
    "leaky_relu": lambda tf, x, y: _g(tf, tf.nn.leaky_relu(x - 3.0)),
    "softplus": lambda tf, x, y: _g(tf, tf.nn.softplus(x)),
    "neg": lambda tf, x, y: _g(tf, -x),
    "neg of sigmoid": lambda tf, x, y: _g(tf, -tf.sigmoid(x)),
    "pow": lambda tf, x, y: _g(tf, x ** 2.0),
    "clip_by_value": lambda tf, x, y: _g(tf, tf.clip_by_value(x, 2.0, 5.0)),
    "conj of a real variable": lambda tf, x, y: _g(tf, tf.math.conj(x)),
    # binary
    "add": lambda tf, x, y: _g(tf, x + y),
    "add a constant scalar": lambda tf, x, y: _g(tf, x + 1.0),
    "scalar plus": lambda tf, x, y: _g(tf, 1.0 + x),
    "add a watched scalar": lambda tf, x, y: _g(tf, x + y[0, 0]),
    "sub": lambda tf, x, y: _g(tf, x - y),
    "sub a constant scalar": lambda tf, x, y: _g(tf, x - 1.0),
    "sub a watched scalar": lambda tf, x, y: _g(tf, x - y[0, 0]),
    "sub then reduce": lambda tf, x, y: tf.reduce_sum(_g(tf, x - y)),
    "mul": lambda tf, x, y: _g(tf, x * y),
    "mul by a scalar": lambda tf, x, y: _g(tf, x * 2.0),
    "div": lambda tf, x, y: _g(tf, x / y),
    "maximum": lambda tf, x, y: _g(tf, tf.maximum(x, y)),
    "squared_difference": lambda tf, x, y: _g(tf, tf.math.squared_difference(x, y)),
    "xlogy": lambda tf, x, y: _g(tf, tf.math.xlogy(x, y)),
    "where": lambda tf, x, y: _g(tf, tf.where(x > 2.0, x, y)),
    "where with a constant": lambda tf, x, y: _g(tf, tf.where(x > 2.0, x, 0.0)),
    "stop_gradient plus": lambda tf, x, y: _g(tf, tf.stop_gradient(x) + x),
    "add_n": lambda tf, x, y: _g(tf, tf.add_n([x, y])),
    "add_n of one variable twice": lambda tf, x, y: _g(tf, tf.add_n([x, x])),
    "bias_add": lambda tf, x, y: _g(tf, tf.nn.bias_add(x, y[0])),
    # pass-through and casts
    "identity": lambda tf, x, y: _g(tf, tf.identity(x)),
    "identity plus a scalar": lambda tf, x, y: _g(tf, tf.identity(x) + 1.0),
    "identity_n": lambda tf, x, y: _g(tf, tf.identity_n([x, y])[0]),
    "ensure_shape": lambda tf, x, y: _g(tf, tf.ensure_shape(x, [3, 2])),
    "check_numerics": lambda tf, x, y: _g(tf, tf.debugging.check_numerics(x, "bad")),
    "cast round trip": lambda tf, x, y: _g(tf, tf.cast(tf.cast(x, tf.float64), tf.float32)),
    "cast to float64": lambda tf, x, y: _g(tf, tf.cast(x, tf.float64)),
    "cast of a square": lambda tf, x, y: _g(tf, tf.cast(tf.square(x), tf.float64)),
    "custom_gradient passing the upstream": lambda tf, x, y: _g(tf, _custom_identity(tf, x)),
    # shapes and layout
    "reshape": lambda tf, x, y: _g(tf, tf.reshape(x, [6])),
    "reshape of a gathered variable": lambda tf, x, y: tf.reshape(_g(tf, x), [6]),
    "expand_dims": lambda tf, x, y: tf.gather(tf.expand_dims(x, 0), [0]),
    "squeeze": lambda tf, x, y: _g(tf, tf.squeeze(tf.expand_dims(x, 0), 0)),
    "transpose": lambda tf, x, y: tf.gather(tf.transpose(x), [1]),
    "reverse": lambda tf, x, y: _g(tf, tf.reverse(x, [0])),
    "slice": lambda tf, x, y: _g(tf, x[0:3]),
    "strided slice": lambda tf, x, y: _g(tf, x[::1]),
    "broadcast_to": lambda tf, x, y: _g(tf, tf.broadcast_to(x[0], [3, 2])),
    "tile": lambda tf, x, y: _g(tf, tf.tile(x, [2, 1])),
    "pad": lambda tf, x, y: _g(tf, tf.pad(x, [[1, 0], [0, 0]])),
    "mirror pad": lambda tf, x, y: _g(tf, tf.pad(x, [[1, 1], [0, 0]], "REFLECT")),
    "roll": lambda tf, x, y: _g(tf, tf.roll(x, 1, 0)),
    "concat on axis 0": lambda tf, x, y: _g(tf, tf.concat([x, y], 0)),
    "concat on axis 1": lambda tf, x, y: _g(tf, tf.concat([x, y], 1)),
    "concat of computed tensors": lambda tf, x, y: _g(tf, tf.concat([x * y, y], 0)),
    "stack": lambda tf, x, y: tf.gather(tf.stack([x, y]), [1]),
    "unstack": lambda tf, x, y: tf.gather(tf.unstack(x)[1], [0]),
    "split": lambda tf, x, y: tf.gather(tf.split(x, 3)[1], [0, 0]),
    # gathers and scatters
    "gather of a gather": lambda tf, x, y: _g(tf, tf.gather(x, [2, 1, 0])),
    "gather on axis 1 of a sigmoid": lambda tf, x, y: tf.gather(tf.sigmoid(x), [1], axis=1),
    "embedding_lookup of a sigmoid": lambda tf, x, y: tf.nn.embedding_lookup(tf.sigmoid(x), _IDX),
    "gather_nd": lambda tf, x, y: _g(tf, tf.gather_nd(x * 1.0, [[0, 0], [1, 1], [2, 0]]) * tf.ones([3, 2])),
    "tensor_scatter_nd_add": lambda tf, x, y: _g(tf, tf.tensor_scatter_nd_add(x, [[0], [2]], y[:2])),
    "tensor_scatter_nd_sub": lambda tf, x, y: _g(tf, tf.tensor_scatter_nd_sub(x, [[0], [2]], y[:2])),
    "tensor_scatter_nd_update": lambda tf, x, y: _g(tf, tf.tensor_scatter_nd_update(x, [[0], [2]], y[:2])),
    "tensor_scatter_nd_max": lambda tf, x, y: _g(tf, tf.tensor_scatter_nd_max(x, [[0], [2]], y[:2])),
    "scatter_nd": lambda tf, x, y: tf.gather(tf.scatter_nd([[0], [2]], y[:2], [4, 2]), [0, 2]),
    "unsorted_segment_sum": lambda tf, x, y: tf.gather(tf.math.unsorted_segment_sum(x, [0, 0, 1], 2), [1]),
    "two gathers of one variable": lambda tf, x, y: _g(tf, x) + _g(tf, x),
    "a gather plus the dense variable": lambda tf, x, y: _g(tf, x) + x,
    # reductions, scans, matrices, nn
    "reduce_sum": lambda tf, x, y: _g(tf, tf.reduce_sum(x, 1)),
    "reduce_mean": lambda tf, x, y: tf.gather(tf.reduce_mean(x, 1), [0]),
    "reduce_max": lambda tf, x, y: tf.gather(tf.reduce_max(x, 1), [0]),
    "reduce_prod": lambda tf, x, y: tf.gather(tf.reduce_prod(x, 1), [0]),
    "cumsum": lambda tf, x, y: _g(tf, tf.cumsum(x)),
    "cumprod": lambda tf, x, y: _g(tf, tf.math.cumprod(x)),
    "top_k": lambda tf, x, y: tf.gather(tf.math.top_k(x, 1).values, [0]),
    "matmul": lambda tf, x, y: _g(tf, tf.matmul(x, y, transpose_b=True)),
    "einsum": lambda tf, x, y: _g(tf, tf.einsum("ij,kj->ik", x, y)),
    "band_part": lambda tf, x, y: _g(tf, tf.linalg.band_part(x, 0, 0)),
    "matrix inverse": lambda tf, x, y: tf.gather(tf.linalg.inv(x[:2]), [0]),
    "softmax": lambda tf, x, y: _g(tf, tf.nn.softmax(x)),
    "log_softmax": lambda tf, x, y: _g(tf, tf.nn.log_softmax(x)),
    "l2_normalize": lambda tf, x, y: _g(tf, tf.math.l2_normalize(x, axis=1)),
    "clip_by_norm": lambda tf, x, y: _g(tf, tf.clip_by_norm(x, 1.0)),
    "real of a complex": lambda tf, x, y: _g(tf, tf.math.real(tf.complex(x, y))),
    "py_function": lambda tf, x, y: _g(tf, tf.py_function(lambda a: a * 2.0, [x], tf.float32)),
}


def _gradients(tf: Any, fn: Any, mode: str) -> Any:
    x, y = tf.Variable(_X), tf.Variable(_Y)
    with tf.GradientTape() as tape:
        target = fn(tf, x, y)
    return tape.gradient(target, [x, y], unconnected_gradients=getattr(tf.UnconnectedGradients, mode))


def _register(name: str, fn: Any, mode: str) -> None:
    def run(tf: Any) -> Any:
        return _gradients(tf, fn, mode)

    run.__name__ = f"gather_of_{name.replace(' ', '_')}_{mode.lower()}"
    case(AREA, f"{name} ({mode})")(run)


for _name, _fn in _CHAINS.items():
    for _mode in ("NONE", "ZERO"):
        _register(_name, _fn, _mode)


# -- second order: the gradient of a function of the first gradients ---------------------------------
_SECOND_ORDER = ("sigmoid", "sub", "mul", "neg of sigmoid", "concat of computed tensors", "cast of a square",
                 "two gathers of one variable", "matmul", "softmax", "tile", "bias_add", "identity")


def _second(tf: Any, fn: Any, mode: str) -> Any:
    x, y = tf.Variable(_X), tf.Variable(_Y)
    unconnected = getattr(tf.UnconnectedGradients, mode)
    with tf.GradientTape(persistent=True) as outer:
        with tf.GradientTape() as inner:
            loss = tf.reduce_sum(tf.cast(fn(tf, x, y), tf.float32) ** 2)
        first = inner.gradient(loss, [x, y], unconnected_gradients=unconnected)
        total = tf.add_n([tf.reduce_sum(tf.convert_to_tensor(g) * x) for g in first if g is not None])
    return first, outer.gradient(total, [x, y], unconnected_gradients=unconnected)


def _register_second(name: str, mode: str) -> None:
    def run(tf: Any) -> Any:
        return _second(tf, _CHAINS[name], mode)

    run.__name__ = f"second_order_{name.replace(' ', '_')}_{mode.lower()}"
    case(AREA, f"second order: {name} ({mode})")(run)


for _name in _SECOND_ORDER:
    for _mode in ("NONE", "ZERO"):
        _register_second(_name, _mode)


# -- jacobians --------------------------------------------------------------------------------------
_JACOBIAN = ("sigmoid", "sub", "mul", "neg of sigmoid", "concat of computed tensors", "two gathers of one variable",
             "matmul", "identity", "add a constant scalar", "reduce_sum")


def _jacobian(tf: Any, fn: Any, mode: str, pfor: bool) -> Any:
    x, y = tf.Variable(_X), tf.Variable(_Y)
    with tf.GradientTape(persistent=True) as tape:
        target = fn(tf, x, y)
    return tape.jacobian(target, [x, y], unconnected_gradients=getattr(tf.UnconnectedGradients, mode),
                         experimental_use_pfor=pfor)


def _register_jacobian(name: str, mode: str, pfor: bool) -> None:
    def run(tf: Any) -> Any:
        return _jacobian(tf, _CHAINS[name], mode, pfor)

    run.__name__ = f"jacobian_{name.replace(' ', '_')}_{mode.lower()}_{pfor}"
    case(AREA, f"jacobian{'' if pfor else ' (while loop)'}: {name} ({mode})")(run)


for _name in _JACOBIAN:
    for _mode in ("NONE", "ZERO"):
        for _pfor in (True, False):
            _register_jacobian(_name, _mode, _pfor)


@case(AREA, "batch_jacobian of a gather on axis 1")
def batch_jacobian_gather_axis_1(tf: Any) -> Any:
    x = tf.Variable(_X)
    with tf.GradientTape(persistent=True) as tape:
        rows = tf.gather(tf.sigmoid(x * 2.0), [1, 0, 1], axis=1)
    return tape.batch_jacobian(rows, x)


@case(AREA, "forward mode: jvp through a gather of a computed tensor")
def jvp_gather_of_computed(tf: Any) -> Any:
    x = tf.constant(_X)
    with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x) * 0.5) as acc:
        rows = tf.gather(tf.sin(x) * 2.0, [1, 0, 1])
    return acc.jvp(rows)


@case(AREA, "forward mode: jvp of a gather of the primal, axis 1")
def jvp_gather_of_primal(tf: Any) -> Any:
    x = tf.constant(_X)
    with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x) * 0.25) as acc:
        cols = tf.gather(x, [1, 1], axis=1)
    return acc.jvp(cols)
