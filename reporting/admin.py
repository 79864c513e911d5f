from django.contrib import admin, messages

from reporting.ical import feed_token_reissue
from reporting.models import CalendarFeed


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    """Administrators revoke a person's calendar addresses (delete) or issue new ones."""

    list_display = ["user", "issued_at"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    fields = ["user", "issued_at"]  # the token itself is never shown here
    readonly_fields = ["user", "issued_at"]
    actions = ["reissue"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description="Issue new addresses (the old ones stop working)")
    def reissue(self, request, queryset) -> None:
        feeds = list(queryset.select_related("user"))
        for feed in feeds:
            feed_token_reissue(user=feed.user)
        self.message_user(
            request, f"Issued new calendar addresses to {len(feeds)} people.", messages.SUCCESS
        )
