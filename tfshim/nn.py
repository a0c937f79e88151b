"""`tf.nn`."""

import types as _types

from tfshim.ops.activations import (
    elu,
    gelu,
    leaky_relu,
    relu,
    relu6,
    selu,
    silu,
    softplus,
    softsign,
    swish,
)
from tfshim.ops.conv_ops import (
    atrous_conv2d,
    atrous_conv2d_transpose,
    conv1d,
    conv1d_transpose,
    conv2d,
    conv2d_transpose,
    conv3d,
    conv3d_transpose,
    conv_transpose,
    convolution,
    depthwise_conv2d,
    depthwise_conv2d_backprop_filter,
    depthwise_conv2d_backprop_input,
    separable_conv2d,
)
from tfshim.ops.gather_ops import embedding_lookup
from tfshim.ops.nn_ops import (
    bias_add,
    log_softmax,
    sigmoid_cross_entropy_with_logits,
    softmax,
    softmax_cross_entropy_with_logits,
    sparse_softmax_cross_entropy_with_logits,
    weighted_cross_entropy_with_logits,
)
from tfshim.ops.normalization_ops import (
    batch_normalization,
    local_response_normalization,
    normalize_moments,
    weighted_moments,
)
from tfshim.ops.normalization_ops import local_response_normalization as lrn
from tfshim.ops.norms import l2_loss, l2_normalize, moments
from tfshim.ops.ordering import top_k
from tfshim.ops.pooling_ops import (
    avg_pool,
    avg_pool1d,
    avg_pool2d,
    avg_pool3d,
    max_pool,
    max_pool1d,
    max_pool2d,
    max_pool3d,
    max_pool_with_argmax,
    pool,
)
from tfshim.ops.random_ops import dropout
from tfshim.ops.random_ops import stateless_dropout as _stateless_dropout
from tfshim.ops.unary_math import sigmoid, tanh

experimental = _types.ModuleType("tfshim.nn.experimental", "`tf.nn.experimental`.")
experimental.stateless_dropout = _stateless_dropout
