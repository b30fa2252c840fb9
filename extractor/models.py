"""Typed records at the seams of the pipeline and in the JSON output.

The JSON Schema printed by ``policyx schema`` is generated from :class:`ExtractResult`.
"""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Region(_Model):
    """An administrative division from the gazetteer."""

    name: str
    code: str | None = Field(None, description="12-digit official administrative code")
    level: str | None = Field(None, description="province | prefecture | county | township")
    parent: str | None = Field(None, description="name of the enclosing division")


class DocumentInfo(_Model):
    """Header facts of one document."""

    title: str | None = None
    doc_kind: str | None = Field(None, description="意见, 方案, 规划, 通知, 答复, 办法, 决定 ...")
    status: str | None = Field(None, description="征求意见稿, 送审稿, 试行, 暂行 ...")
    issuer: str | None = None
    date: str | None = Field(None, description="ISO date of issue")
    doc_number: str | None = Field(None, description="文号, e.g. 粤办函〔2022〕245号")
    region: Region | None = None
    pages: int | None = None
    chars: int = 0


class Section(_Model):
    """A numbered heading and the span of text it governs."""

    heading: str
    number: str = Field(description="the numbering token as written: 第一章, 一、, （一）, 1., （1）")
    level: int
    start: int
    end: int


class Sentence(_Model):
    start: int
    end: int
    text: str


class Entity(_Model):
    label: str
    text: str
    start: int
    end: int
    normalized: dict[str, Any] = Field(default_factory=dict)
    source: str | None = Field(None, description="the recogniser that produced it: rules | model")


class PerBase(_Model):
    value: float
    unit: str


class Provision(_Model):
    kind: str = Field(description="TARGET | QUOTA | STAT")
    metric: str | None = None
    metric_id: str | None = None
    comparator: str | None = None
    value: float | None = None
    value_max: float | None = None
    unit: str | None = None
    per: PerBase | None = None
    deadline: str | None = None
    date: str | None = None
    qualifier: str | None = None
    scope: str | None = None
    subject: str | None = None
    text: str = Field(description="the sentence the provision stands in")
    start: int = Field(description="start of the sentence")
    end: int = Field(description="end of the sentence")
    span_start: int | None = Field(None, description="start of the TARGET/QUOTA/STAT span")
    span_end: int | None = Field(None, description="end of the TARGET/QUOTA/STAT span")
    section: str | None = Field(None, description="number of the innermost section, e.g. （一）")


class ExtractResult(_Model):
    """One document, as ``policyx extract`` writes it."""

    file: str
    sha256: str
    format: str
    document: DocumentInfo
    text: str = Field(description="the cleaned text that every offset refers to")
    sections: list[Section] = Field(default_factory=list)
    sentences: list[Sentence] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    provisions: list[Provision] = Field(default_factory=list)
    page_spans: list[tuple[int, int, int]] = Field(
        default_factory=list, description="[start, end, page] runs: the source page of the text")
    warnings: list[str] = Field(default_factory=list)
    version: str = Field("", description="policyx version that produced the record")

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")
