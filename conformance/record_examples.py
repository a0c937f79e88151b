"""Records what each example program prints under real TensorFlow.

Each `examples/*.py` written against `import tfshim as tf` is run with that line swapped for
`import tensorflow as tf`; stdout goes to `examples/expected/<name>.txt`. The unmodified TensorFlow
programs in `examples/tensorflow_scripts/` run as they are, into `examples/tensorflow_scripts/expected/`.
tests/test_examples.py and tests/test_dropin.py then check that tfshim prints the same. Run with
TensorFlow installed:

    .venv-tf/bin/python -m conformance.record_examples
"""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHIM_IMPORT = "import tfshim as tf\n"


def as_tensorflow_program(source: str) -> str:
    if SHIM_IMPORT not in source:
        raise ValueError("example does not contain the line 'import tfshim as tf'")
    return source.replace(SHIM_IMPORT, "import tensorflow as tf\n", 1)


def main() -> None:
    out_dir = EXAMPLES / "expected"
    out_dir.mkdir(exist_ok=True)
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    for script in sorted(EXAMPLES.glob("*.py")):
        program = as_tensorflow_program(script.read_text())
        result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, env=env,
                                check=True, cwd=ROOT)
        (out_dir / f"{script.stem}.txt").write_text(result.stdout)
        print(f"recorded {script.name}")
    # unmodified TensorFlow programs (`import tensorflow as tf`), run as they are
    scripts = EXAMPLES / "tensorflow_scripts"
    (scripts / "expected").mkdir(exist_ok=True)
    for script in sorted(scripts.glob("*.py")):
        result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env, check=True,
                                cwd=ROOT)
        (scripts / "expected" / f"{script.stem}.txt").write_text(result.stdout)
        print(f"recorded tensorflow_scripts/{script.name}")


if __name__ == "__main__":
    main()
