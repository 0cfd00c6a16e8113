"""Build of the compiled part of cleannews (the package's metadata is in pyproject.toml).

``line_shape`` measures the lines of a page in one pass; it is written in Cython and compiled
by ``pip install .`` (Cython comes from the build requirements, a C compiler from the system).
"""

from setuptools import Extension, setup
from Cython.Build import cythonize

setup(ext_modules=cythonize([Extension("cleannews.line_shape", ["src/cleannews/line_shape.pyx"])],
                            language_level=3))
