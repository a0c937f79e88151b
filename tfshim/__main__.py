"""The `tfshim` command (also `python -m tfshim`).

    tfshim run script.py [args...]      run an unmodified TensorFlow script on tfshim
    tfshim -c "code"                     run code with `import tensorflow` resolved to tfshim
    tfshim -m package.module [args...]   run a module that way
    tfshim check [--expected FILE] [--tensorflow-python PY] script.py [args...]
                                         compare the script's output under tfshim and TensorFlow
"""

from __future__ import annotations

import argparse
import runpy
import sys

from tfshim.tensorflow_alias import install_as_tensorflow


def _run_path(script: str, args: list[str]) -> None:
    install_as_tensorflow()
    sys.argv = [script, *args]
    sys.path.insert(0, __import__("os").path.dirname(__import__("os").path.abspath(script)))
    runpy.run_path(script, run_name="__main__")


def _run_module(module: str, args: list[str]) -> None:
    install_as_tensorflow()
    sys.argv = [module, *args]
    sys.path.insert(0, "")
    runpy.run_module(module, run_name="__main__", alter_sys=True)


def _run_code(code: str, args: list[str]) -> None:
    install_as_tensorflow()
    sys.argv = ["-c", *args]
    sys.path.insert(0, "")
    exec(compile(code, "<string>", "exec"), {"__name__": "__main__", "__builtins__": __builtins__})


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["-c"] and len(argv) >= 2:
        _run_code(argv[1], argv[2:])
        return 0
    if argv[:1] == ["-m"] and len(argv) >= 2:
        _run_module(argv[1], argv[2:])
        return 0
    if argv[:1] == ["run"] and len(argv) >= 2:
        _run_path(argv[1], argv[2:])
        return 0
    if argv[:1] == ["check"]:
        parser = argparse.ArgumentParser(prog="tfshim check", description="Compare a script's output under "
                                         "tfshim with its output under TensorFlow.")
        parser.add_argument("script")
        parser.add_argument("args", nargs=argparse.REMAINDER)
        parser.add_argument("--tensorflow-python", help="an interpreter with TensorFlow installed")
        parser.add_argument("--expected", help="compare against this recorded output instead of running TensorFlow")
        parser.add_argument("--rtol", type=float, default=1e-5)
        parser.add_argument("--atol", type=float, default=1e-6)
        options = parser.parse_args(argv[1:])
        from tfshim.script_check import check

        return check(options.script, options.args, options.tensorflow_python, options.expected, options.rtol,
                     options.atol)
    print(__doc__.strip(), file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
