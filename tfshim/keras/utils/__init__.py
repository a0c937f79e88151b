"""`tf.keras.utils`: set_random_seed, to_categorical, normalize, clear_session, is_keras_tensor."""

from tfshim.keras.backend.core import standardize_dtype
from tfshim.keras.backend.global_state import clear_session
from tfshim.keras.backend.keras_tensor import is_keras_tensor
from tfshim.keras.utils.file_utils import get_file
from tfshim.keras.utils.numerical_utils import normalize, to_categorical
from tfshim.keras.utils.progbar import Progbar
from tfshim.keras.utils.rng_utils import get_random_seed, set_random_seed

# the names TF 2.21's `tf.keras.utils` has (helpers imported here stay out of it)
__all__ = [
    "Progbar", "clear_session", "get_file", "is_keras_tensor", "normalize", "set_random_seed",
    "standardize_dtype", "to_categorical",
]
