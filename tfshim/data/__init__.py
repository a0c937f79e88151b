"""`tf.data`: in-memory and generator-backed input pipelines, run eagerly (see docs/data.md)."""

from tfshim.data import experimental
from tfshim.data._options import Options, ThreadingOptions
from tfshim.data.dataset_ops import AUTOTUNE, Dataset, DatasetSpec
from tfshim.data.dataset_ops import INFINITE as INFINITE_CARDINALITY
from tfshim.data.dataset_ops import UNKNOWN as UNKNOWN_CARDINALITY
from tfshim.data.iterator_ops import Iterator, NumpyIterator

__all__ = ["AUTOTUNE", "Dataset", "DatasetSpec", "INFINITE_CARDINALITY", "Iterator", "NumpyIterator", "Options",
           "ThreadingOptions", "UNKNOWN_CARDINALITY", "experimental"]
