"""Cases for the Online Payments domain parity check (`cargo xtask parity onlinepayments-domain`).

For every data class of the official `onlinepayments-sdk-python3` domain package, builds
instances from a fixed seed and prints one JSON object per line:
`{"class": <name>, "json": <DefaultMarshaller.marshal(instance)>}`.

Variant 0 of a class sets every field (nested objects down to a bounded depth, lists of one
or two elements); the other variants set a random subset of the fields. Values: unicode
strings (escapes, astral characters, control characters), integers in the i64 range,
floats with varied exponents, booleans, date-times with milliseconds and assorted
offsets, dates.

Arguments: [seed] [variants per class] (defaults 7 and 3).
"""

import datetime
import importlib
import inspect
import json
import os
import pkgutil
import random
import sys
import typing

# This directory holds `onlinepayments.py`, which would shadow the official package.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path = [p for p in sys.path if os.path.abspath(p or ".") != _HERE]

import onlinepayments.sdk.domain  # noqa: E402
from onlinepayments.sdk.domain.data_object import DataObject  # noqa: E402
from onlinepayments.sdk.json.default_marshaller import DefaultMarshaller  # noqa: E402

MAX_DEPTH = 3

PIECES = [
    "abc", "Zahlung", "Ödəniş", "paiement é", "支付", "💳", "\U0001f600x", "quote\"d", "back\\slash",
    "new\nline", "tab\t", "\u0001ctl", "del\u007f", "/slash", "  spaced  ", "", "0123", "null", "ß",
]

OFFSETS = [0, 3600, -18000, 19800, -12600, 45900, 50400, -43200, 3630]


def data_classes():
    found = []
    package = onlinepayments.sdk.domain
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if obj.__module__ == module.__name__ and issubclass(obj, DataObject) and obj is not DataObject:
                found.append(obj)
    return sorted(found, key=lambda c: c.__name__)


def fields_of(cls):
    out = []
    for name, prop in inspect.getmembers(cls, lambda m: isinstance(m, property)):
        hints = typing.get_type_hints(prop.fget)
        out.append((name, hints["return"]))
    return out


def unwrap(annotation):
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) is typing.Union and len(args) == 1:
        return args[0]
    return annotation


class Gen:
    def __init__(self, rng):
        self.rng = rng

    def string(self):
        n = self.rng.randint(1, 3)
        return "".join(self.rng.choice(PIECES) for _ in range(n))

    def integer(self):
        r = self.rng.random()
        if r < 0.4:
            return self.rng.randint(0, 1000)
        if r < 0.8:
            return self.rng.randint(-(2**31), 2**31)
        return self.rng.randint(-(2**63), 2**63 - 1)

    def number(self):
        choice = self.rng.randint(0, 5)
        if choice == 0:
            return float(self.rng.randint(0, 100))
        if choice == 1:
            return round(self.rng.uniform(0, 100), 2)
        if choice == 2:
            return self.rng.uniform(-1e6, 1e6)
        if choice == 3:
            return self.rng.choice([1e16, 1e20, 1.5e-7, 0.0001, 123456789012345678.0, -0.0])
        if choice == 4:
            return self.rng.uniform(0, 1) * 10 ** self.rng.randint(-12, 25)
        return 0.1 + 0.2

    def datetime(self):
        base = datetime.datetime(2000, 1, 1) + datetime.timedelta(seconds=self.rng.randint(0, 40 * 365 * 86400))
        micro = self.rng.choice([0, self.rng.randint(0, 999) * 1000, self.rng.randint(0, 999999)])
        zone = datetime.timezone(datetime.timedelta(seconds=self.rng.choice(OFFSETS)))
        return base.replace(microsecond=micro, tzinfo=zone)

    def date(self):
        return datetime.date(1900, 1, 1) + datetime.timedelta(days=self.rng.randint(0, 200 * 365))

    def value(self, annotation, depth, full):
        t = unwrap(annotation)
        origin = typing.get_origin(t)
        if origin is list:
            (item,) = typing.get_args(t)
            items = [self.value(item, depth, full) for _ in range(self.rng.randint(1, 2))]
            return [i for i in items if i is not None] or None
        if t is str:
            return self.string()
        if t is bool:
            return self.rng.random() < 0.5
        if t is int:
            return self.integer()
        if t is float:
            return self.number()
        if t is datetime.datetime:
            return self.datetime()
        if t is datetime.date:
            return self.date()
        if inspect.isclass(t) and issubclass(t, DataObject):
            if depth >= MAX_DEPTH:
                return None
            return self.instance(t, depth + 1, full)
        raise ValueError(f"unsupported annotation {annotation!r}")

    def instance(self, cls, depth, full):
        fields = fields_of(cls)
        ctor = [
            p.name
            for p in inspect.signature(cls.__init__).parameters.values()
            if p.name != "self" and p.default is inspect.Parameter.empty and p.kind == p.POSITIONAL_OR_KEYWORD
        ]
        if ctor:
            args = [self.string() or "x" for _ in ctor]
            obj = cls(*args)
            for name, annotation in fields:
                if name not in ctor and (full or self.rng.random() < 0.5):
                    try:
                        setattr(obj, f"_{cls.__name__}__{name}", self.value(annotation, depth, full))
                    except AttributeError:
                        pass
            return obj
        obj = cls()
        for name, annotation in fields:
            if full or self.rng.random() < 0.5:
                setattr(obj, name, self.value(annotation, depth, full))
        return obj


def main():
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    variants = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    rng = random.Random(seed)
    gen = Gen(rng)
    marshaller = DefaultMarshaller.instance()
    for cls in data_classes():
        for variant in range(variants):
            obj = gen.instance(cls, 0, variant == 0)
            print(json.dumps({"class": cls.__name__, "variant": variant, "json": marshaller.marshal(obj)}))


if __name__ == "__main__":
    main()
