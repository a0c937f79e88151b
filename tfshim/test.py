"""`tf.test`: `TestCase` with TensorFlow's assertion helpers, `compute_gradient`, `main` and the
device queries (always CPU here).

`TestCase` is a `unittest.TestCase` (TensorFlow's derives from absl's, whose extra assertions like
`assertLen` and `assertItemsEqual` are provided too). Its helpers port TensorFlow's test_util
behaviour: the same tolerances, nested-structure handling and failure messages. `setUp` seeds
Python's, NumPy's and tfshim's generators with TensorFlow's default seed, as TF does.
`compute_gradient` is TensorFlow's gradient_checker_v2 algorithm (theoretical Jacobian row by row
with unit upstream gradients, numeric Jacobian by central differences with `delta = 1/1024`).
"""

from __future__ import annotations

import collections.abc as _abc
import contextlib
import math
import random as _pyrandom
import re
import tempfile
import unittest
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from tfshim import nest
from tfshim._engine import dtypes as _dtypes
from tfshim._engine.convert import convert_to_tensor
from tfshim._engine.errors import InvalidArgumentError, OpError
from tfshim._engine.indexed_slices import IndexedSlices
from tfshim._engine.tensor import EagerTensor, Tensor

# the tf.test names (the module's other globals are its own imports)
__all__ = ["TestCase", "compute_gradient", "gpu_device_name", "is_built_with_cuda", "is_built_with_gpu_support",
           "is_built_with_rocm", "is_built_with_xla", "is_gpu_available", "main"]

_DEFAULT_SEED = 87654321


def _is_tf_type(x: Any) -> bool:
    return isinstance(x, Tensor) or getattr(x, "_is_variable", False) or isinstance(x, IndexedSlices)


def _np_where(condition: np.ndarray) -> tuple:
    return np.where(condition)


class _FakeEagerSession:
    """What `cached_session()` yields in eager mode: `run` evaluates its fetches."""

    def __init__(self, test_case: TestCase) -> None:
        self._test_case = test_case

    def run(self, fetches: Any, *args: Any, **kwargs: Any) -> Any:
        feed_dict = kwargs.pop("feed_dict", None)
        if feed_dict is not None or args:
            raise RuntimeError("feed_dict is not supported when eager execution is enabled (in this case, "
                               "sess.run(t) is shorthand for t.numpy()")
        return self._test_case.evaluate(fetches)


class TestCase(unittest.TestCase):
    """`tf.test.TestCase`."""

    _set_default_seed = True

    def __init__(self, methodName: str = "runTest") -> None:  # noqa: N803 - unittest's name
        super().__init__(methodName)
        self._tempdir: str | None = None

    def setUp(self) -> None:
        super().setUp()
        from tfshim.ops.random_ops import set_seed

        _pyrandom.seed(_DEFAULT_SEED)
        np.random.seed(_DEFAULT_SEED)
        if self._set_default_seed:
            set_seed(_DEFAULT_SEED)
        if self.id().endswith(".test_session"):  # a context manager, not a test (test runners collect it)
            self.skipTest("Not a test.")

    def get_temp_dir(self) -> str:
        """A temporary directory for this test (created once)."""
        if not self._tempdir:
            self._tempdir = tempfile.mkdtemp()
        return self._tempdir

    # -- sessions (eager: nothing to run) ----------------------------------------------------------
    @contextlib.contextmanager
    def session(self, graph: Any = None, config: Any = None, use_gpu: bool = True,
                force_gpu: bool = False) -> Iterator[Any]:
        yield _FakeEagerSession(self)

    @contextlib.contextmanager
    def cached_session(self, graph: Any = None, config: Any = None, use_gpu: bool = True,
                       force_gpu: bool = False) -> Iterator[Any]:
        yield _FakeEagerSession(self)

    @contextlib.contextmanager
    def test_session(self, graph: Any = None, config: Any = None, use_gpu: bool = True,
                     force_gpu: bool = False) -> Iterator[Any]:
        yield None

    def evaluate(self, tensors: Any) -> Any:
        """NumPy values of a tensor or a nested structure of tensors."""
        if tensors is None:
            return None
        return nest.map_structure(self._eval_tensor, tensors)

    def _eval_tensor(self, tensor: Any) -> Any:
        if tensor is None:
            return None
        if callable(tensor):
            return self._eval_helper(tensor())
        if isinstance(tensor, IndexedSlices):
            return IndexedSlices(tensor.values.numpy(), tensor.indices.numpy(),
                                 None if tensor.dense_shape is None else tensor.dense_shape.numpy())
        if hasattr(tensor, "numpy") and callable(tensor.numpy):
            return tensor.numpy()
        raise ValueError(f"Unsupported type {type(tensor).__name__!r}.")

    def _eval_helper(self, tensors: Any) -> Any:
        return self.evaluate(tensors)

    # -- closeness and equality -----------------------------------------------------------------
    def _GetNdArray(self, a: Any) -> np.ndarray:  # noqa: N802 - TF's name
        if _is_tf_type(a):
            a = a.numpy() if hasattr(a, "numpy") else convert_to_tensor(a).numpy()
        if not isinstance(a, np.ndarray):
            try:
                return np.array(a)
            except ValueError as e:
                if "inhomogeneous shape" in str(e):
                    return np.array(a, dtype=object)
                raise
        return a

    def evaluate_if_both_tensors(self, a: Any, b: Any) -> tuple:
        return a, b

    def _assertArrayLikeAllClose(self, a: Any, b: Any, rtol: float = 1e-6, atol: float = 1e-6,  # noqa: N802
                                 msg: Any = None) -> None:
        a = self._GetNdArray(a)
        b = self._GetNdArray(b)
        if a.shape != b.shape and (b.ndim <= 3 or b.size < 500):
            shape_mismatch_msg = f"Shape mismatch: expected {a.shape}, got {b.shape} with contents {b}."
        else:
            shape_mismatch_msg = f"Shape mismatch: expected {a.shape}, got {b.shape}."
        self.assertEqual(a.shape, b.shape, shape_mismatch_msg)
        msgs = [msg]
        a_dtype = a.dtype
        bf16 = _dtypes.bfloat16._np
        a = a.astype(np.float32) if bf16 is not None and a.dtype == bf16 else a
        b = b.astype(np.float32) if bf16 is not None and b.dtype == bf16 else b
        if not np.allclose(a, b, rtol=rtol, atol=atol):
            cond = np.logical_or(np.abs(a - b) > atol + rtol * np.abs(b), np.isnan(a) != np.isnan(b))
            if a.ndim:
                x = a[_np_where(cond)]
                y = b[_np_where(cond)]
                msgs.append(f"not close where = {_np_where(cond)}")
            else:
                x, y = a, b
            msgs.append(f"not close lhs = {x}")
            msgs.append(f"not close rhs = {y}")
            msgs.append(f"not close dif = {np.abs(x - y)}")
            msgs.append(f"not close tol = {atol + rtol * np.abs(y)}")
            msgs.append(f"dtype = {a_dtype}, shape = {a.shape}")
            np.testing.assert_allclose(a, b, rtol=rtol, atol=atol, err_msg="\n".join(str(m) for m in msgs),
                                       equal_nan=True)

    def _assertAllCloseRecursive(self, a: Any, b: Any, rtol: float = 1e-6, atol: float = 1e-6,  # noqa: N802
                                 path: list | None = None, msg: Any = None) -> None:
        path = path or []
        path_str = ("[" + "][".join(str(p) for p in path) + "]") if path else ""
        msg = msg if msg else ""
        if hasattr(a, "_asdict"):
            a = a._asdict()
        if hasattr(b, "_asdict"):
            b = b._asdict()
        a_is_dict = isinstance(a, _abc.Mapping)
        if a_is_dict != isinstance(b, _abc.Mapping):
            raise ValueError(f"Can't compare dict to non-dict, a{path_str} vs b{path_str}. {msg}")
        if a_is_dict:
            self.assertCountEqual(a.keys(), b.keys(), msg=f"mismatched keys: a{path_str} has keys {a.keys()}, but "
                                                          f"b{path_str} has keys {b.keys()}. {msg}")
            for k in a:
                path.append(k)
                self._assertAllCloseRecursive(a[k], b[k], rtol=rtol, atol=atol, path=path, msg=msg)
                del path[-1]
        elif isinstance(a, (list, tuple)):
            try:
                a_array = self._GetNdArray(a)
                b_array = self._GetNdArray(b)
                self._assertArrayLikeAllClose(a_array, b_array, rtol=rtol, atol=atol,
                                              msg=f"Mismatched value: a{path_str} is different from b{path_str}. "
                                                  f"{msg}")
            except (ValueError, TypeError, NotImplementedError):
                if len(a) != len(b):
                    raise ValueError(f"Mismatched length: a{path_str} has {len(a)} items, but b{path_str} has "
                                     f"{len(b)} items. {msg}") from None
                for idx, (a_ele, b_ele) in enumerate(zip(a, b)):
                    path.append(str(idx))
                    self._assertAllCloseRecursive(a_ele, b_ele, rtol=rtol, atol=atol, path=path, msg=msg)
                    del path[-1]
        else:
            try:
                self._assertArrayLikeAllClose(a, b, rtol=rtol, atol=atol,
                                              msg=f"Mismatched value: a{path_str} is different from b{path_str}. "
                                                  f"{msg}")
            except TypeError as e:
                text = f"Error: a{path_str} has {type(a)}, but b{path_str} has {type(b)}. {msg}"
                e.args = (e.args[0] + " : " + text, *e.args[1:])
                raise

    def assertAllClose(self, a: Any, b: Any, rtol: float = 1e-6, atol: float = 1e-6,  # noqa: N802
                       msg: Any = None) -> None:
        """Asserts two (nested structures of) arrays or tensors are close elementwise."""
        self._assertAllCloseRecursive(a, b, rtol=rtol, atol=atol, msg=msg)

    def assertAllCloseAccordingToType(self, a: Any, b: Any, rtol: float = 1e-6, atol: float = 1e-6,  # noqa: N802
                                      float_rtol: float = 1e-6, float_atol: float = 1e-6, half_rtol: float = 1e-3,
                                      half_atol: float = 1e-3, bfloat16_rtol: float = 1e-2,
                                      bfloat16_atol: float = 1e-2, msg: Any = None) -> None:
        """assertAllClose with tolerances widened for float32/complex64, float16 and bfloat16."""
        a = self._GetNdArray(a)
        b = self._GetNdArray(b)
        if a.dtype in (np.float32, np.complex64) or b.dtype in (np.float32, np.complex64):
            rtol = max(rtol, float_rtol)
            atol = max(atol, float_atol)
        if a.dtype == np.float16 or b.dtype == np.float16:
            rtol = max(rtol, half_rtol)
            atol = max(atol, half_atol)
        bf16 = _dtypes.bfloat16._np
        if bf16 is not None and (a.dtype == bf16 or b.dtype == bf16):
            rtol = max(rtol, bfloat16_rtol)
            atol = max(atol, bfloat16_atol)
        self.assertAllClose(a, b, rtol=rtol, atol=atol, msg=msg)

    def assertNotAllClose(self, a: Any, b: Any, rtol: float = 1e-6, atol: float = 1e-6,  # noqa: N802
                          msg: Any = None) -> None:
        try:
            self.assertAllClose(a, b, rtol=rtol, atol=atol, msg=msg)
        except AssertionError:
            return
        raise AssertionError(f"The two values are close at all elements. {msg or ''}")

    def assertAllEqual(self, a: Any, b: Any, msg: Any = None) -> None:  # noqa: N802
        """Asserts two arrays or tensors have the same shape and values (NaNs compare equal)."""
        msg = msg if msg else ""
        a = self._GetNdArray(a)
        b = self._GetNdArray(b)
        if b.ndim <= 3 or b.size < 500:
            self.assertEqual(a.shape, b.shape, f"Shape mismatch: expected {a.shape}, got {b.shape}. Contents: {b!r}. "
                                               f"\n{msg}.")
        else:
            self.assertEqual(a.shape, b.shape, f"Shape mismatch: expected {a.shape}, got {b.shape}. {msg}")
        same = a == b
        if a.dtype.kind == "f" or (_dtypes.HAS_BFLOAT16 and a.dtype == _dtypes.bfloat16._np):
            same = np.logical_or(same, np.logical_and(np.isnan(a), np.isnan(b)))
        msgs = [msg]
        if not np.all(same):
            diff = np.logical_not(same)
            if a.ndim:
                x = a[_np_where(diff)]
                y = b[_np_where(diff)]
                msgs.append(f"not equal where = {_np_where(diff)}")
            else:
                x, y = a, b
            msgs.append(f"not equal lhs = {x!r}")
            msgs.append(f"not equal rhs = {y!r}")
            if a.dtype.kind != b.dtype.kind and {a.dtype.kind, b.dtype.kind}.issubset({"U", "S", "O"}):
                a = np.array([i.encode("utf-8") if isinstance(i, str) else i for i in a.flat])
                b = np.array([i.encode("utf-8") if isinstance(i, str) else i for i in b.flat])
            np.testing.assert_array_equal(a, b, err_msg="\n".join(msgs))

    def assertNotAllEqual(self, a: Any, b: Any, msg: Any = None) -> None:  # noqa: N802
        try:
            self.assertAllEqual(a, b)
        except AssertionError:
            return
        raise AssertionError(f"The two values are equal at all elements. {msg or ''}")

    def assertAllGreater(self, a: Any, comparison_target: Any) -> None:  # noqa: N802
        self.assertGreater(np.min(self._GetNdArray(a)), comparison_target)

    def assertAllLess(self, a: Any, comparison_target: Any) -> None:  # noqa: N802
        self.assertLess(np.max(self._GetNdArray(a)), comparison_target)

    def assertAllGreaterEqual(self, a: Any, comparison_target: Any) -> None:  # noqa: N802
        self.assertGreaterEqual(np.min(self._GetNdArray(a)), comparison_target)

    def assertAllLessEqual(self, a: Any, comparison_target: Any) -> None:  # noqa: N802
        self.assertLessEqual(np.max(self._GetNdArray(a)), comparison_target)

    @staticmethod
    def _format_subscripts(subscripts: Any, value: Any, limit: int = 10, indent: int = 2) -> list:
        lines = []
        subscripts = np.transpose(subscripts)
        prefix = " " * indent
        if np.ndim(value) == 0:
            return [prefix + "[0] : " + str(value)]
        for subscript in subscripts[:limit]:
            lines.append(prefix + str(subscript) + " : " + str(value[tuple(subscript)]))
        if len(subscripts) > limit:
            lines.append(prefix + "...")
        return lines

    def assertAllInRange(self, target: Any, lower_bound: Any, upper_bound: Any,  # noqa: N802
                         open_lower_bound: bool = False, open_upper_bound: bool = False) -> None:
        target = self._GetNdArray(target)
        if not (np.issubdtype(target.dtype, np.floating) or np.issubdtype(target.dtype, np.integer)):
            raise AssertionError(f"The value of {target} does not have an ordered numeric type, instead it has type: "
                                 f"{target.dtype}")
        nan_subscripts = _np_where(np.isnan(target))
        if np.size(nan_subscripts):
            raise AssertionError(f"{len(nan_subscripts[0])} of the {np.size(target)} element(s) are NaN. Subscripts(s) "
                                 "and value(s) of the NaN element(s):\n" +
                                 "\n".join(self._format_subscripts(nan_subscripts, target)))
        range_str = ("(" if open_lower_bound else "[") + str(lower_bound) + ", " + str(upper_bound) + \
            (")" if open_upper_bound else "]")
        violations = np.less_equal(target, lower_bound) if open_lower_bound else np.less(target, lower_bound)
        violations = np.logical_or(violations, np.greater_equal(target, upper_bound) if open_upper_bound
                                   else np.greater(target, upper_bound))
        subscripts = _np_where(violations)
        if np.size(subscripts):
            raise AssertionError(f"{len(subscripts[0])} of the {np.size(target)} element(s) are outside the range "
                                 f"{range_str}. Subscript(s) and value(s) of the offending elements:\n" +
                                 "\n".join(self._format_subscripts(subscripts, target)))

    def assertAllInSet(self, target: Any, expected_set: Any) -> None:  # noqa: N802
        target = self._GetNdArray(target)
        diff = np.setdiff1d(target.flatten(), list(expected_set))
        if np.size(diff):
            raise AssertionError(f"{np.size(diff)} unique element(s) are not in the set {expected_set}: {diff}")

    def assertDTypeEqual(self, target: Any, expected_dtype: Any) -> None:  # noqa: N802
        self.assertEqual(self._GetNdArray(target).dtype, expected_dtype)

    def assertNear(self, f1: Any, f2: Any, err: float, msg: Any = None) -> None:  # noqa: N802
        f1 = np.squeeze(f1)
        f2 = np.squeeze(f2)
        if f1 != f2:
            diff = math.fabs(f1 - f2)
            self.assertTrue(diff <= err, f"{f1:f} != {f2:f} +/- {err:f} (difference: {diff:g})"
                                         f"{f' ({msg})' if msg is not None else ''}")

    def assertArrayNear(self, farray1: Any, farray2: Any, err: float, msg: Any = None) -> None:  # noqa: N802
        self.assertEqual(len(farray1), len(farray2), msg=msg)
        for f1, f2 in zip(farray1, farray2):
            self.assertNear(float(f1), float(f2), err, msg=msg)

    def assertNDArrayNear(self, ndarray1: Any, ndarray2: Any, err: float, msg: Any = None) -> None:  # noqa: N802
        self.assertTrue(np.linalg.norm(ndarray1 - ndarray2) < err, msg=msg)

    def assertShapeEqual(self, input_a: Any, input_b: Any, msg: Any = None) -> None:  # noqa: N802
        for label, value in (("input_a", input_a), ("input_b", input_b)):
            if not isinstance(value, (np.ndarray, np.generic, Tensor)):
                raise TypeError(f"{label} must be a Numpy ndarray, Numpy scalar, or a Tensor.Instead received "
                                f"{type(value)}")
        shape_a = input_a.get_shape().as_list() if isinstance(input_a, Tensor) else input_a.shape
        shape_b = input_b.get_shape().as_list() if isinstance(input_b, Tensor) else input_b.shape
        self.assertAllEqual(shape_a, shape_b, msg=msg)

    def assertDeviceEqual(self, device1: Any, device2: Any, msg: Any = None) -> None:  # noqa: N802
        self.assertEqual(device1, device2, f"Devices {device1} and {device2} are not equal. {msg}")

    def assertDictEqual(self, a: Any, b: Any, msg: Any = None) -> None:  # noqa: N802
        try:
            super().assertDictEqual(a, b, msg)
        except Exception:  # fall back to comparing values as arrays, as TF does
            self.assertCountEqual(a.keys(), b.keys())
            for k, v in a.items():
                if np.issubdtype(self._GetNdArray(v).dtype, np.floating):
                    self.assertAllClose(v, b[k], msg=k)
                else:
                    self.assertAllEqual(v, b[k], msg=k)

    # -- exceptions ---------------------------------------------------------------------------
    @contextlib.contextmanager
    def assertRaisesWithPredicateMatch(self, exception_type: Any,  # noqa: N802
                                       expected_err_re_or_predicate: Any) -> Iterator[None]:
        if callable(expected_err_re_or_predicate):
            predicate = expected_err_re_or_predicate
        else:
            def predicate(e: BaseException) -> Any:
                text = e.message if isinstance(e, OpError) else str(e)
                return re.search(expected_err_re_or_predicate, text)
        try:
            yield
            self.fail(exception_type.__name__ + " not raised")
        except Exception as e:
            if not isinstance(e, exception_type) or not predicate(e):
                raise AssertionError(f"Exception of type {type(e)}: {e}") from None

    def assertRaisesOpError(self, expected_err_re_or_predicate: Any) -> Any:  # noqa: N802
        return self.assertRaisesWithPredicateMatch(OpError, expected_err_re_or_predicate)

    def assertRaisesIncompatibleShapesError(self, exception_type: Any = InvalidArgumentError) -> Any:  # noqa: N802
        return self.assertRaisesWithPredicateMatch(
            exception_type, r"Incompatible shapes|Dimensions must be equal|required broadcastable shapes")

    # -- absl's extra assertions that TF tests use ------------------------------------------------
    def assertStartsWith(self, actual: Any, expected_start: Any, msg: Any = None) -> None:  # noqa: N802
        if not actual.startswith(expected_start):
            self.fail(f"{actual!r} does not start with {expected_start!r}" + (f" : {msg!r}" if msg else ""))

    def assertEndsWith(self, actual: Any, expected_end: Any, msg: Any = None) -> None:  # noqa: N802
        if not actual.endswith(expected_end):
            self.fail(f"{actual!r} does not end with {expected_end!r}" + (f" : {msg!r}" if msg else ""))

    def assertItemsEqual(self, first: Any, second: Any, msg: Any = None) -> None:  # noqa: N802
        self.assertCountEqual(first, second, msg)

    def assertSameElements(self, expected_seq: Any, actual_seq: Any, msg: Any = None) -> None:  # noqa: N802
        self.assertEqual(set(expected_seq), set(actual_seq), msg)

    def assertLen(self, container: Any, expected_len: int, msg: Any = None) -> None:  # noqa: N802
        if len(container) != expected_len:
            self.fail(f"{container!r} has length of {len(container)}, expected {expected_len}." +
                      (f" : {msg}" if msg else ""))

    def assertEmpty(self, container: Any, msg: Any = None) -> None:  # noqa: N802
        if len(container):
            self.fail(f"{container!r} has length of {len(container)}." + (f" : {msg}" if msg else ""))

    def assertNotEmpty(self, container: Any, msg: Any = None) -> None:  # noqa: N802
        if not len(container):
            self.fail(f"{container!r} has length of 0." + (f" : {msg}" if msg else ""))

    def assertBetween(self, value: Any, minv: Any, maxv: Any, msg: Any = None) -> None:  # noqa: N802
        if not minv <= value <= maxv:
            self.fail(f"{value!r} is not in range [{minv!r}, {maxv!r}]" + (f" : {msg}" if msg else ""))


# -- compute_gradient (gradient_checker_v2) ---------------------------------------------------
def _product(shape: Any) -> int:
    if isinstance(shape, int):
        return shape
    out = 1
    for d in shape:
        out *= d
    return out


def _to_numpy(a: Any) -> Any:
    if isinstance(a, EagerTensor):
        return a.numpy()
    if isinstance(a, IndexedSlices):
        return convert_to_tensor(a).numpy()
    return a


def _prepare(f: Callable[..., Any]) -> Callable[..., Any]:
    def decorated(*xs_data: Any) -> Any:
        return f(*[convert_to_tensor(x) for x in xs_data])

    return decorated


def _gradient_of(f: Callable[..., Any], param: int) -> Callable[..., Any]:
    """TF's `gradients_function(f, [param])` with an upstream gradient `dy`."""
    from tfshim.gradient_tape import GradientTape

    def grad_fn(dy: Any, *xs: Any) -> Any:
        xs = [convert_to_tensor(x) for x in xs]
        with GradientTape() as tape:
            tape.watch(xs[param])
            y = f(*xs)
        return tape.gradient(y, xs[param], output_gradients=convert_to_tensor(dy))

    return grad_fn


def _theoretical_jacobian(f: Callable[..., Any], y_shape: tuple, y_dtype: Any, xs: list, param: int) -> np.ndarray:
    x = xs[param]
    x_shape = (*tuple(x.shape), 2) if x.dtype.is_complex else tuple(x.shape)
    y_factor = 2 if y_dtype.is_complex else 1
    x_size = _product(x_shape)
    y_size = _product(y_shape) * y_factor
    jacobian = np.zeros((y_size, x_size), dtype=x.dtype.real_dtype._np)
    dy_data = np.zeros(y_shape, dtype=y_dtype._np)
    dy_flat = dy_data.ravel().view(y_dtype.real_dtype._np)
    grad_fn = _gradient_of(f, param)
    for row in range(y_size):
        dy_flat[row] = 1
        grad = _to_numpy(grad_fn(dy_data, *xs))
        if grad is not None:
            jacobian[row, :] = np.asarray(grad).ravel().view(jacobian.dtype)
        dy_flat[row] = 0
    if y_size == 0:
        grad = _to_numpy(grad_fn(dy_data, *xs))
        if grad.shape != tuple(x.shape):
            raise ValueError(f"Empty gradient has wrong shape: expected {x.shape}, got {grad.shape}")
        if np.any(grad):
            raise ValueError("Empty tensor with nonzero gradients")
    return jacobian


def _numeric_jacobian(f: Callable[..., Any], y_size: int, y_dtype: Any, xs: list, param: int,
                      delta: float) -> np.ndarray:
    x_dtype_tf = xs[param].dtype
    x_size = _product(tuple(xs[param].shape)) * (2 if x_dtype_tf.is_complex else 1)
    y_size = y_size * (2 if y_dtype.is_complex else 1)
    x_dtype = x_dtype_tf.real_dtype._np
    y_np_dtype = y_dtype.real_dtype._np
    arrays = [np.array(_to_numpy(x)) for x in xs]
    x = arrays[param]
    scale = np.asarray(2 * delta, dtype=y_np_dtype)[()]
    jacobian = np.zeros((y_size, x_size), dtype=x_dtype)
    f = _prepare(f)
    flat = x.reshape(-1).view(x_dtype)
    for col in range(x_size):
        original = flat[col]
        flat[col] += delta
        y_pos = _to_numpy(f(*arrays))
        flat[col] = original
        flat[col] -= delta
        y_neg = _to_numpy(f(*arrays))
        flat[col] = original
        diff = (y_pos - y_neg) / scale
        jacobian[:, col] = np.asarray(diff).ravel().view(y_np_dtype)
    return jacobian


_ALLOWED = (_dtypes.float16, _dtypes.bfloat16, _dtypes.float32, _dtypes.float64, _dtypes.complex64,
            _dtypes.complex128)


def compute_gradient(f: Callable[..., Any], x: Any, delta: float | None = None) -> tuple:
    """`tf.test.compute_gradient`: `(theoretical, numeric)`, each a tuple with one Jacobian per argument
    of shape `(y_size, x_size)` (complex values count as two real ones)."""
    if not isinstance(x, (list, tuple)):
        raise ValueError("`x` must be a list or tuple of values convertible to a Tensor (arguments to `f`), not a "
                         f"{type(x)}")
    if delta is None:
        delta = 1.0 / 1024
    xs = [convert_to_tensor(v) for v in x]
    y = _prepare(f)(*xs)
    y_shape = tuple(y.shape)
    y_dtype = _dtypes.as_dtype(y.dtype)
    results = []
    for i in range(len(xs)):
        t = xs[i].dtype
        # explicit raises, not `assert`: pytest rewrites asserts in tfshim (it ships a pytest plugin)
        if t not in _ALLOWED:
            raise AssertionError(f"Cannot compute gradient for unsupported type {t.name} of argument {i}")
        if y_dtype not in _ALLOWED:
            raise AssertionError(f"Cannot compute gradient for unsupported type {y_dtype.name} of y")
        jacob_t = _theoretical_jacobian(f, y_shape, y_dtype, xs, i)
        jacob_n = _numeric_jacobian(f, _product(y_shape), y_dtype, xs, i, delta)
        results.append((jacob_t, jacob_n))
    return tuple(zip(*results))


# -- main and device queries ------------------------------------------------------------------
def main(argv: Any = None) -> None:
    """`tf.test.main`: runs the tests of `__main__` (unittest)."""
    unittest.main(argv=argv)


def is_gpu_available(cuda_only: bool = False, min_cuda_compute_capability: Any = None) -> bool:
    return False


def gpu_device_name() -> str:
    return ""


def is_built_with_cuda() -> bool:
    return False


def is_built_with_rocm() -> bool:
    return False


def is_built_with_gpu_support() -> bool:
    return False


def is_built_with_xla() -> bool:
    return False
