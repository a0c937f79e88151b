"""`tf.keras.optimizers`: Keras 3.15's optimizers with its exact update rules."""

from tfshim.keras.optimizers import legacy, schedules
from tfshim.keras.optimizers.adadelta import Adadelta
from tfshim.keras.optimizers.adafactor import Adafactor
from tfshim.keras.optimizers.adagrad import Adagrad
from tfshim.keras.optimizers.adam import Adam
from tfshim.keras.optimizers.adamax import Adamax
from tfshim.keras.optimizers.adamw import AdamW
from tfshim.keras.optimizers.base_optimizer import Optimizer
from tfshim.keras.optimizers.ftrl import Ftrl
from tfshim.keras.optimizers.lamb import Lamb
from tfshim.keras.optimizers.lion import Lion
from tfshim.keras.optimizers.nadam import Nadam
from tfshim.keras.optimizers.registry import deserialize, get, serialize
from tfshim.keras.optimizers.rmsprop import RMSprop
from tfshim.keras.optimizers.sgd import SGD
