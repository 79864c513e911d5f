"""What the API's JSON looks like: one serializer per kind of thing read or written.

The assessed register's rows are the export's own (indicators.exports.ASSESSMENT_COLUMNS, in
its order): a column added to the export appears here with it.
"""

from rest_framework import serializers

from actions.models import Action, Risk
from indicators.exports import ASSESSMENT_COLUMNS
from indicators.models import Indicator
from plans.models import Objective, Plan
from reporting.models import Pack

# The export's columns that hold numbers; the others hold text (codes, labels, choices).
NUMBER_COLUMNS = {"value", "target", "ytd_value", "ytd_target", "forecast"}
TEXT_COLUMNS = {
    "code",
    "title",
    "period",
    "rag",
    "ytd_rag",
    "dot_previous",
    "dot_last_year",
    "forecast_rag",
    "state",
}


def _column_field(column: str) -> serializers.Field:
    if column in NUMBER_COLUMNS:
        return serializers.FloatField(allow_null=True)
    if column in TEXT_COLUMNS:
        return serializers.CharField(allow_null=True)
    return serializers.JSONField(allow_null=True)  # a column added since: number or text


def register_row(row: list) -> dict:
    """Return an export row as JSON: by column name, blank cells as null."""
    return {
        column: (None if cell == "" else cell)
        for column, cell in zip(ASSESSMENT_COLUMNS, row, strict=True)
    }


RegisterRowSerializer = type(
    "RegisterRowSerializer",
    (serializers.Serializer,),
    {column: _column_field(column) for column in ASSESSMENT_COLUMNS},
)

FlatPageSerializer = type(
    "FlatRegisterPageSerializer",
    (serializers.Serializer,),
    {
        "@odata.count": serializers.IntegerField(),
        "@odata.nextLink": serializers.URLField(required=False),
        "value": RegisterRowSerializer(many=True),
    },
)


class PersonField(serializers.Field):
    """A person as their user name (null for nobody)."""

    def to_representation(self, value) -> str | None:
        return value.username if value else None


class IndicatorSerializer(serializers.ModelSerializer):
    service = serializers.SlugRelatedField(slug_field="code", read_only=True)
    owner = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    deputy = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    type = serializers.CharField(source="indicator_type", read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "code",
            "title",
            "description",
            "definition",
            "data_source",
            "unit",
            "decimal_places",
            "polarity",
            "frequency",
            "aggregation",
            "type",
            "multiplier",
            "service",
            "owner",
            "deputy",
            "data_quality_risk",
            "is_public",
            "is_national",
            "active_from",
            "active_to",
            "tolerance_pct",
            "allow_negative",
            "allow_over_100",
        ]


class CountsField(serializers.DictField):
    """Counts by category (RAG, action status) as {category: count}."""

    child = serializers.IntegerField()

    def to_representation(self, value) -> dict:
        return dict(value.counts) if value is not None else {}


class ObjectiveSerializer(serializers.ModelSerializer):
    owner = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = Objective
        fields = ["id", "number", "title", "owner"]


class RollUpSerializer(serializers.Serializer):
    """One objective of a plan, with what hangs off it and beneath it rolled up."""

    objective = ObjectiveSerializer()
    indicators = serializers.ListField(child=serializers.CharField())
    indicator_rag = CountsField(source="rag_counts")
    action_status = CountsField(source="action_counts")
    overdue_actions = serializers.IntegerField()


class PlanSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    owner = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = Plan
        fields = ["id", "kind", "title", "year", "status", "period_start", "period_end"]
        fields += ["unit", "owner", "parent"]


class PlanDetailSerializer(PlanSerializer):
    period = serializers.CharField()
    objectives = RollUpSerializer(many=True)

    class Meta(PlanSerializer.Meta):
        fields = [*PlanSerializer.Meta.fields, "period", "objectives"]


class ActionSerializer(serializers.ModelSerializer):
    plan = serializers.IntegerField(source="theme.plan_id")
    theme = serializers.CharField(source="theme.title")
    rag = serializers.CharField(allow_null=True)
    leads = serializers.SlugRelatedField(slug_field="username", many=True, read_only=True)

    class Meta:
        model = Action
        fields = ["id", "plan", "theme", "number", "title", "leads", "start_date", "due_date"]
        fields += ["priority", "status", "percent_complete", "rag"]


class RiskSerializer(serializers.ModelSerializer):
    register = serializers.IntegerField(source="register_id")
    owner = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = Risk
        fields = ["id", "register", "ref", "title", "owner", "status", "review_date"]
        fields += ["inherent_likelihood", "inherent_impact", "residual_likelihood"]
        fields += ["residual_impact", "target_likelihood", "target_impact"]


class PackSerializer(serializers.ModelSerializer):
    scope = serializers.SlugRelatedField(
        source="scope_unit", slug_field="code", read_only=True, allow_null=True
    )
    download = serializers.SerializerMethodField()

    class Meta:
        model = Pack
        fields = ["id", "title", "report_type", "period_label", "scope", "version", "status"]
        fields += ["generated_at", "published_at", "page_count", "sha256", "download"]

    def get_download(self, pack) -> str | None:
        """The address of the pack's PDF (null until it has one)."""
        from django.urls import reverse

        if not pack.file:
            return None
        return self.context["request"].build_absolute_uri(
            reverse("api:pack_file", kwargs={"pk": pack.pk})
        )


class FigureRowSerializer(serializers.Serializer):
    """One figure as the figures import takes it (README "Imports": the figures file's
    columns), plus the explanation an unusual value needs and the version it was read at."""

    code = serializers.CharField(max_length=50)
    period = serializers.CharField(max_length=40)
    value = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    numerator = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    denominator = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    commentary = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    corrective_action = serializers.CharField(
        required=False, allow_blank=True, trim_whitespace=False
    )
    explanation = serializers.CharField(required=False, allow_blank=True)
    version = serializers.IntegerField(required=False, min_value=0, max_value=2**31 - 1)

    def to_internal_value(self, data):
        # Numbers may come as JSON numbers or as text typed the way the pages take it.
        if isinstance(data, dict):
            data = {
                k: (str(v) if isinstance(v, int | float) and not isinstance(v, bool) else v)
                for k, v in data.items()
            }
        return super().to_internal_value(data)


class FiguresDeliverySerializer(serializers.Serializer):
    figures = FigureRowSerializer(many=True, allow_empty=False, max_length=5000)
    submit = serializers.BooleanField(
        default=True, help_text="Submit for verification (default), or save as drafts."
    )


class SavedFigureSerializer(serializers.Serializer):
    code = serializers.CharField()
    period = serializers.CharField()
    state = serializers.CharField()
    version = serializers.IntegerField()


class DeliveredSerializer(serializers.Serializer):
    saved = serializers.IntegerField()
    figures = SavedFigureSerializer(many=True)


class RowErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="The figure's place in the list, from 1.")
    message = serializers.CharField()


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    fields = serializers.DictField(
        child=serializers.JSONField(), required=False, help_text="Messages by parameter or field."
    )


class RefusedSerializer(ErrorSerializer):
    errors = RowErrorSerializer(many=True, required=False)
