"""What the OpenAPI schema says about the token sign-in (drf-spectacular extension)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token (your API tokens page): Bearer gt_...",
        }


# Where a list's rows lead (OpenAPI links): Schemathesis's stateful phase follows them to
# real identifiers, and readers of the schema see how the endpoints connect.
LINKS = (
    ("/api/v1/indicators/", "/api/v1/indicators/{id}/", "GetIndicator"),
    ("/api/v1/indicators/", "/api/v1/indicators/{id}/history/", "GetIndicatorHistory"),
    ("/api/v1/plans/", "/api/v1/plans/{id}/", "GetPlan"),
    ("/api/v1/packs/", "/api/v1/packs/{id}/file/", "GetPackFile"),
)


def add_links(result, generator, request, public):
    """drf-spectacular postprocessing hook: link each list's first row to its detail."""
    paths = result["paths"]
    for source, target, name in LINKS:
        if source not in paths or target not in paths:
            continue
        responses = paths[source]["get"]["responses"]["200"]
        responses.setdefault("links", {})[name] = {
            "operationId": paths[target]["get"]["operationId"],
            "parameters": {"id": "$response.body#/results/0/id"},
        }
    return result
