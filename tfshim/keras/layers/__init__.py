"""`tf.keras.layers`: the layer base class and the built-in layers, one family per subpackage
(core, activations, merging, reshaping, regularization, convolutional, pooling, normalization), as
Keras 3 lays them out."""

from tfshim.keras.layers.input_layer import Input, InputLayer
from tfshim.keras.layers.input_spec import InputSpec
from tfshim.keras.layers.layer import Layer
