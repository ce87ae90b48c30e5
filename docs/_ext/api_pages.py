"""API reference pages: one per public module, generated from the module's ``__all__``.

Each page shows the module docstring, a summary table of every public name,
then the documentation of each object whose public home is that module. An
object re-exported by several facades (``RegimeChangeWarning`` is in
:mod:`aidstats.errors`, :mod:`aidstats.strikes` and :mod:`aidstats.stats`) is
documented once, at its home, and linked from the others' tables. Dataclasses
(the result classes among them) get a table of all their fields, inherited
ones included, with type, default and the description from the class
docstrings. Constants show their value.

Because the pages follow ``__all__``, a name added to a facade appears in the
reference at the next build, and a name removed disappears.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pprint
from pathlib import Path
from types import ModuleType
from typing import Any

from _generated import GENERATED_NOTICE, remove_stale, write_if_changed
from numpydoc.docscrape import NumpyDocString
from sphinx.application import Sphinx

#: The public modules, in the order of the reference's table of contents, with a short title.
MODULES: tuple[tuple[str, str], ...] = (
    ("aidstats", "The package"),
    ("aidstats.datasets", "Bundled datasets"),
    ("aidstats.strike_events", "Reading the raw strike file"),
    ("aidstats.strikes", "Strike aggregation"),
    ("aidstats.stats", "Statistics with uncertainty"),
    ("aidstats.aid", "Aid aggregation"),
    ("aidstats.plots", "Figures"),
    ("aidstats.report", "The report"),
    ("aidstats.schemas", "Schemas"),
    ("aidstats.errors", "Errors and warnings"),
)
MAX_VALUE_LINES = 40
KIND_TITLES = {
    "function": "Functions",
    "class": "Classes",
    "exception": "Exceptions and warnings",
    "data": "Constants",
    "module": "Modules",
}


def kind_of(obj: Any) -> str:
    """function, class, exception, data or module."""
    if inspect.ismodule(obj):
        return "module"
    if inspect.isclass(obj):
        return "exception" if issubclass(obj, BaseException) else "class"
    if inspect.isroutine(obj):
        return "function"
    return "data"


def public_names(module: ModuleType) -> list[str]:
    """The module's ``__all__`` (sorted as written), or its public attributes if it has none."""
    names = getattr(module, "__all__", None)
    if names is None:
        names = [n for n in vars(module) if not n.startswith("_")]
    return list(names)


def homes(modules: dict[str, ModuleType]) -> dict[int, str]:
    """id(object) -> the public module that documents it (its ``__module__`` if public, else first lister)."""
    home: dict[int, str] = {}
    for module_name, module in modules.items():
        for name in public_names(module):
            obj = getattr(module, name)
            if kind_of(obj) in ("data", "module"):
                continue
            own = getattr(obj, "__module__", None)
            if own in modules and name in public_names(modules[own]):
                home[id(obj)] = own
            else:
                home.setdefault(id(obj), module_name)
    return home


def _summary_line(obj: Any) -> str:
    if kind_of(obj) == "data":
        return f"constant of type ``{type(obj).__name__}``"
    doc = inspect.getdoc(obj) or ""
    return doc.strip().split("\n\n")[0].replace("\n", " ") or "(no description)"


def _target(module_name: str, name: str, obj: Any, home: dict[int, str]) -> str:
    kind = kind_of(obj)
    if kind == "module":
        return f":py:mod:`{obj.__name__}`"
    owner = module_name if kind == "data" else home.get(id(obj), module_name)
    return f":py:obj:`~{owner}.{name}`"


def _indent(text: str, spaces: int) -> str:
    pad = " " * spaces
    return "\n".join(pad + line if line.strip() else "" for line in text.splitlines())


def summary_table(module_name: str, module: ModuleType, home: dict[int, str]) -> str:
    rows = []
    for name in public_names(module):
        obj = getattr(module, name)
        rows.append(f"   * - {_target(module_name, name, obj, home)}\n     - {_summary_line(obj)}")
    header = (
        ".. list-table::\n   :header-rows: 1\n   :widths: 30 70\n   :class: aidstats-summary\n\n"
    )
    return header + "   * - name\n     - what it is\n" + "\n".join(rows) + "\n"


def _field_docs(cls: type) -> dict[str, str]:
    """Field name -> description from the Attributes/Parameters sections along the class's MRO."""
    found: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        doc = inspect.getdoc(klass) if "__doc__" in vars(klass) else None
        if not doc:
            continue
        try:
            parsed = NumpyDocString(doc)
        except Exception:  # a docstring numpydoc cannot parse still gets its page from autodoc
            continue
        for section in ("Parameters", "Attributes"):
            for param in parsed[section]:
                text = " ".join(" ".join(param.desc).split())
                for field in param.name.split(","):
                    found[field.strip()] = text
    return found


def _default(field: dataclasses.Field[Any]) -> str:
    if field.default is not dataclasses.MISSING:
        return f"``{field.default!r}``"
    if field.default_factory is not dataclasses.MISSING:
        return f"``{getattr(field.default_factory, '__name__', 'factory')}()``"
    return "required"


def fields_table(cls: type) -> str:
    """A list-table of every dataclass field: name, type and default, meaning (and where defined)."""
    docs = _field_docs(cls)
    owners: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        for name in getattr(klass, "__annotations__", {}):
            owners.setdefault(name, klass.__name__)
    rows = []
    for field in dataclasses.fields(cls):
        annotation = (
            field.type
            if isinstance(field.type, str)
            else getattr(field.type, "__name__", str(field.type))
        )
        owner = owners.get(field.name, cls.__name__)
        inherited = f" *(from {owner})*" if owner != cls.__name__ else ""
        rows.append(
            f"   * - ``{field.name}``\n"
            f"     - ``{annotation}``; {_default(field)}\n"
            f"     - {docs.get(field.name, '')}{inherited}"
        )
    header = (
        ".. list-table:: Fields\n   :header-rows: 1\n   :widths: 20 25 55\n"
        "   :class: aidstats-fields\n\n"
        "   * - field\n     - type; default\n     - meaning\n"
    )
    return header + "\n".join(rows) + "\n"


def _value_block(obj: Any) -> str:
    text = pprint.pformat(obj, width=88, sort_dicts=False)
    lines = text.splitlines()
    if len(lines) > MAX_VALUE_LINES:
        lines = [
            *lines[:MAX_VALUE_LINES],
            f"... ({len(text.splitlines()) - MAX_VALUE_LINES} more lines)",
        ]
    return ".. code-block:: python\n\n" + _indent("\n".join(lines), 3)


def object_entry(module_name: str, name: str, obj: Any) -> str:
    """The reST that documents one object at its home."""
    kind = kind_of(obj)
    full = f"{module_name}.{name}"
    if kind == "function":
        return f".. autofunction:: {full}\n"
    if kind == "exception":
        return f".. autoexception:: {full}\n   :members:\n"
    if kind == "class":
        text = f".. autoclass:: {full}\n   :members:\n"
        if dataclasses.is_dataclass(obj):
            text += "\n" + _indent(fields_table(obj), 3) + "\n"
        return text
    return (
        f".. py:data:: {name}\n   :type: {type(obj).__name__}\n\n"
        + _indent(_value_block(obj), 3)
        + "\n"
    )


def module_page(module_name: str, title: str, module: ModuleType, home: dict[int, str]) -> str:
    heading = f"``{module_name}``: {title}"
    parts = [
        f".. {GENERATED_NOTICE}",
        "",
        heading,
        "=" * len(heading),
        "",
        f".. automodule:: {module_name}",
        "   :no-members:",
        "",
        "Summary",
        "-------",
        "",
        summary_table(module_name, module, home),
    ]
    by_kind: dict[str, list[str]] = {kind: [] for kind in KIND_TITLES}
    for name in public_names(module):
        obj = getattr(module, name)
        kind = kind_of(obj)
        if kind == "module" or (kind != "data" and home.get(id(obj)) != module_name):
            continue  # documented at its own page / home, linked from the summary
        by_kind[kind].append(object_entry(module_name, name, obj))
    for kind, entries in by_kind.items():
        if entries:
            parts += [KIND_TITLES[kind], "-" * len(KIND_TITLES[kind]), "", *entries]
    return "\n".join(parts) + "\n"


def page_name(module_name: str) -> str:
    return module_name.replace(".", "_")


def generate(app: Sphinx) -> None:
    """Write ``api/generated/<module>.rst`` for every public module."""
    out = Path(app.srcdir) / "api" / "generated"
    modules = {name: importlib.import_module(name) for name, _ in MODULES}
    home = homes(modules)
    for name, title in MODULES:
        write_if_changed(
            out / f"{page_name(name)}.rst", module_page(name, title, modules[name], home)
        )
    remove_stale(out, {f"{page_name(name)}.rst" for name, _ in MODULES}, "*.rst")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", generate)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
