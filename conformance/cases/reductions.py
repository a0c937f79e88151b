"""Reductions, scans, ordering and norms: values and dtypes per input dtype, every axis form, TF's
errors (including whether a kernel error ends with ` name: `), empty inputs, and gradients (first
and second order, None versus zeros, ties and zeros) -- the spec's section 7 rows among them.

Results that can fail are collected with `_attempt`, which turns an exception into
`("raised", class name, message)`, so one case covers a whole sweep.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from conformance.case import case

# bfloat16 is left out: tfshim only has it with the optional ml_dtypes package.
_DTYPES = ("float16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
           "uint64", "complex64", "complex128", "bool")

_MATRIX = {
    "float": [[1.5, -2.0, 3.0], [0.5, 7.0, -1.0]],
    "signed": [[1, -2, 3], [0, 7, -1]],
    "unsigned": [[1, 2, 3], [0, 7, 200]],
    "complex": [[1 + 2j, -0.5j, 3], [0.5 - 1j, 2, -1 + 1j]],
    "bool": [[True, False, True], [False, False, True]],
}


def _attempt(fn: Any) -> Any:
    try:
        return fn()
    except Exception as e:  # the exception is the result
        return ("raised", type(e).__name__, str(e))


def _matrix(dtype: str) -> np.ndarray:
    if dtype.startswith("float"):
        return np.array(_MATRIX["float"], dtype=dtype)
    if dtype.startswith("uint"):
        return np.array(_MATRIX["unsigned"], dtype=dtype)
    if dtype.startswith("int"):
        return np.array(_MATRIX["signed"], dtype=dtype)
    if dtype.startswith("complex"):
        return np.array(_MATRIX["complex"], dtype=dtype)
    return np.array(_MATRIX["bool"])


def _grad(tf: Any, f: Any, *xs: Any, zero: bool = False) -> Any:
    ts = [tf.constant(x) for x in xs]
    with tf.GradientTape() as t:
        t.watch(ts)
        y = f(*ts)
    return t.gradient(y, ts, unconnected_gradients="zero" if zero else "none")


def _grad2(tf: Any, f: Any, x: Any) -> Any:
    """[first, second] derivative of sum(f(x)) (the second of the sum of the first), nested tapes."""
    x = tf.constant(x)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = f(x)
        g = inner.gradient(y, x)
    return [g, outer.gradient(g, x)]


_F32 = np.array([[1.5, -2.0, 3.0, 0.5], [0.25, 7.0, -1.0, 2.0], [4.0, 0.0, -3.0, 1.0]], np.float32)

# -- value and dtype sweeps ----------------------------------------------------------------------
_REDUCTIONS = ("reduce_sum", "reduce_mean", "reduce_max", "reduce_min", "reduce_prod", "reduce_euclidean_norm",
               "reduce_std", "reduce_variance", "reduce_logsumexp", "reduce_all", "reduce_any", "count_nonzero")


def _reduction_sweep(name: str) -> Any:
    def run(tf: Any) -> Any:
        fn = getattr(tf.math, name)
        out = {}
        for d in _DTYPES:
            x = tf.constant(_matrix(d))
            out[d] = [_attempt(lambda x=x: fn(x)), _attempt(lambda x=x: fn(x, 0)),
                      _attempt(lambda x=x: fn(x, axis=-1, keepdims=True))]
        return out

    return run


for _name in _REDUCTIONS:
    case("reductions", f"dtypes/{_name}")(_reduction_sweep(_name))


def _axis_forms(name: str) -> Any:
    def run(tf: Any) -> Any:
        fn = getattr(tf.math, name)
        x = tf.constant(_F32) if name not in ("reduce_all", "reduce_any") else tf.constant(_F32 > 0)
        forms = {"none": None, "int": 1, "neg": -1, "list": [0, 1], "rev": [1, 0], "tuple": (1,),
                 "nested": [[0], [1]], "empty": [], "t32": tf.constant(1), "t64": tf.constant([-1, 0], tf.int64),
                 "np": np.array([1]), "np64": np.int64(0), "big": 2**40}
        out = {k: _attempt(lambda v=v: fn(x, axis=v)) for k, v in forms.items()}
        out["keepdims"] = [_attempt(lambda: fn(x, axis=0, keepdims=True)), _attempt(lambda: fn(x, keepdims=True)),
                           _attempt(lambda: fn(x, axis=[0, 1], keepdims=True)), _attempt(lambda: fn(x, 1, None))]
        return out

    return run


for _name in _REDUCTIONS:
    case("reductions", f"axis_forms/{_name}")(_axis_forms(_name))


def _axis_errors(name: str) -> Any:
    def run(tf: Any) -> Any:
        fn = getattr(tf.math, name)
        x = tf.constant(_F32) if name not in ("reduce_all", "reduce_any") else tf.constant(_F32 > 0)
        s = tf.constant(3.0) if name not in ("reduce_all", "reduce_any") else tf.constant(True)
        bad = {"np_float": np.float32(1), "np_float_vec": np.array([1.0]), "bool": True, "mixed": [1, 2.0],
               "out": 2, "out_list": [2], "out_tuple": (-3,), "dup": [0, 0], "dup_neg": [1, -1],
               "dup_tensor": tf.constant([1, 1]), "out_tensor": tf.constant(5), "float": 1.0, "float_list": [1.0],
               "float_tensor": tf.constant(1.0), "i16_tensor": tf.constant(1, tf.int16), "str": "a"}
        out = {k: _attempt(lambda v=v: fn(x, axis=v)) for k, v in bad.items()}
        out["named"] = _attempt(lambda: fn(x, axis=5, name="foo"))
        out["scalar0"] = _attempt(lambda: fn(s, axis=0))
        out["scalar_neg"] = _attempt(lambda: fn(s, axis=[-1]))
        out["scalar_none"] = _attempt(lambda: fn(s))
        out["list_input"] = _attempt(lambda: fn([[1.0, 2.0]] if name not in ("reduce_all", "reduce_any")
                                                else [[True, False]], axis=3))
        return out

    return run


for _name in _REDUCTIONS:
    case("reductions", f"axis_errors/{_name}")(_axis_errors(_name))


@case("reductions", "axis_none_in_list")
def axis_none_in_list(tf: Any) -> Any:
    return _attempt(lambda: tf.reduce_sum(tf.ones([2]), axis=[None]))


@case("reductions", "empty_inputs")
def empty_inputs(tf: Any) -> Any:
    out = {}
    for name in ("reduce_sum", "reduce_mean", "reduce_max", "reduce_min", "reduce_prod", "reduce_euclidean_norm",
                 "reduce_std", "reduce_variance", "reduce_logsumexp", "count_nonzero"):
        fn = getattr(tf.math, name)
        out[name] = [_attempt(lambda fn=fn, d=d: fn(tf.zeros([0, 3], d), axis=0))
                     for d in ("float32", "float64", "int32", "uint8")]
        out[name].append(_attempt(lambda fn=fn: fn(tf.zeros([0, 3]))))
        out[name].append(_attempt(lambda fn=fn: fn(tf.zeros([2, 0]), axis=0)))
    out["all_any"] = [tf.reduce_all(tf.zeros([0], tf.bool)), tf.reduce_any(tf.zeros([0], tf.bool)),
                      tf.reduce_all(tf.zeros([2, 0], tf.bool), axis=1)]
    return out


@case("reductions", "integer_mean")
def integer_mean(tf: Any) -> Any:
    return [tf.reduce_mean([-3, -4]), tf.reduce_mean([-3, 0]), tf.reduce_mean([7, 8], axis=0),
            tf.reduce_mean(tf.constant([255, 255], tf.uint8)), tf.reduce_mean(tf.constant([200, 200, 100], tf.uint8)),
            tf.reduce_mean(tf.constant([-128, -128, 100], tf.int8)),
            tf.reduce_mean(tf.constant([2**31 - 1, 2**31 - 1])), tf.reduce_mean(tf.constant([2**31 - 1, 3])),
            tf.reduce_mean(tf.constant([2**63 - 1, 2**63 - 1], tf.int64)),
            tf.reduce_mean(tf.constant([[1, 2], [4, 7]]), axis=1), tf.reduce_mean(tf.zeros([0], tf.int32))]


@case("reductions", "integer_wraparound")
def integer_wraparound(tf: Any) -> Any:
    return [tf.reduce_sum(tf.constant([2**31 - 1, 1])), tf.reduce_prod(tf.constant([2**20, 2**20])),
            tf.reduce_sum(tf.constant([200, 100], tf.uint8)), tf.reduce_prod(tf.constant([16, 17], tf.uint8)),
            tf.math.reduce_euclidean_norm(tf.constant([3, 4, 1])),
            tf.math.reduce_euclidean_norm(tf.constant([100, 100], tf.int8))]


@case("reductions", "float16")
def float16_reductions(tf: Any) -> Any:
    small = tf.constant([2048, 1, 1], tf.float16)
    big = tf.constant([60000, 60000], tf.float16)
    return [tf.reduce_sum(small), tf.reduce_mean(small), tf.reduce_sum(big), tf.reduce_mean(big),
            tf.reduce_prod(tf.constant([300, 300], tf.float16)), tf.math.reduce_std(tf.constant([1, 2, 4], tf.float16)),
            tf.nn.l2_loss(tf.constant([300.0, 300.0], tf.float16)),
            tf.reduce_sum(tf.constant([[2048, 1], [1, 1]], tf.float16), axis=0)]


@case("reductions", "special_values")
def special_values(tf: Any) -> Any:
    x = tf.constant([1.0, np.nan, 3.0])
    return [tf.reduce_max(x), tf.reduce_min(x), tf.reduce_max([np.nan, 1.0]), tf.reduce_sum([np.inf, -np.inf]),
            tf.reduce_logsumexp([np.inf, 1.0]), tf.reduce_logsumexp([-np.inf, -np.inf]),
            tf.reduce_logsumexp([np.nan, 1.0]), tf.reduce_logsumexp(tf.constant([1000.0, 1000.0], tf.float64)),
            tf.reduce_logsumexp([[0.0, -np.inf], [-np.inf, -np.inf]], axis=1),
            tf.reduce_prod([np.inf, 0.0]), tf.reduce_max([-np.inf, -np.inf])]


@case("reductions", "tensor_shape_input")
def tensor_shape_input(tf: Any) -> Any:
    return [tf.reduce_prod(tf.TensorShape([2, 3, 4])), tf.reduce_sum(tf.TensorShape([2, 3])),
            tf.reduce_prod(tf.TensorShape([2, 3]).as_list()), tf.reduce_prod(tf.TensorShape([])),
            _attempt(lambda: tf.reduce_prod(tf.TensorShape([2, None])))]


@case("reductions", "std_variance")
def std_variance(tf: Any) -> Any:
    x = tf.constant(_F32)
    return [tf.math.reduce_std(x), tf.math.reduce_variance(x, axis=0), tf.math.reduce_std(x, axis=[-1], keepdims=True),
            tf.math.reduce_variance(tf.constant([1 + 1j, 2 - 1j])),
            tf.math.reduce_std(tf.constant([1 + 1j, 2 - 1j], tf.complex64)),
            _attempt(lambda: tf.math.reduce_std([1, 2])),
            _attempt(lambda: tf.math.reduce_variance(tf.constant([True]))),
            _attempt(lambda: tf.math.reduce_variance(tf.constant([1, 2], tf.uint8)))]


@case("reductions", "logical")
def logical(tf: Any) -> Any:
    b = tf.constant([[True, False], [True, True]])
    out = [tf.reduce_all(b), tf.reduce_any(b, axis=0), tf.reduce_all(b, axis=1, keepdims=True),
           tf.reduce_any([False, False]), tf.math.reduce_all([[True], [False]], axis=[0, 1])]
    out += [_attempt(lambda: tf.reduce_all(tf.constant([1.0]))), _attempt(lambda: tf.reduce_any(tf.constant([1]))),
            _attempt(lambda: tf.reduce_all([1, 0])), _attempt(lambda: tf.reduce_any([1.5]))]
    return out


@case("reductions", "count_nonzero")
def count_nonzero(tf: Any) -> Any:
    cnz = tf.math.count_nonzero
    return [cnz([[0, 1, 0], [1, 1, 0]]), cnz([[0, 1, 0], [1, 1, 0]], 0), cnz([[0, 1, 0], [1, 1, 0]], 1, keepdims=True),
            cnz([1.0, 0.0], dtype=tf.float32), cnz([1.0, 0.0], dtype=tf.int32), cnz([1.0, 0.0], dtype=tf.bool),
            cnz([np.nan, -0.0, 1e-30]), cnz(["", "a", "  "]), cnz(tf.constant([True, False, True])),
            cnz(tf.constant([0j, 1j])), cnz(tf.zeros([0]))]


# -- reduction gradients ------------------------------------------------------------------------
@case("reductions", "grad/spec_section7")
def grad_spec_section7(tf: Any) -> Any:
    return {
        "max_ties": _grad(tf, tf.reduce_max, [1.0, 3.0, 3.0]),
        "min_ties": _grad(tf, tf.reduce_min, [1.0, 1.0, 3.0]),
        "max_all_equal": _grad(tf, tf.reduce_max, [2.0, 2.0, 2.0, 2.0]),
        "max_axis1": _grad(tf, lambda x: tf.reduce_max(x, axis=1), [[1.0, 1.0], [0.0, 2.0]]),
        "mean": _grad(tf, tf.reduce_mean, [1.0, 2.0, 3.0, 4.0]),
        "prod_zero": _grad(tf, tf.reduce_prod, [0.0, 2.0, 3.0]),
        "prod_two_zeros": _grad(tf, tf.reduce_prod, [0.0, 0.0, 3.0]),
        "logsumexp": _grad(tf, tf.reduce_logsumexp, [0.0, 0.0]),
        "euclidean_origin": _grad(tf, tf.math.reduce_euclidean_norm, [0.0, 0.0]),
        "norm_origin": _grad(tf, tf.norm, [0.0, 0.0]),
        "norm_34": _grad(tf, tf.norm, [3.0, 4.0]),
        "norm_ord1_origin": _grad(tf, lambda x: tf.norm(x, ord=1), [0.0, 0.0]),
        "l2_normalize_origin": _grad(tf, tf.math.l2_normalize, [0.0, 0.0]),
        "argmax": _grad(tf, tf.argmax, [1.0, 3.0]), "argmax_zero": _grad(tf, tf.argmax, [1.0, 3.0], zero=True),
        "top_k": _grad(tf, lambda x: tf.math.top_k(x, 2).values, [1.0, 3.0, 2.0]),
        "sort": _grad(tf, lambda x: tf.sort(x) * [1.0, 2.0, 3.0], [3.0, 1.0, 2.0]),
        "cumsum_stack": _grad(tf, lambda x: tf.math.cumsum(tf.stack([x, x, x])), 1.0),
    }


@case("reductions", "grad/axes_keepdims")
def grad_axes_keepdims(tf: Any) -> Any:
    x = _F32 + 0.125 * np.arange(12, dtype=np.float32).reshape(3, 4)  # no ties
    w = np.linspace(0.5, 2.0, 12, dtype=np.float32).reshape(3, 4)
    out = {}
    for name in ("reduce_sum", "reduce_mean", "reduce_max", "reduce_min", "reduce_prod", "reduce_euclidean_norm",
                 "reduce_std", "reduce_variance", "reduce_logsumexp"):
        fn = getattr(tf.math, name)
        out[name] = [
            _grad(tf, lambda t, fn=fn: fn(t * w)[None] * 2.0, x),
            _grad(tf, lambda t, fn=fn: fn(t, axis=0) * [1.0, 2.0, 3.0, 4.0], x),
            _grad(tf, lambda t, fn=fn: fn(t, axis=[-1], keepdims=True) * [[1.0], [2.0], [3.0]], x),
            _grad(tf, lambda t, fn=fn: fn(t, axis=[1, 0]), x),
            _grad(tf, lambda t, fn=fn: fn(t, axis=[]), x),
        ]
    return out


@case("reductions", "grad/ties_and_zeros")
def grad_ties_and_zeros(tf: Any) -> Any:
    m = [[1.0, 5.0, 5.0], [7.0, 7.0, 7.0]]
    return {
        "max_axis0": _grad(tf, lambda x: tf.reduce_max(x, axis=0), m),
        "min_keep": _grad(tf, lambda x: tf.reduce_min(x, axis=1, keepdims=True), m),
        "max_inf": _grad(tf, tf.reduce_max, [np.inf, np.inf, 1.0]),
        "max_nan": _grad(tf, tf.reduce_max, [np.nan, 1.0]),
        "prod_axis": _grad(tf, lambda x: tf.reduce_prod(x, axis=1), [[0.0, 2.0, 3.0], [4.0, 0.0, 0.0]]),
        "prod_scalar": _grad(tf, tf.reduce_prod, 3.0),
        "prod_complex": _grad(tf, lambda x: tf.math.real(tf.reduce_prod(x)), np.array([1 + 1j, 2 - 1j])),
        "sum_complex": _grad(tf, lambda x: tf.math.real(tf.reduce_sum(x * x)), np.array([1 + 1j, 2 - 1j])),
        "mean_f16": _grad(tf, tf.reduce_mean, np.array([1.0, 2.0], np.float16)),
        "int_source": _grad(tf, tf.reduce_sum, [1, 2], zero=True),
        "empty": _grad(tf, lambda x: tf.reduce_max(x, axis=0), np.zeros((0, 2), np.float32)),
        "empty_sum": _grad(tf, tf.reduce_sum, np.zeros((0, 2), np.float32)),
        "logsumexp_inf": _grad(tf, tf.reduce_logsumexp, [np.inf, 1.0]),
        "logsumexp_neg_inf": _grad(tf, tf.reduce_logsumexp, [-np.inf, -np.inf]),
        "std_constant": _grad(tf, tf.math.reduce_std, [2.0, 2.0]),
        "variance_complex": _grad(tf, tf.math.reduce_variance, np.array([1 + 1j, 2 - 1j])),
    }


@case("reductions", "grad/second_order")
def grad_second_order(tf: Any) -> Any:
    x = [[0.5, -1.5, 2.0], [1.0, 3.0, -0.25]]
    fns = {
        "sum": tf.reduce_sum, "mean": lambda t: tf.reduce_mean(t, axis=1), "max": tf.reduce_max,
        "min": lambda t: tf.reduce_min(t, axis=0), "prod": tf.reduce_prod, "prod_axis": lambda t: tf.reduce_prod(t, 1),
        "std": tf.math.reduce_std, "variance": lambda t: tf.math.reduce_variance(t, axis=0),
        "logsumexp": lambda t: tf.reduce_logsumexp(t, axis=1), "euclidean": tf.math.reduce_euclidean_norm,
        "sum_squares": lambda t: tf.reduce_sum(t * t), "max_squares": lambda t: tf.reduce_max(t * t, axis=1),
        "cumsum": lambda t: tf.math.cumsum(t, axis=1), "cumsum_sq": lambda t: tf.math.cumsum(t * t, exclusive=True),
        "cumprod": lambda t: tf.math.cumprod(t, axis=1, reverse=True),
        "clse": lambda t: tf.math.cumulative_logsumexp(t, axis=1),
        "top_k": lambda t: tf.math.top_k(t, 2).values, "top_k_sq": lambda t: tf.math.top_k(t * t, 2).values,
        "sort": lambda t: tf.sort(t, axis=0), "norm": tf.norm, "norm1": lambda t: tf.norm(t, ord=1, axis=1),
        "norm_inf": lambda t: tf.norm(t, ord=np.inf, axis=[0, 1]), "norm3": lambda t: tf.norm(t, ord=3),
        "l2_loss": tf.nn.l2_loss, "l2_normalize": lambda t: tf.math.l2_normalize(t, axis=1),
        "moments_mean": lambda t: tf.nn.moments(t, axes=[0])[0], "moments_var": lambda t: tf.nn.moments(t, axes=[0])[1],
    }
    return {k: _attempt(lambda f=f: _grad2(tf, f, x)) for k, f in fns.items()}


# -- scans ---------------------------------------------------------------------------------------
_SCANS = ("cumsum", "cumprod", "cumulative_logsumexp")


def _scan_values(name: str) -> Any:
    def run(tf: Any) -> Any:
        fn = getattr(tf.math, name)
        x = tf.constant(_F32)
        out = {}
        for axis in (0, 1, -1, -2):
            for exclusive in (False, True):
                for reverse in (False, True):
                    out[f"{axis}/{exclusive}/{reverse}"] = fn(x, axis=axis, exclusive=exclusive, reverse=reverse)
        out["dtypes"] = {d: _attempt(lambda d=d: fn(tf.constant(_matrix(d)), axis=1)) for d in _DTYPES}
        out["axis_forms"] = [_attempt(lambda a=a: fn(x, axis=a)) for a in
                             (tf.constant(1, tf.int64), np.int32(1), 2, -3, [1], 1.0, tf.constant(1.0), (0,))]
        out["scalar"] = _attempt(lambda: fn(tf.constant(3.0)))
        out["empty"] = [fn(tf.zeros([0, 2]), axis=0, exclusive=True), fn(tf.zeros([2, 0]), axis=1, reverse=True)]
        out["bool_attr"] = [_attempt(lambda: fn(x, exclusive=1)), _attempt(lambda: fn(x, reverse=np.bool_(True)))]
        out["list_input"] = fn([1.0, 2.0, 3.0])
        return out

    return run


for _name in _SCANS:
    case("scans", f"values/{_name}")(_scan_values(_name))


@case("scans", "special_values")
def scan_special_values(tf: Any) -> Any:
    clse = tf.math.cumulative_logsumexp
    return [tf.math.cumsum([-0.0, -0.0]), tf.math.cumsum([-0.0, -0.0], exclusive=True),
            tf.math.cumprod([np.nan, 0.0]), tf.math.cumprod([-0.0, 2.0]), tf.math.cumsum([np.inf, -np.inf, 1.0]),
            clse([-np.inf, -np.inf, 1.0]), clse([1.0, np.inf, 1.0]), clse([1.0, np.nan, 1.0]), clse([np.nan, 1.0]),
            clse([1.0, np.nan], reverse=True), clse([1000.0, 1000.0]), clse(tf.constant([1.0, 2.5], tf.float16)),
            tf.cumsum(tf.constant([2**31 - 1, 1])), tf.math.cumprod(tf.constant([16, 16], tf.uint8))]


@case("scans", "gradients")
def scan_gradients(tf: Any) -> Any:
    x = [[1.0, -2.0, 0.5], [3.0, 0.0, -1.0]]
    w = [[1.0, 2.0, 3.0], [-1.0, 0.5, 2.0]]
    out = {}
    for name in _SCANS:
        fn = getattr(tf.math, name)
        for axis in (0, 1):
            for exclusive in (False, True):
                for reverse in (False, True):
                    out[f"{name}/{axis}/{exclusive}/{reverse}"] = _grad(
                        tf, lambda t, fn=fn, a=axis, e=exclusive, r=reverse: fn(t, a, exclusive=e, reverse=r) * w, x)
    out["cumprod_zeros"] = _grad(tf, lambda t: tf.math.cumprod(t) * [1.0, 2.0, 3.0], [2.0, 0.0, 3.0])
    out["cumprod_two_zeros"] = _grad(tf, tf.math.cumprod, [0.0, 0.0, 3.0])
    out["clse_neg_upstream"] = _grad(tf, lambda t: tf.math.cumulative_logsumexp(t) * [-1.0, 2.0, 0.0], [0.5, 1.0, 2.0])
    out["cumsum_complex"] = _grad(tf, lambda t: tf.math.real(tf.math.cumsum(t * t)), np.array([1 + 1j, 2 - 1j]))
    return out


# -- ordering ------------------------------------------------------------------------------------
@case("ordering", "arg_values")
def arg_values(tf: Any) -> Any:
    out = {}
    for name in ("argmax", "argmin"):
        fn = getattr(tf.math, name)
        out[name] = {d: _attempt(lambda d=d, fn=fn: [fn(tf.constant(_matrix(d))), fn(tf.constant(_matrix(d)), 1)])
                     for d in _DTYPES}
        out[name + "/ties"] = [fn([[1.0, 5.0, 5.0], [7.0, 2.0, 7.0]], axis=1), fn([0, 0, 0]), fn([[3, 3], [3, 3]])]
        out[name + "/special"] = [fn(v) for v in ([1.0, np.nan, 3.0, np.nan], [np.nan, 1.0, 3.0], [np.nan, -np.inf],
                                                  [np.nan, np.nan], [-np.inf, np.nan], [np.nan, np.inf],
                                                  [np.inf, np.nan], [1.0, np.inf, -np.inf],
                                                  [-np.inf, -np.inf, 2.0], [np.inf, np.inf])]
        out[name + "/output_type"] = [_attempt(lambda t=t, fn=fn: fn([3, 1, 2], output_type=t))
                                      for t in (tf.int32, tf.int64, tf.int16, tf.uint16, tf.float32)]
        out[name + "/empty_ok"] = fn(tf.zeros([0, 3]), axis=1)
    return out


@case("ordering", "arg_errors")
def arg_errors(tf: Any) -> Any:
    x = tf.zeros([3, 2])
    out = {}
    for name in ("argmax", "argmin"):
        fn = getattr(tf.math, name)
        axes = {"2": 2, "-3": -3, "list": [1], "float": 1.0, "t32": tf.constant(1), "t8": tf.constant(1, tf.int8),
                "u8": tf.constant(1, tf.uint8), "tf32": tf.constant(1.0), "vec": tf.constant([1]),
                "np64": np.int64(1), "npf": np.float32(1), "bool": True}
        out[name] = {k: _attempt(lambda a=a, fn=fn: fn(x, axis=a)) for k, a in axes.items()}
        out[name + "/other"] = [_attempt(lambda fn=fn: fn(tf.constant(3.0))),
                                _attempt(lambda fn=fn: fn(tf.zeros([0, 3]))),
                                _attempt(lambda fn=fn: fn(tf.zeros([3, 0]), axis=-1)),
                                _attempt(lambda fn=fn: fn(tf.constant(["a"]))),
                                _attempt(lambda fn=fn: fn(tf.constant([1j]))),
                                _attempt(lambda fn=fn: fn([1.0, 2.0], 5))]
    return out


@case("ordering", "top_k")
def top_k_values(tf: Any) -> Any:
    x = tf.constant([[1.0, 5.0, 5.0, 0.0], [7.0, 2.0, 7.0, 7.0]])
    tk = tf.math.top_k
    out = {"default": tk(x), "k2": tk(x, 2), "k4": tk(x, 4), "k0": tk(x, 0),
           "k_tensor": tk(x, tf.constant(2, tf.int64)),
           "np_k": tk(x, np.int64(1)), "idx64": tk(x, 2, index_type=tf.int64), "idx16": tk(x, 2, index_type=tf.int16),
           "int": tk([3, 1, 2, 3], 2), "u8": tk(tf.constant([3, 255, 0], tf.uint8), 3), "nn_alias": tf.nn.top_k(x, 1),
           "3d": tk(tf.reshape(tf.range(24.0) % 5, [2, 3, 4]), 3), "empty": tk(tf.zeros([0, 3]), 2),
           "fields": list(type(tk(x))._fields), "type": type(tk(x)).__name__,
           "dtypes": {d: _attempt(lambda d=d: tk(tf.constant(_matrix(d)), 2)) for d in _DTYPES}}
    out["errors"] = [_attempt(lambda k=k: tk(x, k)) for k in (5, -1, 1.0, [2], tf.constant([2]), tf.constant(1.0))]
    out["errors"] += [_attempt(lambda: tk(tf.constant(3.0), 1)), _attempt(lambda: tk(tf.constant(1.0), -1)),
                      _attempt(lambda: tk([1.0, 2.0], 5)), _attempt(lambda: tk(x, 1, sorted=1)),
                      _attempt(lambda: tk(x, 1, index_type=tf.float32))]
    return out


@case("ordering", "top_k_gradients")
def top_k_gradients(tf: Any) -> Any:
    tk = tf.math.top_k
    return {
        "2d": _grad(tf, lambda x: tk(x, 2).values * [[1.0, 2.0]], [[1.0, 3.0, 2.0], [5.0, 4.0, 6.0]]),
        "ties": _grad(tf, lambda x: tk(x, 2).values * [1.0, 10.0], [5.0, 5.0, 5.0]),
        "3d": _grad(tf, lambda x: tk(x, 1).values, np.arange(12, dtype=np.float32).reshape(2, 3, 2)),
        "k0": _grad(tf, lambda x: tk(x, 0).values, [[1.0, 3.0, 2.0]]),
        "empty": _grad(tf, lambda x: tk(x, 2).values, np.zeros((0, 3), np.float32)),
        "indices_only": _grad(tf, lambda x: tf.cast(tk(x, 2).indices, tf.float32), [1.0, 3.0, 2.0], zero=True),
        "idx64": _attempt(lambda: _grad(tf, lambda x: tk(x, 2, index_type=tf.int64).values, [1.0, 3.0, 2.0])),
        "idx16": _attempt(lambda: _grad(tf, lambda x: tk(x, 2, index_type=tf.int16).values, [1.0, 3.0, 2.0])),
        "f64": _grad(tf, lambda x: tk(x, 2).values, np.array([1.0, 3.0, 2.0])),
    }


@case("ordering", "sort")
def sort_values(tf: Any) -> Any:
    x = tf.constant([[1.0, 5.0, 5.0, 0.0], [7.0, 2.0, 7.0, 7.0]])
    cube = tf.reshape(tf.range(24.0)[::-1] % 7, [2, 3, 4])
    out = {}
    for fn_name in ("sort", "argsort"):
        fn = getattr(tf, fn_name)
        out[fn_name] = {
            "default": fn(x), "desc": fn(x, direction="DESCENDING"), "axis0": fn(x, axis=0),
            "axis_tensor": fn(x, axis=tf.constant(0)), "axis_float": fn(x, axis=0.0),
            "cube": [fn(cube, axis=a) for a in (0, 1, 2, -1, -2, -3)],
            "cube_desc": [fn(cube, axis=a, direction="DESCENDING") for a in (0, 1, 2)],
            "ints": fn(tf.constant([3, -2147483648, 2147483647, 0, 3])),
            "int8": fn(tf.constant([3, -128, 127, 0, 3], tf.int8), direction="DESCENDING"),
            "uint": [fn(tf.constant([3, 255, 0, 3], tf.uint8)), fn(tf.constant([3, 2**64 - 1, 0], tf.uint64))],
            "zeros": fn([0.0, -0.0, 0.0, -0.0]), "empty": [fn(tf.zeros([0])), fn(tf.zeros([2, 0]))],
            "f16": fn(tf.constant([2.0, 1.0, 2.0], tf.float16)), "list": fn([3, 1, 2]),
            "dtypes": {d: _attempt(lambda d=d, fn=fn: fn(tf.constant(_matrix(d)))) for d in _DTYPES},
            "errors": [_attempt(lambda fn=fn: fn(x, direction="UP")),
                       _attempt(lambda fn=fn: fn(x, direction="ascending")),
                       _attempt(lambda fn=fn: fn(x, axis=[0])), _attempt(lambda fn=fn: fn(x, axis=np.array([0]))),
                       _attempt(lambda fn=fn: fn(x, axis=tf.constant([0]))), _attempt(lambda fn=fn: fn(x, axis=None)),
                       _attempt(lambda fn=fn: fn(x, axis=2)), _attempt(lambda fn=fn: fn(x, axis=-3)),
                       _attempt(lambda fn=fn: fn(x, axis=-5)), _attempt(lambda fn=fn: fn(tf.constant(3.0))),
                       _attempt(lambda fn=fn: fn(tf.constant(["b", "a"]))),
                       _attempt(lambda fn=fn: fn(tf.constant(["b", "a"]), direction="DESCENDING"))],
        }
    out["argsort_stable"] = tf.argsort([1, 1, 0, 1], stable=True)
    return out


@case("ordering", "sort_gradients")
def sort_gradients(tf: Any) -> Any:
    cube = np.array([[[3.0, 1.0], [2.0, 5.0], [0.5, 4.0]], [[1.5, 2.5], [6.0, -1.0], [0.0, 7.0]]], np.float32)
    w = np.arange(1.0, 13.0, dtype=np.float32).reshape(2, 3, 2)
    out = {}
    for direction in ("ASCENDING", "DESCENDING"):
        for axis in (0, 1, 2, -1):
            out[f"{direction}/{axis}"] = _grad(tf, lambda x, a=axis, d=direction: tf.sort(x, a, d) * w, cube)
    out["ties"] = _grad(tf, lambda x: tf.sort(x) * [1.0, 2.0, 3.0], [2.0, 2.0, 1.0])
    out["argsort"] = _grad(tf, lambda x: tf.cast(tf.argsort(x), tf.float32), [2.0, 1.0], zero=True)
    return out


# -- norms ---------------------------------------------------------------------------------------
@case("norms", "norm_values")
def norm_values(tf: Any) -> Any:
    x = tf.constant([[1.0, -2.0, 3.0], [4.0, 5.0, -6.0]])
    out = {}
    for o in ("euclidean", "fro", 1, 2, np.inf, 3, 0.5, 2.0, 1.0, True):
        key = str(o)
        out[key] = [_attempt(lambda o=o: tf.norm(x, ord=o)), _attempt(lambda o=o: tf.norm(x, ord=o, axis=0)),
                    _attempt(lambda o=o: tf.norm(x, ord=o, axis=-1, keepdims=True)),
                    _attempt(lambda o=o: tf.norm(x, ord=o, axis=[0, 1])),
                    _attempt(lambda o=o: tf.norm(x, ord=o, axis=(-1, -2), keepdims=True))]
    cube = tf.reshape(tf.range(24.0) - 11.5, [2, 3, 4])
    out["cube"] = [tf.norm(cube, axis=1), tf.norm(cube, ord=1, axis=[2, 0]), tf.norm(cube, ord=np.inf, axis=[0, 2]),
                   tf.norm(cube, ord="fro", axis=[1, 2], keepdims=True), tf.norm(cube, ord=2, axis=[2, 0]),
                   tf.norm(cube, ord=2, axis=[-1, 1], keepdims=True)]
    out["other"] = [tf.linalg.norm(x), tf.norm([3.0, 4.0]), tf.norm(tf.constant(-3.0)), tf.norm(tf.zeros([0, 3])),
                    tf.norm(tf.zeros([0, 3]), ord=np.inf), tf.norm(tf.constant([3 + 4j, 1j])),
                    tf.norm(tf.constant([3 + 4j, 1j]), ord=1), tf.norm(tf.constant([3, -4]), ord=1),
                    tf.norm(tf.constant([1.0, 2.0], tf.float64), ord=3),
                    tf.norm(tf.ones([1, 1, 2])), tf.norm(tf.ones([2, 1]), axis=None, keepdims=True)]
    return out


@case("norms", "norm_errors")
def norm_errors(tf: Any) -> Any:
    x = tf.constant([[1.0, -2.0, 3.0], [4.0, 5.0, -6.0]])
    calls = [dict(ord=o) for o in (-1, 0, "nuc", -np.inf, "inf", None, "fro")]
    calls += [dict(ord=o, axis=[0, 1]) for o in (3, 0.5, -1, "nuc", None)]
    calls += [dict(axis=a) for a in ((0, 1, 1), [0], [0, 0], [1, -1], tf.constant(0), np.int64(0), 5, (0, 5), 1.0)]
    out = [_attempt(lambda kw=kw: tf.norm(x, **kw)) for kw in calls]
    out += [_attempt(lambda: tf.norm(tf.constant([3, 4]))), _attempt(lambda: tf.norm(tf.constant([3, 4]), ord=3)),
            _attempt(lambda: tf.norm(tf.constant([True])))]
    return out


@case("norms", "norm_gradients")
def norm_gradients(tf: Any) -> Any:
    x = [[1.0, -2.0, 3.0], [4.0, 5.5, -6.0]]
    out = {}
    for o in ("euclidean", 1, 2, np.inf, 3, 0.5):
        out[f"vector/{o}"] = [_grad(tf, lambda t, o=o: tf.norm(t, ord=o), x),
                              _grad(tf, lambda t, o=o: tf.norm(t, ord=o, axis=1) * [1.0, 2.0], x)]
    for o in ("fro", 1, np.inf, 2):
        out[f"matrix/{o}"] = _grad(tf, lambda t, o=o: tf.norm(t, ord=o, axis=[0, 1]), x)
    out["ties"] = [_grad(tf, lambda t: tf.norm(t, ord=np.inf), [3.0, -3.0, 1.0]),
                   _grad(tf, lambda t: tf.norm(t, ord=1, axis=[0, 1]), [[1.0, 2.0], [-1.0, -2.0]])]
    out["origin"] = [_grad(tf, lambda t, o=o: tf.norm(t, ord=o), [0.0, 0.0]) for o in ("euclidean", 1, np.inf, 3)]
    out["complex"] = _grad(tf, lambda t: tf.math.real(tf.norm(t)), np.array([3 + 4j, 1j]))
    out["complex_ord1"] = _grad(tf, lambda t: tf.norm(t, ord=1), np.array([3 + 4j, 1j]))
    out["euclidean_norm_axis"] = _grad(tf, lambda t: tf.math.reduce_euclidean_norm(t, axis=0) * [1.0, 2.0, 3.0], x)
    return out


@case("norms", "l2_loss")
def l2_loss(tf: Any) -> Any:
    x = [[1.0, -2.0], [3.0, 0.5]]
    return {"values": [tf.nn.l2_loss(tf.constant(x)), tf.nn.l2_loss(tf.constant(x, tf.float64)), tf.nn.l2_loss(x),
                       tf.nn.l2_loss(tf.zeros([0])), tf.nn.l2_loss(tf.constant(3.0)),
                       tf.nn.l2_loss(tf.constant([300.0, 300.0], tf.float16))],
            "errors": [_attempt(lambda: tf.nn.l2_loss(tf.constant([1, 2]))), _attempt(lambda: tf.nn.l2_loss([1, 2])),
                       _attempt(lambda: tf.nn.l2_loss(tf.constant([1j])))],
            "grad": _grad2(tf, tf.nn.l2_loss, x), "grad_scaled": _grad(tf, lambda t: tf.nn.l2_loss(t) * 3.0, x)}


@case("norms", "moments")
def moments(tf: Any) -> Any:
    x = tf.constant([[1.0, -2.0, 3.0], [4.0, 5.0, -6.0]])
    mo = tf.nn.moments
    return {"values": [mo(x, axes=[0]), mo(x, axes=[0, 1], keepdims=True), mo(x, axes=0), mo(x, axes=None),
                       mo(x, axes=[-1]), mo(x, axes=[1], shift=100.0),
                       mo(tf.constant([1.0, 2.0, 4.0], tf.float16), [0]),
                       mo(tf.constant([1, 2, 4]), [0]), mo(tf.constant(np.array([1j, 2.0])), [0]),
                       mo(tf.zeros([2, 1]), [0])],
            "type": type(mo(x, [0])).__name__,
            "errors": [_attempt(lambda: mo([1.0, 2.0], [0])), _attempt(lambda: mo(x, axes=[2])),
                       _attempt(lambda: mo(x, axes=2))],
            "grad_mean": _grad(tf, lambda t: mo(t, [0])[0] * [1.0, 2.0, 3.0], x.numpy()),
            "grad_var": _grad(tf, lambda t: mo(t, [1])[1] * [1.0, 2.0], x.numpy()),
            "grad_both": _grad(tf, lambda t: tf.add_n(list(mo(t, [0, 1]))), x.numpy()),
            "grad_f16": _grad(tf, lambda t: mo(t, [0])[1], np.array([1.0, 2.0, 4.0], np.float16))}


@case("norms", "l2_normalize")
def l2_normalize(tf: Any) -> Any:
    x = tf.constant([[1.0, -2.0, 3.0], [4.0, 5.0, -6.0]])
    l2n = tf.math.l2_normalize
    return {"values": [l2n(x), l2n(x, axis=1), l2n(x, axis=[0, 1]), l2n(x, 0, epsilon=100.0), l2n([0.0, 0.0]),
                       l2n([0.0, 0.0], epsilon=1.0), l2n(tf.constant([3 + 4j, 0j])),
                       l2n(tf.constant([3 + 4j, 1j], tf.complex64)), l2n(tf.constant([3.0, 4.0], tf.float16)),
                       l2n(x, dim=1), tf.nn.l2_normalize(x, -1), tf.linalg.l2_normalize(x, 0)],
            "errors": [_attempt(lambda: l2n(tf.constant([3, 4]))), _attempt(lambda: l2n(x, axis=1, dim=1)),
                       _attempt(lambda: l2n(x, axis=2))],
            "grad": [_grad(tf, lambda t: l2n(t, axis=1) * [[1.0, 2.0, 3.0]], x.numpy()),
                     _grad(tf, l2n, [0.0, 0.0]), _grad(tf, lambda t: l2n(t, epsilon=1.0), [0.1, 0.2]),
                     _grad(tf, lambda t: tf.math.real(l2n(t)), np.array([3 + 4j, 1j]))]}


@case("ordering", "nan_full_sorts")
def nan_full_sorts(tf: Any) -> Any:
    rng = np.random.default_rng(7)
    rows = []
    for n in (2, 3, 5, 8, 13, 16):
        for _ in range(4):
            row = rng.choice([np.nan, 1.0, 2.0, -1.0, np.inf, -np.inf, 0.0], size=n).astype(np.float32)
            rows.append(row)
    out = []
    for row in rows:
        out.append([tf.sort(row), tf.sort(row, direction="DESCENDING"), tf.argsort(row),
                    tf.argsort(row, direction="DESCENDING"), tf.math.top_k(row, len(row))])
    return out
