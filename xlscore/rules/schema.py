"""How the rubric's records declare their validation, without importing pydantic.

Rubric and rule records are frozen stdlib dataclasses, so a check that takes a validated rubric
from the cache never pays for pydantic. Their constraints are data pydantic reads only when a
validator is built (``xlscore.rubric.validate``): ``param(...)`` keeps ``Field`` arguments in the
dataclass field's metadata, :class:`After` and :class:`Tagged` build their core schema in a hook,
and ``__pydantic_config__`` is a plain dict.
"""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any, Callable, TypeVar, Union, dataclass_transform, get_args

T = TypeVar("T")

#: pydantic's configuration of every record: an unknown key is an error, not ignored.
CONFIG = {"extra": "forbid"}


def param(*, description: str = "", default: Any = dataclasses.MISSING,
          default_factory: Any = dataclasses.MISSING, **constraints: Any) -> Any:
    """A record field; ``constraints`` are pydantic ``Field`` arguments (``min_length``, ``gt``, ``pattern``,
    ``exclude``: left out of the canonical form)."""
    metadata = {"description": description, **constraints}
    return dataclasses.field(default=default, default_factory=default_factory, metadata=metadata)


@dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(dataclasses.field, param))
def record(cls: type[T]) -> type[T]:
    """A frozen, keyword-only dataclass that pydantic validates with unknown keys forbidden."""
    cls.__pydantic_config__ = CONFIG  # type: ignore[attr-defined]
    return dataclasses.dataclass(frozen=True, kw_only=True)(cls)


class After:
    """Annotation metadata: run ``function`` on the value after pydantic's own validation of its type."""

    def __init__(self, function: Callable[[Any], Any]) -> None:
        self.function = function

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(self.function, handler(source))


class Tagged:
    """Annotation metadata of a union: the member is chosen by ``discriminator``.

    ``discriminator`` is a field name (``type``), or a function of the raw value returning one of
    ``tags``, which name the union's members in order (and appear in pydantic's error locations).
    """

    def __init__(self, discriminator: str | Callable[[Any], str], tags: tuple[str, ...] = ()) -> None:
        self.discriminator, self.tags = discriminator, tags

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic import Discriminator, Field, Tag

        if not self.tags:
            return handler.generate_schema(Annotated[source, Field(discriminator=self.discriminator)])
        members = tuple(Annotated[member, Tag(tag)] for member, tag in zip(get_args(source), self.tags))
        return handler.generate_schema(Annotated[Union[members], Discriminator(self.discriminator)])


def invalid(kind: str, template: str, values: dict[str, object] | None = None) -> Exception:
    """A validation error of type ``kind`` for a validator to raise (its wording lives in rubric/messages.py)."""
    from pydantic_core import PydanticCustomError

    return PydanticCustomError(kind, template, values)
