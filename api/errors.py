"""One shape for every refusal the API gives: {"detail": text, "fields": {name: [messages]}}."""

from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is not None and not (isinstance(response.data, dict) and "detail" in response.data):
        response.data = {"detail": "Some values were not accepted.", "fields": response.data}
    return response
