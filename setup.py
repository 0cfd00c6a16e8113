"""Build of the compiled part of cleannews (the package's metadata is in pyproject.toml).

``line_shape`` measures the lines of a page in one pass and ``fields.forest`` walks the field
ranker's trees; both are written in Cython and compiled by ``pip install .`` (Cython comes from
the build requirements, a C compiler from the system).
"""

from setuptools import Extension, setup
from Cython.Build import cythonize

EXTENSIONS = [
    Extension("cleannews.line_shape", ["src/cleannews/line_shape.pyx"]),
    Extension("cleannews.fields.forest", ["src/cleannews/fields/forest.pyx"]),
]

setup(ext_modules=cythonize(EXTENSIONS, language_level=3))
