"""TensorFlow's exception classes (`tf.errors`) and the message shapes its kernels use.

An op that rejects its input raises the same class TensorFlow raises, with TensorFlow's message text:
kernel failures carry the `{{function_node __wrapped__<Op>_device_...}}` prefix and the
` [Op:<Op>] name: ` suffix; dtype mismatches found before a kernel runs carry only the suffix.
"""

from __future__ import annotations

from typing import Any

OK = 0
CANCELLED = 1
UNKNOWN = 2
INVALID_ARGUMENT = 3
DEADLINE_EXCEEDED = 4
NOT_FOUND = 5
ALREADY_EXISTS = 6
PERMISSION_DENIED = 7
RESOURCE_EXHAUSTED = 8
FAILED_PRECONDITION = 9
ABORTED = 10
OUT_OF_RANGE = 11
UNIMPLEMENTED = 12
INTERNAL = 13
UNAVAILABLE = 14
DATA_LOSS = 15
UNAUTHENTICATED = 16

_DEVICE = "/job:localhost/replica:0/task:0/device:CPU:0"


class OpError(Exception):
    """The base class of errors raised by ops (`tf.errors.OpError`)."""

    def __init__(self, node_def: Any, op: Any, message: str, *args: Any) -> None:
        super().__init__()
        self._node_def = node_def
        self._op = op
        self._message = message
        self._error_code = args[0] if args else UNKNOWN

    def __reduce__(self) -> tuple:
        init_args = (self._node_def, self._op, self._message)
        if type(self) is OpError:
            init_args += (self._error_code,)
        return type(self), init_args

    @property
    def message(self) -> str:
        return self._message

    @property
    def op(self) -> Any:
        return self._op

    @property
    def error_code(self) -> int:
        return self._error_code

    @property
    def node_def(self) -> Any:
        return self._node_def

    @property
    def experimental_payloads(self) -> dict:
        return {}

    def __str__(self) -> str:
        return self._message


def _error_class(name: str, code: int, doc: str) -> type[OpError]:
    def init(self: OpError, node_def: Any = None, op: Any = None, message: str = "", *args: Any) -> None:
        OpError.__init__(self, node_def, op, message, code)

    return type(name, (OpError,), {"__init__": init, "__doc__": doc, "__module__": __name__})


CancelledError = _error_class("CancelledError", CANCELLED, "An operation was cancelled.")
UnknownError = _error_class("UnknownError", UNKNOWN, "An unknown error.")
InvalidArgumentError = _error_class("InvalidArgumentError", INVALID_ARGUMENT,
                                    "An op received an argument it cannot accept.")
DeadlineExceededError = _error_class("DeadlineExceededError", DEADLINE_EXCEEDED, "A deadline expired.")
NotFoundError = _error_class("NotFoundError", NOT_FOUND, "A requested entity was not found.")
AlreadyExistsError = _error_class("AlreadyExistsError", ALREADY_EXISTS, "An entity already exists.")
PermissionDeniedError = _error_class("PermissionDeniedError", PERMISSION_DENIED, "Permission denied.")
ResourceExhaustedError = _error_class("ResourceExhaustedError", RESOURCE_EXHAUSTED, "A resource ran out.")
FailedPreconditionError = _error_class("FailedPreconditionError", FAILED_PRECONDITION,
                                       "The system is not in a state to run the operation.")
AbortedError = _error_class("AbortedError", ABORTED, "An operation was aborted.")
OutOfRangeError = _error_class("OutOfRangeError", OUT_OF_RANGE, "An operation went past the valid range.")
UnimplementedError = _error_class("UnimplementedError", UNIMPLEMENTED, "An operation is not implemented.")
InternalError = _error_class("InternalError", INTERNAL, "An internal invariant was broken.")
UnavailableError = _error_class("UnavailableError", UNAVAILABLE, "A service is unavailable.")
DataLossError = _error_class("DataLossError", DATA_LOSS, "Unrecoverable data loss.")
UnauthenticatedError = _error_class("UnauthenticatedError", UNAUTHENTICATED, "Missing credentials.")


def kernel_error(op_type: str, detail: str, name: str | None = "", cls: type[OpError] | None = None) -> OpError:
    """An error raised while an op's kernel runs, worded as TensorFlow words it. Ops whose Python
    wrapper passes no name scope (`name=None`) end at `[Op:<Op>]`."""
    cls = cls or InvalidArgumentError
    suffix = f"[Op:{op_type}]" if name is None else f"[Op:{op_type}] name: {name}"
    return cls(None, None, f"{{{{function_node __wrapped__{op_type}_device_{_DEVICE}}}}} {detail} {suffix}")


def op_error(op_type: str, detail: str, name: str = "", cls: type[OpError] | None = None) -> OpError:
    """An error raised while an op is being set up (before its kernel runs)."""
    cls = cls or InvalidArgumentError
    return cls(None, None, f"{detail} [Op:{op_type}] name: {name}")
