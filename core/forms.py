"""Form fields shared by the apps."""

from pathlib import PurePath

from django import forms
from django.conf import settings
from django.db import models
from django.db.models.fields import AutoFieldMixin

from core.parsing import ParseError, id_or_none, parse_int, read_decimal
from core.tabular import CSV_TYPES, EXCEL_TYPES

# An .xlsx workbook is a zip archive; anything else named .xlsx is refused before parsing.
ZIP_SIGNATURE = b"PK\x03\x04"


class SpreadsheetField(forms.FileField):
    """A CSV or Excel upload, refused before it is read when too large or of another type."""

    default_error_messages = {
        "too_large": "The file is larger than the %(limit)s MB allowed.",
        "wrong_type": "Upload a CSV (.csv) or Excel (.xlsx) file.",
        "not_excel": "The file is named .xlsx but is not an Excel workbook.",
        "not_text": "The file is named .csv but is not text.",
    }

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}))
        super().__init__(**kwargs)

    def validate(self, value) -> None:
        super().validate(value)
        if not value:
            return
        if value.size > settings.MAX_UPLOAD_BYTES:
            limit = settings.MAX_UPLOAD_BYTES // (1024 * 1024)
            raise forms.ValidationError(
                self.error_messages["too_large"], code="too_large", params={"limit": limit}
            )
        suffix = PurePath(value.name).suffix.lower()
        if suffix not in CSV_TYPES | EXCEL_TYPES:
            raise forms.ValidationError(self.error_messages["wrong_type"], code="wrong_type")
        start = value.read(4096)
        value.seek(0)
        if suffix in EXCEL_TYPES and not start.startswith(ZIP_SIGNATURE):
            raise forms.ValidationError(self.error_messages["not_excel"], code="not_excel")
        if suffix in CSV_TYPES and b"\x00" in start:
            raise forms.ValidationError(self.error_messages["not_text"], code="not_text")


class IntegerField(forms.IntegerField):
    """A whole number in ASCII digits (Django's own field reads '١٢' as 12)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_int(value)
        except ParseError as exc:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc


class DecimalField(forms.DecimalField):
    """A number as core.parsing reads it: ASCII digits, commas grouping thousands, no NaN."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return read_decimal(value)
        except ParseError as exc:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc


def _keyed_by_integer(field: forms.ModelChoiceField) -> bool:
    if field.queryset is None:  # no choices set yet: nothing can be chosen by id
        return False
    key = field.to_field_name or "pk"
    meta = field.queryset.model._meta
    return isinstance(meta.pk if key == "pk" else meta.get_field(key), models.IntegerField)


class ModelChoiceField(forms.ModelChoiceField):
    """A choice by id in ASCII digits: Django's own field reads '𝟓' or '١٢' as an id (int()
    does), choosing a row no one chose."""

    def to_python(self, value):
        if value not in self.empty_values and _keyed_by_integer(self) and id_or_none(value) is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Choices by id, refusing a value that is not one before the database sees it (Django
    queries `pk IN (...)` with it, which no integer column holds: an error, not a refusal)."""

    def _check_values(self, value):
        if _keyed_by_integer(self):
            for pk in value:
                if id_or_none(pk) is None:
                    raise forms.ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": pk},
                    )
        return super()._check_values(value)


def number_fields(db_field, **kwargs):
    """A ModelForm's formfield_callback: its number columns and choices of many read through
    core.parsing."""
    if isinstance(db_field, models.ManyToManyField):
        kwargs.setdefault("form_class", ModelMultipleChoiceField)
    elif not db_field.choices:
        if isinstance(db_field, models.DecimalField):
            kwargs.setdefault("form_class", DecimalField)
        elif isinstance(db_field, models.IntegerField) and not isinstance(db_field, AutoFieldMixin):
            kwargs.setdefault("form_class", IntegerField)
    return db_field.formfield(**kwargs)
