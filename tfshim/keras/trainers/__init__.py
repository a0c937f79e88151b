"""Keras's training API (the `Trainer` mixed into `keras.Model`), laid out as Keras 3 lays it out."""

from tfshim.keras.trainers.tensorflow_trainer import TensorFlowTrainer
from tfshim.keras.trainers.trainer import Trainer

__all__ = ["TensorFlowTrainer", "Trainer"]
