"""`keras.callbacks.TerminateOnNaN`."""

from __future__ import annotations

import numpy as np

from tfshim.keras.callbacks.callback import Callback
from tfshim.keras.utils.progbar import print_msg


class TerminateOnNaN(Callback):
    """Stops training after a batch whose `loss` is NaN or infinite (the message is always printed)."""

    def on_batch_end(self, batch: int, logs: dict | None = None) -> None:
        loss = (logs or {}).get("loss")
        if loss is not None and (np.isnan(loss) or np.isinf(loss)):
            print_msg(f"Batch {batch}: Invalid loss, terminating training")
            self.model.stop_training = True
