"""Control flow in eager form: `tf.cond`, `tf.case`, `tf.switch_case`, `tf.while_loop`, `tf.map_fn`,
`tf.vectorized_map`, `tf.scan`, `tf.foldl`, `tf.foldr`, `tf.py_function`, `tf.numpy_function`,
`tf.TensorArray`, and the graph-era helpers that are no-ops eagerly (`tf.group`, `tf.no_op`,
`tf.tuple`, `tf.control_dependencies`).

Each follows TensorFlow's *eager* code path, so Python branches and loops run directly and the tape
records only the ops actually executed (a branch that returns a constant gives a None gradient, a
`while_loop` differentiates like the unrolled loop). Results, argument checks and error texts are
TensorFlow's eager ones, quirks included (`tf.cond(True, ...)` returns the branch's Python value).

`tf.py_function` records one `EagerPyFunc` op whose gradient replays a tape kept from the call, as
TensorFlow does: an input the function's outputs do not depend on gets a scalar `0.0` gradient, and
second derivatives through it are None. `tf.numpy_function` is not differentiable.

Differences: `tf.vectorized_map` runs `fn` once per element (no pfor vectorization; results are the
same; an empty batch runs `fn` once on zeros to learn the output shapes); errors raised inside a
`py_function` carry a Python traceback that differs from TensorFlow's; messages of structure
mismatches (`while_loop`, `map_fn`) come from `tf.nest`; `tf.case(exclusive=True)` does not check
exclusivity (TF's eager check does not fire either).
"""

from __future__ import annotations

import contextlib
import functools
import traceback
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from tfshim import nest
from tfshim._engine import dtypes as _dtypes
from tfshim._engine import errors as _errors
from tfshim._engine import tape as _tape
from tfshim._engine.convert import convert_to_tensor
from tfshim._engine.registry import execute_multi, op_def
from tfshim._engine.tensor import DEVICE, EagerTensor, Tensor
from tfshim._engine.tensor_shape import TensorShape

_EAGER_PY_FUNC = op_def("EagerPyFunc")
_PY_FUNC = op_def("PyFunc", differentiable=False)


def _is_variable(x: Any) -> bool:
    return getattr(x, "_is_variable", False)


def _read_variables(structure: Any) -> Any:
    """TF's `variable_utils.convert_variables_to_tensors`: variables become their current values."""
    return nest.map_structure(lambda x: convert_to_tensor(x) if _is_variable(x) else x, structure)


def _constant_value(pred: EagerTensor) -> Any:
    return pred.numpy()


# -- cond / case / switch_case ----------------------------------------------------------------
def cond(pred: Any, true_fn: Callable[[], Any] | None = None, false_fn: Callable[[], Any] | None = None,
         name: Any = None) -> Any:
    """`tf.cond`: calls `true_fn()` if `pred` is true, else `false_fn()`, and returns what the branch
    returned unchanged (a Python value stays a Python value, as in TF's eager mode)."""
    if true_fn is None:
        raise TypeError("cond(): 'true_fn' argument required")
    if false_fn is None:
        raise TypeError("cond(): 'false_fn' argument required")
    if not callable(true_fn):
        raise TypeError("'true_fn' must be callable.")
    if not callable(false_fn):
        raise TypeError("'false_fn' must be callable.")
    value = _constant_value(convert_to_tensor(pred))
    return true_fn() if value else false_fn()


def switch_case(branch_index: Any, branch_fns: Any, default: Callable[[], Any] | None = None,
                name: str = "switch_case") -> Any:
    """`tf.switch_case`: calls `branch_fns[branch_index]()`; an index out of range runs `default`
    (or the last branch when there is none). `branch_index` must be an integer tensor."""
    if not isinstance(branch_index, Tensor):
        raise TypeError(f"'branch_index' must be a Tensor, got {type(branch_index)}")
    if not branch_index.dtype.is_integer:
        raise TypeError(f"'branch_index' must be an integer Tensor, got {branch_index.dtype}")
    if not branch_fns:
        raise ValueError("Must provide at least one item in 'branch_fns'")
    if not isinstance(branch_fns, (list, tuple, dict)):
        raise TypeError("'branch_fns' must be a list, tuple, or dict")
    if isinstance(branch_fns, dict):
        branch_fns = branch_fns.items()
    if all(callable(fn) for fn in branch_fns):
        branch_fns = list(enumerate(branch_fns))
    for pair in branch_fns:
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise TypeError(f"Each entry in 'branch_fns' must be a 2-tuple. Received {pair}.")
        key, fn = pair
        if not isinstance(key, int):
            raise TypeError(f"key must be a Python `int`, got {type(key)}")
        if not callable(fn):
            raise TypeError(f"fn for key {key} must be callable.")
    keys = [p[0] for p in branch_fns]
    if min(keys) < 0 or max(keys) >= len(keys) or len(set(keys)) != len(keys):
        raise ValueError(f"branch indices (keys) must form contiguous range of [0 to {len(keys)}) but found "
                         f"{{{','.join(map(str, sorted(keys)))}}}")
    actions = [p[1] for p in sorted(branch_fns, key=lambda p: p[0])]
    if default is not None:
        actions.append(default)
    index = branch_index._value
    if np.ndim(index) != 0:
        raise _errors.kernel_error("Select", "'then' must be at least a vector, but saw shape: []")
    index = int(index)
    if index < 0 or index >= len(actions):
        index = len(actions) - 1
    return actions[index]()


def case(pred_fn_pairs: Any, default: Callable[[], Any] | None = None, exclusive: bool = False,
         strict: bool = False, name: str = "case") -> Any:
    """`tf.case`: runs the function of the first true predicate. Without `default`, the last pair's
    function is the default and an InvalidArgumentError is raised when no predicate holds."""
    from tfshim.ops.check_ops import Assert

    if not isinstance(pred_fn_pairs, (list, tuple, dict)):
        raise TypeError(f"'pred_fn_pairs' must be a list, tuple, or dict. Received: {type(pred_fn_pairs)}")
    if isinstance(pred_fn_pairs, dict):
        if not exclusive:
            raise ValueError("Unordered dictionaries are not supported for the 'pred_fn_pairs' argument when "
                             "`exclusive=False` and eager mode is enabled.")
        pred_fn_pairs = list(pred_fn_pairs.items())
    for pair in pred_fn_pairs:
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise TypeError(f"Each entry in 'pred_fn_pairs' must be a 2-tuple. Received {pair}.")
        pred, fn = pair
        if isinstance(pred, Tensor):
            if pred.dtype != _dtypes.bool:
                raise TypeError(f"pred must be Tensor of type bool: {pred.name}")
        else:
            raise TypeError(f"pred must be a Tensor, got: {pred}")
        if not callable(fn):
            raise TypeError(f"fn for pred {pred.name} must be callable.")
    predicates = [p for p, _ in pred_fn_pairs]
    actions = [f for _, f in pred_fn_pairs]
    if default is None:
        last_pred, last_action = predicates[-1], actions[-1]
        stacked = list(predicates)

        def default_action() -> Any:
            Assert(last_pred, ("Input error: None of conditions evaluated as True:", _stack_bools(stacked)))
            return last_action()

        default = default_action
        predicates, actions = predicates[:-1], actions[:-1]
    for pred, action in zip(predicates, actions):
        if _constant_value(pred):
            return action()
    return default()


def _stack_bools(preds: list) -> EagerTensor:
    return EagerTensor(np.array([bool(p._value) for p in preds]))


# -- while_loop ---------------------------------------------------------------------------------
def while_loop(cond: Callable[..., Any], body: Callable[..., Any], loop_vars: Any, shape_invariants: Any = None,
               parallel_iterations: int = 10, back_prop: bool = True, swap_memory: bool = False,
               maximum_iterations: Any = None, name: Any = None) -> Any:
    """`tf.while_loop`: runs `body` while `cond` holds, as a Python loop (so gradients are those of
    the unrolled loop). Returns the loop variables in the structure `body` returns them."""
    if not callable(cond):
        raise TypeError("'cond' must be callable.")
    if not callable(body):
        raise TypeError("'body' must be callable.")
    if parallel_iterations < 1:
        raise TypeError("'parallel_iterations' must be a positive integer.")
    loop_vars = _read_variables(loop_vars)
    if not loop_vars:
        raise ValueError("'loop_vars' must be provided.")
    len(loop_vars)  # TF computes len() here, so a bare number fails with TypeError
    if maximum_iterations is not None:
        limit_t = convert_to_tensor(maximum_iterations)
        if limit_t._value.ndim != 0:
            raise ValueError(f"'maximum_iterations' must be a scalar. Received shape: {limit_t.shape}")
        limit = int(limit_t._value)
        user_cond, user_body = cond, body

        def cond(i: int, lv: Any) -> Any:
            from tfshim.ops.comparison import logical_and

            return logical_and(i < limit, user_cond(*lv))

        def body(i: int, lv: Any) -> Any:
            return i + 1, user_body(*lv)

        loop_vars = (0, loop_vars)
    structure = nest.map_structure(lambda _: 0, list(loop_vars))
    while cond(*loop_vars):
        loop_vars = body(*loop_vars)
        nest.assert_same_structure(structure, list(loop_vars))
    loop_vars = nest.map_structure(_loop_output, loop_vars)
    if maximum_iterations is not None:
        return loop_vars[1]
    return loop_vars


def _loop_output(x: Any) -> Any:
    if isinstance(x, TensorArray):
        return x
    return convert_to_tensor(x)


# -- TensorArray --------------------------------------------------------------------------------
class TensorArray:
    """`tf.TensorArray` in eager mode: a Python list of tensors. `write`/`unstack`/`scatter`/`split`
    return the array itself; `read` returns the stored tensor, and `stack`/`gather`/`concat` use the
    differentiable stack/concat ops, so gradients flow through it as in TensorFlow."""

    _tf_composite = True  # tf.function returns it unconverted

    def __init__(self, dtype: Any, size: Any = None, dynamic_size: Any = None, clear_after_read: Any = None,
                 tensor_array_name: Any = None, handle: Any = None, flow: Any = None, infer_shape: bool = True,
                 element_shape: Any = None, colocate_with_first_write_call: bool = True, name: Any = None) -> None:
        if handle is not None:
            raise ValueError("TensorArray handles are not supported when eager execution is enabled.")
        if size is None:
            raise ValueError("Size must be declared for TensorArrays when eager execution is enabled.")
        self._flow = EagerTensor(np.int32(0))
        self._infer_shape = infer_shape
        self._element_shape = element_shape if isinstance(element_shape, TensorShape) else TensorShape(element_shape)
        self._dtype = _dtypes.as_dtype(dtype)
        self._dynamic_size = dynamic_size or False
        self._clear_after_read = True if clear_after_read is None else clear_after_read
        self._previously_read: list = []
        if isinstance(size, EagerTensor):
            size = size.numpy()
        self._tensors: list = [None for _ in range(size)]

    @property
    def flow(self) -> EagerTensor:
        return self._flow

    @property
    def dtype(self) -> _dtypes.DType:
        return self._dtype

    @property
    def handle(self) -> None:
        return None

    @property
    def element_shape(self) -> TensorShape:
        return self._element_shape

    @property
    def dynamic_size(self) -> bool:
        return self._dynamic_size

    def identity(self) -> TensorArray:
        return self

    def grad(self, source: Any, flow: Any = None, name: Any = None) -> Any:
        raise NotImplementedError("TensorArray.grad is not supported when executing eagerly; eager's gradient "
                                  "implementation does not use/need this function to compute gradients of "
                                  "operations that use TensorArrays.")

    def read(self, index: Any, name: Any = None) -> EagerTensor:
        """The tensor written at `index` (zeros of the element shape if none was)."""
        if isinstance(index, EagerTensor):
            index = index.numpy()
        if index < 0:
            raise _errors.OutOfRangeError(None, None, f"Reading from negative indices (index {index}) is not allowed.")
        if index >= len(self._tensors):
            raise _errors.OutOfRangeError(None, None, f"Tried to read from index {index} but array size is: "
                                                      f"{len(self._tensors)} ")
        tensor = self._tensors[index]
        if tensor is None:
            if index in self._previously_read:
                raise _errors.InvalidArgumentError(
                    None, None, f"Could not read index {index} twice because it was cleared after a previous read "
                                "(perhaps try setting clear_after_read = false?)")
            tensor = self._maybe_zero(index)
        if self._clear_after_read:
            self._tensors[index] = None
            self._previously_read.append(index)
        return tensor

    def _write(self, index: Any, value: Any) -> None:
        if isinstance(index, EagerTensor):
            index = index.numpy()
        if index < 0:
            raise _errors.OutOfRangeError(None, None, f"Writing to negative indices (index {index}) is not allowed.")
        size = len(self._tensors)
        if index >= size:
            if not self._dynamic_size:
                raise _errors.OutOfRangeError(None, None, f"Tried to write to index {index} but array is not "
                                                          f"resizeable and size is: {size} ")
            self._tensors.extend(None for _ in range(index - size + 1))
        if not isinstance(value, EagerTensor):
            value = convert_to_tensor(value, dtype_hint=self._dtype)
        if self._dtype != value.dtype:
            raise _errors.InvalidArgumentError(None, None, f"TensorArray dtype is {self._dtype.name} but Op is trying "
                                                           f"to write dtype {value.dtype.name} ")
        if not self._element_shape.is_compatible_with(value.shape):
            raise ValueError(f"Incompatible shape for value ({value.shape}), expected ({self._element_shape})")
        if self._infer_shape:
            self._element_shape = self._element_shape.merge_with(value.shape)
        self._tensors[index] = value

    def write(self, index: Any, value: Any, name: Any = None) -> TensorArray:
        """Stores `value` at `index`; returns this array."""
        self._write(index, value)
        return self

    def _maybe_zero(self, index: int) -> EagerTensor:
        value = self._tensors[index]
        if value is None:
            from tfshim.ops.creation import zeros

            shape = convert_to_tensor(self._element_shape)
            value = self._tensors[index] = zeros(shape, dtype=self._dtype)
        return value

    def stack(self, name: Any = None) -> EagerTensor:
        """All elements stacked along a new first axis."""
        from tfshim.ops.array_ops import stack

        if self._tensors:
            for i in range(len(self._tensors)):
                self._maybe_zero(i)
            return stack(list(self._tensors))
        if self._element_shape.is_fully_defined():
            dims = (0, *self._element_shape.as_list())
            return EagerTensor(np.zeros(dims, dtype=self._dtype._np))
        return convert_to_tensor([], dtype=self._dtype)

    def gather(self, indices: Any, name: Any = None) -> EagerTensor:
        from tfshim.ops.array_ops import stack

        if isinstance(indices, EagerTensor):
            indices = indices.numpy()
        return stack([self._maybe_zero(i) for i in indices])

    def concat(self, name: Any = None) -> EagerTensor:
        from tfshim.ops.array_ops import concat

        try:
            return concat([self._maybe_zero(i) for i in range(len(self._tensors))], 0)
        except _errors.OpError:
            ndims = [t.shape.rank for t in self._tensors]
            if 0 in ndims:
                raise _errors.InvalidArgumentError(
                    None, None, f"Concat saw a scalar shape at index {ndims.index(0)} but requires at least "
                                "vectors.") from None
            raise

    def unstack(self, value: Any, name: Any = None) -> TensorArray:
        """Splits `value` along its first axis into the elements; returns this array."""
        from tfshim.ops.array_ops import unstack

        tensors = unstack(value)
        if len(tensors) > len(self._tensors) and not self._dynamic_size:
            raise ValueError(f"Cannot unstack {len(tensors)} tensors into a TensorArray of static size "
                             f"{len(self._tensors)} ")
        self._tensors = tensors
        return self

    def scatter(self, indices: Any, value: Any, name: Any = None) -> TensorArray:
        from tfshim.ops.array_ops import unstack

        if isinstance(indices, EagerTensor):
            indices = indices.numpy()
        for index, val in zip(indices, unstack(value)):
            self._write(index, val)
        return self

    def split(self, value: Any, lengths: Any, name: Any = None) -> TensorArray:
        from tfshim.ops.array_ops import split

        value = convert_to_tensor(value, dtype_hint=self._dtype)
        lengths = convert_to_tensor(lengths)
        total = int(np.sum(lengths._value))
        if lengths._value.ndim != 1:
            raise _errors.InvalidArgumentError(None, None, f"Expected lengths to be a vector, received shape: "
                                                           f"{lengths.shape.as_list()} ")
        if value._value.ndim == 0:
            raise _errors.InvalidArgumentError(None, None, "Expected value to be at least a vector, but received "
                                                           f"shape: {value.shape.as_list()} ")
        if total != value._value.shape[0]:
            raise _errors.InvalidArgumentError(None, None, "Expected sum of lengths to be equal to values.shape[0], "
                                                           f"but sum of lengths is {total} and value's shape is: "
                                                           f"{value.shape.as_list()} ")
        if not self._dynamic_size and lengths._value.shape[0] != len(self._tensors):
            raise _errors.InvalidArgumentError(None, None, f"TensorArray's size is not equal to the size of lengths "
                                                           f"({len(self._tensors)} vs. {lengths._value.shape[0]}), "
                                                           "and the TensorArray is not marked as dynamically "
                                                           "resizeable.")
        self._tensors = split(value, lengths)
        return self

    def size(self, name: Any = None) -> EagerTensor:
        return EagerTensor(np.int32(len(self._tensors)))

    def close(self, name: Any = None) -> None:
        del self._tensors[:]


# -- map_fn / vectorized_map / scan / folds ---------------------------------------------------
def _output_spec(dtype: Any) -> Any:
    from tfshim.function import TensorSpec

    return dtype if isinstance(dtype, TensorSpec) else TensorSpec(None, dtype)


def map_fn(fn: Callable[[Any], Any], elems: Any, dtype: Any = None, parallel_iterations: Any = None,
           back_prop: bool = True, swap_memory: bool = False, infer_shape: bool = True, name: Any = None,
           fn_output_signature: Any = None) -> Any:
    """`tf.map_fn`: `fn` applied to each slice of `elems` along the first axis, results stacked.
    Without `fn_output_signature` (or `dtype`) the output must have `elems`' structure and dtypes."""
    from tfshim.ops.array_ops import unstack

    if fn_output_signature is None:
        fn_output_signature = dtype
    if not callable(fn):
        raise TypeError(f"The provided function {fn.__name__} is not callable.fn must be callable.")
    elems = _read_variables(elems)
    elems_flat = nest.flatten(elems)
    if len(elems_flat) == 0:
        raise ValueError(f"elems must be a Tensor or (possibly nested) sequence of Tensors. Got {elems}, which does "
                         "not contain any Tensors.")
    elems_flat = [convert_to_tensor(t) for t in elems_flat]
    if fn_output_signature is None:
        out_specs = [_output_spec(t.dtype) for t in elems_flat]
    else:
        out_specs = [_output_spec(d) for d in nest.flatten(fn_output_signature)]
    if elems_flat[0]._value.ndim < 1:
        raise ValueError("Elements in elems must be 1+ dimensional Tensors, not scalars")
    n = elems_flat[0]._value.shape[0]
    for t in elems_flat[1:]:
        if t._value.ndim < 1:
            raise ValueError(f"Shape {t.shape} must have rank at least 1")
        if t._value.shape[0] != n:
            raise ValueError(f"Dimensions {n} and {t._value.shape[0]} are not compatible")
    slices = [unstack(t) for t in elems_flat]
    results = [TensorArray(spec.dtype, size=n, dynamic_size=False, infer_shape=infer_shape,
                           element_shape=spec.shape) for spec in out_specs]
    for i in range(n):
        value = nest.pack_sequence_as(elems, [s[i] for s in slices])
        result = fn(value)
        nest.assert_same_structure(fn_output_signature or elems, result)
        for ta, leaf in zip(results, nest.flatten(result)):
            ta.write(i, leaf)
    stacked = [ta.stack() for ta in results]
    if fn_output_signature is None:
        return nest.pack_sequence_as(elems, stacked)
    return nest.pack_sequence_as(fn_output_signature, stacked)


def vectorized_map(fn: Callable[[Any], Any], elems: Any, fallback_to_while_loop: bool = True,
                   warn: bool = True) -> Any:
    """`tf.vectorized_map`: like `map_fn` but outputs need not match `elems`; elements whose first
    dimension is 1 are broadcast. Differs from TF: `fn` runs once per element instead of being
    vectorized with pfor (same values and gradients), and once on zeros for an empty batch."""
    from tfshim.ops.array_ops import stack

    elems = _read_variables(elems)
    elems = nest.map_structure(convert_to_tensor, elems)
    flat = nest.flatten(elems)
    batch_size = max(t.shape.as_list()[0] for t in flat)
    if batch_size == 0:  # TF traces fn symbolically; here it runs once on zeros to learn the output shapes
        probe = fn(nest.map_structure(lambda x: EagerTensor(np.zeros(x._value.shape[1:], x._value.dtype)), elems))
        empty = [EagerTensor(np.zeros((0, *t._value.shape), t._value.dtype))
                 for t in (convert_to_tensor(o) for o in nest.flatten(probe))]
        return nest.pack_sequence_as(probe, empty)
    outputs = []
    for i in range(batch_size):
        # an element with a first dimension of 1 is broadcast along the batch, as pfor does
        result = fn(nest.map_structure(lambda x, i=i: x[0] if x._value.shape[0] == 1 else x[i], elems))
        outputs.append(result)
    flat_out = [nest.flatten(o) for o in outputs]
    stacked = [stack([convert_to_tensor(o[j]) for o in flat_out]) for j in range(len(flat_out[0]))]
    return nest.pack_sequence_as(outputs[0], stacked)


def scan(fn: Callable[[Any, Any], Any], elems: Any, initializer: Any = None, parallel_iterations: int = 10,
         back_prop: bool = True, swap_memory: bool = False, infer_shape: bool = True, reverse: bool = False,
         name: Any = None) -> Any:
    """`tf.scan`: the stacked sequence of accumulators `a = fn(a, x)` over the first axis of `elems`."""
    elems = _read_variables(elems)
    elems_flat = [convert_to_tensor(t) for t in nest.flatten(elems)]
    n = elems_flat[0]._value.shape[0] if elems_flat[0]._value.ndim else 0
    arrays = [TensorArray(t.dtype, size=n, infer_shape=True).unstack(t) for t in elems_flat]
    order = list(range(n - 1, -1, -1)) if reverse else list(range(n))
    if initializer is None:
        first = order[0] if order else 0
        a_flat = [ta.read(first) for ta in arrays]
        acc = nest.pack_sequence_as(elems, a_flat)
        order = order[1:]
        initial_index = first
    else:
        acc = nest.map_structure(convert_to_tensor, initializer)
        initial_index = None
    acc_flat = nest.flatten(acc)
    outs = [TensorArray(a.dtype, size=n, dynamic_size=False, infer_shape=infer_shape) for a in acc_flat]
    if initial_index is not None:
        for ta, a in zip(outs, acc_flat):
            ta.write(initial_index, a)
    for i in order:
        x = nest.pack_sequence_as(elems, [ta.read(i) for ta in arrays])
        acc = fn(acc, x)
        nest.assert_same_structure(initializer if initializer is not None else elems, acc)
        for ta, a in zip(outs, nest.flatten(acc)):
            ta.write(i, a)
    stacked = [ta.stack() for ta in outs]
    return nest.pack_sequence_as(initializer if initializer is not None else elems, stacked)


def _fold(fn: Callable[[Any, Any], Any], elems: Any, initializer: Any, reverse: bool) -> Any:
    elems = _read_variables(elems)
    elems_flat = [convert_to_tensor(t) for t in nest.flatten(elems)]
    n = elems_flat[0]._value.shape[0] if elems_flat[0]._value.ndim else 0
    arrays = [TensorArray(t.dtype, size=n, infer_shape=True).unstack(t) for t in elems_flat]
    order = list(range(n - 1, -1, -1)) if reverse else list(range(n))
    if initializer is None:
        first = n - 1 if reverse else 0
        acc = nest.pack_sequence_as(elems, [ta.read(first) for ta in arrays])
        order = order[1:]
    else:
        acc = initializer
    for i in order:
        acc = fn(acc, nest.pack_sequence_as(elems, [ta.read(i) for ta in arrays]))
    return nest.map_structure(convert_to_tensor, acc)


def foldl(fn: Callable[[Any, Any], Any], elems: Any, initializer: Any = None, parallel_iterations: int = 10,
          back_prop: bool = True, swap_memory: bool = False, name: Any = None) -> Any:
    """`tf.foldl`: `fn(...fn(fn(initializer, x0), x1)..., xn)` over the first axis of `elems`."""
    return _fold(fn, elems, initializer, reverse=False)


def foldr(fn: Callable[[Any, Any], Any], elems: Any, initializer: Any = None, parallel_iterations: int = 10,
          back_prop: bool = True, swap_memory: bool = False, name: Any = None) -> Any:
    """`tf.foldr`: like `foldl` from the last element to the first."""
    return _fold(fn, elems, initializer, reverse=True)


# -- py_function / numpy_function -------------------------------------------------------------
def _decorator_or_none(script_op: Callable[..., Any], op_name: str, func: Any, inp: Any, Tout: Any,  # noqa: N803
                       **kwargs: Any) -> Any:
    """TF's `_check_args_and_maybe_make_decorator`."""
    if Tout is None:
        raise TypeError(f"Missing required argument: 'Tout'\n  If using {op_name} as a decorator, set `Tout`\n"
                        f"  **by name** above the function:\n  `@{op_name}(Tout=tout)`")
    if func is None:
        if inp is not None:
            raise TypeError(f"Don't set the `inp` argument when using {op_name} as a decorator (`func=None`).")

        def decorator(fun: Callable[..., Any]) -> Callable[..., Any]:
            @functools.wraps(fun)
            def wrapper(*args: Any) -> Any:
                return script_op(fun, inp=args, Tout=Tout, **kwargs)

            return wrapper

        return decorator
    if inp is None:
        raise TypeError("Missing argument `inp`:\n  You must set the `inp` argument (the list of arguments to the\n"
                        f"  function), unless you use `{op_name}` as a decorator(`func=None`).")
    return None


def _py_error(exc: BaseException, n_in: int, n_out: int, name: Any) -> _errors.OpError:
    """The error TF's EagerPyFunc kernel raises for a Python exception in the function."""
    if isinstance(exc, _errors.OpError):
        cls = type(exc)
    elif isinstance(exc, (ValueError, TypeError)):
        cls = _errors.InvalidArgumentError
    elif isinstance(exc, StopIteration):
        cls = _errors.OutOfRangeError
    elif isinstance(exc, MemoryError):
        cls = _errors.ResourceExhaustedError
    elif isinstance(exc, NotImplementedError):
        cls = _errors.UnimplementedError
    else:
        cls = _errors.UnknownError
    tb = "\n".join(traceback.format_tb(exc.__traceback__))
    return cls(None, None, f"{{{{function_node __wrapped__EagerPyFunc_Tin_{n_in}_Tout_{n_out}_device_{DEVICE}}}}} "
                           f"{type(exc).__name__}: {exc}\nTraceback (most recent call last):\n\n{tb}\n"
                           f"{type(exc).__name__}: {exc}\n\n [Op:EagerPyFunc] name: {name or ''}")


def _convert_py_output(value: Any, dtype: Any) -> EagerTensor:
    if _is_variable(value):
        raise RuntimeError("Attempting to return a variable from an eagerly executed py_func. Only numeric data "
                           "structures like Tensors or NumPy arrays should be returned; to return the value of a "
                           "variable, make sure to obtain the Tensor backing it by calling `.read_value()` on the "
                           f"variable in question: {value}")
    return convert_to_tensor(value, dtype=dtype)


def py_function(func: Callable[..., Any] | None = None, inp: Any = None, Tout: Any = None,  # noqa: N803
                name: Any = None) -> Any:
    """`tf.py_function`: calls `func` on the inputs as eager tensors and converts its results to
    `Tout`. Differentiable through a tape kept from the call (see the module docstring)."""
    from tfshim.gradient_tape import GradientTape

    decorator = _decorator_or_none(py_function, "tf.py_function", func, inp, Tout, name=name)
    if decorator is not None:
        return decorator
    if not callable(func):
        raise ValueError(f"Expected func to be callable. Received func={func} of type {type(func)}.")
    inputs = _read_variables(list(inp))
    is_list = isinstance(Tout, (list, tuple))
    dtypes = [_dtypes.as_dtype(t) for t in (Tout if is_list else [Tout])]
    tensors = [convert_to_tensor(x) for x in inputs]
    recording = _tape.state.active > 0
    inner = None
    try:
        if recording:
            inner = GradientTape(persistent=True)
            with inner:
                for t in tensors:
                    if _tape.is_trainable(t):
                        inner.watch(t)
                outputs = _run_py_func(func, tensors, dtypes)
        else:
            outputs = _run_py_func(func, tensors, dtypes)
    except Exception as e:  # any error in the user's function becomes the kernel's error
        raise _py_error(e, len(tensors), len(dtypes), name) from None
    values = [o._value for o in outputs]
    attrs = {"tape": inner, "inputs": tensors, "outputs": outputs, "n_out": len(dtypes), "name": name}
    results = list(execute_multi(_EAGER_PY_FUNC, tuple(tensors), values, attrs))
    return results if is_list else results[0]


def _run_py_func(func: Callable[..., Any], tensors: list, dtypes: list) -> list:
    ret = func(*tensors)
    if isinstance(ret, (tuple, list)):
        return [_convert_py_output(x, dtype) for x, dtype in zip(ret, dtypes)]
    if ret is None:
        return []
    return [_convert_py_output(ret, dtypes[0])]


@_EAGER_PY_FUNC.gradient
def _eager_py_func_grad(op: Any, *grads: Any) -> tuple:
    """Replays the tape kept from the call; an input the outputs do not reach gets a scalar 0.0 of its
    dtype (TF converts the None), and the results are cut from further differentiation."""
    attrs = op.attrs
    inputs = attrs["inputs"]
    result = attrs["tape"].gradient(attrs["outputs"], inputs, output_gradients=list(grads))
    out = []
    for x, g in zip(inputs, result):
        try:
            g = convert_to_tensor(0.0, dtype=x.dtype) if g is None else convert_to_tensor(g, dtype=x.dtype)
        except Exception as e:  # raised by the gradient's own py_func kernel in TF
            raise _py_error(e, len(grads), len(inputs), None) from None
        out.append(EagerTensor(g._value))
    return tuple(out)


def numpy_function(func: Callable[..., Any] | None = None, inp: Any = None, Tout: Any = None,  # noqa: N803
                   stateful: bool = True, name: Any = None) -> Any:
    """`tf.numpy_function`: calls `func` on NumPy arrays. As in TF's eager mode, `Tout` is not applied:
    results are converted with their own dtypes. Not differentiable."""
    decorator = _decorator_or_none(numpy_function, "tf.numpy_function", func, inp, Tout, stateful=stateful,
                                   name=name)
    if decorator is not None:
        return decorator
    args = [np.array(x) for x in inp]
    result = nest.flatten(func(*args))
    result = [x if x is None else convert_to_tensor(x) for x in result]
    if _tape.state.active:
        sources = tuple(x for x in inp if isinstance(x, EagerTensor))
        real = [x for x in result if x is not None]
        if sources and real:
            recorded = execute_multi(_PY_FUNC, sources, [x._value for x in real])
            it = iter(recorded)
            result = [None if x is None else next(it) for x in result]
    if len(result) == 1:
        (result,) = result
    return result


# -- graph-era helpers ------------------------------------------------------------------------
@contextlib.contextmanager
def control_dependencies(control_inputs: Any) -> Iterator[None]:
    """`tf.control_dependencies`: a context that does nothing in eager mode (ops run in order)."""
    yield None


def group(*inputs: Any, **kwargs: Any) -> None:
    """`tf.group`: None in eager mode."""
    return None


def no_op(name: Any = None) -> None:
    """`tf.no_op`: None in eager mode."""
    return None


def tuple_(tensors: Any, control_inputs: Any = None, name: Any = None) -> list:
    """`tf.tuple`: the inputs, unchanged, as a list (eager mode needs no grouping)."""
    return list(tensors)
