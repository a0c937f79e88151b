"""Generates tfshim/_engine/op_types.py from TensorFlow's own op registry.

TensorFlow rejects a disallowed dtype with a message that quotes the op's registered signature. This
script reads those registrations (allowed dtypes per type attribute, and the signature summary) for
the ops tfshim implements, so tfshim reports the same dtypes as invalid with the same words. Nothing
in the output is typed by hand. Run it with TensorFlow installed:

    .venv-tf/bin/python -m conformance.gen_op_types
"""

from __future__ import annotations

import pathlib
import pprint

OPS = """
Lu
Abs Acos Acosh AddN AddV2 Add Angle ApproximateEqual ArgMax ArgMin Asin Asinh Atan Atan2 Atanh
BatchMatMulV2 BatchMatMulV3 BiasAdd BiasAddGrad BitwiseAnd BitwiseOr BitwiseXor BroadcastTo Cast Ceil
Cholesky ClipByValue Complex ComplexAbs Concat ConcatV2 Conj Cos Cosh Cross Cumprod Cumsum Diag DiagPart
Digamma DivNoNan Einsum Elu EluGrad Equal Erf Erfc Exp ExpandDims Expm1 Fill Floor FloorDiv FloorMod
Gather GatherNd GatherV2 Greater GreaterEqual Identity IdentityN Imag InvGrad Invert IsFinite IsInf IsNan
L2Loss LeakyRelu LeakyReluGrad Less LessEqual Lgamma LinSpace Log Log1p LogSoftmax LogicalAnd LogicalNot
LogicalOr MatMul MatrixBandPart MatrixDeterminant MatrixDiag MatrixDiagPartV3 MatrixDiagV3 MatrixInverse
MatrixSetDiagV3 MatrixSolve MatrixTriangularSolve Max Maximum Mean Min Minimum Mod Mul MulNoNan Neg
NotEqual OneHot OnesLike Pack Pad PadV2 MirrorPad Pow Prod RandomStandardNormal RandomUniform
RandomUniformInt Range Rank Real RealDiv Reciprocal ReciprocalGrad Relu Relu6 Relu6Grad ReluGrad Reshape
ResourceGather ReverseV2 Rint Roll Round Rsqrt RsqrtGrad ScatterNd Select SelectV2 Selu SeluGrad Shape
Sigmoid SigmoidGrad Sign Sin Sinh Size Slice Softmax SoftmaxCrossEntropyWithLogits Softplus SoftplusGrad
Softsign SoftsignGrad SparseSoftmaxCrossEntropyWithLogits Split SplitV Sqrt SqrtGrad Square
SquaredDifference Squeeze StopGradient StridedSlice StridedSliceGrad Sub Sum Svd Tan Tanh TanhGrad
TensorScatterAdd TensorScatterUpdate Tile TopKV2 Transpose TruncateDiv TruncatedNormal Unpack
UnsortedSegmentSum Where Xdivy Xlog1py Xlogy ZerosLike Qr SelfAdjointEigV2 LogMatrixDeterminant
MatrixExponential Unique UniqueV2 Cumulative BroadcastArgs Softmax Mul Sort ReadVariableOp
AssignVariableOp AssignAddVariableOp AssignSubVariableOp Any All Bincount Polygamma Zeta Igamma Igammac
Betainc RandomShuffle Multinomial StatelessRandomNormal StatelessRandomUniform StatelessRandomUniformV2
StatelessRandomNormalV2 StatelessTruncatedNormal StatelessTruncatedNormalV2 AdjustContrastv2
CheckNumerics DepthwiseConv2dNative Conv2D MaxPool AvgPool ConjugateTranspose InvertPermutation
Erfinv Ndtri BesselI0e BesselI1e DivNoNan Inv Dilation2D Range TensorScatterSub TensorScatterMax
TensorScatterMin Reverse SegmentSum MatrixLogarithm Atan2 MatrixSquareRoot BatchMatMul Snapshot
EnsureShape PreventGradient Print PrintV2 LeftShift RightShift PopulationCount NextAfter
TruncateMod
RandomGamma RandomPoissonV2 StatelessRandomGetKeyCounter StatelessRandomUniformIntV2
StatelessRandomUniformFullIntV2 StatelessMultinomial Assert EagerPyFunc PyFunc
EuclideanNorm CumulativeLogsumexp
MirrorPadGrad ResourceGatherNd ResourceScatterUpdate ResourceScatterAdd ResourceScatterSub ResourceScatterMax
ResourceScatterMin ResourceScatterMul ResourceScatterDiv ResourceScatterNdUpdate ResourceScatterNdAdd
ResourceScatterNdSub
""".split()


def _summarize_attr_value(value) -> str:
    from tensorflow.core.framework import types_pb2

    kind = value.WhichOneof("value")
    if kind == "f":  # as TF's FloatToBuffer: %.6g unless that does not round-trip in float32
        return _float_text(value.f)
    if kind == "list" and value.list.s:  # allowed values of a string attr (data_format, padding)
        return "[" + ", ".join('"' + s.decode() + '"' for s in value.list.s) + "]"
    if kind == "list":
        return "[" + ", ".join(types_pb2.DataType.Name(t) for t in value.list.type) + "]"
    if kind == "type":
        return types_pb2.DataType.Name(value.type)
    if kind == "b":
        return "true" if value.b else "false"
    if kind == "i":
        return str(value.i)
    if kind == "f":
        return repr(value.f)
    if kind == "s":
        return '"' + value.s.decode() + '"'
    if kind == "shape":
        return "<unknown>" if value.shape.unknown_rank else str([d.size for d in value.shape.dim])
    return ""


def _float_text(f: float) -> str:
    import numpy as np

    text = f"{f:.6g}"
    return text if np.float32(text) == np.float32(f) else f"{f:.9g}"


def _summarize_args(args) -> str:
    from tensorflow.core.framework import types_pb2

    parts = []
    for arg in args:
        text = f"{arg.name}:"
        if arg.is_ref:
            text += "Ref("
        if arg.number_attr:
            text += f"{arg.number_attr}*"
        if arg.type != types_pb2.DT_INVALID:
            text += types_pb2.DataType.Name(arg.type)[3:].lower()
        else:
            text += arg.type_attr or arg.type_list_attr
        if arg.is_ref:
            text += ")"
        parts.append(text)
    return ", ".join(parts)


def summarize(op_def) -> str:
    """TensorFlow's SummarizeOpDef, the text its dtype errors quote."""
    text = f"Op<name={op_def.name}; signature={_summarize_args(op_def.input_arg)} -> " \
           f"{_summarize_args(op_def.output_arg)}"
    for attr in op_def.attr:
        text += f"; attr={attr.name}:{attr.type}"
        if attr.HasField("default_value"):
            text += f",default={_summarize_attr_value(attr.default_value)}"
        if attr.has_minimum:
            text += f",min={attr.minimum}"
        if attr.HasField("allowed_values"):
            text += f",allowed={_summarize_attr_value(attr.allowed_values)}"
    for flag in ("is_commutative", "is_aggregate", "is_stateful", "allows_uninitialized_input"):
        if getattr(op_def, flag):
            text += f"; {flag}=true"
    return text + ">"


def main() -> None:
    from tensorflow.python.framework import op_def_registry

    table = {}
    for name in sorted(set(OPS)):
        op_def = op_def_registry.get(name)
        if op_def is None:
            continue
        allowed = {}
        for attr in op_def.attr:
            if attr.type == "type" and attr.HasField("allowed_values"):
                allowed[attr.name] = tuple(_type_name(t) for t in attr.allowed_values.list.type)
        table[name] = (allowed, summarize(op_def))
    out = pathlib.Path(__file__).resolve().parent.parent / "tfshim" / "_engine" / "op_types.py"
    body = pprint.pformat(table, width=110, sort_dicts=True)
    out.write_text('"""Generated by conformance/gen_op_types.py from TensorFlow 2.21\'s op registry: do not edit.\n\n'
                   "Per op: the dtypes each type attribute allows (by TF's kernel names) and the op's signature\n"
                   'summary, which TensorFlow quotes when it rejects a dtype."""\n\n'
                   f"OP_TYPES = {body}\n")
    print(f"wrote {len(table)} ops to {out}")


def _type_name(enum: int) -> str:
    """The name TensorFlow's kernels print for a dtype enum: DT_FLOAT -> float, DT_QINT8 -> qint8."""
    from tensorflow.core.framework import types_pb2

    return types_pb2.DataType.Name(enum)[3:].lower()


if __name__ == "__main__":
    main()
