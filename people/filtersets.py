import django_filters
from django.contrib.auth.models import User
from django.db.models import Q

from core.models import OrgUnit
from core.roles import Role


class PersonFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Name, username or e-mail", method="search")
    unit = django_filters.ModelChoiceFilter(
        field_name="profile__unit", queryset=OrgUnit.objects.all(), label="Unit"
    )
    role = django_filters.ChoiceFilter(
        field_name="groups__name", choices=[(role, role) for role in Role.ALL], label="Role"
    )
    active = django_filters.ChoiceFilter(
        choices=[("yes", "Active"), ("no", "Inactive")],
        label="Status",
        empty_label="Everyone",
        method="by_status",
    )

    class Meta:
        model = User
        fields = ["q", "unit", "role", "active"]

    def by_status(self, queryset, name, value):
        return queryset.filter(is_active=value == "yes")

    def search(self, queryset, name, value):
        words = value.split()
        for word in words:
            queryset = queryset.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(username__icontains=word)
                | Q(email__icontains=word)
            )
        return queryset
