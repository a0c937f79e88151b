"""`tf.keras.layers`: the layer base class and the built-in layers, one family per subpackage
(core, activations, merging, reshaping, regularization, convolutional, pooling, normalization), as
Keras 3 lays them out."""

from tfshim.keras.layers.input_layer import Input, InputLayer
from tfshim.keras.layers.input_spec import InputSpec
from tfshim.keras.layers.layer import Layer
from tfshim.keras.layers.serialization import deserialize, serialize

# built-in layers: core, activations, merging, reshaping, regularization
# isort: split
from tfshim.keras.layers.activations import ELU, Activation, LeakyReLU, PReLU, ReLU, Softmax, ThresholdedReLU
from tfshim.keras.layers.core import Dense, EinsumDense, Embedding, Identity, Lambda, Masking
from tfshim.keras.layers.merging import (
    Add,
    Average,
    Concatenate,
    Dot,
    Maximum,
    Minimum,
    Multiply,
    Subtract,
    add,
    average,
    concatenate,
    dot,
    maximum,
    minimum,
    multiply,
    subtract,
)
from tfshim.keras.layers.regularization import (
    ActivityRegularization,
    AlphaDropout,
    Dropout,
    GaussianDropout,
    GaussianNoise,
    SpatialDropout1D,
    SpatialDropout2D,
    SpatialDropout3D,
)
from tfshim.keras.layers.reshaping import Flatten, Permute, RepeatVector, Reshape

# convolution, pooling, normalization, padding/cropping/upsampling, rescaling
# isort: split
from tfshim.keras.layers.convolutional import Conv1D, Conv2D, Conv2DTranspose, Conv3D, DepthwiseConv2D, SeparableConv2D
from tfshim.keras.layers.normalization import BatchNormalization, LayerNormalization
from tfshim.keras.layers.pooling import (
    AveragePooling1D,
    AveragePooling2D,
    AveragePooling3D,
    GlobalAveragePooling1D,
    GlobalAveragePooling2D,
    GlobalAveragePooling3D,
    GlobalMaxPooling1D,
    GlobalMaxPooling2D,
    GlobalMaxPooling3D,
    MaxPooling1D,
    MaxPooling2D,
    MaxPooling3D,
)
from tfshim.keras.layers.preprocessing import Rescaling
from tfshim.keras.layers.reshaping import (
    Cropping1D,
    Cropping2D,
    UpSampling1D,
    UpSampling2D,
    ZeroPadding1D,
    ZeroPadding2D,
)

# the rest of issue 12's layers (Keras conv-layers engineer)
# isort: split
from tfshim.keras.layers.convolutional import (
    Conv1DTranspose,
    Conv3DTranspose,
    DepthwiseConv1D,
    SeparableConv1D,
)
from tfshim.keras.layers.normalization import GroupNormalization, UnitNormalization
from tfshim.keras.layers.preprocessing import CenterCrop, Normalization, Resizing
from tfshim.keras.layers.reshaping import Cropping3D, UpSampling3D, ZeroPadding3D
