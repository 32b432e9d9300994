"""Extracts the data model of the installed `onlinepayments-sdk-python3` package.

Run by `cargo xtask spec` with the parity virtualenv's python. Prints one JSON document
(the spec) on stdout:

- every class of `onlinepayments.sdk.domain`: its fields in `to_dictionary` order, with
  the JSON key, the type (from the property's return annotation) and whether the
  property's documentation marks the field deprecated;
- every query-parameter class (`onlinepayments.sdk.merchant.*.*_params`): its parameters
  in `to_request_parameters` order, with the query name, type and whether it repeats.

Fields are found by reading the source of `to_dictionary` / `to_request_parameters`
(`if self.<field> is not None: dictionary['<key>'] = ...`), so the order is the emission
order of the official package.
"""

import ast
import datetime
import importlib
import importlib.metadata
import inspect
import json
import pkgutil
import sys
import textwrap
import typing

import onlinepayments.sdk
import onlinepayments.sdk.domain
import onlinepayments.sdk.merchant
from onlinepayments.sdk.communication.param_request import ParamRequest
from onlinepayments.sdk.domain.data_object import DataObject


def type_of(annotation):
    """Maps a Python annotation to a spec type."""
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin is typing.Union and len(args) == 1:
        return type_of(args[0])
    if origin is list:
        return {"kind": "list", "items": type_of(args[0])}
    if annotation is str:
        return {"kind": "string"}
    if annotation is bool:
        return {"kind": "boolean"}
    if annotation is int:
        return {"kind": "integer"}
    if annotation is float:
        return {"kind": "number"}
    if annotation is datetime.datetime:
        return {"kind": "datetime"}
    if annotation is datetime.date:
        return {"kind": "date"}
    if inspect.isclass(annotation) and issubclass(annotation, DataObject):
        return {"kind": "object", "class": annotation.__name__}
    raise ValueError(f"unsupported annotation {annotation!r}")


def method_ast(cls, name):
    source = textwrap.dedent(inspect.getsource(cls))
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == name:
            return node
    return None


def self_attr(test):
    """`self.<x> is not None` -> x (leading underscores of private names removed)."""
    if (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Attribute)
        and isinstance(test.left.value, ast.Name)
        and test.left.value.id == "self"
        and len(test.ops) == 1
        and isinstance(test.ops[0], ast.IsNot)
    ):
        return test.left.attr.lstrip("_")
    raise ValueError(f"unexpected test {ast.dump(test)}")


def field_type(cls, name):
    prop = getattr(cls, name)
    hints = typing.get_type_hints(prop.fget)
    return type_of(hints["return"])


def deprecated(cls, name):
    doc = getattr(cls, name).__doc__ or ""
    return "Deprecated" in doc


def domain_class(cls):
    fields = []
    node = method_ast(cls, "to_dictionary")
    for stmt in node.body if node else []:
        if not isinstance(stmt, ast.If):
            continue
        name = self_attr(stmt.test)
        first = stmt.body[0]
        target = first.targets[0]
        key = target.slice.value
        fields.append(
            {
                "name": name,
                "key": key,
                "type": field_type(cls, name),
                "deprecated": deprecated(cls, name),
            }
        )
    out = {"name": cls.__name__, "module": cls.__module__.rsplit(".", 1)[-1], "fields": fields}
    init = inspect.signature(cls.__init__)
    required = [
        p.name
        for p in init.parameters.values()
        if p.name != "self" and p.default is inspect.Parameter.empty and p.kind == p.POSITIONAL_OR_KEYWORD
    ]
    if required:
        out["constructor"] = required
    return out


def param_class(cls):
    params = []
    node = method_ast(cls, "to_request_parameters")
    for stmt in node.body:
        if not isinstance(stmt, ast.If):
            continue
        name = self_attr(stmt.test)
        first = stmt.body[0]
        repeated = isinstance(first, ast.For)
        call = first
        while not isinstance(call, ast.Call) or getattr(call.func, "id", None) != "RequestParam":
            if isinstance(call, ast.For):
                call = call.body[-1]
            elif isinstance(call, ast.If):
                call = call.body[0]
            elif isinstance(call, ast.Expr):
                call = call.value
            elif isinstance(call, ast.Call):
                call = call.args[0]
            else:
                raise ValueError(f"unexpected statement in {cls.__name__}")
        query = call.args[0].value
        adder = f"add_{name}" if hasattr(cls, f"add_{name}") else None
        params.append(
            {
                "name": name,
                "query": query,
                "type": field_type(cls, name),
                "repeated": repeated,
                "adder": adder,
            }
        )
    package = cls.__module__.split(".")
    return {"name": cls.__name__, "module": "/".join(package[2:]), "fields": params}


def classes_of(package, predicate):
    found = []
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        module = importlib.import_module(info.name)
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if obj.__module__ == module.__name__ and predicate(obj):
                found.append(obj)
    return sorted(found, key=lambda c: c.__name__)


def main():
    domain = classes_of(onlinepayments.sdk.domain, lambda c: issubclass(c, DataObject) and c is not DataObject)
    others = classes_of(onlinepayments.sdk.domain, lambda c: not issubclass(c, DataObject))
    params = classes_of(onlinepayments.sdk.merchant, lambda c: issubclass(c, ParamRequest) and c is not ParamRequest)
    uploadable = []
    for cls in others:
        sig = inspect.signature(cls.__init__)
        uploadable.append(
            {
                "name": cls.__name__,
                "module": cls.__module__.rsplit(".", 1)[-1],
                "constructor": [p.name for p in sig.parameters.values() if p.name != "self"],
            }
        )
    spec = {
        "sdk": "onlinepayments-sdk-python3",
        "version": importlib.metadata.version("onlinepayments-sdk-python3"),
        "classes": [domain_class(c) for c in domain],
        "other_classes": uploadable,
        "params": [param_class(c) for c in params],
    }
    json.dump(spec, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
